-- Children looked after on the day they went missing, one row per child per
-- month in which at least one of their missing (or away) episodes began,
-- counted against the team holding their case when the first of those began.
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
  -- Missing episodes that began while the child was looked after (a care
  -- episode open on the day they went missing).
  SELECT DISTINCT
    m.miss_table_id AS missing_id,
    m.miss_person_id AS person_id,
    m.miss_missing_episode_start_date AS missing_date
  FROM ssd_missing AS m
  JOIN ssd_cla_episodes AS c
    ON c.clae_person_id = m.miss_person_id
    AND c.clae_cla_episode_start_date <= m.miss_missing_episode_start_date
    AND (c.clae_cla_episode_ceased_date IS NULL
      OR c.clae_cla_episode_ceased_date > m.miss_missing_episode_start_date)
),
children AS (
  -- One row per child per month: the first day they went missing in it.
  SELECT
    p.period_end,
    e.person_id,
    min(e.missing_date) AS first_missing_date
  FROM window_days AS p
  JOIN looked_after_episodes AS e
    ON e.missing_date = p.day
  GROUP BY p.period_end, e.person_id
)
SELECT
  c.period_end,
  c.person_id,
  t.team_id,
  1 AS numerator,
  NULL AS denominator
FROM children AS c
LEFT JOIN kp_case_team AS t
  ON t.person_id = c.person_id
  AND t.start_date <= c.first_missing_date
  AND (t.end_date IS NULL OR t.end_date > c.first_missing_date)
