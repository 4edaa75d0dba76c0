-- Children looked after at each month end placed more than 20 miles from
-- home and outside the council's area (placement postcode not in its lookup).
WITH in_care AS (
  -- Children looked after at the month end (kp_in_care_at: the episode open
  -- then, one row per child, with the team holding the child's case), and
  -- the episode's placement.
  SELECT
    c.period_end,
    c.person_id,
    c.team_id,
    pl.clap_cla_placement_distance AS distance,
    pl.clap_cla_placement_postcode AS postcode
  FROM kp_periods AS p
  JOIN kp_in_care_at AS c
    ON c.period_end = p.period_end
  LEFT JOIN ssd_cla_placement AS pl
    ON pl.clap_cla_placement_id = c.placement_id
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
WHERE s.person_id IS NULL
