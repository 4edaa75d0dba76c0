-- Children with an open case (an open referral, i.e. CIN episode) at each month
-- end who have no allocated worker at the month end: no open involvement as
-- case worker (CW) or, for care leavers, personal adviser (PA).
WITH open_cases AS (
  -- One row per child per month end with an open referral, counted against the
  -- team that dealt with their most recent open referral (the later referral
  -- id if two began the same day).
  SELECT
    p.period_end,
    r.cine_person_id AS person_id,
    arg_max(r.cine_referral_team, (r.cine_referral_date, r.cine_referral_id)) AS team_id
  FROM kp_periods AS p
  JOIN ssd_cin_episodes AS r
    ON r.cine_referral_date <= p.period_end
    AND (r.cine_close_date IS NULL OR r.cine_close_date > p.period_end)
  GROUP BY p.period_end, r.cine_person_id
),
allocated AS (
  -- Allocations of a case-holding worker, each a span of days (end exclusive).
  SELECT
    i.invo_person_id AS person_id,
    i.invo_involvement_start_date AS from_date,
    i.invo_involvement_end_date AS to_date
  FROM ssd_involvements AS i
  WHERE i.invo_professional_role_id IN ('CW', 'PA')
)
SELECT
  c.period_end,
  c.person_id,
  c.team_id,
  1 AS numerator,
  NULL AS denominator
FROM open_cases AS c
-- Keep only the children with no allocation open at the month end.
LEFT JOIN allocated AS a
  ON a.person_id = c.person_id
  AND a.from_date <= c.period_end
  AND (a.to_date IS NULL OR a.to_date > c.period_end)
WHERE a.person_id IS NULL
