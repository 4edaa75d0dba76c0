-- Section 47 enquiries completed in the window, flagged when the child was
-- seen during the enquiry, with the team that completed it.
-- The SSD has no column for "child seen" at a section 47 enquiry: kpibook
-- records it as the key CHILD_SEEN_FLAG (Y/N) in s47e_s47_outcome_json.
WITH window_days AS (
  -- Every day of every window being computed, with its month end: matching
  -- records to these by their date is much quicker than comparing each date
  -- with every window.
  SELECT
    p.period_end,
    CAST(unnest(generate_series(p.window_start, p.period_end, INTERVAL 1 DAY)) AS DATE) AS day
  FROM kp_periods AS p
)
SELECT
  p.period_end,
  s.s47e_person_id AS person_id,
  s.s47e_s47_completed_by_team AS team_id,
  CASE WHEN json_extract_string(s.s47e_s47_outcome_json, '$.CHILD_SEEN_FLAG') = 'Y'
       THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM ssd_s47_enquiry AS s
JOIN window_days AS p
  ON s.s47e_s47_end_date = p.day
