-- Children on a child protection plan at each month end per 10,000 children
-- aged 0-17 living in the council's area, by district of residence.
--
-- Two kinds of row: one per child on a plan (numerator 1, in the district of
-- their home address at the month end), and one per district of the child
-- population estimate (denominator = children aged 0-17, no child).
--
-- The engine places a row in an area through its team, so every row carries
-- a team of the area its district belongs to (any one of them: this
-- indicator is not reported by team). Children with no known home district
-- at the month end count for the council only.
WITH district_team AS (
  -- One team per district: the first team (by id) in the district's area.
  SELECT
    d.org_unit_id AS district_id,
    min(t.team_id) AS team_id
  FROM local_org_units AS d
  JOIN kp_teams AS t
    ON t.area_id = d.parent_id
  WHERE d.org_level = 'district'
  GROUP BY d.org_unit_id
),
on_plan AS (
  -- Children on a plan at each month end (kp_cp_at; once each, however many
  -- plans).
  SELECT DISTINCT
    cp.period_end,
    cp.person_id
  FROM kp_cp_at AS cp
  JOIN kp_periods AS p
    ON p.period_end = cp.period_end
),
children AS (
  -- Their district of residence at the month end (the home address then).
  SELECT
    o.period_end,
    o.person_id,
    min(h.district_id) AS district_id
  FROM on_plan AS o
  LEFT JOIN kp_home_district AS h
    ON h.person_id = o.person_id
   AND h.start_date <= o.period_end
   AND coalesce(h.end_date, DATE '9999-12-31') > o.period_end
  GROUP BY o.period_end, o.person_id
),
population_year AS (
  -- For each month end, the latest population estimate year not after it.
  SELECT
    p.period_end,
    max(lp.population_year) AS population_year
  FROM kp_periods AS p
  JOIN (SELECT DISTINCT population_year FROM local_population) AS lp
    ON lp.population_year <= year(p.period_end)
  GROUP BY p.period_end
),
population AS (
  -- Children aged 0-17 by district in that year's estimate.
  SELECT
    y.period_end,
    lp.district_id,
    sum(lp.population) AS children
  FROM population_year AS y
  JOIN local_population AS lp
    ON lp.population_year = y.population_year
  WHERE lp.age BETWEEN 0 AND 17
  GROUP BY y.period_end, lp.district_id
)
SELECT
  c.period_end,
  c.person_id,
  c.district_id,
  dt.team_id,
  1 AS numerator,
  0 AS denominator
FROM children AS c
LEFT JOIN district_team AS dt
  ON dt.district_id = c.district_id
UNION ALL
SELECT
  pop.period_end,
  NULL AS person_id,
  pop.district_id,
  dt.team_id,
  0 AS numerator,
  pop.children AS denominator
FROM population AS pop
LEFT JOIN district_team AS dt
  ON dt.district_id = pop.district_id
