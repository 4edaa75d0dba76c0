-- Caseloads of social workers in children's social work teams (CSWTs):
-- children whose case a CSWT holds at the month end, per case-holding social
-- worker (FTE) in those teams.
WITH team_cases AS (
  -- Children whose case each team of this type holds at each month end
  -- (kp_team_at: the case-holding team of every allocated child at every month
  -- end), added up per team and month.
  SELECT
    ta.period_end,
    ta.team_id,
    count(*) AS cases
  FROM kp_team_at AS ta
  JOIN kp_teams AS t
    ON t.team_id = ta.team_id
  WHERE t.team_type = 'cswt'
  GROUP BY ta.period_end, ta.team_id
)
-- One row per team and month end with the children it holds (numerator)...
SELECT
  p.period_end,
  c.team_id,
  c.cases AS numerator,
  0 AS denominator
FROM kp_periods AS p
JOIN team_cases AS c
  ON c.period_end = p.period_end
UNION ALL
-- ... and one row per team with its case-holding social workers (FTE) that
-- month (denominator).
SELECT
  p.period_end,
  w.team_id,
  0 AS numerator,
  w.caseholding_sw_fte AS denominator
FROM kp_periods AS p
-- local_workforce has one row per team and month end; last_day() also
-- accepts a row dated earlier in the month.
JOIN local_workforce AS w
  ON last_day(w.month_end) = p.period_end
JOIN kp_teams AS t
  ON t.team_id = w.team_id
WHERE t.team_type = 'cswt'
