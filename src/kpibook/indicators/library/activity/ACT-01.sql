-- Children with an open allocation to a case-holding worker at each month end:
-- a case worker (CW) or, for care leavers, a personal adviser (PA). Each child
-- counts once, against their case worker's team, or, if they have no case
-- worker, the team of their most recently started personal adviser allocation.
WITH allocations AS (
  -- Case worker spans (kp_case_team: one at a time per child) come first...
  SELECT person_id, team_id, start_date, end_date, 1 AS priority
  FROM kp_case_team
  UNION ALL
  -- ...then personal adviser allocations.
  SELECT
    i.invo_person_id,
    i.invo_professional_team,
    i.invo_involvement_start_date,
    i.invo_involvement_end_date,
    2
  FROM ssd_involvements AS i
  WHERE i.invo_professional_role_id = 'PA' AND i.invo_involvement_start_date IS NOT NULL
)
SELECT
  p.period_end,
  a.person_id,
  -- Case worker first (priority 1), then the latest start, then the team id.
  arg_max(a.team_id, (-a.priority, a.start_date, a.team_id)) AS team_id,
  1 AS numerator,
  NULL AS denominator
FROM kp_periods AS p
JOIN allocations AS a
  ON a.start_date <= p.period_end
  AND (a.end_date IS NULL OR a.end_date > p.period_end)
GROUP BY p.period_end, a.person_id
