-- Children on a child protection plan at each quarter end (started on or before
-- it, not ended by it), once each, placed in the district of their home address
-- at the quarter end (the latest-started if they have two; NULL if unknown).
WITH on_plan AS (
  -- Children on a plan at each quarter end (kp_cp_at), once each.
  SELECT DISTINCT c.period_end, c.person_id
  FROM kp_periods AS p
  JOIN kp_cp_at AS c
    ON c.period_end = p.period_end
)
SELECT
  l.period_end,
  l.person_id,
  CAST(NULL AS VARCHAR) AS team_id,
  arg_max(h.district_id, (h.start_date, h.district_id)) AS district_id,
  1 AS numerator,
  NULL AS denominator
FROM on_plan AS l
LEFT JOIN kp_home_district AS h
  ON h.person_id = l.person_id
  AND h.start_date <= l.period_end
  AND coalesce(h.end_date, DATE '9999-12-31') > l.period_end
GROUP BY l.period_end, l.person_id
