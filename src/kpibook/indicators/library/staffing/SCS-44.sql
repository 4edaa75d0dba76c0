-- Caseloads of social workers in children's social work teams (CSWTs):
-- children whose case a CSWT holds at the month end, per case-holding social
-- worker (FTE) in those teams.
WITH cases AS (
  -- Allocations to the teams of this type (the team holding each child's
  -- case over time), before the month ends are joined.
  SELECT
    ct.team_id,
    ct.start_date,
    ct.end_date
  FROM kp_case_team AS ct
  JOIN kp_teams AS t
    ON t.team_id = ct.team_id
  WHERE t.team_type = 'cswt'
)
-- One row per child whose case the team holds at the month end (numerator 1)...
SELECT
  p.period_end,
  c.team_id,
  1 AS numerator,
  0 AS denominator
FROM cases AS c
JOIN kp_periods AS p
  ON c.start_date <= p.period_end
 AND (c.end_date IS NULL OR c.end_date > p.period_end)
UNION ALL
-- ... and one row per team with its case-holding social workers (FTE) that
-- month (denominator).
SELECT
  p.period_end,
  w.team_id,
  0 AS numerator,
  w.caseholding_sw_fte AS denominator
FROM kp_periods AS p
JOIN local_workforce AS w
  ON last_day(w.month_end) = p.period_end
JOIN kp_teams AS t
  ON t.team_id = w.team_id
WHERE t.team_type = 'cswt'
