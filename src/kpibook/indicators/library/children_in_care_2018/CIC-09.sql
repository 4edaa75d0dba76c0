-- Children in care at each month end placed outside the council's area and
-- outside Medway (Medway: an ME postcode that is not one of Kent's own).
WITH in_care AS (
  -- Children in care at the month end (kp_in_care_at: the episode open then,
  -- one row per child, with the team holding the child's case), and the
  -- episode's placement postcode.
  SELECT
    c.period_end,
    c.person_id,
    c.team_id,
    pl.clap_cla_placement_postcode AS postcode
  FROM kp_periods AS p
  JOIN kp_in_care_at AS c
    ON c.period_end = p.period_end
  LEFT JOIN ssd_cla_placement AS pl
    ON pl.clap_cla_placement_id = c.placement_id
)
SELECT
  c.period_end,
  c.person_id,
  c.team_id,
  CASE
    WHEN c.postcode IS NOT NULL
      AND lk.postcode IS NULL
      -- Not in Medway: the postcode area (letters before the first digit) is not ME.
      AND upper(regexp_extract(trim(c.postcode), '^[A-Za-z]+')) <> 'ME'
      THEN 1
    ELSE 0
  END AS numerator,
  1 AS denominator
FROM in_care AS c
LEFT JOIN local_postcode_districts AS lk
  ON lk.postcode = c.postcode
