-- Adoption scorecard A10: children adopted in the 3 years to the 31 March,
-- with the days from becoming looked after to moving in with the family that
-- adopted them; for children adopted by their foster carers, to the day they
-- moved in with those carers as foster carers.
WITH care_start AS (
  -- When each period of care began: the earliest "entered care" date of its
  -- episodes (the episode start where that date is not recorded).
  SELECT
    e.clae_cla_id AS cla_id,
    min(coalesce(e.clae_entered_care_date, e.clae_cla_episode_start_date)) AS bla_date
  FROM ssd_cla_episodes AS e
  GROUP BY e.clae_cla_id
),
adopted AS (
  -- One row per adoption order; the end point is the date placed for
  -- adoption, or for a foster carer adoption (perm_adopted_by_carer_flag Y)
  -- the first placement with those carers (fostering for adoption included),
  -- whichever is earlier.
  SELECT
    pm.perm_person_id AS person_id,
    pm.perm_permanence_order_date AS order_date,
    CASE
      WHEN pm.perm_adopted_by_carer_flag = 'Y'
        THEN least(
          coalesce(pm.perm_placed_foster_carer_date, pm.perm_placed_ffa_cp_date,
                   pm.perm_placed_for_adoption_date),
          pm.perm_placed_for_adoption_date
        )
      ELSE pm.perm_placed_for_adoption_date
    END - c.bla_date AS days_waited
  FROM ssd_permanence AS pm
  JOIN care_start AS c
    ON c.cla_id = pm.perm_cla_id
  WHERE pm.perm_permanence_order_type = 'ADOPTION'
    AND pm.perm_permanence_order_date IS NOT NULL
    AND pm.perm_placed_for_adoption_date IS NOT NULL
),
case_teams AS (
  -- The case-holding spans of these children only, so the lookup below
  -- searches a small table.
  SELECT
    ct.person_id,
    ct.team_id,
    ct.start_date
  FROM kp_case_team AS ct
  WHERE ct.person_id IN (SELECT e.person_id FROM adopted AS e)
),
with_team AS (
  -- The team holding the child's case on the day of the adoption order (or
  -- the last team to hold it before then).
  SELECT
    a.person_id,
    a.order_date,
    a.days_waited,
    ct.team_id
  FROM adopted AS a
  ASOF LEFT JOIN case_teams AS ct
    ON ct.person_id = a.person_id
   AND ct.start_date <= a.order_date
)
-- The period is the financial year (reported at March); the scorecard looks
-- back three financial years: 1 April two years before the window start to
-- the 31 March.
SELECT
  p.period_end,
  w.person_id,
  w.team_id,
  w.days_waited AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN with_team AS w
  ON w.order_date BETWEEN CAST(p.window_start - INTERVAL 2 YEAR AS DATE) AND p.period_end
