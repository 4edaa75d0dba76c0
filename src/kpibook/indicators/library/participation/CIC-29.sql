-- One row per complaint made by a child in care (or on their behalf)
-- received in the month, counted against the team complained about.
SELECT
  p.period_end,
  c.complaint_person_id AS person_id,
  c.complaint_team_id AS team_id,
  1 AS numerator,
  NULL AS denominator
FROM kp_periods AS p
JOIN local_complaints AS c
  ON c.complaint_received_date BETWEEN p.window_start AND p.period_end
WHERE c.complaint_by_child_in_care = 'Y'
