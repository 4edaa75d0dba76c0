-- Children in care aged 5-16 at each month end: was their personal education
-- plan completed or updated in the last 6 months?
WITH in_care AS (
  -- Children in care at each month end with their age.
  SELECT DISTINCT
    p.period_end,
    e.clae_person_id AS person_id,
    age_at(per.pers_dob, p.period_end) AS age
  FROM kp_periods AS p
  JOIN ssd_cla_episodes AS e
    ON e.clae_cla_episode_start_date <= p.period_end
    AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > p.period_end)
  JOIN ssd_person AS per
    ON per.pers_person_id = e.clae_person_id
),
peps AS (
  SELECT pep_person_id AS person_id, pep_date FROM local_pep
),
latest AS (
  -- The latest PEP on or before each month end.
  SELECT
    c.period_end,
    c.person_id,
    c.age,
    x.pep_date
  FROM in_care AS c
  ASOF LEFT JOIN peps AS x
    ON x.person_id = c.person_id AND x.pep_date <= c.period_end
)
SELECT
  l.period_end,
  l.person_id,
  t.team_id,
  CASE WHEN l.pep_date > l.period_end - INTERVAL 6 MONTH THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM latest AS l
LEFT JOIN kp_case_team AS t
  ON t.person_id = l.person_id
  AND t.start_date <= l.period_end
  AND (t.end_date IS NULL OR t.end_date > l.period_end)
WHERE l.age BETWEEN 5 AND 16
