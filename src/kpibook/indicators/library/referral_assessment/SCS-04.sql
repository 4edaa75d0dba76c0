-- One row per child and family assessment authorised in each rolling 12-month
-- window, counting in the numerator when the child was seen during it.
SELECT
  p.period_end,
  a.cina_person_id AS person_id,
  a.cina_assessment_team AS team_id,
  CASE WHEN a.cina_assessment_child_seen = 'Y' THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN ssd_cin_assessments AS a
  ON a.cina_assessment_auth_date BETWEEN p.window_start AND p.period_end
