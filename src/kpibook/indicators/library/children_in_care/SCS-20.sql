-- Children in care at each month end (not placed with relatives or friends)
-- whose placement is 20 miles or less from home.
SELECT
  c.period_end,
  c.person_id,
  c.team_id,
  CASE WHEN pl.clap_cla_placement_distance <= 20 THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM kp_periods AS p
-- Children in care at the month end (kp_in_care_at: the episode open then,
-- one row per child, with the team holding the child's case), and the
-- episode's placement.
JOIN kp_in_care_at AS c
  ON c.period_end = p.period_end
JOIN ssd_cla_placement AS pl
  ON pl.clap_cla_placement_id = c.placement_id
-- A known distance (999.9 is the 903 code for unknown), and not placed with
-- relatives or friends.
WHERE pl.clap_cla_placement_distance IS NOT NULL
  AND pl.clap_cla_placement_distance < 999
  AND pl.clap_cla_placement_type NOT IN ('U1', 'U2', 'U3')
