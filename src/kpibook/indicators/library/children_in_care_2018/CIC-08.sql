-- Children in care at each month end: placed in a private or voluntary
-- residential placement?
SELECT
  c.period_end,
  c.person_id,
  c.team_id,
  CASE
    WHEN pl.clap_cla_placement_type IN ('K1', 'K2', 'R1', 'S1')
      AND pl.clap_cla_placement_provider IN ('PR4', 'PR5')
      THEN 1
    ELSE 0
  END AS numerator,
  1 AS denominator
FROM kp_periods AS p
-- Children in care at the month end (kp_in_care_at: the episode open then,
-- one row per child, with the team holding the child's case), and the
-- episode's placement.
JOIN kp_in_care_at AS c
  ON c.period_end = p.period_end
LEFT JOIN ssd_cla_placement AS pl
  ON pl.clap_cla_placement_id = c.placement_id
