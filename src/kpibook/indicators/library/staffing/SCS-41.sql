-- Case-holding teams' funded posts (FTE) at each month end, with the FTE filled
-- by permanent qualified social workers. Case-holding teams: district
-- children's social work, children in care, disabled children, UASC,
-- adoption and care leaver teams.
SELECT
  p.period_end,
  w.team_id,
  w.permanent_qsw_fte AS numerator,
  w.posts_fte AS denominator
FROM kp_periods AS p
-- local_workforce has one row per team and month end; last_day() also
-- accepts a row dated earlier in the month.
JOIN local_workforce AS w
  ON last_day(w.month_end) = p.period_end
JOIN kp_teams AS t
  ON t.team_id = w.team_id
WHERE t.team_type IN ('cswt', 'cic', 'disability', 'uasc', 'adoption', 'care_leavers')
