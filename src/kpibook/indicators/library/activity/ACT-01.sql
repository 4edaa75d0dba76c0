-- Children with an open allocation to a case-holding worker at each month end:
-- a case worker (CW) or, for care leavers, a personal adviser (PA). Each child
-- counts once, against their case worker's team, or, if they have no case
-- worker (or no team recorded for them), the team of their most recently
-- started personal adviser allocation (the larger team id if two started the
-- same day).
WITH case_workers AS (
  -- The case worker and team at each month end (kp_team_at: one per child).
  SELECT t.period_end, t.person_id, t.team_id
  FROM kp_periods AS p
  JOIN kp_team_at AS t
    ON t.period_end = p.period_end
),
advisers AS (
  -- Children with a personal adviser allocation open at each month end, with
  -- the team of the latest-started one that has a team.
  SELECT
    p.period_end,
    i.invo_person_id AS person_id,
    arg_max(i.invo_professional_team, (i.invo_involvement_start_date, i.invo_professional_team))
      AS team_id
  FROM kp_periods AS p
  JOIN ssd_involvements AS i
    ON i.invo_involvement_start_date <= p.period_end
    AND coalesce(i.invo_involvement_end_date, DATE '9999-12-31') > p.period_end
  WHERE i.invo_professional_role_id = 'PA'
  GROUP BY p.period_end, i.invo_person_id
)
SELECT
  coalesce(c.period_end, a.period_end) AS period_end,
  coalesce(c.person_id, a.person_id) AS person_id,
  -- Case worker's team first, then the personal adviser's.
  coalesce(c.team_id, a.team_id) AS team_id,
  1 AS numerator,
  NULL AS denominator
FROM case_workers AS c
FULL OUTER JOIN advisers AS a
  ON a.period_end = c.period_end
  AND a.person_id IS NOT DISTINCT FROM c.person_id
