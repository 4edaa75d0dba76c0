-- Children looked after at each month end, flagged when they have a current
-- agency decision for adoption (made, not reversed) but have not yet been
-- placed for adoption.
WITH in_care AS (
  -- Children looked after at each month end (an episode open on the day).
  SELECT DISTINCT
    p.period_end,
    e.clae_person_id AS person_id,
    e.clae_cla_id AS cla_id
  FROM ssd_cla_episodes AS e
  JOIN kp_periods AS p
    ON e.clae_cla_episode_start_date <= p.period_end
   AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > p.period_end)
),
waiting AS (
  -- Spans during which a child waits with an agency decision: from the
  -- decision to the first of the plan being reversed, the child being placed
  -- for adoption or the order being made (end exclusive; open while none has
  -- happened).
  SELECT
    pm.perm_person_id AS person_id,
    pm.perm_cla_id AS cla_id,
    pm.perm_adm_decision_date AS start_date,
    least(pm.perm_decision_reversed_date, pm.perm_placed_for_adoption_date,
          pm.perm_permanence_order_date) AS end_date
  FROM ssd_permanence AS pm
  WHERE pm.perm_adm_decision_date IS NOT NULL
),
flagged AS (
  -- A child waits when a span for the same period of care (or for the child,
  -- where the decision has no period of care) is open at the month end.
  SELECT
    c.period_end,
    c.person_id,
    bool_or(wt.person_id IS NOT NULL) AS is_waiting
  FROM in_care AS c
  LEFT JOIN waiting AS wt
    ON wt.person_id = c.person_id
   AND (wt.cla_id IS NULL OR wt.cla_id = c.cla_id)
   AND wt.start_date <= c.period_end
   AND (wt.end_date IS NULL OR wt.end_date > c.period_end)
  GROUP BY c.period_end, c.person_id
)
SELECT
  f.period_end,
  f.person_id,
  ct.team_id,
  CASE WHEN f.is_waiting THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM flagged AS f
LEFT JOIN kp_case_team AS ct
  ON ct.person_id = f.person_id
 AND ct.start_date <= f.period_end
 AND (ct.end_date IS NULL OR ct.end_date > f.period_end)
