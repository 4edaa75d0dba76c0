-- One row per referral received in the month.
WITH window_days AS (
  -- Every day of every window being computed, with its month end: matching
  -- records to these by their date is much quicker than comparing each date
  -- with every window.
  SELECT
    p.period_end,
    CAST(unnest(generate_series(p.window_start, p.period_end, INTERVAL 1 DAY)) AS DATE) AS day
  FROM kp_periods AS p
)
SELECT
  p.period_end,
  r.cine_person_id AS person_id,
  r.cine_referral_team AS team_id,
  1 AS numerator,
  NULL AS denominator
FROM window_days AS p
JOIN ssd_cin_episodes AS r
  ON r.cine_referral_date = p.day
