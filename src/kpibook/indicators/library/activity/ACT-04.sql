-- Children on a child protection plan at each month end (started on or before
-- it, not ended by it), once each, against the team holding their case then.
-- kp_cp_at holds every plan open at each month end with the child's
-- case-holding team then; a child on two plans counts once.
WITH on_plan AS (
  SELECT DISTINCT c.period_end, c.person_id, c.team_id
  FROM kp_periods AS p
  JOIN kp_cp_at AS c
    ON c.period_end = p.period_end
)
SELECT
  o.period_end,
  o.person_id,
  o.team_id,
  1 AS numerator,
  NULL AS denominator
FROM on_plan AS o
