-- Children in care for 18 months or more: has their current IRO been
-- allocated for the whole of the last 12 months?
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
  -- Children in care at each month end (kp_in_care_at: the episode open then,
  -- one row per child, with the team holding the child's case) whose period
  -- of care started 18 months or more before it.
  SELECT
    c.period_end,
    c.person_id,
    c.team_id
  FROM kp_periods AS p
  JOIN kp_in_care_at AS c
    ON c.period_end = p.period_end
  LEFT JOIN care_starts AS cs
    ON cs.cla_id IS NOT DISTINCT FROM c.cla_id
  WHERE coalesce(c.entered_care_date, cs.first_start) <= c.period_end - INTERVAL 18 MONTH
)
SELECT
  c.period_end,
  c.person_id,
  c.team_id,
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
  AND coalesce(r.end_date, DATE '9999-12-31') > c.period_end
