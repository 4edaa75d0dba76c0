-- Statutory visits to children on child protection plans: a visit is in
-- timescale when it came within 10 working days of the previous visit on the
-- same plan (or of the plan's start, for the first visit). Each month end
-- counts every visit so far on every plan still open then (visits, not
-- children).
--
-- To avoid listing every visit again at every month end, each visit carries
-- running totals for its plan (visits so far, visits in timescale so far),
-- valid from the visit's date until the plan's next visit (or the plan's end):
-- a month end picks up the totals of the plan's latest visit on or before it.
WITH ended_early AS (
  -- Plans that ended on or before the first month end...
  SELECT cppl_cp_plan_id AS plan_id
  FROM ssd_cp_plans
  WHERE cppl_cp_plan_end_date <= (SELECT min(period_end) FROM kp_periods)
),
visited_late AS (
  -- ...and, of those, any with a visit recorded after it (a recording error,
  -- but it keeps the plan's totals current until then).
  SELECT DISTINCT e.plan_id
  FROM ended_early AS e
  JOIN ssd_cp_visits AS v
    ON v.cppv_cp_plan_id = e.plan_id
  WHERE v.cppv_cp_visit_date > (SELECT min(period_end) FROM kp_periods)
),
plans AS (
  -- The plans whose totals can count at a month end of the run: the others
  -- are left out before any visit is looked at.
  SELECT cp.*, row_number() OVER () AS plan_no
  FROM ssd_cp_plans AS cp
  WHERE coalesce(cp.cppl_cp_plan_end_date, DATE '9999-12-31')
        > (SELECT min(period_end) FROM kp_periods)
     OR cp.cppl_cp_plan_id IN (SELECT plan_id FROM visited_late)
),
visits AS (
  -- Each visit with the date of the one before it on the same plan.
  SELECT
    v.cppv_cp_visit_id AS visit_id,
    cp.plan_no AS plan_id,
    v.cppv_cp_visit_date AS visit_date,
    cp.cppl_person_id AS person_id,
    cp.cppl_cp_plan_end_date AS plan_end,
    coalesce(
      lag(v.cppv_cp_visit_date) OVER (
        PARTITION BY cp.plan_no ORDER BY v.cppv_cp_visit_date, v.cppv_cp_visit_id
      ),
      cp.cppl_cp_plan_start_date
    ) AS previous_date
  FROM ssd_cp_visits AS v
  JOIN plans AS cp
    ON cp.cppl_cp_plan_id = v.cppv_cp_plan_id
),
timed AS (
  -- In timescale: no more than 10 working days after the previous visit
  -- (working days counted after the earlier date, up to and including the visit).
  SELECT
    *,
    CASE WHEN working_days(previous_date, visit_date) <= 10 THEN 1 ELSE 0 END AS in_time
  FROM visits
),
running AS (
  -- Running totals per plan in visit order, and the day the next visit
  -- replaces them.
  SELECT
    person_id,
    visit_date,
    plan_end,
    sum(in_time) OVER w AS visits_in_time,
    count(*) OVER w AS visits_so_far,
    lead(visit_date) OVER (PARTITION BY plan_id ORDER BY visit_date, visit_id) AS next_visit_date
  FROM timed
  WINDOW w AS (
    PARTITION BY plan_id ORDER BY visit_date, visit_id
    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
  )
),
spans AS (
  -- The totals hold from the visit's date until the next visit; after the
  -- last visit, until the plan ends (so a month end after the plan ended
  -- finds nothing: only current plans count; an open end is written as
  -- 31 Dec 9999). Most visits are replaced by the next one before their
  -- month is out: only the spans that reach past a month end (the end of
  -- the visit's month) are kept.
  SELECT
    person_id,
    visit_date AS valid_from,
    coalesce(next_visit_date, plan_end, DATE '9999-12-31') AS valid_to,
    visits_in_time,
    visits_so_far
  FROM running
  WHERE last_day(visit_date) < coalesce(next_visit_date, plan_end, DATE '9999-12-31')
),
at_month_end AS (
  -- Each plan open at a month end with at least one visit by then: the
  -- totals of its latest visit on or before the month end.
  SELECT
    p.period_end,
    s.person_id,
    s.visits_in_time,
    s.visits_so_far
  FROM spans AS s
  JOIN kp_periods AS p
    ON s.valid_from <= p.period_end
   AND s.valid_to > p.period_end
)
SELECT
  m.period_end,
  m.person_id,
  ct.team_id,
  m.visits_in_time AS numerator,
  m.visits_so_far AS denominator
FROM at_month_end AS m
-- The team holding the child's case at the month end.
LEFT JOIN kp_team_at AS ct
  ON ct.period_end = m.period_end AND ct.person_id = m.person_id
