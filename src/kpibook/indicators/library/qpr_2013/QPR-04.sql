-- Children looked after at each quarter end (a care episode started on or
-- before it and not ceased by it), once each, placed in the district of their
-- home address at the quarter end (the latest-started if they have two; NULL
-- if unknown). Unaccompanied asylum-seeking children are counted here and left
-- out by the excluding-UASC cohort, which is the headline ("indigenous"
-- children in care).
WITH looked_after AS (
  SELECT DISTINCT p.period_end, e.clae_person_id AS person_id
  FROM kp_periods AS p
  JOIN ssd_cla_episodes AS e
    ON e.clae_cla_episode_start_date <= p.period_end
    AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > p.period_end)
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
  AND (h.end_date IS NULL OR h.end_date > l.period_end)
GROUP BY l.period_end, l.person_id
