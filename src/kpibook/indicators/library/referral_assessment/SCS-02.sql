-- Each completed child and family assessment, with the working days it took
-- from its start to its authorisation (start day = day 0, England and Wales
-- bank holidays excluded); then one row per assessment authorised in each
-- rolling 12-month window.
WITH window_days AS (
  -- Every day of every window being computed, with its month end: matching
  -- records to these by their date is much quicker than comparing each date
  -- with every window.
  SELECT
    p.period_end,
    CAST(unnest(generate_series(p.window_start, p.period_end, INTERVAL 1 DAY)) AS DATE) AS day
  FROM kp_periods AS p
),
assessments AS (
  SELECT
    a.cina_person_id AS person_id,
    a.cina_assessment_team AS team_id,
    a.cina_assessment_auth_date AS auth_date,
    working_days(a.cina_assessment_start_date, a.cina_assessment_auth_date) AS days_taken
  FROM ssd_cin_assessments AS a
  WHERE a.cina_assessment_auth_date IS NOT NULL
)
SELECT
  p.period_end,
  f.person_id,
  f.team_id,
  CASE WHEN f.days_taken <= 45 THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM window_days AS p
JOIN assessments AS f
  ON f.auth_date = p.day
