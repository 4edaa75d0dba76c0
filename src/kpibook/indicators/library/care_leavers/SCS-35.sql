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
    cl.clea_pathway_plan_review_date AS plan_reviewed,
    cl.clea_care_leaver_allocated_team AS team_id
  FROM ssd_care_leavers AS cl
  WHERE cl.clea_care_leaver_latest_contact IS NOT NULL
),
spans AS (
  -- The positions that count, each cut short once the contact is more than
  -- 12 months old (the last month end it counts for is the end of the 11th
  -- month after the contact: a contact on 1 Sep 2015 counts up to 31 Aug
  -- 2016, one on 31 Aug 2015 up to 31 Jul 2016) or on the 21st birthday: the
  -- first day age_at() gives 21 (1 March for someone born on 29 February, in
  -- years without one), so no age test is needed per month end.
  SELECT
    po.person_id,
    po.from_date,
    least(
      po.to_date,
      CASE
        WHEN age_at(ps.pers_dob, CAST(ps.pers_dob + to_years(21) AS DATE)) < 21
          THEN CAST(ps.pers_dob + to_years(21) AS DATE) + 1
        ELSE CAST(ps.pers_dob + to_years(21) AS DATE)
      END,
      last_day(CAST(po.from_date + INTERVAL 11 MONTH AS DATE)) + 1
    ) AS until_date,
    po.plan_reviewed,
    po.team_id
  FROM positions AS po
  JOIN ssd_person AS ps
    ON ps.pers_person_id = po.person_id
  WHERE po.eligibility IN ('RELEVANT', 'FORMER_RELEVANT')
    AND po.in_touch = 'YES'
    AND ps.pers_dob IS NOT NULL
),
months AS (
  -- The month ends being computed, each with the day 6 calendar months before.
  SELECT
    p.period_end,
    CAST(p.period_end - INTERVAL 6 MONTH AS DATE) AS six_months_before
  FROM kp_periods AS p
),
covered AS (
  -- The month ends each span covers (from_date on or before the month end,
  -- until_date after it): from the end of from_date's month to the last month
  -- end before until_date, kept within the month ends being computed.
  SELECT
    s.person_id,
    s.plan_reviewed,
    s.team_id,
    greatest(last_day(s.from_date), (SELECT min(m.period_end) FROM months AS m))
      AS first_month_end,
    least(
      CAST(date_trunc('month', s.until_date) AS DATE) - 1,
      (SELECT max(m.period_end) FROM months AS m)
    ) AS last_month_end
  FROM spans AS s
),
span_months AS (
  -- One row per span and month end it covers (spans within a month cover
  -- none), so the month ends are joined on equality below.
  SELECT
    c.person_id,
    c.plan_reviewed,
    c.team_id,
    last_day(CAST(date_trunc('month', c.first_month_end) + to_months(k.n) AS DATE)) AS period_end
  FROM covered AS c
  CROSS JOIN
    unnest(range(0, datediff('month', c.first_month_end, c.last_month_end) + 1)) AS k(n)
  WHERE c.first_month_end <= c.last_month_end
)
SELECT
  m.period_end,
  s.person_id,
  s.team_id,
  CASE WHEN s.plan_reviewed > m.six_months_before THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM months AS m
JOIN span_months AS s
  ON s.period_end = m.period_end
