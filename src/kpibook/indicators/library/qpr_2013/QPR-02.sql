-- One row per contact received by children's services in each calendar
-- quarter (contacts have no team, so the figure is for the council only).
SELECT
  p.period_end,
  c.cont_person_id AS person_id,
  1 AS numerator,
  NULL AS denominator
FROM kp_periods AS p
JOIN ssd_contacts AS c
  ON c.cont_contact_date BETWEEN p.window_start AND p.period_end
