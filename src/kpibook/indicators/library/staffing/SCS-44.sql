-- Caseloads of social workers in children's social work teams (CSWTs):
-- children whose case a CSWT holds at the month end, per case-holding social
-- worker (FTE) in those teams.
WITH cases AS (
  -- Case-holding spans (kp_case_team) in teams of this type, before the month
  -- ends are joined (end exclusive; 9999-12-31 while open).
  SELECT
    ct.team_id,
    ct.start_date,
    coalesce(ct.end_date, DATE '9999-12-31') AS end_date
  FROM kp_case_team AS ct
  WHERE ct.team_id IN (SELECT t.team_id FROM kp_teams AS t WHERE t.team_type = 'cswt')
),
team_cases AS (
  -- Children whose case each team holds at each month end, added up per team
  -- and month.
  SELECT
    p.period_end,
    c.team_id,
    count(*) AS cases
  FROM cases AS c
  JOIN kp_periods AS p
    ON c.start_date <= p.period_end
   AND c.end_date > p.period_end
  GROUP BY p.period_end, c.team_id
)
-- One row per team and month end with the children it holds (numerator)...
SELECT
  c.period_end,
  c.team_id,
  c.cases AS numerator,
  0 AS denominator
FROM team_cases AS c
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
