-- Children looked after at each month end, flagged when they have a current
-- agency decision for adoption (made, not reversed) but have not yet been
-- placed for adoption.
WITH waiting AS (
  -- Spans during which a child waits with an agency decision: from the
  -- decision to the first of the plan being reversed, the child being placed
  -- for adoption or the order being made (end exclusive; 9999-12-31 while
  -- none has happened).
  SELECT
    pm.perm_person_id AS person_id,
    pm.perm_cla_id AS cla_id,
    pm.perm_adm_decision_date AS start_date,
    coalesce(
      least(pm.perm_decision_reversed_date, pm.perm_placed_for_adoption_date,
            pm.perm_permanence_order_date),
      DATE '9999-12-31'
    ) AS end_date
  FROM ssd_permanence AS pm
  WHERE pm.perm_adm_decision_date IS NOT NULL
),
waiting_at AS (
  -- Children waiting at each month end, for a period of care (or for the
  -- child, where the decision has no period of care recorded).
  SELECT DISTINCT
    p.period_end,
    w.person_id,
    w.cla_id
  FROM waiting AS w
  JOIN kp_periods AS p
    ON w.start_date <= p.period_end
   AND w.end_date > p.period_end
)
-- Every child looked after at each month end (kp_in_care_at, with the team
-- holding their case then), flagged when waiting in their current period of
-- care (same_care), or on a decision recorded without one (no_care_id).
-- waiting_at has one row per month end, child and period of care, so
-- neither join repeats a child.
SELECT
  p.period_end,
  c.person_id,
  c.team_id,
  CASE
    WHEN same_care.person_id IS NOT NULL OR no_care_id.person_id IS NOT NULL THEN 1 ELSE 0
  END AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN kp_in_care_at AS c
  ON c.period_end = p.period_end
LEFT JOIN waiting_at AS same_care
  ON same_care.period_end = c.period_end
 AND same_care.person_id = c.person_id
 AND same_care.cla_id = c.cla_id
LEFT JOIN waiting_at AS no_care_id
  ON no_care_id.period_end = c.period_end
 AND no_care_id.person_id = c.person_id
 AND no_care_id.cla_id IS NULL
