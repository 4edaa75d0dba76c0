-- Caseloads of fostering social workers: the council's fostering households
-- approved at the month end, per case-holding social worker (FTE) in the
-- fostering teams.
WITH fostering_teams AS (
  SELECT t.team_id
  FROM kp_teams AS t
  WHERE t.team_type = 'fostering'
)
-- One row per household approved and not deregistered at the month end,
-- counted against its fostering team (numerator 1)...
SELECT
  p.period_end,
  fc.team_id,
  1 AS numerator,
  0 AS denominator
FROM local_foster_carers AS fc
JOIN kp_periods AS p
  ON fc.approval_date <= p.period_end
 AND (fc.deregistration_date IS NULL OR fc.deregistration_date > p.period_end)
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
JOIN fostering_teams AS f
  ON f.team_id = w.team_id
