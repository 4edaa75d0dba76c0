-- Children in care at each month end: placed in a private or voluntary
-- residential placement?
SELECT
  p.period_end,
  e.clae_person_id AS person_id,
  t.team_id,
  CASE
    WHEN pl.clap_cla_placement_type IN ('K1', 'K2', 'R1', 'S1')
      AND pl.clap_cla_placement_provider IN ('PR4', 'PR5')
      THEN 1
    ELSE 0
  END AS numerator,
  1 AS denominator
FROM kp_periods AS p
-- The episode open at the month end and its placement.
JOIN ssd_cla_episodes AS e
  ON e.clae_cla_episode_start_date <= p.period_end
  AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > p.period_end)
LEFT JOIN ssd_cla_placement AS pl
  ON pl.clap_cla_placement_id = e.clae_cla_placement_id
LEFT JOIN kp_case_team AS t
  ON t.person_id = e.clae_person_id
  AND t.start_date <= p.period_end
  AND (t.end_date IS NULL OR t.end_date > p.period_end)
