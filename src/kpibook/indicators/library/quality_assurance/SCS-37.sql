-- Case file audits completed in the window, flagged when graded good or
-- outstanding.
SELECT
  p.period_end,
  a.audit_person_id AS person_id,
  a.audit_team_id AS team_id,
  CASE WHEN a.audit_grade IN ('good', 'outstanding') THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN local_case_audits AS a
  ON a.audit_completed_date BETWEEN p.window_start AND p.period_end
