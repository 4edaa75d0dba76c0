-- Unaccompanied asylum-seeking children (children who are or have been UASC,
-- kp_uasc) looked after at each month end, once each, against the team holding
-- their case. kp_in_care_at holds one row per child in care at each month end,
-- with their case-holding team then.
SELECT
  c.period_end,
  c.person_id,
  c.team_id,
  1 AS numerator,
  NULL AS denominator
FROM kp_periods AS p
JOIN kp_in_care_at AS c
  ON c.period_end = p.period_end
JOIN kp_uasc AS u
  ON u.person_id = c.person_id
