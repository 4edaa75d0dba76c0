-- One row per referral received in each calendar quarter.
SELECT
  p.period_end,
  r.cine_person_id AS person_id,
  r.cine_referral_team AS team_id,
  1 AS numerator,
  NULL AS denominator
FROM kp_periods AS p
JOIN ssd_cin_episodes AS r
  ON r.cine_referral_date BETWEEN p.window_start AND p.period_end
