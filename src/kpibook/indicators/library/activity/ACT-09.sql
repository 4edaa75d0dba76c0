-- One row per period of care starting in each calendar month (an episode with
-- reason for new episode S, started to be looked after), against the team
-- holding the child's case on the day care began.
WITH window_days AS (
  -- Every day of every window being computed, with its month end: matching
  -- records to these by their date is much quicker than comparing each date
  -- with every window.
  SELECT
    p.period_end,
    CAST(unnest(generate_series(p.window_start, p.period_end, INTERVAL 1 DAY)) AS DATE) AS day
  FROM kp_periods AS p
)
SELECT
  p.period_end,
  e.clae_person_id AS person_id,
  t.team_id,
  1 AS numerator,
  NULL AS denominator
FROM window_days AS p
JOIN ssd_cla_episodes AS e
  ON e.clae_cla_episode_start_date = p.day
LEFT JOIN kp_case_team AS t
  ON t.person_id = e.clae_person_id
  AND t.start_date <= e.clae_cla_episode_start_date
  AND (t.end_date IS NULL OR t.end_date > e.clae_cla_episode_start_date)
WHERE e.clae_cla_episode_start_reason = 'S'
