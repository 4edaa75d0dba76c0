-- Each missing (or away) episode that began while the child was looked after
-- and that the child has come back from, with whether a return (returner)
-- interview was completed within 3 working days of the return (the return day
-- is day 0; weekends and England and Wales bank holidays do not count); then
-- one row per episode ending in each rolling 12-month window.
WITH window_days AS (
  -- Every day of every window being computed, with its month end: matching
  -- records to these by their date is much quicker than comparing each date
  -- with every window.
  SELECT
    p.period_end,
    CAST(unnest(generate_series(p.window_start, p.period_end, INTERVAL 1 DAY)) AS DATE) AS day
  FROM kp_periods AS p
),
interviews AS (
  -- The first completed interview after each episode.
  SELECT
    r.rhi_missing_id AS missing_id,
    min(r.rhi_completed_date) AS completed_date
  FROM local_return_interviews AS r
  WHERE r.rhi_completed_date IS NOT NULL
  GROUP BY r.rhi_missing_id
),
episodes AS (
  SELECT
    m.miss_table_id AS missing_id,
    m.miss_person_id AS person_id,
    m.miss_missing_episode_start_date AS missing_date,
    m.miss_missing_episode_end_date AS returned_date,
    coalesce(working_days(m.miss_missing_episode_end_date, i.completed_date) <= 3, FALSE)
      AS within_3_days
  FROM ssd_missing AS m
  LEFT JOIN interviews AS i
    ON i.missing_id = m.miss_table_id
  WHERE m.miss_missing_episode_end_date IS NOT NULL
),
looked_after AS (
  -- Keep the episodes that began while the child was looked after (a care
  -- episode open on the day they went missing).
  SELECT DISTINCT e.*
  FROM episodes AS e
  JOIN ssd_cla_episodes AS c
    ON c.clae_person_id = e.person_id
    AND c.clae_cla_episode_start_date <= e.missing_date
    AND (c.clae_cla_episode_ceased_date IS NULL OR c.clae_cla_episode_ceased_date > e.missing_date)
),
with_team AS (
  -- The team holding the child's case on the day they came back (NULL if none).
  SELECT e.*, t.team_id
  FROM looked_after AS e
  LEFT JOIN kp_case_team AS t
    ON t.person_id = e.person_id
    AND t.start_date <= e.returned_date
    AND (t.end_date IS NULL OR t.end_date > e.returned_date)
)
SELECT
  p.period_end,
  w.person_id,
  w.team_id,
  CASE WHEN w.within_3_days THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM window_days AS p
JOIN with_team AS w
  ON w.returned_date = p.day
