"""A hand-made data-model council for the Annex A writer tests (inspection on 31/03/2024).

Windows: 6 months = 01/10/2023 to 31/03/2024; 12 months = 01/04/2023 to 31/03/2024.
Rows just outside a window (K2 on 30/09/2023, K4 after the inspection date, E2
closed before the end, R2 and A2 before the window, CL3 after the date, PM2
adopted before the 12 months) must not appear.
"""

from __future__ import annotations

MODEL: dict[str, list[dict[str, object]]] = {
    "ssd_person": [
        {
            "pers_person_id": "P1",
            "pers_sex": "F",
            "pers_ethnicity": "WBRI",
            "pers_dob": "2015-05-01",
        },
        {
            "pers_person_id": "P2",
            "pers_sex": "M",
            "pers_ethnicity": "BAFR",
            "pers_dob": "2010-03-12",
        },
        {
            "pers_person_id": "P3",
            "pers_sex": "F",
            "pers_ethnicity": "WBRI",
            "pers_dob": "2005-02-02",
        },
        {
            "pers_person_id": "P4",
            "pers_sex": "M",
            "pers_ethnicity": "BAFR",
            "pers_dob": "2008-06-01",
        },
        {
            "pers_person_id": "P5",
            "pers_sex": "F",
            "pers_ethnicity": "WBRI",
            "pers_dob": "2021-03-03",
        },
    ],
    "ssd_disability": [
        {"disa_table_id": "D1", "disa_person_id": "P1", "disa_disability_code": "NONE"},
        {"disa_table_id": "D2", "disa_person_id": "P4", "disa_disability_code": "AUT"},
    ],
    "ssd_contacts": [
        {
            "cont_contact_id": "K1",
            "cont_person_id": "P1",
            "cont_contact_date": "2024-01-10",
            "cont_contact_source_code": "6",
        },
        {"cont_contact_id": "K2", "cont_person_id": "P2", "cont_contact_date": "2023-09-30"},
        {
            "cont_contact_id": "K3",
            "cont_person_id": "P2",
            "cont_contact_date": "2023-10-01",
            "cont_contact_source_code": "2A",
        },
        {"cont_contact_id": "K4", "cont_person_id": "P1", "cont_contact_date": "2024-04-01"},
    ],
    "ssd_early_help_episodes": [
        {
            "earl_episode_id": "E1",
            "earl_person_id": "P1",
            "earl_episode_start_date": "2023-05-01",
            "earl_episode_organisation": "Oak School",
        },
        {
            "earl_episode_id": "E2",
            "earl_person_id": "P2",
            "earl_episode_start_date": "2023-05-01",
            "earl_episode_end_date": "2023-12-01",
        },
        {
            "earl_episode_id": "E3",
            "earl_person_id": "P2",
            "earl_episode_start_date": "2023-11-01",
            "earl_episode_end_date": "2023-12-01",
        },
    ],
    "ssd_department": [
        {"dept_team_id": "T1", "dept_team_name": "Duty Team"},
        {"dept_team_id": "T2", "dept_team_name": "CIN Team"},
    ],
    "ssd_professionals": [
        {
            "prof_professional_id": "W1",
            "prof_professional_name": "Ann Smith",
            "prof_agency_worker_flag": "N",
            "prof_professional_department": "Duty Team",
        },
        {
            "prof_professional_id": "W2",
            "prof_professional_name": "Cat Brown",
            "prof_agency_worker_flag": "N",
            "prof_professional_department": "CIN Team",
        },
    ],
    "ssd_cin_episodes": [
        {
            "cine_referral_id": "R1",
            "cine_person_id": "P1",
            "cine_referral_date": "2024-01-12",
            "cine_referral_source_code": "6",
            "cine_referral_nfa": "N",
            "cine_cin_primary_need_code": "N1",
            "cine_referral_team": "T1",
            "cine_referral_worker_id": "W1",
        },
        {
            "cine_referral_id": "R2",
            "cine_person_id": "P2",
            "cine_referral_date": "2023-03-01",
            "cine_referral_nfa": "N",
            "cine_close_date": "2023-09-01",
            "cine_referral_team": "T1",
        },
        {
            "cine_referral_id": "R3",
            "cine_person_id": "P2",
            "cine_referral_date": "2024-02-15",
            "cine_referral_source_code": "2A",
            "cine_referral_nfa": "Y",
            "cine_close_date": "2024-02-16",
            "cine_referral_team": "T1",
            "cine_referral_worker_id": "W1",
        },
        {
            "cine_referral_id": "R4",
            "cine_person_id": "P2",
            "cine_referral_date": "2023-06-01",
            "cine_referral_nfa": "N",
            "cine_close_date": "2023-11-30",
            "cine_close_reason": "RC8",
            "cine_cin_primary_need_code": "N5",
            "cine_referral_team": "T1",
        },
    ],
    "ssd_involvements": [
        {
            "invo_involvements_id": "I1",
            "invo_professional_id": "W2",
            "invo_professional_role_id": "CW",
            "invo_professional_team": "T2",
            "invo_person_id": "P1",
            "invo_involvement_start_date": "2024-01-12",
        },
        {
            "invo_involvements_id": "I2",
            "invo_professional_id": "W2",
            "invo_professional_role_id": "CW",
            "invo_professional_team": "T2",
            "invo_person_id": "P4",
            "invo_involvement_start_date": "2023-11-01",
        },
    ],
    "ssd_cin_visits": [
        {
            "cinv_cin_visit_id": "V1",
            "cinv_person_id": "P1",
            "cinv_cin_visit_date": "2024-03-01",
            "cinv_cin_visit_seen": "Y",
        },
        {
            "cinv_cin_visit_id": "V2",
            "cinv_person_id": "P1",
            "cinv_cin_visit_date": "2024-03-05",
            "cinv_cin_visit_seen": "N",
        },
    ],
    "ssd_cin_assessments": [
        {
            "cina_assessment_id": "A1",
            "cina_person_id": "P1",
            "cina_referral_id": "R1",
            "cina_assessment_start_date": "2024-01-13",
            "cina_assessment_child_seen": "Y",
            "cina_assessment_auth_date": "2024-02-20",
            "cina_assessment_outcome_nfa": "N",
            "cina_assessment_team": "T1",
            "cina_assessment_worker_id": "W1",
        },
        {
            "cina_assessment_id": "A2",
            "cina_person_id": "P2",
            "cina_referral_id": "R2",
            "cina_assessment_start_date": "2023-03-02",
            "cina_assessment_child_seen": "Y",
            "cina_assessment_auth_date": "2023-04-01",
        },
    ],
    "ssd_s47_enquiry": [
        {
            "s47e_s47_enquiry_id": "S1",
            "s47e_referral_id": "R1",
            "s47e_person_id": "P1",
            "s47e_s47_start_date": "2024-01-14",
            "s47e_s47_end_date": "2024-01-30",
            "s47e_s47_completed_by_team": "T1",
            "s47e_s47_completed_by_worker_id": "W1",
        },
    ],
    "ssd_initial_cp_conference": [
        {
            "icpc_icpc_id": "C1",
            "icpc_s47_enquiry_id": "S1",
            "icpc_person_id": "P1",
            "icpc_icpc_date": "2024-02-01",
            "icpc_icpc_outcome_cp_flag": "Y",
        },
    ],
    "ssd_cp_plans": [
        {
            "cppl_cp_plan_id": "CP1",
            "cppl_referral_id": "R1",
            "cppl_icpc_id": "C1",
            "cppl_person_id": "P1",
            "cppl_cp_plan_start_date": "2024-02-01",
            "cppl_cp_plan_ola": "N",
            "cppl_cp_plan_initial_category": "NEG",
            "cppl_cp_plan_latest_category": "EMO",
        },
    ],
    "ssd_cp_visits": [
        {
            "cppv_cp_visit_id": "CV1",
            "cppv_person_id": "P1",
            "cppv_cp_plan_id": "CP1",
            "cppv_cp_visit_date": "2024-03-10",
            "cppv_cp_visit_seen": "Y",
            "cppv_cp_visit_seen_alone": "Y",
        },
    ],
    "ssd_cp_reviews": [
        {
            "cppr_cp_review_id": "RV1",
            "cppr_person_id": "P1",
            "cppr_cp_plan_id": "CP1",
            "cppr_cp_review_due": "2024-03-20",
            "cppr_cp_review_date": "2024-03-20",
        },
    ],
    "ssd_cla_episodes": [
        {
            "clae_cla_episode_id": "CE1",
            "clae_person_id": "P4",
            "clae_cla_placement_id": "PL1",
            "clae_cla_episode_start_date": "2023-11-01",
            "clae_cla_episode_start_reason": "S",
            "clae_cla_primary_need_code": "N4",
            "clae_cla_episode_ceased_date": "2024-01-10",
            "clae_cla_episode_ceased_reason": "X1",
            "clae_cla_id": "CLA1",
            "clae_entered_care_date": "2023-11-01",
        },
        {
            "clae_cla_episode_id": "CE2",
            "clae_person_id": "P4",
            "clae_cla_placement_id": "PL2",
            "clae_cla_episode_start_date": "2024-01-10",
            "clae_cla_episode_start_reason": "P",
            "clae_cla_primary_need_code": "N4",
            "clae_cla_id": "CLA1",
            "clae_cla_last_iro_contact_date": "2024-01-15",
            "clae_entered_care_date": "2023-11-01",
        },
    ],
    "ssd_cla_placement": [
        {
            "clap_cla_placement_id": "PL1",
            "clap_cla_id": "CLA1",
            "clap_person_id": "P4",
            "clap_cla_placement_start_date": "2023-11-01",
            "clap_cla_placement_type": "U3",
            "clap_cla_placement_provider": "PR4",
            "clap_cla_placement_end_date": "2024-01-10",
        },
        {
            "clap_cla_placement_id": "PL2",
            "clap_cla_id": "CLA1",
            "clap_person_id": "P4",
            "clap_cla_placement_start_date": "2024-01-10",
            "clap_cla_placement_type": "U4",
            "clap_cla_placement_provider": "PR1",
            "clap_cla_placement_postcode": "ME14 1XQ",
            "clap_cla_placement_urn": "SC1",
        },
    ],
    "ssd_legal_status": [
        {
            "lega_legal_status_id": "L1",
            "lega_person_id": "P4",
            "lega_legal_status": "V2",
            "lega_legal_status_start_date": "2023-11-01",
        },
    ],
    "ssd_cla_reviews": [
        {
            "clar_cla_review_id": "CR1",
            "clar_cla_id": "CLA1",
            "clar_cla_person_id": "P4",
            "clar_cla_review_due_date": "2024-01-20",
            "clar_cla_review_date": "2024-01-15",
        },
    ],
    "ssd_cla_visits": [
        {
            "clav_cla_visit_id": "VV1",
            "clav_cla_id": "CLA1",
            "clav_person_id": "P4",
            "clav_cla_visit_date": "2024-03-01",
        },
    ],
    "ssd_cla_health": [
        {
            "clah_health_check_id": "H1",
            "clah_person_id": "P4",
            "clah_health_check_type": "IHA",
            "clah_health_check_date": "2023-11-20",
            "clah_health_check_status": "COMPLETED",
        },
        {
            "clah_health_check_id": "H2",
            "clah_person_id": "P4",
            "clah_health_check_type": "DENTAL",
            "clah_health_check_date": "2024-02-01",
            "clah_health_check_status": "COMPLETED",
        },
    ],
    "ssd_immigration_status": [
        {
            "immi_immigration_status_id": "U1",
            "immi_person_id": "P4",
            "immi_immigration_status_start_date": "2023-11-01",
            "immi_immigration_status": "UASC",
        },
    ],
    "ssd_missing": [
        {
            "miss_table_id": "M1",
            "miss_person_id": "P4",
            "miss_missing_episode_start_date": "2024-02-01",
            "miss_missing_episode_type": "M",
            "miss_missing_episode_end_date": "2024-02-02",
            "miss_missing_rhi_offered": "Y",
            "miss_missing_rhi_accepted": "N",
        },
        {
            "miss_table_id": "M2",
            "miss_person_id": "P4",
            "miss_missing_episode_start_date": "2024-02-05",
            "miss_missing_episode_type": "A",
            "miss_missing_episode_end_date": "2024-02-05",
        },
    ],
    "ssd_care_leavers": [
        {
            "clea_table_id": "CL1",
            "clea_person_id": "P3",
            "clea_care_leaver_eligibility": "ELIGIBLE",
            "clea_care_leaver_in_touch": "YES",
            "clea_care_leaver_latest_contact": "2023-06-01",
        },
        {
            "clea_table_id": "CL2",
            "clea_person_id": "P3",
            "clea_care_leaver_eligibility": "FORMER_RELEVANT",
            "clea_care_leaver_in_touch": "YES",
            "clea_care_leaver_latest_contact": "2024-03-15",
            "clea_care_leaver_accommodation": "U",
            "clea_care_leaver_accom_suitable": "1",
            "clea_care_leaver_activity": "F2",
            "clea_pathway_plan_review_date": "2024-02-01",
            "clea_care_leaver_personal_advisor": "W1",
            "clea_care_leaver_allocated_team": "T2",
            "clea_care_leaver_worker_id": "W2",
        },
        {
            "clea_table_id": "CL3",
            "clea_person_id": "P3",
            "clea_care_leaver_eligibility": "NONE",
            "clea_care_leaver_in_touch": "NO",
            "clea_care_leaver_latest_contact": "2024-05-01",
        },
    ],
    "ssd_permanence": [
        {
            "perm_table_id": "PM1",
            "perm_person_id": "P5",
            "perm_adm_decision_date": "2023-01-10",
            "perm_placement_order_date": "2023-04-01",
            "perm_matched_date": "2023-08-01",
            "perm_placed_for_adoption_date": "2023-09-01",
            "perm_permanence_order_date": "2024-02-01",
            "perm_permanence_order_type": "ADOPTION",
        },
        {
            "perm_table_id": "PM2",
            "perm_person_id": "P2",
            "perm_adm_decision_date": "2022-01-10",
            "perm_permanence_order_date": "2023-01-01",
            "perm_permanence_order_type": "ADOPTION",
        },
    ],
}
