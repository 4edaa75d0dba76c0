-- Children becoming looked after in each rolling 12 months: was the request
-- for their initial health assessment sent within 5 working days?
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
starts AS (
  -- Each period of care and the day it started (its S episode).
  SELECT
    e.clae_person_id AS person_id,
    e.clae_cla_id AS cla_id,
    min(e.clae_cla_episode_start_date) AS start_date
  FROM ssd_cla_episodes AS e
  WHERE e.clae_cla_episode_start_reason = 'S'
  GROUP BY e.clae_person_id, e.clae_cla_id
),
requests AS (
  -- The first request for each period of care.
  SELECT
    q.ihar_cla_id AS cla_id,
    min(q.ihar_request_date) AS request_date
  FROM local_iha_requests AS q
  GROUP BY q.ihar_cla_id
),
judged AS (
  -- Each start, whether the request was in time, and the team holding the
  -- child's case that day.
  SELECT
    s.person_id,
    s.start_date,
    t.team_id,
    coalesce(working_days(s.start_date, r.request_date) <= 5, FALSE) AS in_time
  FROM starts AS s
  LEFT JOIN requests AS r
    ON r.cla_id = s.cla_id
  LEFT JOIN kp_case_team AS t
    ON t.person_id = s.person_id
    AND t.start_date <= s.start_date
    AND coalesce(t.end_date, DATE '9999-12-31') > s.start_date
  -- Only starts in the months being computed.
  WHERE s.start_date BETWEEN (SELECT min(k.window_start) FROM kp_periods AS k)
    AND (SELECT max(k.period_end) FROM kp_periods AS k)
)
SELECT
  p.period_end,
  j.person_id,
  j.team_id,
  CASE WHEN j.in_time THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM window_days AS p
JOIN judged AS j
  ON j.start_date = p.day
