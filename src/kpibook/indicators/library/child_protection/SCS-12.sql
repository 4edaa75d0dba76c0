-- Child protection plans open at each month end that have had at least one
-- review conference by then; reviewed within timescale when every review so
-- far was held on or before the date it was due (as recorded on the review).
--
-- Each review carries a running count of late reviews on its plan, valid
-- from the review's date until the plan's next review (or the plan's end): a
-- month end picks up the count of the plan's latest review on or before it.
WITH reviews AS (
  SELECT
    r.cppr_cp_review_id AS review_id,
    r.cppr_cp_plan_id AS plan_id,
    r.cppr_cp_review_date AS review_date,
    cp.cppl_person_id AS person_id,
    cp.cppl_cp_plan_end_date AS plan_end,
    -- Late: held after its due date (a review with no due date recorded is
    -- not counted late).
    CASE WHEN r.cppr_cp_review_date > r.cppr_cp_review_due THEN 1 ELSE 0 END AS late
  FROM ssd_cp_reviews AS r
  JOIN ssd_cp_plans AS cp
    ON cp.cppl_cp_plan_id = r.cppr_cp_plan_id
),
running AS (
  -- Late reviews so far on the plan, and the date the next review replaces
  -- the count.
  SELECT
    person_id,
    review_date,
    plan_end,
    sum(late) OVER (
      PARTITION BY plan_id ORDER BY review_date, review_id
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS late_so_far,
    lead(review_date) OVER (PARTITION BY plan_id ORDER BY review_date, review_id)
      AS next_review_date
  FROM reviews
),
spans AS (
  -- The count holds from the review until the plan's next review, or after
  -- the last review until the plan ends (31 Dec 9999 while it is open).
  SELECT
    person_id,
    review_date AS valid_from,
    coalesce(next_review_date, plan_end, DATE '9999-12-31') AS valid_to,
    late_so_far
  FROM running
),
at_month_end AS (
  -- Each plan open at a month end with a review by then, with its count.
  SELECT
    p.period_end,
    s.person_id,
    s.late_so_far
  FROM spans AS s
  JOIN kp_periods AS p
    ON s.valid_from <= p.period_end
   AND s.valid_to > p.period_end
)
SELECT
  m.period_end,
  m.person_id,
  ct.team_id,
  CASE WHEN m.late_so_far = 0 THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM at_month_end AS m
-- The team holding the child's case at the month end.
LEFT JOIN kp_team_at AS ct
  ON ct.period_end = m.period_end AND ct.person_id = m.person_id
