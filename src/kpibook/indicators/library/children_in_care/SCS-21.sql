-- Looked-after reviews held in each rolling 12 months: did the child take part?
WITH reviews AS (
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
    AND r.clar_cla_review_participation IS NOT NULL
    AND r.clar_cla_review_participation <> 'PN0'
)
SELECT
  p.period_end,
  r.person_id,
  r.team_id,
  CASE WHEN r.participated THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM kp_periods AS p
-- Every day of each window (kp_workdays holds every calendar day): the
-- review joins its windows on its own day, an equality join.
JOIN kp_workdays AS d
  ON d.day BETWEEN p.window_start AND p.period_end
JOIN reviews AS r
  ON r.review_date = d.day
