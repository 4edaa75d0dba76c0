-- Children in need at each month end: children with an open referral (CIN
-- episode) that an authorised assessment found to need services (an assessment
-- of that referral not ending in no further action), who are neither on a
-- child protection plan nor looked after at the month end. The numerator is
-- those with a child in need plan open at the month end.
--
-- Rather than list every child's referrals, plans and care episodes at every
-- month end and match them up, the query walks through each child's history
-- once: every span (referral, child protection plan, care episode, child in
-- need plan) adds 1 to its kind's count on its first day and takes 1 off on
-- the day it ends, so the running counts say what was open from each change
-- until the next one. Month ends are matched to those stretches last.
WITH in_need_from AS (
  -- The first day each referral counts as a child in need case: when its first
  -- assessment that did not end in no further action was authorised.
  SELECT
    a.cina_referral_id AS referral_id,
    min(a.cina_assessment_auth_date) AS from_date
  FROM ssd_cin_assessments AS a
  WHERE a.cina_assessment_outcome_nfa = 'N' AND a.cina_assessment_auth_date IS NOT NULL
  GROUP BY a.cina_referral_id
),
spans AS (
  -- Each span of days (end exclusive; 31 Dec 9999 while open) with its kind:
  -- a child in need case (a referral from then until it closes), or what
  -- takes a child out of the cohort (child protection plan, looked after) or
  -- into the numerator (child in need plan).
  SELECT
    r.cine_person_id AS person_id,
    'cin' AS kind,
    greatest(r.cine_referral_date, n.from_date) AS from_date,
    coalesce(r.cine_close_date, DATE '9999-12-31') AS to_date
  FROM ssd_cin_episodes AS r
  JOIN in_need_from AS n
    ON n.referral_id = r.cine_referral_id
  UNION ALL
  SELECT cppl_person_id, 'cp', cppl_cp_plan_start_date,
         coalesce(cppl_cp_plan_end_date, DATE '9999-12-31')
  FROM ssd_cp_plans
  UNION ALL
  SELECT clae_person_id, 'cic', clae_cla_episode_start_date,
         coalesce(clae_cla_episode_ceased_date, DATE '9999-12-31')
  FROM ssd_cla_episodes
  UNION ALL
  SELECT cinp_person_id, 'plan', cinp_cin_plan_start_date,
         coalesce(cinp_cin_plan_end_date, DATE '9999-12-31')
  FROM ssd_cin_plans
),
counted AS (
  -- The spans that cover at least one day from the first month end to the
  -- last. A plan or care episode with no child id matches no child, so only
  -- referrals may lack one.
  SELECT *
  FROM spans
  WHERE from_date < to_date
    AND to_date > (SELECT min(period_end) FROM kp_periods)
    AND from_date <= (SELECT max(period_end) FROM kp_periods)
    AND (person_id IS NOT NULL OR kind = 'cin')
),
changes AS (
  -- +1 on a span's first day, -1 on the day it ends, per kind.
  SELECT person_id, from_date AS day,
         CASE WHEN kind = 'cin' THEN 1 ELSE 0 END AS cin,
         CASE WHEN kind = 'cp' THEN 1 ELSE 0 END AS cp,
         CASE WHEN kind = 'cic' THEN 1 ELSE 0 END AS cic,
         CASE WHEN kind = 'plan' THEN 1 ELSE 0 END AS plan
  FROM counted
  UNION ALL
  SELECT person_id, to_date,
         CASE WHEN kind = 'cin' THEN -1 ELSE 0 END,
         CASE WHEN kind = 'cp' THEN -1 ELSE 0 END,
         CASE WHEN kind = 'cic' THEN -1 ELSE 0 END,
         CASE WHEN kind = 'plan' THEN -1 ELSE 0 END
  FROM counted
),
stretches AS (
  -- What is open from each change until the child's next one: the running
  -- counts over every change up to and including that day. (Several changes
  -- on one day all get the day's counts; all but the last are stretches of
  -- no days, which match no month end.)
  SELECT
    person_id,
    day AS from_date,
    coalesce(lead(day) OVER by_day, DATE '9999-12-31') AS to_date,
    sum(cin) OVER by_day AS cin,
    sum(cp) OVER by_day AS cp,
    sum(cic) OVER by_day AS cic,
    sum(plan) OVER by_day AS plan
  FROM changes
  WINDOW by_day AS (PARTITION BY person_id ORDER BY day)
),
in_need AS (
  -- Stretches when the child is a child in need case, not on a child
  -- protection plan and not looked after.
  SELECT person_id, from_date, to_date, plan > 0 AS on_cin_plan
  FROM stretches
  WHERE cin > 0 AND cp = 0 AND cic = 0
    AND last_day(from_date) < to_date
)
SELECT
  p.period_end,
  s.person_id,
  t.team_id,
  CASE WHEN s.on_cin_plan THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN in_need AS s
  ON s.from_date <= p.period_end
  AND s.to_date > p.period_end
-- The team holding the child's case at the month end.
LEFT JOIN kp_team_at AS t
  ON t.period_end = p.period_end AND t.person_id = s.person_id
