-- Children in care for 18 months or more: has their current social worker
-- held the case for the whole of the last 12 months?
WITH episodes AS (
  -- Every episode with the start of its period of care: the recorded date
  -- the child entered care, or the period's first episode where it is empty.
  SELECT
    clae_person_id,
    clae_cla_episode_start_date,
    clae_cla_episode_ceased_date,
    coalesce(
      clae_entered_care_date,
      min(clae_cla_episode_start_date) OVER (PARTITION BY clae_cla_id)
    ) AS entered_care
  FROM ssd_cla_episodes
),
looked_after AS (
  -- Children who have ever been in care (only their allocations matter).
  SELECT DISTINCT clae_person_id AS person_id FROM ssd_cla_episodes
),
allocations AS (
  -- Each child's case-holding allocations in order, flagging where a new run
  -- with one worker begins: a different worker, or a gap since the last one.
  SELECT
    t.person_id,
    t.team_id,
    t.worker_id,
    t.start_date,
    t.end_date,
    CASE
      WHEN t.worker_id = lag(t.worker_id) OVER w AND lag(t.end_date) OVER w = t.start_date THEN 0
      ELSE 1
    END AS new_run
  FROM kp_case_team AS t
  JOIN looked_after AS l
    ON l.person_id = t.person_id
  WINDOW w AS (PARTITION BY t.person_id ORDER BY t.start_date)
),
runs AS (
  -- Number the runs, and give each allocation the start of its run.
  SELECT
    person_id,
    team_id,
    worker_id,
    start_date,
    end_date,
    min(start_date) OVER (PARTITION BY person_id, run_no) AS run_start
  FROM (
    SELECT
      person_id,
      team_id,
      worker_id,
      start_date,
      end_date,
      sum(new_run) OVER (
        PARTITION BY person_id ORDER BY start_date ROWS UNBOUNDED PRECEDING
      ) AS run_no
    FROM allocations
  ) AS numbered
),
in_care AS (
  -- Children in care at each month end whose period of care started 18
  -- months or more before it.
  SELECT DISTINCT
    p.period_end,
    e.clae_person_id AS person_id
  FROM kp_periods AS p
  JOIN episodes AS e
    ON e.clae_cla_episode_start_date <= p.period_end
    AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > p.period_end)
  WHERE e.entered_care
    <= p.period_end - INTERVAL 18 MONTH
)
SELECT
  c.period_end,
  c.person_id,
  a.team_id,
  CASE
    WHEN a.worker_id IS NOT NULL AND a.run_start <= c.period_end - INTERVAL 12 MONTH THEN 1
    ELSE 0
  END AS numerator,
  1 AS denominator
FROM in_care AS c
-- The allocation open at the month end (team, worker and run start).
LEFT JOIN runs AS a
  ON a.person_id = c.person_id
  AND a.start_date <= c.period_end
  AND (a.end_date IS NULL OR a.end_date > c.period_end)
