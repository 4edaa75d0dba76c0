-- Children looked after at each month end (a care episode started on or before
-- it and not ceased by it), once each, against the team holding their case.
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
  t.team_id,
  1 AS numerator,
  NULL AS denominator
FROM looked_after AS l
LEFT JOIN kp_case_team AS t
  ON t.person_id = l.person_id
  AND t.start_date <= l.period_end
  AND (t.end_date IS NULL OR t.end_date > l.period_end)
