-- One row per child in care at each month end (kp_in_care_at: an episode
-- open at the end of the day, one row per child), counted against the team
-- holding the child's case then.
SELECT
  c.period_end,
  c.person_id,
  c.team_id,
  1 AS numerator,
  NULL AS denominator
FROM kp_periods AS p
JOIN kp_in_care_at AS c
  ON c.period_end = p.period_end
