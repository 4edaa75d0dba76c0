-- Adoption scorecard A2: children adopted in the 3 years to the 31 March who
-- had court authority to place (a placement order) and were placed for
-- adoption before the adoption order, with the days from the placement order
-- to the match.
WITH adopted AS (
  -- One row per adoption order; a match agreed before the placement order
  -- counts as 0 days.
  SELECT
    pm.perm_person_id AS person_id,
    pm.perm_permanence_order_date AS order_date,
    greatest(pm.perm_matched_date - pm.perm_placement_order_date, 0) AS days_waited
  FROM ssd_permanence AS pm
  WHERE pm.perm_permanence_order_type = 'ADOPTION'
    AND pm.perm_permanence_order_date IS NOT NULL
    AND pm.perm_placement_order_date IS NOT NULL
    AND pm.perm_matched_date IS NOT NULL
    AND pm.perm_placed_for_adoption_date <= pm.perm_permanence_order_date
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
