-- Children in care aged 16-18 for 12 months or more at each month end: is
-- their latest recorded activity NEET (not in education, employment or
-- training)?
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
in_care AS (
  -- Children in care at each month end with their age and the start of the
  -- period of care.
  SELECT DISTINCT
    p.period_end,
    e.clae_person_id AS person_id,
    e.entered_care,
    age_at(per.pers_dob, p.period_end) AS age
  FROM kp_periods AS p
  JOIN episodes AS e
    ON e.clae_cla_episode_start_date <= p.period_end
    AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > p.period_end)
  JOIN ssd_person AS per
    ON per.pers_person_id = e.clae_person_id
),
activity AS (
  -- Every recorded position with an activity.
  SELECT
    clea_person_id AS person_id,
    clea_care_leaver_latest_contact AS recorded,
    clea_care_leaver_activity AS activity
  FROM ssd_care_leavers
  WHERE clea_care_leaver_latest_contact IS NOT NULL
),
latest AS (
  -- The latest position on or before each month end.
  SELECT
    c.period_end,
    c.person_id,
    c.entered_care,
    c.age,
    a.recorded,
    a.activity
  FROM in_care AS c
  ASOF LEFT JOIN activity AS a
    ON a.person_id = c.person_id AND a.recorded <= c.period_end
)
SELECT
  l.period_end,
  l.person_id,
  t.team_id,
  CASE
    WHEN l.recorded >= l.entered_care AND l.activity IN ('G4', 'G5', 'G6') THEN 1
    ELSE 0
  END AS numerator,
  1 AS denominator
FROM latest AS l
LEFT JOIN kp_case_team AS t
  ON t.person_id = l.person_id
  AND t.start_date <= l.period_end
  AND (t.end_date IS NULL OR t.end_date > l.period_end)
-- Aged 16-18, in care for 12 months or more.
WHERE l.age BETWEEN 16 AND 18
  AND l.entered_care <= l.period_end - INTERVAL 12 MONTH
