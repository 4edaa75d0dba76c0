-- One row per child and family assessment authorised (completed) in each
-- calendar month.
SELECT
  p.period_end,
  a.cina_person_id AS person_id,
  a.cina_assessment_team AS team_id,
  1 AS numerator,
  NULL AS denominator
FROM kp_periods AS p
JOIN ssd_cin_assessments AS a
  ON a.cina_assessment_auth_date BETWEEN p.window_start AND p.period_end
