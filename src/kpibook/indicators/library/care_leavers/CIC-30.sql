-- Current care leavers at each month end (relevant and former relevant, under
-- 21, alive), flagged when living with their former foster carers (903
-- accommodation Z: a staying put arrangement).
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
  -- The positions that count, each cut short at the day after the 21st
  -- birthday (a day generous at 29 February; the exact test is in the final
  -- WHERE).
  SELECT
    po.person_id,
    ps.pers_dob AS dob,
    po.from_date,
    least(
      po.to_date,
      CAST(ps.pers_dob + to_years(21) AS DATE) + 1
    ) AS until_date,
    po.in_touch,
    po.accommodation,
    po.plan_reviewed,
    po.team_id
  FROM positions AS po
  JOIN ssd_person AS ps
    ON ps.pers_person_id = po.person_id
  WHERE po.eligibility IN ('RELEVANT', 'FORMER_RELEVANT')
    AND coalesce(po.in_touch, '') <> 'DIED'
)
SELECT
  p.period_end,
  s.person_id,
  s.team_id,
  CASE WHEN s.accommodation = 'Z' THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN spans AS s
  ON s.from_date <= p.period_end
 AND s.until_date > p.period_end
WHERE age_at(s.dob, p.period_end) < 21
