-- Children looked after at each month end with 3 or more placements in the
-- 12 calendar months to the month end, placements built from 903 episodes.
WITH episodes AS (
  -- Every episode with its reason for new episode and its placement type.
  SELECT
    e.clae_cla_episode_id AS episode_id,
    e.clae_person_id AS person_id,
    e.clae_cla_episode_start_date AS start_date,
    e.clae_cla_episode_ceased_date AS end_date,
    e.clae_cla_episode_start_reason AS reason,
    pl.clap_cla_placement_type AS placement_type
  FROM ssd_cla_episodes AS e
  LEFT JOIN ssd_cla_placement AS pl
    ON pl.clap_cla_placement_id = e.clae_cla_placement_id
),
numbered AS (
  -- A new placement starts at an S, P, B, T or U episode, except a move to
  -- adoption with the current foster carers (T or U into A3 or A5). The
  -- running count of placement starts numbers each child's placements.
  SELECT
    person_id,
    start_date,
    end_date,
    sum(
      CASE
        WHEN reason IN ('S', 'P', 'B', 'T', 'U')
          AND NOT (reason IN ('T', 'U') AND placement_type IN ('A3', 'A5'))
          THEN 1
        ELSE 0
      END
    ) OVER (
      PARTITION BY person_id ORDER BY start_date, episode_id ROWS UNBOUNDED PRECEDING
    ) AS placement_no
  FROM episodes
),
placements AS (
  -- One row per placement: first episode's start to last episode's end
  -- (no end while any of its episodes is open).
  SELECT
    person_id,
    placement_no,
    min(start_date) AS start_date,
    CASE WHEN count(end_date) = count(*) THEN max(end_date) END AS end_date
  FROM numbered
  GROUP BY person_id, placement_no
),
lasting AS (
  -- Placements of 24 hours or more (a placement that ended the day it
  -- started is left out).
  SELECT person_id, start_date, end_date
  FROM placements
  WHERE end_date IS NULL OR end_date > start_date
),
months AS (
  -- Each month end with the first day of its 12-month look-back.
  SELECT
    p.period_end,
    CAST(date_trunc('month', p.period_end) - INTERVAL 11 MONTH AS DATE) AS year_start
  FROM kp_periods AS p
),
in_care AS (
  -- Children looked after at each month end.
  SELECT DISTINCT
    m.period_end,
    e.clae_person_id AS person_id
  FROM months AS m
  JOIN ssd_cla_episodes AS e
    ON e.clae_cla_episode_start_date <= m.period_end
    AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > m.period_end)
),
short_breaks AS (
  -- Children on a series of short breaks (legal status V3 or V4) at the month end.
  SELECT DISTINCT
    m.period_end,
    l.lega_person_id AS person_id
  FROM months AS m
  JOIN ssd_legal_status AS l
    ON l.lega_legal_status IN ('V3', 'V4')
    AND l.lega_legal_status_start_date <= m.period_end
    AND (l.lega_legal_status_end_date IS NULL OR l.lega_legal_status_end_date > m.period_end)
),
placements_in_year AS (
  -- Placements open on some day of each month's look-back, per child.
  SELECT
    m.period_end,
    pl.person_id,
    count(*) AS placements
  FROM months AS m
  JOIN lasting AS pl
    ON pl.start_date <= m.period_end
    AND (pl.end_date IS NULL OR pl.end_date >= m.year_start)
  GROUP BY m.period_end, pl.person_id
)
SELECT
  c.period_end,
  c.person_id,
  t.team_id,
  CASE WHEN coalesce(n.placements, 0) >= 3 THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM in_care AS c
LEFT JOIN placements_in_year AS n
  ON n.period_end = c.period_end AND n.person_id = c.person_id
LEFT JOIN short_breaks AS s
  ON s.period_end = c.period_end AND s.person_id = c.person_id
LEFT JOIN kp_case_team AS t
  ON t.person_id = c.person_id
  AND t.start_date <= c.period_end
  AND (t.end_date IS NULL OR t.end_date > c.period_end)
-- Children on short breaks are left out.
WHERE s.person_id IS NULL
