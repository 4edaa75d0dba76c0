-- Initial health assessments due in each rolling 12 months: held within 20
-- working days of the child becoming looked after?
WITH window_days AS MATERIALIZED (
  -- Every day of each month's window (kp_workdays holds every calendar
  -- day), worked out first: each due date then joins its windows on its own
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
    min(e.clae_cla_episode_start_date) FILTER (
      WHERE e.clae_cla_episode_start_reason = 'S'
    ) AS start_date,
    CASE
      WHEN count(e.clae_cla_episode_ceased_date) = count(*) THEN max(e.clae_cla_episode_ceased_date)
    END AS end_date
  FROM ssd_cla_episodes AS e
  GROUP BY e.clae_person_id, e.clae_cla_id
),
due AS (
  -- The due date: the 20th working day after the start (the first day whose
  -- running working-day count is 20 more than the start's).
  SELECT
    pc.person_id,
    pc.cla_id,
    pc.start_date,
    pc.end_date,
    min(d.day) AS due_date
  FROM periods_of_care AS pc
  JOIN kp_workdays AS s
    ON s.day = pc.start_date
  JOIN kp_workdays AS d
    ON d.n = s.n + 20 AND d.day > pc.start_date
  GROUP BY pc.person_id, pc.cla_id, pc.start_date, pc.end_date
),
assessed AS (
  -- The first completed initial health assessment in each period of care.
  SELECT
    pc.cla_id,
    min(h.clah_health_check_date) AS iha_date
  FROM periods_of_care AS pc
  JOIN ssd_cla_health AS h
    ON h.clah_person_id = pc.person_id
    AND h.clah_health_check_type = 'IHA'
    AND h.clah_health_check_status = 'COMPLETED'
    AND h.clah_health_check_date >= pc.start_date
    AND h.clah_health_check_date <= coalesce(pc.end_date, DATE '9999-12-31')
  GROUP BY pc.cla_id
),
judged AS (
  -- Periods of care still open on the due date, whether the assessment was
  -- held by then, and the team holding the case on the day care started.
  SELECT
    d.person_id,
    d.due_date,
    t.team_id,
    coalesce(a.iha_date <= d.due_date, FALSE) AS in_time
  FROM due AS d
  LEFT JOIN assessed AS a
    ON a.cla_id = d.cla_id
  LEFT JOIN kp_case_team AS t
    ON t.person_id = d.person_id
    AND t.start_date <= d.start_date
    AND coalesce(t.end_date, DATE '9999-12-31') > d.start_date
  WHERE (d.end_date IS NULL OR d.end_date > d.due_date)
    -- Only due dates in the months being computed.
    AND d.due_date BETWEEN (SELECT min(k.window_start) FROM kp_periods AS k)
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
  ON j.due_date = p.day
