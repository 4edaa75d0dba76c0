-- One row per private fostering arrangement current at each month end
-- (begun on or before it, not ended by it).
SELECT
  p.period_end,
  f.pf_person_id AS person_id,
  f.pf_team_id AS team_id,
  1 AS numerator,
  NULL AS denominator
FROM kp_periods AS p
JOIN local_private_fostering AS f
  ON f.pf_start_date <= p.period_end
  AND coalesce(f.pf_end_date, DATE '9999-12-31') > p.period_end
