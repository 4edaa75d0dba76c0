-- Relevant and former relevant care leavers whose 17th to 21st birthday fell
-- in the window, as recorded one month after the birthday, flagged when the
-- council was in touch with them.
WITH leavers AS (
  -- Everyone with a care leaver row, once each.
  SELECT DISTINCT cl.clea_person_id AS person_id
  FROM ssd_care_leavers AS cl
),
birthdays AS (
  -- Their 17th to 21st birthdays that fall between the first window start
  -- and the last month end being computed (a 29 February birthday falls on
  -- 28 February in other years).
  SELECT
    l.person_id,
    CAST(ps.pers_dob + to_years(a.age) AS DATE) AS birthday
  FROM leavers AS l
  JOIN ssd_person AS ps
    ON ps.pers_person_id = l.person_id
  CROSS JOIN (SELECT unnest(range(17, 22)) AS age) AS a
  WHERE ps.pers_dob IS NOT NULL
    AND CAST(ps.pers_dob + to_years(a.age) AS DATE)
      BETWEEN (SELECT min(k.window_start) FROM kp_periods AS k)
          AND (SELECT max(k.period_end) FROM kp_periods AS k)
),
positions AS (
  -- ssd_care_leavers holds one row per contact (or attempt) and birthday; a
  -- row is the young person's position from its date until their next row
  -- (to_date, exclusive; 9999-12-31 for the latest row). Rows after the last
  -- month end are not needed. (Keeping only the young people with a birthday
  -- in range would cost more than it saves: almost all of them have one.)
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
    cl.clea_care_leaver_accom_suitable AS suitable,
    cl.clea_care_leaver_activity AS activity,
    cl.clea_care_leaver_allocated_team AS team_id
  FROM ssd_care_leavers AS cl
  WHERE cl.clea_care_leaver_latest_contact <= (SELECT max(k.period_end) FROM kp_periods AS k)
),
as_at AS (
  -- Each birthday is looked at as at one month after it. The figure for the
  -- month the birthday falls in cannot see that far, so it uses the position
  -- at that month end (early = TRUE).
  SELECT
    b.person_id,
    b.birthday,
    CAST(b.birthday + INTERVAL 1 MONTH AS DATE) AS as_at_date,
    FALSE AS early
  FROM birthdays AS b
  UNION ALL
  SELECT
    b.person_id,
    b.birthday,
    last_day(b.birthday) AS as_at_date,
    TRUE AS early
  FROM birthdays AS b
),
cohort AS (
  -- The position as at each date: the row in force that day, if the young
  -- person was then a relevant or former relevant care leaver.
  SELECT
    a.person_id,
    a.birthday,
    a.as_at_date,
    a.early,
    po.in_touch,
    po.accommodation,
    po.suitable,
    po.activity,
    po.team_id
  FROM as_at AS a
  JOIN positions AS po
    ON po.person_id = a.person_id
   AND po.from_date <= a.as_at_date
   AND po.to_date > a.as_at_date
  WHERE po.eligibility IN ('RELEVANT', 'FORMER_RELEVANT')
)
SELECT
  p.period_end,
  c.person_id,
  c.team_id,
  CASE WHEN c.in_touch = 'YES' THEN 1 ELSE 0 END AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN cohort AS c
  ON c.birthday BETWEEN p.window_start AND p.period_end
 -- The month of the birthday uses its month-end position, later months the
 -- position one month after the birthday.
 AND (CASE WHEN c.early THEN p.period_end = c.as_at_date ELSE p.period_end >= c.as_at_date END)
