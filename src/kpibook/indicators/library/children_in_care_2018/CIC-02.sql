-- Children in care per 10,000 children aged 0-17: one row per child in care
-- at each month end (numerator 1, placed in their home district) and one row
-- per district's child population (denominator, no child).
WITH in_care AS (
  -- Children in care at each month end (kp_in_care_at, one row per child).
  SELECT
    c.period_end,
    c.person_id
  FROM kp_periods AS p
  JOIN kp_in_care_at AS c
    ON c.period_end = p.period_end
),
homes AS (
  -- The home districts of children in care, each with the start of the
  -- child's next home address (none: the latest).
  SELECT
    person_id,
    district_id,
    start_date,
    lead(start_date) OVER (PARTITION BY person_id ORDER BY start_date, district_id) AS next_start
  FROM kp_home_district
  WHERE person_id IN (SELECT person_id FROM kp_in_care_at)
),
children AS (
  -- Each child's district: that of their latest home address started on or
  -- before the month end (children in care keep the home they came from;
  -- no home address: district unknown).
  SELECT
    c.period_end,
    c.person_id,
    h.district_id,
    1 AS numerator,
    0 AS denominator
  FROM in_care AS c
  LEFT JOIN homes AS h
    ON h.person_id = c.person_id
    AND h.start_date <= c.period_end
    AND coalesce(h.next_start, DATE '9999-12-31') > c.period_end
),
population_years AS (
  -- The population estimate each month end uses: the latest mid-year
  -- estimate for a year not after the month end's year.
  SELECT
    p.period_end,
    max(y.population_year) AS population_year
  FROM kp_periods AS p
  JOIN (SELECT DISTINCT population_year FROM local_population) AS y
    ON y.population_year <= year(p.period_end)
  GROUP BY p.period_end
),
population AS (
  -- Children aged 0-17 in each district (no child: the exc_uasc cohort keeps
  -- these rows).
  SELECT
    y.period_end,
    CAST(NULL AS VARCHAR) AS person_id,
    lp.district_id,
    0 AS numerator,
    lp.population AS denominator
  FROM population_years AS y
  JOIN local_population AS lp
    ON lp.population_year = y.population_year
  WHERE lp.age BETWEEN 0 AND 17
)
SELECT period_end, person_id, district_id, numerator, denominator FROM children
UNION ALL
SELECT period_end, person_id, district_id, numerator, denominator FROM population
