-- Each referral, flagged when the same child had another referral in the
-- 365 days before it; then one row per referral received in each window.
WITH window_days AS (
  -- Every day of every window being computed, with its month end: matching
  -- records to these by their date is much quicker than comparing each date
  -- with every window.
  SELECT
    p.period_end,
    CAST(unnest(generate_series(p.window_start, p.period_end, INTERVAL 1 DAY)) AS DATE) AS day
  FROM kp_periods AS p
),
recent AS (
  -- Only referrals from 365 days before the first window being computed: an
  -- earlier one cannot be the previous referral within 365 days of one in a
  -- window.
  SELECT r.cine_person_id, r.cine_referral_team, r.cine_referral_date, r.cine_referral_id
  FROM ssd_cin_episodes AS r
  WHERE r.cine_referral_date >= (SELECT min(window_start) FROM kp_periods) - 365
),
referrals AS (
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
  FROM recent AS r
)
SELECT
  p.period_end,
  f.person_id,
  f.team_id,
  CASE WHEN f.repeat_referral THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM window_days AS p
JOIN referrals AS f
  ON f.referral_date = p.day
