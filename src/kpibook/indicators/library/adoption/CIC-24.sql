-- Children leaving care in the window, flagged when they were adopted (903
-- reasons E11, E12) or left on a special guardianship order (E45 to E48).
WITH leavers AS (
  -- One row per episode that ended a period of care (any reason but X1, which
  -- only closes an episode for a new one the same day).
  SELECT
    e.clae_person_id AS person_id,
    e.clae_cla_episode_ceased_date AS ceased_date,
    e.clae_cla_episode_ceased_reason AS reason
  FROM ssd_cla_episodes AS e
  WHERE e.clae_cla_episode_ceased_date IS NOT NULL
    AND e.clae_cla_episode_ceased_reason <> 'X1'
),
case_teams AS (
  -- The case-holding spans of these children only, so the lookup below
  -- searches a small table.
  SELECT
    ct.person_id,
    ct.team_id,
    ct.start_date
  FROM kp_case_team AS ct
  WHERE ct.person_id IN (SELECT e.person_id FROM leavers AS e)
),
with_team AS (
  -- The team holding the child's case on the day care ended (or the last
  -- team to hold it before then).
  SELECT
    l.person_id,
    l.ceased_date,
    l.reason,
    ct.team_id
  FROM leavers AS l
  ASOF LEFT JOIN case_teams AS ct
    ON ct.person_id = l.person_id
   AND ct.start_date <= l.ceased_date
)
SELECT
  p.period_end,
  w.person_id,
  w.team_id,
  CASE WHEN w.reason IN ('E11', 'E12', 'E45', 'E46', 'E47', 'E48') THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN with_team AS w
  ON w.ceased_date BETWEEN p.window_start AND p.period_end
