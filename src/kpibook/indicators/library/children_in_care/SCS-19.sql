-- Children in foster care at each month end: placed with the council's own
-- foster carers or with relatives and friends?
SELECT
  p.period_end,
  e.clae_person_id AS person_id,
  t.team_id,
  CASE
    WHEN pl.clap_cla_placement_provider = 'PR1' THEN 1
    WHEN pl.clap_cla_placement_type IN ('U1', 'U2', 'U3') THEN 1
    ELSE 0
  END AS numerator,
  1 AS denominator
FROM kp_periods AS p
-- The episode open at the month end and its placement.
JOIN ssd_cla_episodes AS e
  ON e.clae_cla_episode_start_date <= p.period_end
  AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > p.period_end)
JOIN ssd_cla_placement AS pl
  ON pl.clap_cla_placement_id = e.clae_cla_placement_id
-- The team holding the child's case at the month end.
LEFT JOIN kp_case_team AS t
  ON t.person_id = e.clae_person_id
  AND t.start_date <= p.period_end
  AND (t.end_date IS NULL OR t.end_date > p.period_end)
-- Foster placements only.
WHERE pl.clap_cla_placement_type IN ('U1', 'U2', 'U3', 'U4', 'U5', 'U6')
