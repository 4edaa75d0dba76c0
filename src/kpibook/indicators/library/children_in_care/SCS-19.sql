-- Children in foster care at each month end: placed with the council's own
-- foster carers or with relatives and friends?
SELECT
  c.period_end,
  c.person_id,
  c.team_id,
  CASE
    WHEN pl.clap_cla_placement_provider = 'PR1' THEN 1
    WHEN pl.clap_cla_placement_type IN ('U1', 'U2', 'U3') THEN 1
    ELSE 0
  END AS numerator,
  1 AS denominator
FROM kp_periods AS p
-- Children in care at the month end (kp_in_care_at: the episode open then,
-- one row per child, with the team holding the child's case), and the
-- episode's placement.
JOIN kp_in_care_at AS c
  ON c.period_end = p.period_end
JOIN ssd_cla_placement AS pl
  ON pl.clap_cla_placement_id = c.placement_id
-- Foster placements only.
WHERE pl.clap_cla_placement_type IN ('U1', 'U2', 'U3', 'U4', 'U5', 'U6')
