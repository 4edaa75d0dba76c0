-- Children in care at each month end placed outside the council's area
-- (placement postcode not in the council's postcode lookup).
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
  CASE WHEN c.postcode IS NOT NULL AND lk.postcode IS NULL THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM in_care AS c
-- Is the placement postcode one of the council's own?
LEFT JOIN local_postcode_districts AS lk
  ON lk.postcode = c.postcode
