-- Caseloads of fostering social workers: the council's fostering households
-- approved at the month end, per case-holding social worker (FTE) in the
-- fostering teams.
WITH households AS (
  -- Approval spans (deregistration date exclusive; 9999-12-31 while approved).
  SELECT
    fc.team_id,
    fc.approval_date,
    coalesce(fc.deregistration_date, DATE '9999-12-31') AS deregistration_date
  FROM local_foster_carers AS fc
)
-- One row per household approved and not deregistered at the month end,
-- counted against its fostering team (numerator 1)...
SELECT
  p.period_end,
  h.team_id,
  1 AS numerator,
  0 AS denominator
FROM households AS h
JOIN kp_periods AS p
  ON h.approval_date <= p.period_end
 AND h.deregistration_date > p.period_end
UNION ALL
-- ... and one row per fostering team with its case-holding social workers
-- (FTE) that month (denominator).
SELECT
  p.period_end,
  w.team_id,
  0 AS numerator,
  w.caseholding_sw_fte AS denominator
FROM kp_periods AS p
JOIN local_workforce AS w
  ON last_day(w.month_end) = p.period_end
JOIN kp_teams AS t
  ON t.team_id = w.team_id
WHERE t.team_type = 'fostering'
