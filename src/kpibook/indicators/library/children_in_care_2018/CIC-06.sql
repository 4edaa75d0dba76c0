-- Children becoming looked after since 1 April: did their previous period of
-- care end within the 24 months before?
WITH window_days AS MATERIALIZED (
  -- Every day of each month's window (kp_workdays holds every calendar
  -- day), worked out first: each start then joins its windows on its own
  -- day, an equality join.
  SELECT
    p.period_end,
    d.day
  FROM kp_periods AS p
  JOIN kp_workdays AS d
    ON d.day BETWEEN p.window_start AND p.period_end
),
periods_of_care AS (
  -- Each period of care: the day it started (its S episode) and the day it
  -- ended (none while any episode is open).
  SELECT
    e.clae_person_id AS person_id,
    e.clae_cla_id AS cla_id,
    min(e.clae_cla_episode_start_date) AS first_episode,
    min(e.clae_cla_episode_start_date) FILTER (
      WHERE e.clae_cla_episode_start_reason = 'S'
    ) AS start_date,
    CASE
      WHEN count(e.clae_cla_episode_ceased_date) = count(*) THEN max(e.clae_cla_episode_ceased_date)
    END AS end_date
  FROM ssd_cla_episodes AS e
  GROUP BY e.clae_person_id, e.clae_cla_id
),
with_previous AS (
  -- The end of the child's previous period of care.
  SELECT
    person_id,
    start_date,
    lag(end_date) OVER (PARTITION BY person_id ORDER BY first_episode, cla_id) AS previous_end
  FROM periods_of_care
),
judged AS (
  -- Each start, whether it is a return within 24 months, and the team
  -- holding the child's case that day.
  SELECT
    w.person_id,
    w.start_date,
    t.team_id,
    coalesce(w.previous_end >= w.start_date - INTERVAL 24 MONTH, FALSE) AS returned
  FROM with_previous AS w
  LEFT JOIN kp_case_team AS t
    ON t.person_id = w.person_id
    AND t.start_date <= w.start_date
    AND coalesce(t.end_date, DATE '9999-12-31') > w.start_date
  -- Only starts in the months being computed.
  WHERE w.start_date BETWEEN (SELECT min(k.window_start) FROM kp_periods AS k)
    AND (SELECT max(k.period_end) FROM kp_periods AS k)
)
SELECT
  p.period_end,
  j.person_id,
  j.team_id,
  CASE WHEN j.returned THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM window_days AS p
JOIN judged AS j
  ON j.start_date = p.day
