-- Children on a child protection plan at each month end (started on or before
-- it, not ended by it), once each, against the team holding their case then.
WITH on_plan AS (
  SELECT DISTINCT p.period_end, c.cppl_person_id AS person_id
  FROM kp_periods AS p
  JOIN ssd_cp_plans AS c
    ON c.cppl_cp_plan_start_date <= p.period_end
    AND (c.cppl_cp_plan_end_date IS NULL OR c.cppl_cp_plan_end_date > p.period_end)
)
SELECT
  o.period_end,
  o.person_id,
  t.team_id,
  1 AS numerator,
  NULL AS denominator
FROM on_plan AS o
LEFT JOIN kp_case_team AS t
  ON t.person_id = o.person_id
  AND t.start_date <= o.period_end
  AND (t.end_date IS NULL OR t.end_date > o.period_end)
