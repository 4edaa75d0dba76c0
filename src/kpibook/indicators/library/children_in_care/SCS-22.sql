-- Children in care at each month end: was their latest review in this period
-- of care held on time, and is the next one not yet overdue?
WITH periods_of_care AS (
  -- Each period of care with the day it started and the working-day count
  -- of that day (for the 20-working-day first review).
  SELECT
    s.cla_id,
    s.entered_care,
    w.n AS entered_n
  FROM (
    SELECT
      e.clae_cla_id AS cla_id,
      coalesce(min(e.clae_entered_care_date), min(e.clae_cla_episode_start_date)) AS entered_care
    FROM ssd_cla_episodes AS e
    GROUP BY e.clae_cla_id
  ) AS s
  LEFT JOIN kp_workdays AS w
    ON w.day = s.entered_care
),
reviews AS (
  -- Every review held (not cancelled) in each period of care: whether it was
  -- held by its due date, and which review it was (1 = the first).
  SELECT
    r.clar_cla_id AS cla_id,
    r.clar_cla_review_date AS review_date,
    coalesce(r.clar_cla_review_date <= r.clar_cla_review_due_date, TRUE) AS on_time,
    row_number() OVER w AS review_no,
    -- The next review held in the period of care (none: the latest so far).
    lead(r.clar_cla_review_date) OVER w AS next_review_date
  FROM ssd_cla_reviews AS r
  WHERE coalesce(r.clar_cla_review_cancelled, 'N') <> 'Y'
    AND r.clar_cla_review_date IS NOT NULL
  WINDOW w AS (PARTITION BY r.clar_cla_id ORDER BY r.clar_cla_review_date, r.clar_cla_review_id)
),
in_care AS (
  -- Children in care at each month end (kp_in_care_at: the episode open then,
  -- one row per child), with their period of care and the team holding
  -- their case then.
  SELECT
    c.period_end,
    c.person_id,
    c.cla_id,
    c.team_id
  FROM kp_periods AS p
  JOIN kp_in_care_at AS c
    ON c.period_end = p.period_end
),
latest AS (
  -- The latest review on or before each month end: the one held by then
  -- with no later one by then.
  SELECT
    c.period_end,
    c.person_id,
    c.cla_id,
    c.team_id,
    r.review_date,
    r.on_time,
    r.review_no
  FROM in_care AS c
  LEFT JOIN reviews AS r
    ON r.cla_id = c.cla_id
    AND r.review_date <= c.period_end
    AND coalesce(r.next_review_date, DATE '9999-12-31') > c.period_end
),
due AS (
  -- A review was due: one has been held in this period of care by the month
  -- end...
  SELECT * FROM latest WHERE review_date IS NOT NULL
  UNION ALL
  -- ...or none has, and the child has been in care for more than 20 working
  -- days (the working-day counts of the month end and of the day care began).
  SELECT l.*
  FROM latest AS l
  JOIN periods_of_care AS pc
    ON pc.cla_id = l.cla_id
  JOIN kp_workdays AS w
    ON w.day = l.period_end
  WHERE l.review_date IS NULL
    AND w.n - pc.entered_n > 20
)
SELECT
  l.period_end,
  l.person_id,
  l.team_id,
  CASE
    WHEN l.review_date IS NULL THEN 0
    -- The latest review was late.
    WHEN NOT l.on_time THEN 0
    -- The next review is not yet overdue.
    WHEN l.review_no = 1 AND l.review_date + INTERVAL 3 MONTH >= l.period_end THEN 1
    WHEN l.review_no > 1 AND l.review_date + INTERVAL 6 MONTH >= l.period_end THEN 1
    ELSE 0
  END AS numerator,
  1 AS denominator
FROM due AS l
