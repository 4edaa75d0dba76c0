-- Each referral, flagged when the same child had another referral in the
-- 365 days before it; then one row per referral received in each window.
WITH referrals AS (
  SELECT
    r.cine_person_id AS person_id,
    r.cine_referral_team AS team_id,
    r.cine_referral_date AS referral_date,
    coalesce(
      r.cine_referral_date - lag(r.cine_referral_date) OVER (
        PARTITION BY r.cine_person_id ORDER BY r.cine_referral_date, r.cine_referral_id
      ) <= 365,
      FALSE
    ) AS repeat_referral
  FROM ssd_cin_episodes AS r
)
SELECT
  p.period_end,
  f.person_id,
  f.team_id,
  CASE WHEN f.repeat_referral THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN referrals AS f
  ON f.referral_date BETWEEN p.window_start AND p.period_end
