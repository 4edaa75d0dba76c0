-- One row per child protection plan starting in each calendar month, against
-- the team holding the child's case on the day it started.
SELECT
  p.period_end,
  c.cppl_person_id AS person_id,
  t.team_id,
  1 AS numerator,
  NULL AS denominator
FROM kp_periods AS p
JOIN ssd_cp_plans AS c
  ON c.cppl_cp_plan_start_date BETWEEN p.window_start AND p.period_end
LEFT JOIN kp_case_team AS t
  ON t.person_id = c.cppl_person_id
  AND t.start_date <= c.cppl_cp_plan_start_date
  AND (t.end_date IS NULL OR t.end_date > c.cppl_cp_plan_start_date)
