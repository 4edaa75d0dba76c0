-- Children in care care plans graded (by the independent reviewing officer)
-- in the window, flagged when graded good or outstanding.
SELECT
  p.period_end,
  g.grading_person_id AS person_id,
  g.grading_team_id AS team_id,
  CASE WHEN g.grading_grade IN ('good', 'outstanding') THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN local_quality_gradings AS g
  ON g.grading_date BETWEEN p.window_start AND p.period_end
WHERE g.grading_document_type = 'cic_care_plan'
