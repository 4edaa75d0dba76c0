-- Children looked after at each month end placed more than 20 miles from
-- home and outside the council's area (placement postcode not in its lookup).
WITH in_care AS (
  -- The episode open at the month end and its placement.
  SELECT
    p.period_end,
    e.clae_person_id AS person_id,
    pl.clap_cla_placement_distance AS distance,
    pl.clap_cla_placement_postcode AS postcode
  FROM kp_periods AS p
  JOIN ssd_cla_episodes AS e
    ON e.clae_cla_episode_start_date <= p.period_end
    AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > p.period_end)
  LEFT JOIN ssd_cla_placement AS pl
    ON pl.clap_cla_placement_id = e.clae_cla_placement_id
),
short_breaks AS (
  -- Children on a series of short breaks (legal status V3 or V4) at the month end.
  SELECT DISTINCT
    p.period_end,
    l.lega_person_id AS person_id
  FROM kp_periods AS p
  JOIN ssd_legal_status AS l
    ON l.lega_legal_status IN ('V3', 'V4')
    AND l.lega_legal_status_start_date <= p.period_end
    AND (l.lega_legal_status_end_date IS NULL OR l.lega_legal_status_end_date > p.period_end)
)
SELECT
  c.period_end,
  c.person_id,
  t.team_id,
  CASE
    WHEN c.distance > 20 AND c.distance < 999 AND c.postcode IS NOT NULL AND lk.postcode IS NULL
      THEN 1
    ELSE 0
  END AS numerator,
  1 AS denominator
FROM in_care AS c
-- Is the placement postcode one of the council's own?
LEFT JOIN local_postcode_districts AS lk
  ON lk.postcode = c.postcode
LEFT JOIN short_breaks AS s
  ON s.period_end = c.period_end AND s.person_id = c.person_id
LEFT JOIN kp_case_team AS t
  ON t.person_id = c.person_id
  AND t.start_date <= c.period_end
  AND (t.end_date IS NULL OR t.end_date > c.period_end)
WHERE s.person_id IS NULL
