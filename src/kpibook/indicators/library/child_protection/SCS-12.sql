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
at_month_end AS (
  -- Each plan open at a month end with a review by then, with its count.
  SELECT
    p.period_end,
    r.person_id,
    r.late_so_far
  FROM running AS r
  JOIN kp_periods AS p
    ON r.review_date <= p.period_end
   AND (coalesce(r.next_review_date, r.plan_end) IS NULL
        OR coalesce(r.next_review_date, r.plan_end) > p.period_end)
)
SELECT
  m.period_end,
  m.person_id,
  ct.team_id,
  CASE WHEN m.late_so_far = 0 THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM at_month_end AS m
LEFT JOIN kp_case_team AS ct
  ON ct.person_id = m.person_id
 AND ct.start_date <= m.period_end
 AND (ct.end_date IS NULL OR ct.end_date > m.period_end)
