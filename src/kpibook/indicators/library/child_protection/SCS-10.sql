-- Child protection plans open at each month end, flagged when the plan had
-- been running for 18 months or more by then, with the team holding the
-- child's case on the month-end day. kp_cp_at holds every plan open at each
-- month end (started on or before it, not ended by it) with that team.
SELECT
  o.period_end,
  o.person_id,
  o.team_id,
  -- 18 calendar months or more: started on or before the same day 18 months
  -- earlier (31 Aug 2016 -> on or before 28 Feb 2015).
  CASE WHEN o.plan_start_date <= o.period_end - INTERVAL 18 MONTH THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN kp_cp_at AS o
  ON o.period_end = p.period_end
