-- Caseloads of independent reviewing officers (IROs): children looked after at
-- the month end, per case-holding FTE in the IRO teams.
WITH iro_spans AS (
  -- IRO allocations (ssd_involvements role IRO), made non-overlapping per
  -- child the way kp_case_team is: a new allocation ends the previous one
  -- (end exclusive; 9999-12-31 while open).
  SELECT
    i.invo_person_id AS person_id,
    i.invo_professional_team AS team_id,
    i.invo_involvement_start_date AS start_date,
    least(
      coalesce(i.invo_involvement_end_date, DATE '9999-12-31'),
      coalesce(lead(i.invo_involvement_start_date) OVER w, DATE '9999-12-31')
    ) AS end_date
  FROM ssd_involvements AS i
  WHERE i.invo_professional_role_id = 'IRO'
    AND i.invo_involvement_start_date IS NOT NULL
  WINDOW w AS (
    PARTITION BY i.invo_person_id
    ORDER BY i.invo_involvement_start_date, i.invo_involvements_id
  )
),
children AS (
  -- Children looked after at each month end (kp_in_care_at), each with the
  -- team of their IRO allocation open that day (none recorded: no team).
  SELECT
    c.period_end,
    s.team_id
  FROM kp_in_care_at AS c
  LEFT JOIN iro_spans AS s
    ON s.person_id = c.person_id
   AND s.start_date <= c.period_end
   AND s.end_date > c.period_end
)
-- One row per IRO team (or none) and month end with the children looked
-- after (numerator)...
SELECT
  p.period_end,
  ch.team_id,
  count(*) AS numerator,
  0 AS denominator
FROM kp_periods AS p
JOIN children AS ch
  ON ch.period_end = p.period_end
GROUP BY p.period_end, ch.team_id
UNION ALL
-- ... and one row per IRO team with its case-holding FTE that month
-- (denominator).
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
WHERE t.team_type = 'iro'
