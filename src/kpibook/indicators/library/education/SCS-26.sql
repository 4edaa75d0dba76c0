-- Children in care aged 5-16 at each month end: was their personal education
-- plan completed or updated in the last 6 months?
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
in_care AS (
  -- Children in care at each month end (kp_in_care_at, one row per child,
  -- with the team holding the child's case then) aged 5 to 16.
  SELECT
    c.period_end,
    c.person_id,
    c.team_id
  FROM kp_periods AS p
  JOIN kp_in_care_at AS c
    ON c.period_end = p.period_end
  JOIN children AS per
    ON per.person_id = c.person_id
  WHERE age_at(per.dob, c.period_end) BETWEEN 5 AND 16
),
peps AS (
  -- Every PEP with the child's next one after it (none: it is the latest).
  SELECT
    pep_person_id AS person_id,
    pep_date,
    lead(pep_date) OVER (PARTITION BY pep_person_id ORDER BY pep_date) AS next_date
  FROM local_pep
  WHERE pep_date IS NOT NULL
),
latest AS (
  -- The latest PEP on or before each month end.
  SELECT
    c.period_end,
    c.person_id,
    c.team_id,
    x.pep_date
  FROM in_care AS c
  -- The one on or before the month end with no later one by then.
  LEFT JOIN peps AS x
    ON x.person_id = c.person_id
    AND x.pep_date <= c.period_end
    AND coalesce(x.next_date, DATE '9999-12-31') > c.period_end
)
SELECT
  l.period_end,
  l.person_id,
  l.team_id,
  CASE WHEN l.pep_date > l.period_end - INTERVAL 6 MONTH THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM latest AS l
