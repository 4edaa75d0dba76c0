-- Children in care at a month end, counted by sex and by each breakdown of the
-- CIC report's "Demographic Breakdown for LAC" page: age, disability (a child
-- may have several, so the disability rows overlap), UASC, nationality and
-- ethnicity. Parameter $month_end: the month end (one of the engine's months).
WITH cic AS (
    SELECT c.person_id,
           coalesce(p.pers_sex, 'U') AS sex,
           coalesce(nullif(trim(p.pers_ethnicity), ''), 'NOBT') AS ethnicity,
           coalesce(nullif(trim(p.pers_nationality), ''), 'Not Recorded') AS nationality,
           age_at(p.pers_dob, c.period_end) AS age,
           u.person_id IS NOT NULL AS is_uasc
    FROM kp_in_care_at AS c
    JOIN ssd_person AS p ON p.pers_person_id = c.person_id
    LEFT JOIN kp_uasc AS u ON u.person_id = c.person_id
    WHERE c.period_end = $month_end
),
disabilities AS (
    SELECT DISTINCT c.person_id, c.sex, coalesce(d.disa_disability_code, 'NONE') AS code
    FROM cic AS c
    LEFT JOIN ssd_disability AS d ON d.disa_person_id = c.person_id
)
SELECT 'age' AS dimension, CAST(age AS VARCHAR) AS category, sex, count(*) AS children
FROM cic GROUP BY ALL
UNION ALL
SELECT 'disability', code, sex, count(*) FROM disabilities GROUP BY ALL
UNION ALL
SELECT 'uasc', CASE WHEN is_uasc THEN 'Yes' ELSE 'No' END, sex, count(*) FROM cic GROUP BY ALL
UNION ALL
SELECT 'nationality', nationality, sex, count(*) FROM cic GROUP BY ALL
UNION ALL
SELECT 'ethnicity', ethnicity, sex, count(*) FROM cic GROUP BY ALL
ORDER BY 1, 2, 3
