-- Child protection plans that started in the window, flagged when the same
-- child had any earlier plan (however long ago), with the team holding the
-- child's case on the day the plan started.
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
    cp.cppl_cp_plan_id AS plan_id,
    cp.cppl_person_id AS person_id,
    cp.cppl_cp_plan_start_date AS start_date,
    -- How many of the child's plans started before this one.
    count(*) OVER (
      PARTITION BY cp.cppl_person_id ORDER BY cp.cppl_cp_plan_start_date
      RANGE BETWEEN UNBOUNDED PRECEDING AND INTERVAL 1 DAY PRECEDING
    ) AS previous_plans
  FROM ssd_cp_plans AS cp
),
flagged AS (
  SELECT
    f.plan_id,
    f.person_id,
    f.start_date,
    CASE WHEN f.previous_plans > 0 THEN 1 ELSE 0 END AS repeat_plan,
    ct.team_id
  FROM plans AS f
  LEFT JOIN kp_case_team AS ct
    ON ct.person_id = f.person_id
   AND ct.start_date <= f.start_date
   AND (ct.end_date IS NULL OR ct.end_date > f.start_date)
)
SELECT
  p.period_end,
  f.person_id,
  f.team_id,
  f.repeat_plan AS numerator,
  1 AS denominator
FROM flagged AS f
JOIN window_days AS p
  ON f.start_date = p.day
