-- The DfE's CP review timeliness (LAIT 19 "RevCP"), at every month end:
-- children on a plan for at least 3 months whose reviews were all held in
-- time. The timescales are worked out from the dates, not from recorded due
-- dates: the first review within 3 months of the plan's start (the initial
-- conference), each later one within 6 months of the review before. A review
-- that is overdue at the month end but not yet held also counts as out of
-- timescale.
--
-- Each plan's start and each of its reviews is an "event". Each event carries
-- a running count of reviews held late so far and the date the next review
-- falls due, valid from the event until the plan's next event (or the plan's
-- end); a month end picks up the plan's latest event on or before it.
WITH events AS (
  SELECT
    cp.cppl_cp_plan_id AS plan_id,
    cp.cppl_person_id AS person_id,
    cp.cppl_cp_plan_start_date AS plan_start,
    cp.cppl_cp_plan_end_date AS plan_end,
    cp.cppl_cp_plan_start_date AS event_date,
    0 AS is_review,
    NULL AS review_id
  FROM ssd_cp_plans AS cp
  UNION ALL
  SELECT
    cp.cppl_cp_plan_id,
    cp.cppl_person_id,
    cp.cppl_cp_plan_start_date,
    cp.cppl_cp_plan_end_date,
    r.cppr_cp_review_date,
    1,
    r.cppr_cp_review_id
  FROM ssd_cp_reviews AS r
  JOIN ssd_cp_plans AS cp
    ON cp.cppl_cp_plan_id = r.cppr_cp_plan_id
),
ordered AS (
  -- The date the next review falls due after each event: 3 months after the
  -- plan's start, 6 months after a review. Each event also sees the due date
  -- set by the event before it, and the date of the event after it.
  SELECT
    *,
    CAST(
      CASE WHEN is_review = 0 THEN event_date + INTERVAL 3 MONTH
           ELSE event_date + INTERVAL 6 MONTH END AS DATE
    ) AS next_due,
    lead(event_date) OVER w AS next_event_date
  FROM events
  WINDOW w AS (PARTITION BY plan_id ORDER BY event_date, is_review, review_id)
),
judged AS (
  -- A review is late when held after the due date set by the event before it.
  SELECT
    *,
    CASE WHEN is_review = 1
          AND event_date > lag(next_due) OVER (
                PARTITION BY plan_id ORDER BY event_date, is_review, review_id)
         THEN 1 ELSE 0 END AS late
  FROM ordered
),
running AS (
  SELECT
    person_id,
    plan_start,
    plan_end,
    event_date,
    next_event_date,
    next_due,
    sum(late) OVER (
      PARTITION BY plan_id ORDER BY event_date, is_review, review_id
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS late_so_far
  FROM judged
),
spans AS (
  -- The days each event's count holds for a month end: from the event (but
  -- not before the plan has run 3 months) until the plan's next event or its
  -- end (31 Dec 9999 while open). Only the spans holding a month end matter.
  SELECT
    person_id,
    greatest(event_date, CAST(plan_start + INTERVAL 3 MONTH AS DATE)) AS valid_from,
    coalesce(next_event_date, plan_end, DATE '9999-12-31') AS valid_to,
    late_so_far,
    next_due
  FROM running
  WHERE event_date IS NOT NULL
    AND plan_start IS NOT NULL
    AND last_day(greatest(event_date, CAST(plan_start + INTERVAL 3 MONTH AS DATE)))
        < coalesce(next_event_date, plan_end, DATE '9999-12-31')
),
at_month_end AS (
  -- Plans open at the month end that started at least 3 months before it,
  -- with their latest event on or before the month end.
  SELECT
    p.period_end,
    s.person_id,
    s.late_so_far,
    s.next_due
  FROM spans AS s
  JOIN kp_periods AS p
    ON s.valid_from <= p.period_end
   AND s.valid_to > p.period_end
)
SELECT
  m.period_end,
  m.person_id,
  ct.team_id,
  -- In timescale: no review held late so far, and the next one not overdue
  -- (a review due on the month end itself is not overdue yet).
  CASE WHEN m.late_so_far = 0 AND m.next_due >= m.period_end THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM at_month_end AS m
-- The team holding the child's case at the month end.
LEFT JOIN kp_team_at AS ct
  ON ct.period_end = m.period_end AND ct.person_id = m.person_id
