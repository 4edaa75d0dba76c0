-- Children in care 3 months or more at each month end: is their health
-- assessment up to date (within 6 months under 5, within 12 months from 5)?
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
  -- The episode open at each month end, with the start of the period of care
  -- and the child's date of birth.
  SELECT
    p.period_end,
    e.clae_person_id AS person_id,
    e.entered_care,
    per.pers_dob AS dob
  FROM kp_periods AS p
  JOIN episodes AS e
    ON e.clae_cla_episode_start_date <= p.period_end
    AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > p.period_end)
  JOIN ssd_person AS per
    ON per.pers_person_id = e.clae_person_id
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
    c.person_id,
    c.entered_care,
    c.dob,
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
    WHEN l.check_date < l.entered_care THEN 0
    WHEN age_at(l.dob, l.period_end) < 5 AND l.check_date > l.period_end - 183 THEN 1
    WHEN age_at(l.dob, l.period_end) >= 5 AND l.check_date > l.period_end - 365 THEN 1
    ELSE 0
  END AS numerator,
  1 AS denominator
FROM latest AS l
LEFT JOIN kp_case_team AS t
  ON t.person_id = l.person_id
  AND t.start_date <= l.period_end
  AND (t.end_date IS NULL OR t.end_date > l.period_end)
-- In care for 3 months (91 days) or more.
WHERE l.entered_care <= l.period_end - 91
