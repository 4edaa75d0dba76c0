-- Long-term placement stability, DfE: under 16, looked after 2.5 years or
-- more, with the same carers for the last 2 years.
WITH episodes AS (
  -- Every episode with its period of care, reason for new episode and
  -- placement type.
  SELECT
    e.clae_cla_episode_id AS episode_id,
    e.clae_person_id AS person_id,
    e.clae_cla_id AS cla_id,
    e.clae_cla_episode_start_date AS start_date,
    e.clae_cla_episode_ceased_date AS end_date,
    e.clae_cla_episode_start_reason AS reason,
    pl.clap_cla_placement_type AS placement_type,
    coalesce(
      e.clae_entered_care_date,
      min(e.clae_cla_episode_start_date) OVER (PARTITION BY e.clae_cla_id)
    ) AS entered_care
  FROM ssd_cla_episodes AS e
  LEFT JOIN ssd_cla_placement AS pl
    ON pl.clap_cla_placement_id = e.clae_cla_placement_id
),
numbered AS (
  -- Number the spells with the same carers within each period of care: a new
  -- spell starts with an S, P or B episode (new carers).
  SELECT
    episode_id,
    person_id,
    cla_id,
    start_date,
    end_date,
    placement_type,
    entered_care,
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
    n.person_id,
    n.start_date,
    n.end_date,
    n.entered_care,
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
  -- The episode open at each month end (kp_in_care_at, one row per child,
  -- with the case-holding team then), with the child's age.
  SELECT
    c.period_end,
    c.person_id,
    c.team_id,
    e.entered_care,
    e.since,
    age_at(per.pers_dob, c.period_end) AS age
  FROM kp_periods AS p
  JOIN kp_in_care_at AS c
    ON c.period_end = p.period_end
  JOIN stable_since AS e
    ON e.episode_id = c.episode_id
  JOIN ssd_person AS per
    ON per.pers_person_id = c.person_id
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
-- Under 16, looked after for at least 913 days, not on short breaks.
WHERE c.age < 16
  AND c.entered_care <= c.period_end - 913
  AND s.person_id IS NULL
