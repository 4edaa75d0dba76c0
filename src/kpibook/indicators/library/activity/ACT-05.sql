-- One row per child protection plan starting in each calendar month, against
-- the team holding the child's case on the day it started.
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
  c.cppl_person_id AS person_id,
  t.team_id,
  1 AS numerator,
  NULL AS denominator
FROM window_days AS p
JOIN ssd_cp_plans AS c
  ON c.cppl_cp_plan_start_date = p.day
LEFT JOIN kp_case_team AS t
  ON t.person_id = c.cppl_person_id
  AND t.start_date <= c.cppl_cp_plan_start_date
  AND (t.end_date IS NULL OR t.end_date > c.cppl_cp_plan_start_date)
