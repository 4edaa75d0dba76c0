-- Children in care for 18 months or more: has their current IRO been
-- allocated for the whole of the last 12 months?
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
iro AS (
  -- IRO allocations in order; an allocation ends when the next one starts.
  SELECT
    person_id,
    worker_id,
    start_date,
    CASE
      WHEN next_start IS NULL THEN end_date
      WHEN end_date IS NULL THEN next_start
      ELSE least(end_date, next_start)
    END AS end_date
  FROM (
    SELECT
      i.invo_person_id AS person_id,
      i.invo_professional_id AS worker_id,
      i.invo_involvement_start_date AS start_date,
      i.invo_involvement_end_date AS end_date,
      lead(i.invo_involvement_start_date) OVER (
        PARTITION BY i.invo_person_id
        ORDER BY i.invo_involvement_start_date, i.invo_involvements_id
      ) AS next_start
    FROM ssd_involvements AS i
    WHERE i.invo_professional_role_id = 'IRO'
      AND i.invo_involvement_start_date IS NOT NULL
  ) AS ordered
  -- An allocation replaced on its first day never applied.
  WHERE next_start IS NULL OR next_start > start_date
),
flagged AS (
  -- A new run with one IRO begins with a different IRO or after a gap.
  SELECT
    person_id,
    worker_id,
    start_date,
    end_date,
    CASE
      WHEN worker_id = lag(worker_id) OVER w AND lag(end_date) OVER w = start_date THEN 0
      ELSE 1
    END AS new_run
  FROM iro
  WINDOW w AS (PARTITION BY person_id ORDER BY start_date)
),
runs AS (
  -- Each allocation with the start of its run.
  SELECT
    person_id,
    worker_id,
    start_date,
    end_date,
    min(start_date) OVER (PARTITION BY person_id, run_no) AS run_start
  FROM (
    SELECT
      person_id,
      worker_id,
      start_date,
      end_date,
      sum(new_run) OVER (
        PARTITION BY person_id ORDER BY start_date ROWS UNBOUNDED PRECEDING
      ) AS run_no
    FROM flagged
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
  t.team_id,
  CASE
    WHEN r.worker_id IS NOT NULL AND r.run_start <= c.period_end - INTERVAL 12 MONTH THEN 1
    ELSE 0
  END AS numerator,
  1 AS denominator
FROM in_care AS c
-- The IRO allocation open at the month end.
LEFT JOIN runs AS r
  ON r.person_id = c.person_id
  AND r.start_date <= c.period_end
  AND (r.end_date IS NULL OR r.end_date > c.period_end)
-- The team holding the child's case at the month end.
LEFT JOIN kp_case_team AS t
  ON t.person_id = c.person_id
  AND t.start_date <= c.period_end
  AND (t.end_date IS NULL OR t.end_date > c.period_end)
