-- Children in care at each month end, under 16 and in care for 2.5 years or
-- more: were they in the same placement for the last 2 years?
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
  -- The episode open at each month end (kp_in_care_at, one row per child,
  -- with the case-holding team then), with the child's age and placement.
  SELECT
    c.period_end,
    c.person_id,
    c.team_id,
    coalesce(c.entered_care_date, cs.first_start) AS entered_care,
    pl.clap_cla_placement_start_date AS placement_start,
    pl.clap_cla_placement_type AS placement_type,
    age_at(per.dob, c.period_end) AS age
  FROM kp_periods AS p
  JOIN kp_in_care_at AS c
    ON c.period_end = p.period_end
  LEFT JOIN care_starts AS cs
    ON cs.cla_id IS NOT DISTINCT FROM c.cla_id
  JOIN children AS per
    ON per.person_id = c.person_id
  LEFT JOIN ssd_cla_placement AS pl
    ON pl.clap_cla_placement_id = c.placement_id
)
SELECT
  c.period_end,
  c.person_id,
  c.team_id,
  CASE
    WHEN c.placement_start <= c.period_end - INTERVAL 2 YEAR THEN 1
    WHEN c.placement_type IN ('A3', 'A4', 'A5', 'A6') THEN 1
    ELSE 0
  END AS numerator,
  1 AS denominator
FROM in_care AS c
-- Under 16 at the month end, in care for the last 30 months.
WHERE c.age < 16
  AND c.entered_care <= c.period_end - INTERVAL 30 MONTH
