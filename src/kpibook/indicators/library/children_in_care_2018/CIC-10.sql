-- Children in care at each month end placed outside the council's area
-- (placement postcode not in the council's postcode lookup).
WITH in_care AS (
  -- The episode open at the month end and its placement postcode.
  SELECT
    p.period_end,
    e.clae_person_id AS person_id,
    pl.clap_cla_placement_postcode AS postcode
  FROM kp_periods AS p
  JOIN ssd_cla_episodes AS e
    ON e.clae_cla_episode_start_date <= p.period_end
    AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > p.period_end)
  LEFT JOIN ssd_cla_placement AS pl
    ON pl.clap_cla_placement_id = e.clae_cla_placement_id
)
SELECT
  c.period_end,
  c.person_id,
  t.team_id,
  CASE WHEN c.postcode IS NOT NULL AND lk.postcode IS NULL THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM in_care AS c
-- Is the placement postcode one of the council's own?
LEFT JOIN local_postcode_districts AS lk
  ON lk.postcode = c.postcode
LEFT JOIN kp_case_team AS t
  ON t.person_id = c.person_id
  AND t.start_date <= c.period_end
  AND (t.end_date IS NULL OR t.end_date > c.period_end)
