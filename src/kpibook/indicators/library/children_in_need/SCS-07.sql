-- Children with an open case (an open referral, i.e. CIN episode) at each month
-- end who have no allocated worker at the month end: no open involvement as
-- case worker (CW) or, for care leavers, personal adviser (PA).
--
-- Nearly every open case is allocated, so rather than listing every open
-- referral at every month end, the query first keeps only the stretches of
-- time when a referral was open and the child had no case-holding team
-- (kp_case_team), and checks those against every CW and PA involvement.
WITH case_team AS (
  -- Each child's case-holding spans (kp_case_team: one at a time), leaving
  -- out those over before the first month end (an open end is 31 Dec 9999).
  SELECT person_id, start_date, coalesce(end_date, DATE '9999-12-31') AS end_date
  FROM kp_case_team
  WHERE coalesce(end_date, DATE '9999-12-31') > (SELECT min(period_end) FROM kp_periods)
),
case_spans AS (
  -- Each with the start of the next one.
  SELECT
    person_id,
    end_date,
    lead(start_date) OVER (PARTITION BY person_id ORDER BY start_date) AS next_start
  FROM case_team
),
gaps AS (
  -- The stretches between the end of one allocation and the start of the
  -- next (or for ever after the last) with no case-holding team, end
  -- exclusive; only those holding a month end matter.
  SELECT
    person_id,
    end_date AS gap_from,
    coalesce(next_start, DATE '9999-12-31') AS gap_to
  FROM case_spans
  WHERE end_date < coalesce(next_start, DATE '9999-12-31')
    AND last_day(end_date) < coalesce(next_start, DATE '9999-12-31')
),
first_allocations AS (
  -- The start of each child's first of those spans (before it, from the
  -- first month end on, the child had no case-holding team).
  SELECT person_id, min(start_date) AS first_start
  FROM case_team
  GROUP BY person_id
),
referrals AS (
  SELECT
    r.cine_person_id AS person_id,
    r.cine_referral_team AS team_id,
    r.cine_referral_date AS referral_date,
    r.cine_referral_id AS referral_id,
    coalesce(r.cine_close_date, DATE '9999-12-31') AS close_date
  FROM ssd_cin_episodes AS r
  -- Only referrals open at some time from the first month end to the last.
  WHERE r.cine_referral_date <= (SELECT max(period_end) FROM kp_periods)
    AND coalesce(r.cine_close_date, DATE '9999-12-31') > (SELECT min(period_end) FROM kp_periods)
),
unheld AS (
  -- The part of each referral that falls in a gap...
  SELECT
    r.person_id,
    r.team_id,
    r.referral_date,
    r.referral_id,
    greatest(r.referral_date, g.gap_from) AS from_date,
    least(r.close_date, g.gap_to) AS to_date
  FROM referrals AS r
  JOIN gaps AS g
    ON g.person_id = r.person_id
    AND g.gap_from < r.close_date
    AND r.referral_date < g.gap_to
  UNION ALL
  -- ...or before the first of those spans (the whole referral for a child
  -- with none, or with no child id).
  SELECT
    r.person_id,
    r.team_id,
    r.referral_date,
    r.referral_id,
    r.referral_date,
    least(r.close_date, coalesce(f.first_start, DATE '9999-12-31'))
  FROM referrals AS r
  LEFT JOIN first_allocations AS f
    ON f.person_id = r.person_id
  WHERE r.referral_date < coalesce(f.first_start, DATE '9999-12-31')
),
open_cases AS (
  -- One row per child per month end with an open referral and no
  -- case-holding team, counted against the team that dealt with their most
  -- recent open referral (the later referral id if two began the same day).
  SELECT
    p.period_end,
    u.person_id,
    arg_max(u.team_id, (u.referral_date, u.referral_id)) AS team_id
  FROM kp_periods AS p
  JOIN unheld AS u
    ON u.from_date <= p.period_end
    AND u.to_date > p.period_end
  GROUP BY p.period_end, u.person_id
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
  AND coalesce(a.to_date, DATE '9999-12-31') > c.period_end
WHERE a.person_id IS NULL
