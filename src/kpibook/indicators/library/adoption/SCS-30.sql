-- Children matched with prospective adopters in the window who had court
-- authority to place (a placement order), with the days from the placement
-- order to the match.
WITH matched AS (
  -- One row per match; a match agreed before the placement order counts as
  -- 0 days (the child did not wait after the court's authority).
  SELECT
    pm.perm_person_id AS person_id,
    pm.perm_matched_date AS matched_date,
    greatest(pm.perm_matched_date - pm.perm_placement_order_date, 0) AS days_waited
  FROM ssd_permanence AS pm
  WHERE pm.perm_matched_date IS NOT NULL
    AND pm.perm_placement_order_date IS NOT NULL
),
case_teams AS (
  -- The case-holding spans of these children only, so the lookup below
  -- searches a small table.
  SELECT
    ct.person_id,
    ct.team_id,
    ct.start_date
  FROM kp_case_team AS ct
  WHERE ct.person_id IN (SELECT e.person_id FROM matched AS e)
),
with_team AS (
  -- The team holding the child's case on the day of the match (or the last
  -- team to hold it before then).
  SELECT
    m.person_id,
    m.matched_date,
    m.days_waited,
    ct.team_id
  FROM matched AS m
  ASOF LEFT JOIN case_teams AS ct
    ON ct.person_id = m.person_id
   AND ct.start_date <= m.matched_date
)
SELECT
  p.period_end,
  w.person_id,
  w.team_id,
  w.days_waited AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN with_team AS w
  ON w.matched_date BETWEEN p.window_start AND p.period_end
