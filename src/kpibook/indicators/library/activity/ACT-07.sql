-- Children looked after at each month end (a care episode started on or before
-- it and not ceased by it), once each, against the team holding their case.
-- kp_in_care_at holds one row per child in care at each month end, with their
-- case-holding team then.
SELECT
  c.period_end,
  c.person_id,
  c.team_id,
  1 AS numerator,
  NULL AS denominator
FROM kp_periods AS p
JOIN kp_in_care_at AS c
  ON c.period_end = p.period_end
