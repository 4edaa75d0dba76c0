-- Child and family assessments still in progress at each month end (started on
-- or before it, not authorised by it) that have run for more than 45 working
-- days (start day = day 0, England and Wales bank holidays excluded).
--
-- kp_workdays numbers the working days: working days from the start to the
-- month end = n(month end) - n(start). Looking up n once per assessment and
-- once per month end avoids a look-up per assessment and month.
WITH assessments AS (
  SELECT
    a.cina_person_id AS person_id,
    a.cina_assessment_team AS team_id,
    a.cina_assessment_start_date AS start_date,
    a.cina_assessment_auth_date AS auth_date,
    w.n AS start_n
  FROM ssd_cin_assessments AS a
  JOIN kp_workdays AS w
    ON w.day = a.cina_assessment_start_date
),
month_ends AS (
  SELECT p.period_end, w.n AS end_n
  FROM kp_periods AS p
  JOIN kp_workdays AS w
    ON w.day = p.period_end
)
SELECT
  m.period_end,
  f.person_id,
  f.team_id,
  1 AS numerator,
  NULL AS denominator
FROM month_ends AS m
JOIN assessments AS f
  ON f.start_date <= m.period_end
  AND coalesce(f.auth_date, DATE '9999-12-31') > m.period_end
WHERE m.end_n - f.start_n > 45
