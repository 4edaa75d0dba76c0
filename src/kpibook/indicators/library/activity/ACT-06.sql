-- One row per child protection plan ending in each calendar month, against the
-- team holding the child's case on the plan's last day (the day before its end
-- date; the start day for a plan that ended the day it began).
WITH window_days AS (
  -- Every day of every window being computed, with its month end: matching
  -- records to these by their date is much quicker than comparing each date
  -- with every window.
  SELECT
    p.period_end,
    CAST(unnest(generate_series(p.window_start, p.period_end, INTERVAL 1 DAY)) AS DATE) AS day
  FROM kp_periods AS p
),
plans AS (
  SELECT
    c.cppl_person_id AS person_id,
    c.cppl_cp_plan_end_date AS end_date,
    greatest(c.cppl_cp_plan_start_date, c.cppl_cp_plan_end_date - 1) AS last_day
  FROM ssd_cp_plans AS c
  WHERE c.cppl_cp_plan_end_date IS NOT NULL
)
SELECT
  p.period_end,
  f.person_id,
  t.team_id,
  1 AS numerator,
  NULL AS denominator
FROM window_days AS p
JOIN plans AS f
  ON f.end_date = p.day
LEFT JOIN kp_case_team AS t
  ON t.person_id = f.person_id
  AND t.start_date <= f.last_day
  AND (t.end_date IS NULL OR t.end_date > f.last_day)
