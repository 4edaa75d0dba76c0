-- Agency decisions (ADM) that adoption should be the plan, made in the window,
-- flagged when the decision came within 4 calendar months of the child
-- becoming looked after for the period of care it belongs to.
WITH care_start AS (
  -- When each period of care began: the earliest "entered care" date of its
  -- episodes (the episode start where that date is not recorded).
  SELECT
    e.clae_cla_id AS cla_id,
    min(coalesce(e.clae_entered_care_date, e.clae_cla_episode_start_date)) AS bla_date
  FROM ssd_cla_episodes AS e
  GROUP BY e.clae_cla_id
),
decisions AS (
  -- One row per adoption decision, with the 4-month test done once.
  -- 4 calendar months: became looked after 31 Oct 2015 -> decision by 29 Feb 2016.
  SELECT
    pm.perm_table_id AS record_id,
    pm.perm_person_id AS person_id,
    pm.perm_adm_decision_date AS adm_date,
    pm.perm_adm_decision_date <= CAST(c.bla_date + INTERVAL 4 MONTH AS DATE) AS within_4_months
  FROM ssd_permanence AS pm
  JOIN care_start AS c
    ON c.cla_id = pm.perm_cla_id
  WHERE pm.perm_adm_decision_date IS NOT NULL
),
case_teams AS (
  -- The case-holding spans of these children only, so the lookup below
  -- searches a small table.
  SELECT
    ct.person_id,
    ct.team_id,
    ct.start_date
  FROM kp_case_team AS ct
  WHERE ct.person_id IN (SELECT e.person_id FROM decisions AS e)
),
with_team AS (
  -- The team holding the child's case on the day of the decision (or the
  -- last team to hold it before then).
  SELECT
    d.person_id,
    d.adm_date,
    d.within_4_months,
    ct.team_id
  FROM decisions AS d
  ASOF LEFT JOIN case_teams AS ct
    ON ct.person_id = d.person_id
   AND ct.start_date <= d.adm_date
)
SELECT
  p.period_end,
  w.person_id,
  w.team_id,
  CASE WHEN w.within_4_months THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN with_team AS w
  ON w.adm_date BETWEEN p.window_start AND p.period_end
