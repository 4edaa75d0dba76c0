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
in_care AS (
  -- Children looked after at each month end (kp_in_care_at, one row per
  -- child) with their case-holding team then, and the first day of the
  -- month's 12-month look-back.
  SELECT
    c.period_end,
    CAST(date_trunc('month', c.period_end) - INTERVAL 11 MONTH AS DATE) AS year_start,
    c.person_id,
    c.team_id
  FROM kp_periods AS p
  JOIN kp_in_care_at AS c
    ON c.period_end = p.period_end
),
short_breaks AS (
  -- Children on a series of short breaks (legal status V3 or V4) at the month end.
  SELECT DISTINCT
    c.period_end,
    c.person_id
  FROM in_care AS c
  JOIN ssd_legal_status AS l
    ON l.lega_person_id = c.person_id
    AND l.lega_legal_status IN ('V3', 'V4')
    AND l.lega_legal_status_start_date <= c.period_end
    AND coalesce(l.lega_legal_status_end_date, DATE '9999-12-31') > c.period_end
)
SELECT
  c.period_end,
  c.person_id,
  c.team_id,
  -- How many of the child's placements were open on some day of the month's
  -- look-back (one row per child: the count is per group).
  CASE WHEN count(pl.person_id) >= 3 THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM in_care AS c
LEFT JOIN lasting AS pl
  ON pl.person_id = c.person_id
  AND pl.start_date <= c.period_end
  AND coalesce(pl.end_date, DATE '9999-12-31') >= c.year_start
LEFT JOIN short_breaks AS s
  ON s.period_end = c.period_end AND s.person_id = c.person_id
-- Children on short breaks are left out.
WHERE s.person_id IS NULL
GROUP BY c.period_end, c.person_id, c.team_id
