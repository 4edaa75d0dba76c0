-- Relevant and former relevant care leavers under 21 at each month end, in
-- touch at their latest contact, which was in the 12 months to the month end;
-- flagged when their pathway plan was started or reviewed in the 6 months to
-- the month end.
WITH positions AS (
  -- ssd_care_leavers holds one row per contact (or attempt) and birthday; a
  -- row is the young person's position from its date until their next row
  -- (to_date, exclusive; 9999-12-31 for the latest row).
  SELECT
    cl.clea_person_id AS person_id,
    cl.clea_care_leaver_latest_contact AS from_date,
    coalesce(
      lead(cl.clea_care_leaver_latest_contact) OVER (
        PARTITION BY cl.clea_person_id
        ORDER BY cl.clea_care_leaver_latest_contact, cl.clea_table_id
      ),
      DATE '9999-12-31'
    ) AS to_date,
    cl.clea_care_leaver_eligibility AS eligibility,
    cl.clea_care_leaver_in_touch AS in_touch,
    cl.clea_care_leaver_accommodation AS accommodation,
    cl.clea_pathway_plan_review_date AS plan_reviewed,
    cl.clea_care_leaver_allocated_team AS team_id
  FROM ssd_care_leavers AS cl
  WHERE cl.clea_care_leaver_latest_contact IS NOT NULL
),
spans AS (
  -- The positions that count, each cut short once the contact is more than
  -- 12 months old (the last month end it counts for is the end of the 11th
  -- month after the contact: a contact on 1 Sep 2015 counts up to 31 Aug
  -- 2016, one on 31 Aug 2015 up to 31 Jul 2016) or at the day after the 21st
  -- birthday (a day generous at 29 February; the exact age test is in the
  -- final WHERE).
  SELECT
    po.person_id,
    ps.pers_dob AS dob,
    po.from_date,
    least(
      po.to_date,
      CAST(ps.pers_dob + to_years(21) AS DATE) + 1,
      last_day(CAST(po.from_date + INTERVAL 11 MONTH AS DATE)) + 1
    ) AS until_date,
    po.in_touch,
    po.accommodation,
    po.plan_reviewed,
    po.team_id
  FROM positions AS po
  JOIN ssd_person AS ps
    ON ps.pers_person_id = po.person_id
  WHERE po.eligibility IN ('RELEVANT', 'FORMER_RELEVANT')
    AND po.in_touch = 'YES'
)
SELECT
  p.period_end,
  s.person_id,
  s.team_id,
  CASE WHEN s.plan_reviewed > p.period_end - INTERVAL 6 MONTH THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN spans AS s
  ON s.from_date <= p.period_end
 AND s.until_date > p.period_end
WHERE age_at(s.dob, p.period_end) < 21
