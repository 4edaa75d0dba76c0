-- Children in care aged 16-18 for 12 months or more at each month end: is
-- their latest recorded activity NEET (not in education, employment or
-- training)?
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
  -- Children in care at each month end (kp_in_care_at: the episode open then,
  -- one row per child, with the team holding the child's case), aged 16-18
  -- and in care for 12 months or more, with the start of the period of care.
  SELECT
    c.period_end,
    c.person_id,
    c.team_id,
    coalesce(c.entered_care_date, cs.first_start) AS entered_care
  FROM kp_periods AS p
  JOIN kp_in_care_at AS c
    ON c.period_end = p.period_end
  LEFT JOIN care_starts AS cs
    ON cs.cla_id IS NOT DISTINCT FROM c.cla_id
  JOIN children AS per
    ON per.person_id = c.person_id
  WHERE age_at(per.dob, c.period_end) BETWEEN 16 AND 18
    AND coalesce(c.entered_care_date, cs.first_start) <= c.period_end - INTERVAL 12 MONTH
),
activity AS (
  -- Every recorded position with an activity (children in care only).
  SELECT
    clea_person_id AS person_id,
    clea_care_leaver_latest_contact AS recorded,
    clea_care_leaver_activity AS activity
  FROM ssd_care_leavers
  WHERE clea_care_leaver_latest_contact IS NOT NULL
    AND clea_person_id IN (SELECT person_id FROM children)
),
latest AS (
  -- The latest position on or before each month end.
  SELECT
    c.period_end,
    c.person_id,
    c.team_id,
    c.entered_care,
    a.recorded,
    a.activity
  FROM in_care AS c
  ASOF LEFT JOIN activity AS a
    ON a.person_id = c.person_id AND a.recorded <= c.period_end
)
SELECT
  l.period_end,
  l.person_id,
  l.team_id,
  CASE
    WHEN l.recorded >= l.entered_care AND l.activity IN ('G4', 'G5', 'G6') THEN 1
    ELSE 0
  END AS numerator,
  1 AS denominator
FROM latest AS l
