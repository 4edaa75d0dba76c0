-- Children in care at each month end, under 16 and in care for 2.5 years or
-- more: were they in the same placement for the last 2 years?
WITH episodes AS (
  -- Every episode with the start of its period of care (the recorded entry
  -- date, or the period's first episode when it is missing).
  SELECT
    e.clae_person_id AS person_id,
    e.clae_cla_placement_id AS placement_id,
    e.clae_cla_episode_start_date AS start_date,
    e.clae_cla_episode_ceased_date AS end_date,
    coalesce(
      e.clae_entered_care_date,
      min(e.clae_cla_episode_start_date) OVER (PARTITION BY e.clae_cla_id)
    ) AS entered_care
  FROM ssd_cla_episodes AS e
),
in_care AS (
  -- The episode open at each month end, with the child's age and placement.
  SELECT
    p.period_end,
    e.person_id,
    e.entered_care,
    pl.clap_cla_placement_start_date AS placement_start,
    pl.clap_cla_placement_type AS placement_type,
    age_at(per.pers_dob, p.period_end) AS age
  FROM kp_periods AS p
  JOIN episodes AS e
    ON e.start_date <= p.period_end
    AND (e.end_date IS NULL OR e.end_date > p.period_end)
  JOIN ssd_person AS per
    ON per.pers_person_id = e.person_id
  LEFT JOIN ssd_cla_placement AS pl
    ON pl.clap_cla_placement_id = e.placement_id
)
SELECT
  c.period_end,
  c.person_id,
  t.team_id,
  CASE
    WHEN c.placement_start <= c.period_end - INTERVAL 2 YEAR THEN 1
    WHEN c.placement_type IN ('A3', 'A4', 'A5', 'A6') THEN 1
    ELSE 0
  END AS numerator,
  1 AS denominator
FROM in_care AS c
LEFT JOIN kp_case_team AS t
  ON t.person_id = c.person_id
  AND t.start_date <= c.period_end
  AND (t.end_date IS NULL OR t.end_date > c.period_end)
-- Under 16 at the month end, in care for the last 30 months.
WHERE c.age < 16
  AND c.entered_care <= c.period_end - INTERVAL 30 MONTH
