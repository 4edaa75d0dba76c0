-- Initial child protection conferences held in the window, flagged when held
-- within 15 working days of the start of the section 47 enquiry that led to
-- them (the strategy discussion), with the team that organised the conference.
WITH window_days AS (
  -- Every day of every window being computed, with its month end: matching
  -- records to these by their date is much quicker than comparing each date
  -- with every window.
  SELECT
    p.period_end,
    CAST(unnest(generate_series(p.window_start, p.period_end, INTERVAL 1 DAY)) AS DATE) AS day
  FROM kp_periods AS p
),
conferences AS (
  SELECT
    c.icpc_person_id AS person_id,
    c.icpc_icpc_team AS team_id,
    c.icpc_icpc_date AS icpc_date,
    -- Working days after the strategy discussion up to and including the
    -- conference day (the strategy discussion's own day is day 0).
    working_days(s.s47e_s47_start_date, c.icpc_icpc_date) AS days_taken
  FROM ssd_initial_cp_conference AS c
  JOIN ssd_s47_enquiry AS s
    ON s.s47e_s47_enquiry_id = c.icpc_s47_enquiry_id
  -- Transfer-in conferences (a child arriving on another authority's plan)
  -- are not preceded by one of our enquiries; conferences dated before their
  -- enquiry started are recording errors. Both are left out, as the DfE does.
  WHERE coalesce(c.icpc_icpc_transfer_in, 'N') <> 'Y'
    AND c.icpc_icpc_date >= s.s47e_s47_start_date
    -- Only conferences held in some window being computed.
    AND c.icpc_icpc_date BETWEEN (SELECT min(window_start) FROM kp_periods) AND (SELECT max(period_end) FROM kp_periods)
)
SELECT
  p.period_end,
  f.person_id,
  f.team_id,
  CASE WHEN f.days_taken <= 15 THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM conferences AS f
JOIN window_days AS p
  ON f.icpc_date = p.day
