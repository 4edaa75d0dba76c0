-- DfE health assessments: children looked after continuously for 12 months
-- at each month end whose health assessment is up to date.
WITH episodes AS (
  -- Every episode with the start of its period of care: the recorded date
  -- the child entered care, or the period's first episode where it is empty.
  SELECT
    clae_person_id,
    clae_cla_episode_start_date,
    clae_cla_episode_ceased_date,
    coalesce(
      clae_entered_care_date,
      min(clae_cla_episode_start_date) OVER (PARTITION BY clae_cla_id)
    ) AS entered_care
  FROM ssd_cla_episodes
),
months AS (
  -- Each month end with the first day of its 12 calendar months
  -- (March -> 1 April).
  SELECT
    p.period_end,
    CAST(date_trunc('month', p.period_end) - INTERVAL 11 MONTH AS DATE) AS year_start
  FROM kp_periods AS p
),
in_care AS (
  -- Children looked after at each month end whose period of care started on
  -- or before the first day of the 12 months, with their age.
  SELECT DISTINCT
    m.period_end,
    m.year_start,
    e.clae_person_id AS person_id,
    age_at(per.pers_dob, m.period_end) AS age
  FROM months AS m
  JOIN episodes AS e
    ON e.clae_cla_episode_start_date <= m.period_end
    AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > m.period_end)
  JOIN ssd_person AS per
    ON per.pers_person_id = e.clae_person_id
  WHERE e.entered_care <= m.year_start
),
short_breaks AS (
  -- Children on a series of short breaks (legal status V3 or V4) at the month end.
  SELECT DISTINCT
    m.period_end,
    l.lega_person_id AS person_id
  FROM months AS m
  JOIN ssd_legal_status AS l
    ON l.lega_legal_status IN ('V3', 'V4')
    AND l.lega_legal_status_start_date <= m.period_end
    AND (l.lega_legal_status_end_date IS NULL OR l.lega_legal_status_end_date > m.period_end)
),
assessments AS (
  -- Completed initial and review health assessments.
  SELECT
    h.clah_person_id AS person_id,
    h.clah_health_check_date AS check_date
  FROM ssd_cla_health AS h
  WHERE h.clah_health_check_type IN ('IHA', 'RHA')
    AND h.clah_health_check_status = 'COMPLETED'
),
latest AS (
  -- The latest completed assessment on or before each month end.
  SELECT
    c.period_end,
    c.year_start,
    c.person_id,
    c.age,
    a.check_date
  FROM in_care AS c
  ASOF LEFT JOIN assessments AS a
    ON a.person_id = c.person_id AND a.check_date <= c.period_end
)
SELECT
  l.period_end,
  l.person_id,
  t.team_id,
  CASE
    WHEN l.age < 5 AND l.check_date > l.period_end - 183 THEN 1
    WHEN l.age >= 5 AND l.check_date >= l.year_start THEN 1
    ELSE 0
  END AS numerator,
  1 AS denominator
FROM latest AS l
LEFT JOIN short_breaks AS s
  ON s.period_end = l.period_end AND s.person_id = l.person_id
LEFT JOIN kp_case_team AS t
  ON t.person_id = l.person_id
  AND t.start_date <= l.period_end
  AND (t.end_date IS NULL OR t.end_date > l.period_end)
WHERE s.person_id IS NULL
