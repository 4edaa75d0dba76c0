-- Children in care at each month end with 3 or more placements in the 12
-- calendar months to the month end (Kent's count: every placement record).
WITH months AS (
  -- Each month end with the first day of its 12-month look-back
  -- (August 2016 -> 1 September 2015).
  SELECT
    p.period_end,
    CAST(date_trunc('month', p.period_end) - INTERVAL 11 MONTH AS DATE) AS year_start
  FROM kp_periods AS p
),
in_care AS (
  -- Children in care at each month end: an episode open at the end of the day.
  SELECT DISTINCT
    m.period_end,
    m.year_start,
    e.clae_person_id AS person_id
  FROM months AS m
  JOIN ssd_cla_episodes AS e
    ON e.clae_cla_episode_start_date <= m.period_end
    AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > m.period_end)
),
placements_in_year AS (
  -- Placement records open on some day of each month's 12-month look-back,
  -- counted per child.
  SELECT
    m.period_end,
    pl.clap_person_id AS person_id,
    count(*) AS placements
  FROM months AS m
  JOIN ssd_cla_placement AS pl
    ON pl.clap_cla_placement_start_date <= m.period_end
    AND (pl.clap_cla_placement_end_date IS NULL OR pl.clap_cla_placement_end_date >= m.year_start)
  GROUP BY m.period_end, pl.clap_person_id
)
SELECT
  c.period_end,
  c.person_id,
  t.team_id,
  CASE WHEN coalesce(n.placements, 0) >= 3 THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM in_care AS c
LEFT JOIN placements_in_year AS n
  ON n.period_end = c.period_end AND n.person_id = c.person_id
-- The team holding the child's case at the month end.
LEFT JOIN kp_case_team AS t
  ON t.person_id = c.person_id
  AND t.start_date <= c.period_end
  AND (t.end_date IS NULL OR t.end_date > c.period_end)
