-- Child protection plans open at each month end, flagged when the plan had
-- been running for 18 months or more by then, with the team holding the
-- child's case on the month-end day.
WITH plans AS (
  -- One row per plan: who, and the days it covers (end date = first day off
  -- the plan; empty while it is still open).
  SELECT
    cp.cppl_cp_plan_id AS plan_id,
    cp.cppl_person_id AS person_id,
    cp.cppl_cp_plan_start_date AS start_date,
    cp.cppl_cp_plan_end_date AS end_date
  FROM ssd_cp_plans AS cp
),
open_plans AS (
  -- Every plan open at every month end (a snapshot).
  SELECT
    p.period_end,
    f.person_id,
    f.start_date
  FROM plans AS f
  JOIN kp_periods AS p
    ON f.start_date <= p.period_end
   AND (f.end_date IS NULL OR f.end_date > p.period_end)
)
SELECT
  o.period_end,
  o.person_id,
  ct.team_id,
  -- 18 calendar months or more: started on or before the same day 18 months
  -- earlier (31 Aug 2016 -> on or before 28 Feb 2015).
  CASE WHEN o.start_date <= o.period_end - INTERVAL 18 MONTH THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM open_plans AS o
LEFT JOIN kp_case_team AS ct
  ON ct.person_id = o.person_id
 AND ct.start_date <= o.period_end
 AND (ct.end_date IS NULL OR ct.end_date > o.period_end)
