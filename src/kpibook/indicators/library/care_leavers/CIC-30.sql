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
    cl.clea_care_leaver_allocated_team AS team_id
  FROM ssd_care_leavers AS cl
  WHERE cl.clea_care_leaver_latest_contact IS NOT NULL
),
spans AS (
  -- The positions that count, each cut short on the 21st birthday: the first
  -- day age_at() gives 21 (1 March for someone born on 29 February, in years
  -- without one), so no age test is needed per month end.
  SELECT
    po.person_id,
    po.from_date,
    least(
      po.to_date,
      CASE
        WHEN age_at(ps.pers_dob, CAST(ps.pers_dob + to_years(21) AS DATE)) < 21
          THEN CAST(ps.pers_dob + to_years(21) AS DATE) + 1
        ELSE CAST(ps.pers_dob + to_years(21) AS DATE)
      END
    ) AS until_date,
    po.accommodation,
    po.team_id
  FROM positions AS po
  JOIN ssd_person AS ps
    ON ps.pers_person_id = po.person_id
  WHERE po.eligibility IN ('RELEVANT', 'FORMER_RELEVANT')
    AND coalesce(po.in_touch, '') <> 'DIED'
    AND ps.pers_dob IS NOT NULL
),
covered AS (
  -- The month ends each span covers (from_date on or before the month end,
  -- until_date after it): from the end of from_date's month to the last month
  -- end before until_date, kept within the month ends being computed.
  SELECT
    s.person_id,
    s.accommodation,
    s.team_id,
    greatest(last_day(s.from_date), (SELECT min(k.period_end) FROM kp_periods AS k))
      AS first_month_end,
    least(
      CAST(date_trunc('month', s.until_date) AS DATE) - 1,
      (SELECT max(k.period_end) FROM kp_periods AS k)
    ) AS last_month_end
  FROM spans AS s
),
span_months AS (
  -- One row per span and month end it covers (spans within a month cover
  -- none), so the month ends are joined on equality below.
  SELECT
    c.person_id,
    c.accommodation,
    c.team_id,
    last_day(CAST(date_trunc('month', c.first_month_end) + to_months(k.n) AS DATE)) AS period_end
  FROM covered AS c
  CROSS JOIN
    unnest(range(0, datediff('month', c.first_month_end, c.last_month_end) + 1)) AS k(n)
  WHERE c.first_month_end <= c.last_month_end
)
SELECT
  p.period_end,
  s.person_id,
  s.team_id,
  CASE WHEN s.accommodation = 'Z' THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN span_months AS s
  ON s.period_end = p.period_end
