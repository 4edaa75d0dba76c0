-- One row per contact received by children's services in each calendar
-- quarter (contacts have no team, so the figure is for the council only).
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
  c.cont_person_id AS person_id,
  1 AS numerator,
  NULL AS denominator
FROM window_days AS p
JOIN ssd_contacts AS c
  ON c.cont_contact_date = p.day
