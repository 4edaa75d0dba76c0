-- DfE health assessments: children looked after continuously for 12 months
-- at each month end whose health assessment is up to date.
WITH children AS MATERIALIZED (
  -- The date of birth of every child in care at one of the month ends (the
  -- person table holds every child known to the council: this keeps the
  -- join below small).
  SELECT
    pers_person_id AS person_id,
    pers_dob AS dob
  FROM ssd_person
  WHERE pers_person_id IN (SELECT person_id FROM kp_in_care_at)
),
care_starts AS (
  -- The start of a period of care is the recorded date the child entered
  -- care, or where that is empty the start of the period's first episode:
  -- worked out here for the periods of care with an empty entry date.
  SELECT
    clae_cla_id AS cla_id,
    min(clae_cla_episode_start_date) AS first_start
  FROM ssd_cla_episodes
  GROUP BY clae_cla_id
  HAVING count(clae_entered_care_date) < count(*)
),
in_care AS (
  -- Children looked after at each month end (kp_in_care_at: the episode open
  -- then, one row per child, with the team holding the child's case) whose
  -- period of care started on or before the first day of the 12 calendar
  -- months to the month end (March -> 1 April), with their age.
  SELECT
    c.period_end,
    CAST(date_trunc('month', c.period_end) - INTERVAL 11 MONTH AS DATE) AS year_start,
    c.person_id,
    age_at(per.dob, c.period_end) AS age,
    c.team_id
  FROM kp_periods AS p
  JOIN kp_in_care_at AS c
    ON c.period_end = p.period_end
  LEFT JOIN care_starts AS cs
    ON cs.cla_id IS NOT DISTINCT FROM c.cla_id
  JOIN children AS per
    ON per.person_id = c.person_id
  WHERE coalesce(c.entered_care_date, cs.first_start)
    <= CAST(date_trunc('month', c.period_end) - INTERVAL 11 MONTH AS DATE)
),
short_breaks AS (
  -- Children on a series of short breaks (legal status V3 or V4) at the month end.
  SELECT DISTINCT
    c.period_end,
    c.person_id
  FROM in_care AS c
  JOIN ssd_legal_status AS l
    ON l.lega_person_id = c.person_id
    AND l.lega_legal_status IN ('V3', 'V4')
    AND l.lega_legal_status_start_date <= c.period_end
    AND coalesce(l.lega_legal_status_end_date, DATE '9999-12-31') > c.period_end
),
assessments AS (
  -- Completed initial and review health assessments.
  SELECT
    h.clah_person_id AS person_id,
    h.clah_health_check_date AS check_date,
    -- The child's next one after it (none: it is still the latest).
    lead(h.clah_health_check_date) OVER (
      PARTITION BY h.clah_person_id ORDER BY h.clah_health_check_date
    ) AS next_date
  FROM ssd_cla_health AS h
  WHERE h.clah_health_check_type IN ('IHA', 'RHA')
    AND h.clah_health_check_status = 'COMPLETED'
    AND h.clah_health_check_date IS NOT NULL
),
latest AS (
  -- The latest completed assessment on or before each month end.
  SELECT
    c.period_end,
    c.year_start,
    c.person_id,
    c.team_id,
    c.age,
    a.check_date
  FROM in_care AS c
  -- The one on or before the month end with no later one by then.
  LEFT JOIN assessments AS a
    ON a.person_id = c.person_id
    AND a.check_date <= c.period_end
    AND coalesce(a.next_date, DATE '9999-12-31') > c.period_end
)
SELECT
  l.period_end,
  l.person_id,
  l.team_id,
  CASE
    WHEN l.age < 5 AND l.check_date > l.period_end - 183 THEN 1
    WHEN l.age >= 5 AND l.check_date >= l.year_start THEN 1
    ELSE 0
  END AS numerator,
  1 AS denominator
FROM latest AS l
LEFT JOIN short_breaks AS s
  ON s.period_end = l.period_end AND s.person_id = l.person_id
WHERE s.person_id IS NULL
