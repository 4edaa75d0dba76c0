-- Children on a child in need plan at each month end whose plan started at
-- least 28 days before it (so a visit was due in the last 28 days), and
-- whether they were seen at a visit in the 28 days ending on the month end.
WITH plan_spans AS (
  -- The month ends at which each CIN plan counts: from 28 days after it
  -- started until it ended (end exclusive; 31 Dec 9999 while open). Only
  -- plans counting at some month end of the run are kept.
  SELECT
    c.cinp_person_id AS person_id,
    c.cinp_cin_plan_start_date + 28 AS from_date,
    coalesce(c.cinp_cin_plan_end_date, DATE '9999-12-31') AS to_date
  FROM ssd_cin_plans AS c
  WHERE c.cinp_cin_plan_start_date + 28 <= (SELECT max(period_end) FROM kp_periods)
    AND coalesce(c.cinp_cin_plan_end_date, DATE '9999-12-31')
        > (SELECT min(period_end) FROM kp_periods)
),
plan_stretches AS (
  -- A child may have two plans at once: each span is cut back to start where
  -- the child's spans that start before it (or the same day, taken in order
  -- of end) have all ended, so that the spans left never overlap.
  SELECT
    person_id,
    greatest(
      from_date,
      coalesce(
        max(to_date) OVER (
          PARTITION BY person_id ORDER BY from_date, to_date
          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
        ),
        from_date
      )
    ) AS from_date,
    to_date
  FROM plan_spans
),
on_plan AS (
  -- One row per child per month end: a CIN plan open at the month end that
  -- started on or before the month end minus 28 days.
  SELECT p.period_end, s.person_id
  FROM kp_periods AS p
  JOIN plan_stretches AS s
    ON s.from_date <= p.period_end
    AND s.to_date > p.period_end
),
seen AS (
  -- One row per child per month end with a visit at which the child was seen
  -- in the 28 days ending on the month end (after month end - 28, up to it).
  -- Only the visit's own month end can be that close (the next one is at
  -- least 28 days after it), so each visit is matched to its month's end.
  SELECT DISTINCT p.period_end, v.cinv_person_id AS person_id
  FROM ssd_cin_visits AS v
  JOIN kp_periods AS p
    ON p.period_end = last_day(v.cinv_cin_visit_date)
  WHERE v.cinv_cin_visit_seen = 'Y'
    AND v.cinv_cin_visit_date > p.period_end - 28
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
-- The team holding the child's case at the month end.
LEFT JOIN kp_team_at AS t
  ON t.period_end = o.period_end AND t.person_id = o.person_id
