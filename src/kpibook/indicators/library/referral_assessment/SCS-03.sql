-- Child and family assessments still in progress at each month end (started on
-- or before it, not authorised by it) that have run for more than 45 working
-- days (start day = day 0, England and Wales bank holidays excluded).
--
-- kp_workdays numbers the working days (n): working days from the start to a
-- month end = n(month end) - n(start), more than 45 from the day n reaches
-- n(start) + 46. So each assessment counts at the month ends from that day
-- until it is authorised; most are authorised before then and drop out before
-- any month end is looked at.
WITH first_day_of AS (
  -- The first day with each running count of working days (a working day).
  SELECT n, min(day) AS day
  FROM kp_workdays
  GROUP BY n
),
assessments AS (
  -- Each assessment with the day it has run for more than 45 working days and
  -- the day it was authorised (31 Dec 9999 while still open), if the one
  -- comes before the other.
  SELECT
    a.cina_person_id AS person_id,
    a.cina_assessment_team AS team_id,
    o.day AS overdue_from,
    coalesce(a.cina_assessment_auth_date, DATE '9999-12-31') AS auth_date
  FROM ssd_cin_assessments AS a
  JOIN kp_workdays AS w
    ON w.day = a.cina_assessment_start_date
  JOIN first_day_of AS o
    ON o.n = w.n + 46
  WHERE o.day < coalesce(a.cina_assessment_auth_date, DATE '9999-12-31')
)
SELECT
  p.period_end,
  f.person_id,
  f.team_id,
  1 AS numerator,
  NULL AS denominator
FROM kp_periods AS p
JOIN assessments AS f
  ON f.overdue_from <= p.period_end
  AND f.auth_date > p.period_end
