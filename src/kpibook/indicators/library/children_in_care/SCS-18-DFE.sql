-- Long-term placement stability, DfE: under 16, looked after 2.5 years or
-- more, with the same carers for the last 2 years.
WITH children AS MATERIALIZED (
  -- The date of birth of every child in care at one of the month ends (the
  -- person table holds every child known to the council: this keeps the
  -- join below small).
  SELECT
    pers_person_id AS person_id,
    pers_dob AS dob
  FROM ssd_person
  WHERE pers_person_id IN (SELECT person_id FROM kp_in_care_at)
),
care_starts AS (
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
cohort AS (
  -- Children looked after at each month end (kp_in_care_at: the episode open
  -- then, one row per child, with the case-holding team then), under 16 and
  -- looked after for at least 913 days (2.5 years).
  SELECT
    c.period_end,
    c.person_id,
    c.team_id,
    c.cla_id,
    c.episode_id
  FROM kp_periods AS p
  JOIN kp_in_care_at AS c
    ON c.period_end = p.period_end
  LEFT JOIN care_starts AS cs
    ON cs.cla_id IS NOT DISTINCT FROM c.cla_id
  JOIN children AS per
    ON per.person_id = c.person_id
  WHERE age_at(per.dob, c.period_end) < 16
    AND coalesce(c.entered_care_date, cs.first_start) <= c.period_end - 913
),
episodes AS (
  -- Every episode of those children's periods of care with its reason for
  -- new episode and placement type.
  SELECT
    e.clae_cla_episode_id AS episode_id,
    e.clae_cla_id AS cla_id,
    e.clae_cla_episode_start_date AS start_date,
    e.clae_cla_episode_start_reason AS reason,
    pl.clap_cla_placement_type AS placement_type
  FROM ssd_cla_episodes AS e
  LEFT JOIN ssd_cla_placement AS pl
    ON pl.clap_cla_placement_id = e.clae_cla_placement_id
  WHERE e.clae_cla_id IN (SELECT cla_id FROM cohort)
),
numbered AS (
  -- Number the spells with the same carers within each period of care: a new
  -- spell starts with an S, P or B episode (new carers).
  SELECT
    episode_id,
    cla_id,
    start_date,
    placement_type,
    sum(CASE WHEN reason IN ('S', 'P', 'B') THEN 1 ELSE 0 END) OVER (
      PARTITION BY cla_id ORDER BY start_date, episode_id ROWS UNBOUNDED PRECEDING
    ) AS spell_no
  FROM episodes
),
spells AS (
  -- Each spell with the carers: when it started, the placement type it
  -- started with, and when the spell before it started.
  SELECT
    cla_id,
    spell_no,
    spell_start,
    first_type,
    lag(spell_start) OVER (PARTITION BY cla_id ORDER BY spell_no) AS previous_spell_start
  FROM (
    SELECT
      cla_id,
      spell_no,
      min(start_date) AS spell_start,
      arg_min(placement_type, start_date) AS first_type
    FROM numbered
    GROUP BY cla_id, spell_no
  ) AS s
),
stable_since AS (
  -- The date each episode's stability is measured from: the spell's start,
  -- or for a child placed for adoption with new carers the start of the
  -- placement before (adoptive placement plus the previous one).
  SELECT
    n.episode_id,
    CASE
      WHEN s.first_type IN ('A3', 'A4', 'A5', 'A6')
        THEN coalesce(s.previous_spell_start, s.spell_start)
      ELSE s.spell_start
    END AS since
  FROM numbered AS n
  JOIN spells AS s
    ON s.cla_id = n.cla_id AND s.spell_no = n.spell_no
),
in_care AS (
  -- The children in the cohort with the date their current episode's
  -- stability is measured from.
  SELECT
    c.period_end,
    c.person_id,
    c.team_id,
    e.since
  FROM cohort AS c
  JOIN stable_since AS e
    ON e.episode_id = c.episode_id
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
  CASE WHEN c.since <= c.period_end - INTERVAL 2 YEAR THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM in_care AS c
LEFT JOIN short_breaks AS s
  ON s.period_end = c.period_end AND s.person_id = c.person_id
-- Children on short breaks are left out.
WHERE s.person_id IS NULL
