-- Children on a child in need plan at each month end whose plan started at
-- least 28 days before it (so a visit was due in the last 28 days), and
-- whether they were seen at a visit in the 28 days ending on the month end.
WITH on_plan AS (
  -- One row per child per month end: a CIN plan open at the month end that
  -- started on or before the month end minus 28 days.
  SELECT DISTINCT p.period_end, c.cinp_person_id AS person_id
  FROM kp_periods AS p
  JOIN ssd_cin_plans AS c
    ON c.cinp_cin_plan_start_date <= p.period_end - 28
    AND (c.cinp_cin_plan_end_date IS NULL OR c.cinp_cin_plan_end_date > p.period_end)
),
seen AS (
  -- One row per child per month end with a visit at which the child was seen
  -- in the 28 days ending on the month end (after month end - 28, up to it).
  SELECT DISTINCT p.period_end, v.cinv_person_id AS person_id
  FROM kp_periods AS p
  JOIN ssd_cin_visits AS v
    ON v.cinv_cin_visit_date > p.period_end - 28
    AND v.cinv_cin_visit_date <= p.period_end
  WHERE v.cinv_cin_visit_seen = 'Y'
)
SELECT
  o.period_end,
  o.person_id,
  t.team_id,
  CASE WHEN s.person_id IS NOT NULL THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM on_plan AS o
LEFT JOIN seen AS s
  ON s.period_end = o.period_end AND s.person_id = o.person_id
LEFT JOIN kp_case_team AS t
  ON t.person_id = o.person_id
  AND t.start_date <= o.period_end
  AND (t.end_date IS NULL OR t.end_date > o.period_end)
