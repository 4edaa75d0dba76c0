-- Children looked after at each quarter end (a care episode started on or
-- before it and not ceased by it), once each, placed in the district of their
-- home address at the quarter end (the latest-started if they have two; NULL
-- if unknown). Unaccompanied asylum-seeking children are counted here and left
-- out by the excluding-UASC cohort, which is the headline ("indigenous"
-- children in care).
WITH looked_after AS (
  -- Children in care at each quarter end (kp_in_care_at: one row per child).
  SELECT c.period_end, c.person_id
  FROM kp_periods AS p
  JOIN kp_in_care_at AS c
    ON c.period_end = p.period_end
)
SELECT
  l.period_end,
  l.person_id,
  CAST(NULL AS VARCHAR) AS team_id,
  arg_max(h.district_id, (h.start_date, h.district_id)) AS district_id,
  1 AS numerator,
  NULL AS denominator
FROM looked_after AS l
LEFT JOIN kp_home_district AS h
  ON h.person_id = l.person_id
  AND h.start_date <= l.period_end
  AND coalesce(h.end_date, DATE '9999-12-31') > l.period_end
GROUP BY l.period_end, l.person_id
