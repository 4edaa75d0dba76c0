-- Children in care for 18 months or more: has their current social worker
-- held the case for the whole of the last 12 months?
WITH care_starts AS (
  -- The start of a period of care is the recorded date the child entered
  -- care, or where that is empty the start of the period's first episode:
  -- worked out here for the periods of care with an empty entry date.
  SELECT
    clae_cla_id AS cla_id,
    min(clae_cla_episode_start_date) AS first_start
  FROM ssd_cla_episodes
  GROUP BY clae_cla_id
  HAVING count(clae_entered_care_date) < count(*)
),
in_care AS (
  -- Children in care at each month end (kp_in_care_at: the episode open then,
  -- one row per child) whose period of care started 18 months or more
  -- before it.
  SELECT
    c.period_end,
    c.person_id
  FROM kp_periods AS p
  JOIN kp_in_care_at AS c
    ON c.period_end = p.period_end
  LEFT JOIN care_starts AS cs
    ON cs.cla_id IS NOT DISTINCT FROM c.cla_id
  WHERE coalesce(c.entered_care_date, cs.first_start) <= c.period_end - INTERVAL 18 MONTH
),
allocations AS (
  -- Those children's case-holding allocations in order (only their
  -- allocations matter), flagging where a new run with one worker begins:
  -- a different worker, or a gap since the last one.
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
  WHERE t.person_id IN (SELECT person_id FROM in_care)
  WINDOW w AS (PARTITION BY t.person_id ORDER BY t.start_date)
),
runs AS (
  -- Each allocation with the start of its run: the latest start of a run up
  -- to it (a child's allocations start on different days, in order).
  SELECT
    person_id,
    team_id,
    worker_id,
    start_date,
    end_date,
    max(CASE WHEN new_run = 1 THEN start_date END) OVER (
      PARTITION BY person_id ORDER BY start_date ROWS UNBOUNDED PRECEDING
    ) AS run_start
  FROM allocations
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
  AND coalesce(a.end_date, DATE '9999-12-31') > c.period_end
