-- One row per child in care at each month end.
WITH in_care AS (
  SELECT DISTINCT
    p.period_end,
    e.clae_person_id AS person_id
  FROM kp_periods AS p
  JOIN ssd_cla_episodes AS e
    ON e.clae_cla_episode_start_date <= p.period_end
    AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > p.period_end)
)
SELECT
  c.period_end,
  c.person_id,
  t.team_id,
  1 AS numerator,
  NULL AS denominator
FROM in_care AS c
-- The team holding the child's case at the month end.
LEFT JOIN kp_case_team AS t
  ON t.person_id = c.person_id
  AND t.start_date <= c.period_end
  AND (t.end_date IS NULL OR t.end_date > c.period_end)
