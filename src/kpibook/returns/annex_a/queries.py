"""The SQL that selects each Annex A list from the data model (DuckDB, parameters only).

Parameters: ``$start`` and ``$end`` bound the list's window (the 6 or 12
months Ofsted asks for, ``$end`` being the inspection date); ``$year`` is the
12 months before ``$end`` (for the "in the last 12 months" counts). Each query
returns columns named as the list's field keys; person columns (sex,
ethnicity, date of birth, age, disability) are added by the writer.
"""

from __future__ import annotations

ALLOCATIONS = """
CREATE OR REPLACE TEMP VIEW aa_alloc AS
SELECT i.invo_person_id AS person, i.invo_involvement_start_date AS a_start,
       COALESCE(i.invo_involvement_end_date, DATE '9999-12-31') AS a_end,
       COALESCE(d.dept_team_name, i.invo_professional_team) AS team,
       COALESCE(p.prof_professional_name, i.invo_professional_id) AS worker,
       i.invo_involvements_id AS id
FROM ssd_involvements i
LEFT JOIN ssd_department d ON d.dept_team_id = i.invo_professional_team
LEFT JOIN ssd_professionals p ON p.prof_professional_id = i.invo_professional_id
WHERE i.invo_professional_role_id = 'CW' AND i.invo_involvement_start_date IS NOT NULL
"""
"""The case-worker allocations with team and worker names, for lists without their own."""

ALLOCATED = """
CREATE OR REPLACE TEMP MACRO aa_team(who, since, until, upto) AS (
    SELECT a.team FROM aa_alloc a
    WHERE a.person = who AND a.a_start <= LEAST(COALESCE(until, upto), upto) AND a.a_end >= since
    ORDER BY a.a_end DESC, a.a_start DESC, a.id DESC LIMIT 1);
CREATE OR REPLACE TEMP MACRO aa_worker(who, since, until, upto) AS (
    SELECT a.worker FROM aa_alloc a
    WHERE a.person = who AND a.a_start <= LEAST(COALESCE(until, upto), upto) AND a.a_end >= since
    ORDER BY a.a_end DESC, a.a_start DESC, a.id DESC LIMIT 1);
"""
"""Team and worker allocated during an event: of the allocations overlapping it, the one
in force last (latest end, open ones first), then the latest to start."""


LIST_1 = """
SELECT c.cont_person_id AS child_id, c.cont_contact_date AS contact_date,
       c.cont_contact_source_code AS source
FROM ssd_contacts c
WHERE c.cont_contact_date BETWEEN $start AND $end
ORDER BY contact_date, child_id, c.cont_contact_id
"""

LIST_2 = """
SELECT e.earl_person_id AS child_id, e.earl_episode_start_date AS start,
       e.earl_episode_end_date AS "end", e.earl_episode_organisation AS organisation
FROM ssd_early_help_episodes e
WHERE e.earl_episode_start_date BETWEEN $start AND $end
   OR (e.earl_episode_start_date <= $end
       AND (e.earl_episode_end_date IS NULL OR e.earl_episode_end_date > $end))
ORDER BY start, child_id, e.earl_episode_id
"""

LIST_3 = """
SELECT e.cine_person_id AS child_id, e.cine_referral_date AS referral_date,
       e.cine_referral_source_code AS source, e.cine_referral_nfa AS nfa,
       (SELECT count(*) FROM ssd_cin_episodes r
        WHERE r.cine_person_id = e.cine_person_id
          AND r.cine_referral_date < e.cine_referral_date
          AND r.cine_referral_date >= e.cine_referral_date - INTERVAL 12 MONTH) AS referrals_12m,
       COALESCE(d.dept_team_name, e.cine_referral_team) AS team,
       COALESCE(p.prof_professional_name, e.cine_referral_worker_id) AS worker
FROM ssd_cin_episodes e
LEFT JOIN ssd_department d ON d.dept_team_id = e.cine_referral_team
LEFT JOIN ssd_professionals p ON p.prof_professional_id = e.cine_referral_worker_id
WHERE e.cine_referral_date BETWEEN $start AND $end
ORDER BY referral_date, child_id, e.cine_referral_id
"""

LIST_4 = """
SELECT a.cina_person_id AS child_id, a.cina_assessment_start_date AS start,
       a.cina_assessment_child_seen AS seen, a.cina_assessment_auth_date AS auth,
       CASE a.cina_assessment_outcome_nfa WHEN 'Y' THEN 'N' WHEN 'N' THEN 'Y' END
           AS needs_support,
       COALESCE(d.dept_team_name, a.cina_assessment_team) AS team,
       COALESCE(p.prof_professional_name, a.cina_assessment_worker_id) AS worker
FROM ssd_cin_assessments a
LEFT JOIN ssd_department d ON d.dept_team_id = a.cina_assessment_team
LEFT JOIN ssd_professionals p ON p.prof_professional_id = a.cina_assessment_worker_id
WHERE a.cina_assessment_start_date <= $end
  AND (a.cina_assessment_auth_date IS NULL OR a.cina_assessment_auth_date >= $start)
ORDER BY start, child_id, a.cina_assessment_id
"""

LIST_5 = """
SELECT s.s47e_person_id AS child_id, s.s47e_s47_start_date AS s47_start,
       CASE WHEN c.icpc_icpc_date IS NOT NULL THEN 'N'
            WHEN s.s47e_s47_end_date <= $end THEN 'Y' END AS icpc_unnecessary,
       c.icpc_icpc_date AS icpc_date, c.icpc_icpc_outcome_cp_flag AS icpc_cp,
       (SELECT count(*) FROM ssd_s47_enquiry x WHERE x.s47e_person_id = s.s47e_person_id
          AND x.s47e_s47_start_date BETWEEN $year AND $end) AS s47_12m,
       (SELECT count(*) FROM ssd_initial_cp_conference y WHERE y.icpc_person_id = s.s47e_person_id
          AND y.icpc_icpc_date BETWEEN $year AND $end) AS icpc_12m,
       COALESCE(d.dept_team_name, s.s47e_s47_completed_by_team) AS team,
       COALESCE(p.prof_professional_name, s.s47e_s47_completed_by_worker_id) AS worker
FROM ssd_s47_enquiry s
LEFT JOIN (SELECT icpc_s47_enquiry_id, min(icpc_icpc_date) AS icpc_icpc_date,
                  max(icpc_icpc_outcome_cp_flag) AS icpc_icpc_outcome_cp_flag
           FROM ssd_initial_cp_conference GROUP BY icpc_s47_enquiry_id) c
       ON c.icpc_s47_enquiry_id = s.s47e_s47_enquiry_id
LEFT JOIN ssd_department d ON d.dept_team_id = s.s47e_s47_completed_by_team
LEFT JOIN ssd_professionals p ON p.prof_professional_id = s.s47e_s47_completed_by_worker_id
WHERE s.s47e_s47_start_date <= $end
  AND (s.s47e_s47_end_date IS NULL OR s.s47e_s47_end_date >= $start)
ORDER BY s47_start, child_id, s.s47e_s47_enquiry_id
"""

LIST_6 = """
SELECT e.cine_person_id AS child_id, e.cine_referral_date AS cin_start,
       e.cine_cin_primary_need_code AS primary_need,
       (SELECT max(v.cinv_cin_visit_date) FROM ssd_cin_visits v
        WHERE v.cinv_person_id = e.cine_person_id AND v.cinv_cin_visit_seen = 'Y'
          AND v.cinv_cin_visit_date >= e.cine_referral_date
          AND v.cinv_cin_visit_date <= LEAST(COALESCE(e.cine_close_date, $end), $end))
           AS last_seen,
       e.cine_close_date AS cin_close, e.cine_close_reason AS close_reason,
       CASE WHEN e.cine_close_date <= $end THEN 'Closed' ELSE 'Open' END AS case_status,
       aa_team(e.cine_person_id, e.cine_referral_date, e.cine_close_date, $end) AS team,
       aa_worker(e.cine_person_id, e.cine_referral_date, e.cine_close_date, $end) AS worker
FROM ssd_cin_episodes e
WHERE e.cine_referral_date <= $end
  AND (e.cine_close_date IS NULL OR e.cine_close_date >= $start)
  AND COALESCE(e.cine_referral_nfa, 'N') <> 'Y'
ORDER BY cin_start, child_id, e.cine_referral_id
"""

LIST_7 = """
SELECT c.cppl_person_id AS child_id, c.cppl_cp_plan_start_date AS cp_start,
       c.cppl_cp_plan_initial_category AS initial_category,
       c.cppl_cp_plan_latest_category AS latest_category,
       v.cppv_cp_visit_date AS last_visit, v.cppv_cp_visit_seen_alone AS seen_alone,
       (SELECT max(r.cppr_cp_review_date) FROM ssd_cp_reviews r
        WHERE r.cppr_cp_plan_id = c.cppl_cp_plan_id AND r.cppr_cp_review_date <= $end)
           AS last_review,
       c.cppl_cp_plan_end_date AS cp_end,
       CASE WHEN EXISTS (SELECT 1 FROM ssd_legal_status l
                         WHERE l.lega_person_id = c.cppl_person_id
                           AND l.lega_legal_status IN ('L1', 'L2')
                           AND l.lega_legal_status_start_date <= $end
                           AND COALESCE(l.lega_legal_status_end_date, $end) >= $start)
            THEN 'Y' ELSE 'N' END AS epo,
       (SELECT count(*) FROM ssd_cp_plans o WHERE o.cppl_person_id = c.cppl_person_id
          AND o.cppl_cp_plan_start_date < c.cppl_cp_plan_start_date) AS previous_plans,
       aa_team(c.cppl_person_id, c.cppl_cp_plan_start_date, c.cppl_cp_plan_end_date, $end)
           AS team,
       aa_worker(c.cppl_person_id, c.cppl_cp_plan_start_date, c.cppl_cp_plan_end_date, $end)
           AS worker
FROM ssd_cp_plans c
LEFT JOIN (SELECT cppv_cp_plan_id, arg_max(cppv_cp_visit_date, cppv_cp_visit_date)
                  AS cppv_cp_visit_date,
                  arg_max(cppv_cp_visit_seen_alone, cppv_cp_visit_date) AS cppv_cp_visit_seen_alone
           FROM ssd_cp_visits WHERE cppv_cp_visit_date <= $end GROUP BY cppv_cp_plan_id) v
       ON v.cppv_cp_plan_id = c.cppl_cp_plan_id
WHERE c.cppl_cp_plan_start_date <= $end
  AND (c.cppl_cp_plan_end_date IS NULL OR c.cppl_cp_plan_end_date >= $start)
  AND COALESCE(c.cppl_cp_plan_ola, 'N') <> 'Y'
ORDER BY cp_start, child_id, c.cppl_cp_plan_id
"""

LIST_8 = """
WITH periods AS (
    SELECT clae_person_id AS person, clae_cla_id AS cla_id,
           min(COALESCE(clae_entered_care_date, clae_cla_episode_start_date)) AS care_start,
           arg_min(clae_cla_primary_need_code, clae_cla_episode_start_date) AS need,
           CASE WHEN count(*) = count(clae_cla_episode_ceased_date)
                THEN max(clae_cla_episode_ceased_date) END AS ceased
    FROM ssd_cla_episodes GROUP BY clae_person_id, clae_cla_id
), chosen AS (
    SELECT * FROM periods
    WHERE care_start <= $end AND (ceased IS NULL OR ceased >= $start)
    QUALIFY row_number() OVER (PARTITION BY person ORDER BY care_start DESC, cla_id DESC) = 1
), current AS (
    SELECT e.clae_cla_id AS cla_id, e.clae_cla_placement_id AS placement_id,
           e.clae_cla_episode_ceased_reason AS ceased_reason,
           e.clae_cla_last_iro_contact_date AS last_iro
    FROM ssd_cla_episodes e JOIN chosen c ON c.cla_id = e.clae_cla_id
    WHERE e.clae_cla_episode_start_date <= $end
    QUALIFY row_number() OVER (PARTITION BY e.clae_cla_id
                               ORDER BY e.clae_cla_episode_start_date DESC,
                                        e.clae_cla_episode_id DESC) = 1
)
SELECT c.person AS child_id,
       CASE WHEN EXISTS (SELECT 1 FROM ssd_immigration_status i
                         WHERE i.immi_person_id = c.person AND i.immi_immigration_status = 'UASC'
                           AND COALESCE(i.immi_immigration_status_start_date, $end) <= $end
                           AND COALESCE(i.immi_immigration_status_end_date, $end) >= $year)
            THEN 'Y' ELSE 'N' END AS uasc,
       c.care_start, c.need,
       CASE WHEN EXISTS (SELECT 1 FROM periods o WHERE o.person = c.person
                         AND o.cla_id <> c.cla_id AND o.ceased < c.care_start
                         AND o.ceased >= $year)
            THEN 'Y' ELSE 'N' END AS subsequent,
       l.lega_legal_status_start_date AS legal_start, l.lega_legal_status AS legal_status,
       (SELECT max(r.clar_cla_review_date) FROM ssd_cla_reviews r
        WHERE r.clar_cla_person_id = c.person AND r.clar_cla_review_date <= $end
          AND r.clar_cla_review_date >= c.care_start) AS last_review,
       (SELECT max(v.clav_cla_visit_date) FROM ssd_cla_visits v
        WHERE v.clav_person_id = c.person AND v.clav_cla_visit_date <= $end
          AND v.clav_cla_visit_date >= c.care_start) AS last_visit,
       cur.last_iro,
       (SELECT max(h.clah_health_check_date) FROM ssd_cla_health h
        WHERE h.clah_person_id = c.person AND h.clah_health_check_type IN ('IHA', 'RHA')
          AND h.clah_health_check_status = 'COMPLETED' AND h.clah_health_check_date <= $end)
           AS last_health,
       (SELECT max(h.clah_health_check_date) FROM ssd_cla_health h
        WHERE h.clah_person_id = c.person AND h.clah_health_check_type = 'DENTAL'
          AND h.clah_health_check_status = 'COMPLETED' AND h.clah_health_check_date <= $end)
           AS last_dental,
       (SELECT count(*) FROM ssd_cla_placement q
        WHERE q.clap_person_id = c.person AND q.clap_cla_placement_start_date <= $end
          AND COALESCE(q.clap_cla_placement_end_date, $end) >= $year) AS placements_12m,
       c.ceased, cur.ceased_reason,
       p.clap_cla_placement_start_date AS placement_start,
       p.clap_cla_placement_type AS placement_type,
       p.clap_cla_placement_provider AS provider, p.clap_cla_placement_postcode AS postcode,
       p.clap_cla_placement_urn AS urn,
       (SELECT count(*) FROM ssd_missing m WHERE m.miss_person_id = c.person
          AND m.miss_missing_episode_type = 'M'
          AND m.miss_missing_episode_start_date BETWEEN $year AND $end) AS missing_12m,
       (SELECT count(*) FROM ssd_missing m WHERE m.miss_person_id = c.person
          AND m.miss_missing_episode_type = 'A'
          AND m.miss_missing_episode_start_date BETWEEN $year AND $end) AS absent_12m,
       (SELECT arg_max(CASE WHEN m.miss_missing_rhi_offered IN ('Y', 'N')
                            THEN m.miss_missing_rhi_offered END,
                       m.miss_missing_episode_start_date)
        FROM ssd_missing m WHERE m.miss_person_id = c.person
          AND m.miss_missing_episode_type = 'M'
          AND m.miss_missing_episode_start_date <= $end) AS rhi_offered,
       (SELECT arg_max(CASE WHEN m.miss_missing_rhi_accepted IN ('Y', 'N')
                            THEN m.miss_missing_rhi_accepted END,
                       m.miss_missing_episode_start_date)
        FROM ssd_missing m WHERE m.miss_person_id = c.person
          AND m.miss_missing_episode_type = 'M'
          AND m.miss_missing_episode_start_date <= $end) AS rhi_accepted,
       aa_team(c.person, c.care_start, c.ceased, $end) AS team,
       aa_worker(c.person, c.care_start, c.ceased, $end) AS worker
FROM chosen c
LEFT JOIN current cur ON cur.cla_id = c.cla_id
LEFT JOIN ssd_cla_placement p ON p.clap_cla_placement_id = cur.placement_id
LEFT JOIN (SELECT * FROM ssd_legal_status WHERE lega_legal_status_start_date <= $end
           QUALIFY row_number() OVER (PARTITION BY lega_person_id
                                      ORDER BY lega_legal_status_start_date DESC,
                                               lega_legal_status_id DESC) = 1) l
       ON l.lega_person_id = c.person
ORDER BY care_start, child_id
"""

LIST_9 = """
SELECT l.clea_person_id AS child_id,
       CASE WHEN EXISTS (SELECT 1 FROM ssd_immigration_status i
                         WHERE i.immi_person_id = l.clea_person_id
                           AND i.immi_immigration_status = 'UASC')
            THEN 'Y' ELSE 'N' END AS uasc,
       COALESCE(d.dept_team_name, l.clea_care_leaver_allocated_team) AS team,
       COALESCE(w.prof_professional_name, l.clea_care_leaver_worker_id) AS worker,
       COALESCE(a.prof_professional_name, l.clea_care_leaver_personal_advisor) AS advisor,
       l.clea_care_leaver_eligibility AS eligibility,
       l.clea_pathway_plan_review_date AS pathway_review,
       l.clea_care_leaver_in_touch AS in_touch,
       l.clea_care_leaver_latest_contact AS latest_contact,
       l.clea_care_leaver_accommodation AS accommodation,
       l.clea_care_leaver_accom_suitable AS suitable,
       l.clea_care_leaver_activity AS activity
FROM (SELECT * FROM ssd_care_leavers
      WHERE COALESCE(clea_care_leaver_latest_contact, clea_pathway_plan_review_date, $end) <= $end
      QUALIFY row_number() OVER (
          PARTITION BY clea_person_id
          ORDER BY COALESCE(clea_care_leaver_latest_contact, clea_pathway_plan_review_date) DESC
                   NULLS FIRST, clea_table_id DESC) = 1) l
LEFT JOIN ssd_department d ON d.dept_team_id = l.clea_care_leaver_allocated_team
LEFT JOIN ssd_professionals w ON w.prof_professional_id = l.clea_care_leaver_worker_id
LEFT JOIN ssd_professionals a ON a.prof_professional_id = l.clea_care_leaver_personal_advisor
WHERE COALESCE(l.clea_care_leaver_latest_contact, l.clea_pathway_plan_review_date, $end)
      >= $start
ORDER BY child_id, l.clea_table_id
"""

LIST_10 = """
SELECT p.perm_person_id AS child_id,
       COALESCE((SELECT min(COALESCE(e.clae_entered_care_date, e.clae_cla_episode_start_date))
                 FROM ssd_cla_episodes e WHERE e.clae_cla_id = p.perm_cla_id),
                (SELECT min(COALESCE(e.clae_entered_care_date, e.clae_cla_episode_start_date))
                 FROM ssd_cla_episodes e WHERE e.clae_person_id = p.perm_person_id))
           AS entered_care,
       p.perm_adm_decision_date AS adm_decision, p.perm_placement_order_date AS placement_order,
       p.perm_matched_date AS matched, p.perm_placed_for_adoption_date AS placed,
       CASE WHEN p.perm_permanence_order_type = 'ADOPTION' THEN p.perm_permanence_order_date
       END AS adoption_order,
       p.perm_decision_reversed_date AS reversed,
       p.perm_decision_reversed_reason AS reversed_reason,
       p.perm_placed_ffa_cp_date AS ffa_placed
FROM ssd_permanence p
WHERE (p.perm_adm_decision_date <= $end
       OR (p.perm_permanence_order_type = 'ADOPTION' AND p.perm_permanence_order_date <= $end))
  AND COALESCE(p.perm_permanence_order_type, 'ADOPTION') = 'ADOPTION'
  AND NOT COALESCE(p.perm_permanence_order_date < $start, FALSE)
  AND NOT COALESCE(p.perm_decision_reversed_date < $start, FALSE)
ORDER BY child_id, p.perm_table_id
"""

PEOPLE = """
SELECT p.pers_person_id, p.pers_sex, p.pers_ethnicity, p.pers_dob,
       (SELECT CASE WHEN count(*) = 0 THEN NULL
                    WHEN count(*) FILTER (WHERE d.disa_disability_code <> 'NONE') > 0 THEN 'Y'
                    ELSE 'N' END
        FROM ssd_disability d WHERE d.disa_person_id = p.pers_person_id) AS disability
FROM ssd_person p
"""

QUERIES = {
    1: LIST_1,
    2: LIST_2,
    3: LIST_3,
    4: LIST_4,
    5: LIST_5,
    6: LIST_6,
    7: LIST_7,
    8: LIST_8,
    9: LIST_9,
    10: LIST_10,
}
"""The query of each list the data model can fill (List 11, adopters, it cannot)."""
