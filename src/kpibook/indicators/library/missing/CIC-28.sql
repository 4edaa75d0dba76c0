-- Missing (or away) episodes of children looked after on the day they went
-- missing, beginning in each calendar month, that lasted longer than 48 hours.
-- The SSD holds dates, not times, so "longer than 48 hours" is read as coming
-- back more than 2 days after going missing (end date - start date > 2). An
-- episode with no end date (the child is still missing) counts as longer.
WITH window_days AS (
  -- Every day of every window being computed, with its month end: matching
  -- records to these by their date is much quicker than comparing each date
  -- with every window.
  SELECT
    p.period_end,
    CAST(unnest(generate_series(p.window_start, p.period_end, INTERVAL 1 DAY)) AS DATE) AS day
  FROM kp_periods AS p
),
looked_after_episodes AS (
  SELECT DISTINCT
    m.miss_table_id AS missing_id,
    m.miss_person_id AS person_id,
    m.miss_missing_episode_start_date AS missing_date,
    m.miss_missing_episode_end_date AS returned_date
  FROM ssd_missing AS m
  JOIN ssd_cla_episodes AS c
    ON c.clae_person_id = m.miss_person_id
    AND c.clae_cla_episode_start_date <= m.miss_missing_episode_start_date
    AND (c.clae_cla_episode_ceased_date IS NULL
      OR c.clae_cla_episode_ceased_date > m.miss_missing_episode_start_date)
),
long_episodes AS (
  -- Each long episode with the team holding the child's case when it began.
  SELECT e.person_id, e.missing_date, t.team_id
  FROM looked_after_episodes AS e
  LEFT JOIN kp_case_team AS t
    ON t.person_id = e.person_id
    AND t.start_date <= e.missing_date
    AND (t.end_date IS NULL OR t.end_date > e.missing_date)
  WHERE e.returned_date IS NULL OR e.returned_date - e.missing_date > 2
)
SELECT
  p.period_end,
  l.person_id,
  l.team_id,
  1 AS numerator,
  NULL AS denominator
FROM window_days AS p
JOIN long_episodes AS l
  ON l.missing_date = p.day
