-- Looked-after reviews held in each rolling 12 months: did the child take part?
WITH window_days AS MATERIALIZED (
  -- Every day of each month's window (kp_workdays holds every calendar
  -- day), worked out first: each review then joins its windows on its own
  -- day, an equality join.
  SELECT
    p.period_end,
    d.day
  FROM kp_periods AS p
  JOIN kp_workdays AS d
    ON d.day BETWEEN p.window_start AND p.period_end
),
reviews AS (
  -- Each review held (not cancelled) for a child aged 4 or over, with the
  -- team holding the child's case on the day.
  SELECT
    r.clar_cla_person_id AS person_id,
    r.clar_cla_review_date AS review_date,
    t.team_id,
    r.clar_cla_review_participation IN ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6') AS participated
  FROM ssd_cla_reviews AS r
  LEFT JOIN kp_case_team AS t
    ON t.person_id = r.clar_cla_person_id
    AND t.start_date <= r.clar_cla_review_date
    AND coalesce(t.end_date, DATE '9999-12-31') > r.clar_cla_review_date
  WHERE coalesce(r.clar_cla_review_cancelled, 'N') <> 'Y'
    -- Only reviews in the months being computed.
    AND r.clar_cla_review_date BETWEEN (SELECT min(k.window_start) FROM kp_periods AS k)
      AND (SELECT max(k.period_end) FROM kp_periods AS k)
    AND r.clar_cla_review_participation IS NOT NULL
    AND r.clar_cla_review_participation <> 'PN0'
)
SELECT
  p.period_end,
  r.person_id,
  r.team_id,
  CASE WHEN r.participated THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM window_days AS p
JOIN reviews AS r
  ON r.review_date = p.day
