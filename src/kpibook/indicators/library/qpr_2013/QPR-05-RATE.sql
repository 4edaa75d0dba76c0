-- Children on a child protection plan at each quarter end per 10,000 children
-- aged 0-17.
--
-- Numerator rows: each child on a plan at the quarter end, once, placed in the
-- district of their home address at the quarter end (the latest-started if
-- they have two; NULL if unknown).
--
-- Denominator rows: the child population aged 0-17 of each district, from the
-- latest mid-year estimate (population_year) no later than the quarter's year.
-- These rows have no child (person_id NULL), so both cohorts keep them.
WITH on_plan AS (
  -- Children on a plan at each quarter end (kp_cp_at), once each.
  SELECT DISTINCT c.period_end, c.person_id
  FROM kp_periods AS p
  JOIN kp_cp_at AS c
    ON c.period_end = p.period_end
),
children AS (
  SELECT
    l.period_end,
    l.person_id,
    arg_max(h.district_id, (h.start_date, h.district_id)) AS district_id
  FROM on_plan AS l
  LEFT JOIN kp_home_district AS h
    ON h.person_id = l.person_id
    AND h.start_date <= l.period_end
    AND coalesce(h.end_date, DATE '9999-12-31') > l.period_end
  GROUP BY l.period_end, l.person_id
),
estimate_year AS (
  -- The latest population estimate on or before each quarter's year.
  SELECT p.period_end, max(y.population_year) AS population_year
  FROM kp_periods AS p
  JOIN (SELECT DISTINCT population_year FROM local_population) AS y
    ON y.population_year <= year(p.period_end)
  GROUP BY p.period_end
),
population AS (
  SELECT e.period_end, l.district_id, sum(l.population) AS population
  FROM estimate_year AS e
  JOIN local_population AS l
    ON l.population_year = e.population_year AND l.age BETWEEN 0 AND 17
  GROUP BY e.period_end, l.district_id
)
SELECT
  c.period_end,
  c.person_id,
  CAST(NULL AS VARCHAR) AS team_id,
  c.district_id,
  1 AS numerator,
  0 AS denominator
FROM children AS c
UNION ALL
SELECT
  o.period_end,
  CAST(NULL AS VARCHAR) AS person_id,
  CAST(NULL AS VARCHAR) AS team_id,
  o.district_id,
  0 AS numerator,
  o.population AS denominator
FROM population AS o
