-- Child protection plans that ended in the window, flagged when the plan had
-- lasted 2 years or more (more than 729 days from start to end), with the
-- team holding the child's case on the plan's last day.
WITH window_days AS (
  -- Every day of every window being computed, with its month end: matching
  -- records to these by their date is much quicker than comparing each date
  -- with every window.
  SELECT
    p.period_end,
    CAST(unnest(generate_series(p.window_start, p.period_end, INTERVAL 1 DAY)) AS DATE) AS day
  FROM kp_periods AS p
),
ended AS (
  SELECT
    cp.cppl_person_id AS person_id,
    cp.cppl_cp_plan_end_date AS end_date,
    CASE WHEN cp.cppl_cp_plan_end_date - cp.cppl_cp_plan_start_date > 729 THEN 1 ELSE 0 END
      AS two_years_or_more,
    ct.team_id
  FROM ssd_cp_plans AS cp
  -- The end date is the day the plan stopped, so the last day on the plan is
  -- the day before: the team then (not a team the case moved to that day).
  LEFT JOIN kp_case_team AS ct
    ON ct.person_id = cp.cppl_person_id
   AND ct.start_date <= cp.cppl_cp_plan_end_date - 1
   AND (ct.end_date IS NULL OR ct.end_date > cp.cppl_cp_plan_end_date - 1)
  -- Only plans ending in some window being computed.
  WHERE cp.cppl_cp_plan_end_date BETWEEN (SELECT min(window_start) FROM kp_periods) AND (SELECT max(period_end) FROM kp_periods)
)
SELECT
  p.period_end,
  e.person_id,
  e.team_id,
  e.two_years_or_more AS numerator,
  1 AS denominator
FROM ended AS e
JOIN window_days AS p
  ON e.end_date = p.day
