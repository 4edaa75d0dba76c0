-- Children in care at each month end with 3 or more placements in the 12
-- calendar months to the month end (Kent's count: every placement record).
WITH in_care AS (
  -- Children in care at each month end (kp_in_care_at: an episode open at the
  -- end of the day, one row per child) with their case-holding team then,
  -- and the first day of the month's 12-month look-back
  -- (August 2016 -> 1 September 2015).
  SELECT
    c.period_end,
    CAST(date_trunc('month', c.period_end) - INTERVAL 11 MONTH AS DATE) AS year_start,
    c.person_id,
    c.team_id
  FROM kp_periods AS p
  JOIN kp_in_care_at AS c
    ON c.period_end = p.period_end
)
SELECT
  c.period_end,
  c.person_id,
  c.team_id,
  -- How many of the child's placement records were open on some day of the
  -- month's 12-month look-back (one row per child: the count is per group).
  CASE WHEN count(pl.clap_person_id) >= 3 THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM in_care AS c
LEFT JOIN ssd_cla_placement AS pl
  ON pl.clap_person_id = c.person_id
  AND pl.clap_cla_placement_start_date <= c.period_end
  AND coalesce(pl.clap_cla_placement_end_date, DATE '9999-12-31') >= c.year_start
GROUP BY c.period_end, c.person_id, c.team_id
