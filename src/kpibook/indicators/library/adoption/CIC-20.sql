-- Children in a sibling group placed for adoption (moved in with their
-- prospective adopters) in the window, flagged when they were placed with
-- all their siblings (none placed apart).
WITH placed AS (
  -- One row per child in a sibling group placed for adoption.
  SELECT
    pm.perm_person_id AS person_id,
    pm.perm_placed_for_adoption_date AS placed_date,
    coalesce(pm.perm_siblings_placed_apart, 0) = 0 AS all_together
  FROM ssd_permanence AS pm
  WHERE pm.perm_part_of_sibling_group = '1'
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
  WHERE ct.person_id IN (SELECT e.person_id FROM placed AS e)
),
with_team AS (
  -- The team holding the child's case on the day they were placed (or the
  -- last team to hold it before then).
  SELECT
    pl.person_id,
    pl.placed_date,
    pl.all_together,
    ct.team_id
  FROM placed AS pl
  ASOF LEFT JOIN case_teams AS ct
    ON ct.person_id = pl.person_id
   AND ct.start_date <= pl.placed_date
)
SELECT
  p.period_end,
  w.person_id,
  w.team_id,
  CASE WHEN w.all_together THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN with_team AS w
  ON w.placed_date BETWEEN p.window_start AND p.period_end
