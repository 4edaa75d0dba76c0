-- Current care leavers at each month end (relevant and former relevant, under
-- 21, alive), flagged when living with their former foster carers (903
-- accommodation Z: a staying put arrangement).
WITH positions AS (
  -- ssd_care_leavers holds one row per contact (or attempt) and birthday; a
  -- row is the young person's position from its date until their next row
  -- (to_date, exclusive; empty for the latest row).
  SELECT
    cl.clea_person_id AS person_id,
    cl.clea_care_leaver_latest_contact AS from_date,
    lead(cl.clea_care_leaver_latest_contact) OVER (
      PARTITION BY cl.clea_person_id
      ORDER BY cl.clea_care_leaver_latest_contact, cl.clea_table_id
    ) AS to_date,
    cl.clea_care_leaver_eligibility AS eligibility,
    cl.clea_care_leaver_in_touch AS in_touch,
    cl.clea_care_leaver_accommodation AS accommodation,
    cl.clea_pathway_plan_review_date AS plan_reviewed,
    cl.clea_care_leaver_allocated_team AS team_id
  FROM ssd_care_leavers AS cl
  WHERE cl.clea_care_leaver_latest_contact IS NOT NULL
),
current_position AS (
  -- Each young person's position at each month end: the row in force that
  -- day, for relevant and former relevant care leavers under 21.
  SELECT
    p.period_end,
    po.person_id,
    po.from_date,
    po.in_touch,
    po.accommodation,
    po.plan_reviewed,
    po.team_id
  FROM positions AS po
  JOIN kp_periods AS p
    ON po.from_date <= p.period_end
   AND (po.to_date IS NULL OR po.to_date > p.period_end)
  JOIN ssd_person AS ps
    ON ps.pers_person_id = po.person_id
  WHERE po.eligibility IN ('RELEVANT', 'FORMER_RELEVANT')
    AND age_at(ps.pers_dob, p.period_end) < 21
)
SELECT
  c.period_end,
  c.person_id,
  c.team_id,
  CASE WHEN c.accommodation = 'Z' THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM current_position AS c
WHERE coalesce(c.in_touch, '') <> 'DIED'
