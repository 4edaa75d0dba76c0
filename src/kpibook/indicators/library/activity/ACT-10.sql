-- One row per period of care ending in each calendar month (an episode that
-- ceased with a leaving-care reason, anything but X1, which is a change of
-- episode within care), against the team holding the child's case on their
-- last day in care (the day before the ceased date).
WITH window_days AS (
  -- Every day of every window being computed, with its month end: matching
  -- records to these by their date is much quicker than comparing each date
  -- with every window.
  SELECT
    p.period_end,
    CAST(unnest(generate_series(p.window_start, p.period_end, INTERVAL 1 DAY)) AS DATE) AS day
  FROM kp_periods AS p
),
ends AS (
  SELECT
    e.clae_person_id AS person_id,
    e.clae_cla_episode_ceased_date AS ceased_date,
    greatest(e.clae_cla_episode_start_date, e.clae_cla_episode_ceased_date - 1) AS last_day
  FROM ssd_cla_episodes AS e
  WHERE e.clae_cla_episode_ceased_date IS NOT NULL
    AND e.clae_cla_episode_ceased_reason <> 'X1'
)
SELECT
  p.period_end,
  f.person_id,
  t.team_id,
  1 AS numerator,
  NULL AS denominator
FROM window_days AS p
JOIN ends AS f
  ON f.ceased_date = p.day
LEFT JOIN kp_case_team AS t
  ON t.person_id = f.person_id
  AND t.start_date <= f.last_day
  AND (t.end_date IS NULL OR t.end_date > f.last_day)
