-- Statutory visits to private fostering arrangements that are current at each
-- month end (begun on or before it, not ended by it): every visit of such an
-- arrangement that fell due on or before the month end, counting in the
-- numerator when it was held on or before its due date.
WITH visits AS (
  SELECT
    f.pf_person_id AS person_id,
    f.pf_team_id AS team_id,
    f.pf_start_date AS start_date,
    f.pf_end_date AS end_date,
    v.pfv_due_date AS due_date,
    coalesce(v.pfv_visit_date <= v.pfv_due_date, FALSE) AS in_time
  FROM local_private_fostering_visits AS v
  JOIN local_private_fostering AS f
    ON f.pf_id = v.pfv_pf_id
)
SELECT
  p.period_end,
  v.person_id,
  v.team_id,
  CASE WHEN v.in_time THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN visits AS v
  ON v.start_date <= p.period_end
  AND coalesce(v.end_date, DATE '9999-12-31') > p.period_end
  AND v.due_date <= p.period_end
