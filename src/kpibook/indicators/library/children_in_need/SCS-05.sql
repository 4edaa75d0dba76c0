-- Children in need at each month end: children with an open referral (CIN
-- episode) that an authorised assessment found to need services (an assessment
-- of that referral not ending in no further action), who are neither on a
-- child protection plan nor looked after at the month end. The numerator is
-- those with a child in need plan open at the month end.
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
cin_spans AS (
  -- Each referral counts from then until it closes (end date exclusive).
  SELECT
    r.cine_person_id AS person_id,
    greatest(r.cine_referral_date, n.from_date) AS from_date,
    r.cine_close_date AS to_date
  FROM ssd_cin_episodes AS r
  JOIN in_need_from AS n
    ON n.referral_id = r.cine_referral_id
),
other_spans AS (
  -- What takes a child out of the cohort (child protection plan, looked after)
  -- or into the numerator (child in need plan), each as a span of days.
  SELECT cppl_person_id AS person_id, 'cp' AS kind,
         cppl_cp_plan_start_date AS from_date, cppl_cp_plan_end_date AS to_date
  FROM ssd_cp_plans
  UNION ALL
  SELECT clae_person_id, 'cic', clae_cla_episode_start_date, clae_cla_episode_ceased_date
  FROM ssd_cla_episodes
  UNION ALL
  SELECT cinp_person_id, 'plan', cinp_cin_plan_start_date, cinp_cin_plan_end_date
  FROM ssd_cin_plans
),
cin_at AS (
  -- One row per child per month end at which they are a child in need case.
  SELECT DISTINCT p.period_end, s.person_id
  FROM kp_periods AS p
  JOIN cin_spans AS s
    ON s.from_date <= p.period_end AND (s.to_date IS NULL OR s.to_date > p.period_end)
),
flags AS (
  SELECT
    c.period_end,
    c.person_id,
    coalesce(bool_or(o.kind = 'cp'), FALSE) AS on_cp_plan,
    coalesce(bool_or(o.kind = 'cic'), FALSE) AS looked_after,
    coalesce(bool_or(o.kind = 'plan'), FALSE) AS on_cin_plan
  FROM cin_at AS c
  LEFT JOIN other_spans AS o
    ON o.person_id = c.person_id
    AND o.from_date <= c.period_end
    AND (o.to_date IS NULL OR o.to_date > c.period_end)
  GROUP BY c.period_end, c.person_id
)
SELECT
  f.period_end,
  f.person_id,
  t.team_id,
  CASE WHEN f.on_cin_plan THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM flags AS f
LEFT JOIN kp_case_team AS t
  ON t.person_id = f.person_id
  AND t.start_date <= f.period_end
  AND (t.end_date IS NULL OR t.end_date > f.period_end)
WHERE NOT f.on_cp_plan AND NOT f.looked_after
