"""Calibration probe: the synthetic council's August 2016 figures against Kent's.

A development tool for tuning the generator's process rates, until the
indicator engine (the next issue) computes these figures from the indicator
library and a test checks them. Each figure here is a fixed SQL query over
the data model with the month bound as parameters; the definitions follow the
seed scorecard (see ../shared/reference/seed-indicators.csv) and are written
out in docs/synthetic-council.md next to the results.

Usage:
    .venv/bin/python scripts/calibration.py DATA_DIR [--month 2016-08] [--markdown]
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from kpibook.ingest import load_or_fail
from kpibook.model.workdays import bank_holidays


@dataclass(frozen=True)
class Probe:
    """One calibrated figure: Kent's published value and how ours is computed."""

    ref: str
    name: str
    kind: str  # "pct" (percentage points tolerance 3), "num" (10 % tolerance)
    kent: float
    sql: str  # returns (numerator, denominator) for pct, (value, NULL) or (total, count) for num
    average: bool = False


MACROS = (
    """CREATE OR REPLACE TEMP VIEW uasc_persons AS
       SELECT DISTINCT immi_person_id AS pid FROM ssd_immigration_status
       WHERE immi_immigration_status = 'UASC'""",
    """CREATE OR REPLACE TEMP MACRO cic_at(me) AS TABLE
       SELECT DISTINCT clae_person_id AS pid FROM ssd_cla_episodes
       WHERE clae_cla_episode_start_date <= me
         AND (clae_cla_episode_ceased_date IS NULL OR clae_cla_episode_ceased_date > me)""",
    """CREATE OR REPLACE TEMP MACRO cp_at(me) AS TABLE
       SELECT * FROM ssd_cp_plans WHERE cppl_cp_plan_start_date <= me
         AND (cppl_cp_plan_end_date IS NULL OR cppl_cp_plan_end_date > me)""",
    """CREATE OR REPLACE TEMP MACRO open_referrals(me) AS TABLE
       SELECT * FROM ssd_cin_episodes WHERE cine_referral_date <= me
         AND (cine_close_date IS NULL OR cine_close_date > me)""",
    """CREATE OR REPLACE TEMP MACRO leavers_around_birthday(ws, me) AS TABLE
       WITH p AS (SELECT pers_person_id AS pid, pers_dob AS dob,
                         year(me) - year(pers_dob)
                         - CASE WHEN strftime(pers_dob, '%m%d') > strftime(me, '%m%d')
                                THEN 1 ELSE 0 END AS age
                  FROM ssd_person),
            b AS (SELECT pid, CAST(dob + to_years(age) AS DATE) AS bday
                  FROM p WHERE age BETWEEN 17 AND 21),
            l AS (SELECT DISTINCT ON (b.pid) c.* FROM b JOIN ssd_care_leavers c
                    ON c.clea_person_id = b.pid
                   AND c.clea_care_leaver_latest_contact <= least(b.bday + INTERVAL 1 MONTH, me)
                  WHERE b.bday >= ws
                  ORDER BY b.pid, c.clea_care_leaver_latest_contact DESC, c.clea_table_id DESC)
       SELECT * FROM l WHERE clea_care_leaver_eligibility IN ('RELEVANT', 'FORMER_RELEVANT')""",
    """CREATE OR REPLACE TEMP MACRO wd(a, b) AS
       (SELECT n FROM wd_index WHERE day = b) - (SELECT n FROM wd_index WHERE day = a)""",
)
"""Helper views and macros the probes use; ``wd(a, b)`` counts working days
after ``a`` up to and including ``b`` (the sector's convention);
``leavers_around_birthday(ws, me)`` is one row per care leaver (relevant or
former relevant) whose 17th..21st birthday fell between ``ws`` and ``me``: their
latest ``ssd_care_leavers`` row on or before a month after that birthday (or
``me``, if earlier)."""


PROBES: tuple[Probe, ...] = (
    Probe(
        "SCS-01",
        "Re-referrals within 12 months",
        "pct",
        22.3,
        """
        SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ssd_cin_episodes p
             WHERE p.cine_person_id = r.cine_person_id AND p.cine_referral_date < r.cine_referral_date
               AND p.cine_referral_date >= r.cine_referral_date - INTERVAL 365 DAY)), count(*)
        FROM ssd_cin_episodes r WHERE r.cine_referral_date BETWEEN $ws AND $me""",
    ),
    Probe(
        "SCS-02",
        "C&F assessments within 45 working days",
        "pct",
        89.9,
        """
        SELECT count(*) FILTER (WHERE wd(cina_assessment_start_date, cina_assessment_auth_date) <= 45), count(*)
        FROM ssd_cin_assessments WHERE cina_assessment_auth_date BETWEEN $ws AND $me""",
    ),
    Probe(
        "SCS-03",
        "C&F assessments in progress out of timescale",
        "num",
        35,
        """
        SELECT count(*), NULL FROM ssd_cin_assessments
        WHERE cina_assessment_start_date <= $me
          AND (cina_assessment_auth_date IS NULL OR cina_assessment_auth_date > $me)
          AND wd(cina_assessment_start_date, $me) > 45""",
    ),
    Probe(
        "SCS-04",
        "Children seen at C&F assessment",
        "pct",
        98.3,
        """
        SELECT count(*) FILTER (WHERE cina_assessment_child_seen = 'Y'), count(*)
        FROM ssd_cin_assessments WHERE cina_assessment_auth_date BETWEEN $ws AND $me""",
    ),
    Probe(
        "SCS-05",
        "CIN with a CIN plan",
        "pct",
        89.0,
        """
        WITH cin AS (
            SELECT DISTINCT o.cine_person_id AS pid FROM open_referrals($me) o
            JOIN ssd_cin_assessments a ON a.cina_referral_id = o.cine_referral_id
             AND a.cina_assessment_auth_date <= $me AND a.cina_assessment_outcome_nfa = 'N'
            WHERE o.cine_person_id NOT IN (SELECT cppl_person_id FROM cp_at($me))
              AND o.cine_person_id NOT IN (SELECT pid FROM cic_at($me)))
        SELECT count(*) FILTER (WHERE pid IN (SELECT cinp_person_id FROM ssd_cin_plans
               WHERE cinp_cin_plan_start_date <= $me
                 AND (cinp_cin_plan_end_date IS NULL OR cinp_cin_plan_end_date > $me))), count(*)
        FROM cin""",
    ),
    Probe(
        "SCS-06",
        "CIN seen in the last 28 days",
        "pct",
        81.0,
        """
        WITH cin AS (SELECT DISTINCT cinp_person_id AS pid FROM ssd_cin_plans
            WHERE cinp_cin_plan_start_date <= $me - INTERVAL 28 DAY
              AND (cinp_cin_plan_end_date IS NULL OR cinp_cin_plan_end_date > $me))
        SELECT count(*) FILTER (WHERE pid IN (SELECT cinv_person_id FROM ssd_cin_visits
               WHERE cinv_cin_visit_seen = 'Y' AND cinv_cin_visit_date > $me - INTERVAL 28 DAY
                 AND cinv_cin_visit_date <= $me)), count(*) FROM cin""",
    ),
    Probe(
        "SCS-07",
        "Unallocated cases",
        "num",
        1,
        """
        SELECT count(DISTINCT o.cine_person_id), NULL FROM open_referrals($me) o
        WHERE NOT EXISTS (SELECT 1 FROM ssd_involvements i WHERE i.invo_person_id = o.cine_person_id
            AND i.invo_involvement_start_date <= $me
            AND (i.invo_involvement_end_date IS NULL OR i.invo_involvement_end_date > $me))""",
    ),
    Probe(
        "SCS-08",
        "PF visits in timescale (current arrangements)",
        "pct",
        80.1,
        """
        SELECT count(*) FILTER (WHERE v.pfv_visit_date <= v.pfv_due_date), count(*)
        FROM local_private_fostering_visits v JOIN local_private_fostering f ON f.pf_id = v.pfv_pf_id
        WHERE f.pf_start_date <= $me AND (f.pf_end_date IS NULL OR f.pf_end_date > $me)
          AND v.pfv_due_date <= $me""",
    ),
    Probe(
        "SCS-09",
        "Returner interviews within 3 working days",
        "pct",
        67.7,
        """
        SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM local_return_interviews r
            WHERE r.rhi_missing_id = m.miss_table_id AND r.rhi_completed_date IS NOT NULL
              AND wd(m.miss_missing_episode_end_date, r.rhi_completed_date) <= 3)), count(*)
        FROM ssd_missing m WHERE m.miss_missing_episode_end_date BETWEEN $ws AND $me""",
    ),
    Probe(
        "SCS-10",
        "Current CP plans 18 months or more",
        "pct",
        5.8,
        """
        SELECT count(*) FILTER (WHERE cppl_cp_plan_start_date <= $me - INTERVAL 18 MONTH), count(*)
        FROM cp_at($me)""",
    ),
    Probe(
        "SCS-11",
        "CP visits within timescale (current CP)",
        "pct",
        90.3,
        """
        WITH v AS (SELECT p.cppl_cp_plan_id, v.cppv_cp_visit_date AS d,
                 coalesce(lag(v.cppv_cp_visit_date) OVER (PARTITION BY p.cppl_cp_plan_id
                          ORDER BY v.cppv_cp_visit_date), p.cppl_cp_plan_start_date) AS prev
            FROM cp_at($me) p JOIN ssd_cp_visits v ON v.cppv_cp_plan_id = p.cppl_cp_plan_id
            WHERE v.cppv_cp_visit_date <= $me)
        SELECT count(*) FILTER (WHERE wd(prev, d) <= 10), count(*) FROM v""",
    ),
    Probe(
        "SCS-12",
        "CP cases reviewed within timescale",
        "pct",
        100.0,
        """
        WITH r AS (SELECT p.cppl_cp_plan_id, bool_and(r.cppr_cp_review_date <= r.cppr_cp_review_due) AS ok
            FROM cp_at($me) p JOIN ssd_cp_reviews r ON r.cppr_cp_plan_id = p.cppl_cp_plan_id
            WHERE r.cppr_cp_review_date <= $me GROUP BY 1)
        SELECT count(*) FILTER (WHERE ok), count(*) FROM r""",
    ),
    Probe(
        "SCS-13",
        "Becoming CP for a second or subsequent time (ever)",
        "pct",
        21.6,
        """
        SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ssd_cp_plans q
            WHERE q.cppl_person_id = p.cppl_person_id AND q.cppl_cp_plan_start_date < p.cppl_cp_plan_start_date)),
            count(*)
        FROM ssd_cp_plans p WHERE p.cppl_cp_plan_start_date BETWEEN $ws AND $me""",
    ),
    Probe(
        "SCS-14",
        "CP plans 2 years or more at de-registration",
        "pct",
        2.6,
        """
        SELECT count(*) FILTER (WHERE cppl_cp_plan_end_date - cppl_cp_plan_start_date > 729), count(*)
        FROM ssd_cp_plans WHERE cppl_cp_plan_end_date BETWEEN $ws AND $me""",
    ),
    Probe(
        "SCS-15",
        "Children seen at S47 enquiry",
        "pct",
        98.4,
        """
        SELECT count(*) FILTER (WHERE json_extract_string(s47e_s47_outcome_json, '$.CHILD_SEEN_FLAG') = 'Y'), count(*)
        FROM ssd_s47_enquiry WHERE s47e_s47_end_date BETWEEN $ws AND $me""",
    ),
    Probe(
        "SCS-16",
        "ICPCs within 15 working days of S47 start",
        "pct",
        85.5,
        """
        SELECT count(*) FILTER (WHERE wd(s.s47e_s47_start_date, c.icpc_icpc_date) <= 15), count(*)
        FROM ssd_initial_cp_conference c JOIN ssd_s47_enquiry s ON s.s47e_s47_enquiry_id = c.icpc_s47_enquiry_id
        WHERE c.icpc_icpc_date BETWEEN $ws AND $me AND coalesce(c.icpc_icpc_transfer_in, 'N') = 'N'""",
    ),
    Probe(
        "SCS-17",
        "CIC with 3+ placements in 12 months",
        "pct",
        13.0,
        """
        SELECT count(*) FILTER (WHERE (SELECT count(*) FROM ssd_cla_placement p WHERE p.clap_person_id = c.pid
            AND p.clap_cla_placement_start_date <= $me
            AND (p.clap_cla_placement_end_date IS NULL OR p.clap_cla_placement_end_date >= $ws)) >= 3), count(*)
        FROM cic_at($me) c""",
    ),
    Probe(
        "SCS-18",
        "CIC in same placement for 2 years (of 2.5 years+, under 16)",
        "pct",
        71.2,
        """
        WITH c AS (SELECT e.clae_person_id AS pid, e.clae_cla_placement_id AS plid FROM ssd_cla_episodes e
            JOIN ssd_person p ON p.pers_person_id = e.clae_person_id
            WHERE e.clae_cla_episode_start_date <= $me
              AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > $me)
              AND e.clae_entered_care_date <= $me - INTERVAL 30 MONTH
              AND p.pers_dob > $me - INTERVAL 16 YEAR)
        SELECT count(*) FILTER (WHERE pl.clap_cla_placement_start_date <= $me - INTERVAL 2 YEAR
                                   OR pl.clap_cla_placement_type IN ('A3','A4','A5','A6')), count(*)
        FROM c JOIN ssd_cla_placement pl ON pl.clap_cla_placement_id = c.plid""",
    ),
    Probe(
        "SCS-19",
        "Foster care in-house or relatives/friends (exc UASC)",
        "pct",
        86.3,
        """
        SELECT count(*) FILTER (WHERE pl.clap_cla_placement_provider = 'PR1'), count(*)
        FROM ssd_cla_episodes e JOIN ssd_cla_placement pl ON pl.clap_cla_placement_id = e.clae_cla_placement_id
        WHERE e.clae_cla_episode_start_date <= $me
          AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > $me)
          AND pl.clap_cla_placement_type IN ('U1','U2','U3','U4','U5','U6')
          AND e.clae_person_id NOT IN (SELECT pid FROM uasc_persons)""",
    ),
    Probe(
        "SCS-20",
        "CIC placed within 20 miles (exc UASC)",
        "pct",
        80.1,
        """
        SELECT count(*) FILTER (WHERE pl.clap_cla_placement_distance <= 20), count(*)
        FROM ssd_cla_episodes e JOIN ssd_cla_placement pl ON pl.clap_cla_placement_id = e.clae_cla_placement_id
        WHERE e.clae_cla_episode_start_date <= $me
          AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > $me)
          AND pl.clap_cla_placement_distance IS NOT NULL AND pl.clap_cla_placement_distance < 999
          AND e.clae_person_id NOT IN (SELECT pid FROM uasc_persons)""",
    ),
    Probe(
        "SCS-21",
        "Participation at CIC reviews",
        "pct",
        95.6,
        """
        SELECT count(*) FILTER (WHERE clar_cla_review_participation IN ('PN1','PN2','PN3','PN4','PN5','PN6')),
               count(*)
        FROM ssd_cla_reviews WHERE clar_cla_review_date BETWEEN $ws AND $me
          AND coalesce(clar_cla_review_cancelled, 'N') = 'N' AND clar_cla_review_participation <> 'PN0'""",
    ),
    Probe(
        "SCS-22",
        "CIC reviewed within timescales",
        "pct",
        98.2,
        """
        WITH c AS (SELECT clae_person_id AS pid, clae_cla_id AS cla,
                          min(clae_entered_care_date) AS entered
            FROM ssd_cla_episodes WHERE clae_cla_episode_start_date <= $me
              AND (clae_cla_episode_ceased_date IS NULL OR clae_cla_episode_ceased_date > $me)
            GROUP BY 1, 2),
        r AS (SELECT c.pid, c.entered, max(r.clar_cla_review_date) AS last_review,
                     count(r.clar_cla_review_id) AS reviews,
                     max_by(r.clar_cla_review_due_date, r.clar_cla_review_date) AS last_due
            FROM c LEFT JOIN ssd_cla_reviews r ON r.clar_cla_id = c.cla
             AND coalesce(r.clar_cla_review_cancelled, 'N') = 'N' AND r.clar_cla_review_date <= $me
            GROUP BY 1, 2)
        SELECT count(*) FILTER (WHERE last_review IS NOT NULL AND last_review <= last_due
                 AND last_review + CASE WHEN reviews = 1 THEN INTERVAL 3 MONTH
                                        ELSE INTERVAL 6 MONTH END >= $me),
               count(*)
        FROM r WHERE last_review IS NOT NULL OR wd(entered, $me) > 20""",
    ),
    Probe(
        "SCS-23",
        "CIC 3 months+ with dental check in timescale",
        "pct",
        92.7,
        """
        WITH c AS (SELECT DISTINCT e.clae_person_id AS pid, e.clae_entered_care_date AS entered,
                          p.pers_dob AS dob
            FROM ssd_cla_episodes e JOIN ssd_person p ON p.pers_person_id = e.clae_person_id
            WHERE e.clae_cla_episode_start_date <= $me
              AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > $me)
              AND e.clae_entered_care_date <= $me - INTERVAL 91 DAY)
        SELECT count(*) FILTER (WHERE dob > $me - INTERVAL 1 YEAR OR EXISTS (
            SELECT 1 FROM ssd_cla_health h WHERE h.clah_person_id = c.pid
               AND h.clah_health_check_type = 'DENTAL' AND h.clah_health_check_status = 'COMPLETED'
               AND h.clah_health_check_date BETWEEN c.entered AND $me
               AND h.clah_health_check_date > $me - INTERVAL 365 DAY)), count(*)
        FROM c""",
    ),
    Probe(
        "SCS-24",
        "CIC 3 months+ with health assessments in timescale",
        "pct",
        89.5,
        """
        WITH c AS (SELECT DISTINCT e.clae_person_id AS pid, e.clae_entered_care_date AS entered,
                          p.pers_dob AS dob
            FROM ssd_cla_episodes e JOIN ssd_person p ON p.pers_person_id = e.clae_person_id
            WHERE e.clae_cla_episode_start_date <= $me
              AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > $me)
              AND e.clae_entered_care_date <= $me - INTERVAL 91 DAY)
        SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ssd_cla_health h
            WHERE h.clah_person_id = c.pid
              AND h.clah_health_check_type IN ('IHA','RHA') AND h.clah_health_check_status = 'COMPLETED'
              AND h.clah_health_check_date BETWEEN c.entered AND $me
              AND h.clah_health_check_date > $me - CASE WHEN c.dob > $me - INTERVAL 5 YEAR
                                                  THEN INTERVAL 183 DAY ELSE INTERVAL 365 DAY END)),
               count(*)
        FROM c""",
    ),
    Probe(
        "SCS-25",
        "IHA requests within 5 working days of becoming LA",
        "pct",
        48.0,
        """
        WITH s AS (SELECT clae_person_id AS pid, clae_cla_id AS cla, min(clae_cla_episode_start_date) AS d
            FROM ssd_cla_episodes WHERE clae_cla_episode_start_reason = 'S' GROUP BY 1, 2)
        SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM local_iha_requests q WHERE q.ihar_cla_id = s.cla
            AND wd(s.d, q.ihar_request_date) <= 5)), count(*)
        FROM s WHERE s.d BETWEEN $ws AND $me""",
    ),
    Probe(
        "SCS-26",
        "CIC aged 5-16 with PEP in last 6 months",
        "pct",
        75.8,
        """
        WITH c AS (SELECT c.pid FROM cic_at($me) c JOIN ssd_person p ON p.pers_person_id = c.pid
            WHERE p.pers_dob <= $me - INTERVAL 5 YEAR AND p.pers_dob > $me - INTERVAL 17 YEAR)
        SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM local_pep e WHERE e.pep_person_id = c.pid
            AND e.pep_date > $me - INTERVAL 6 MONTH AND e.pep_date <= $me)), count(*) FROM c""",
    ),
    Probe(
        "SCS-27",
        "CIC 18 months+ with same worker for 12 months",
        "pct",
        54.0,
        """
        WITH c AS (SELECT DISTINCT e.clae_person_id AS pid FROM ssd_cla_episodes e
            WHERE e.clae_cla_episode_start_date <= $me
              AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date > $me)
              AND e.clae_entered_care_date <= $me - INTERVAL 18 MONTH)
        SELECT count(*) FILTER (WHERE (SELECT count(DISTINCT i.invo_professional_id) FROM ssd_involvements i
            WHERE i.invo_person_id = c.pid AND i.invo_professional_role_id = 'CW'
              AND i.invo_involvement_start_date <= $me
              AND (i.invo_involvement_end_date IS NULL OR i.invo_involvement_end_date > $me - INTERVAL 12 MONTH)) = 1),
               count(*)
        FROM c""",
    ),
    Probe(
        "SCS-28",
        "Adoption agreed as plan within 4 months",
        "pct",
        74.5,
        """
        WITH a AS (SELECT p.perm_adm_decision_date AS adm, min(e.clae_entered_care_date) AS bla
            FROM ssd_permanence p JOIN ssd_cla_episodes e ON e.clae_cla_id = p.perm_cla_id
            WHERE p.perm_adm_decision_date BETWEEN $ws AND $me GROUP BY p.perm_table_id, 1)
        SELECT count(*) FILTER (WHERE adm <= bla + INTERVAL 4 MONTH), count(*) FROM a""",
    ),
    Probe(
        "SCS-29",
        "Average days BLA to moving in with adoptive family",
        "num",
        363.7,
        """
        WITH a AS (SELECT p.perm_placed_for_adoption_date - min(e.clae_entered_care_date) AS days
            FROM ssd_permanence p JOIN ssd_cla_episodes e ON e.clae_cla_id = p.perm_cla_id
            WHERE p.perm_permanence_order_type = 'ADOPTION'
              AND p.perm_permanence_order_date BETWEEN $ws AND $me
            GROUP BY p.perm_table_id, p.perm_placed_for_adoption_date)
        SELECT sum(days), count(*) FROM a""",
        average=True,
    ),
    Probe(
        "SCS-30",
        "Average days placement order to match",
        "num",
        151.5,
        """
        SELECT sum(perm_matched_date - perm_placement_order_date), count(*) FROM ssd_permanence
        WHERE perm_matched_date BETWEEN $ws AND $me AND perm_placement_order_date IS NOT NULL""",
        average=True,
    ),
    Probe(
        "SCS-31",
        "Children leaving care who were adopted (exc UASC)",
        "pct",
        12.9,
        """
        SELECT count(*) FILTER (WHERE clae_cla_episode_ceased_reason IN ('E11','E12')), count(*)
        FROM ssd_cla_episodes WHERE clae_cla_episode_ceased_date BETWEEN $ws AND $me
          AND clae_cla_episode_ceased_reason <> 'X1' AND clae_person_id NOT IN (SELECT pid FROM uasc_persons)""",
    ),
    # SCS-32..34 (rolling 12 months) are person-based, DfE-style "around the birthday":
    # care leavers (relevant or former relevant) whose 17th..21st birthday fell in the 12
    # months to the month end, each with their position as at one month after that birthday
    # (their latest ssd_care_leavers row on or before it, never after the month end).
    Probe(
        "SCS-32",
        "Care leavers in touch (17th-21st birthday in 12 months, as at birthday + 1 month)",
        "pct",
        67.1,
        """
        SELECT count(*) FILTER (WHERE clea_care_leaver_in_touch = 'YES'), count(*)
        FROM leavers_around_birthday($ws, $me)""",
    ),
    Probe(
        "SCS-33",
        "Care leavers in touch in suitable accommodation (17th-21st birthday in 12 months)",
        "pct",
        92.2,
        """
        SELECT count(*) FILTER (WHERE clea_care_leaver_accom_suitable = '1'), count(*)
        FROM leavers_around_birthday($ws, $me) WHERE clea_care_leaver_in_touch = 'YES'""",
    ),
    Probe(
        "SCS-34",
        "Care leavers in touch in EET (17th-21st birthday in 12 months)",
        "pct",
        58.1,
        """
        SELECT count(*) FILTER (WHERE left(clea_care_leaver_activity, 1) IN ('F','P')), count(*)
        FROM leavers_around_birthday($ws, $me) WHERE clea_care_leaver_in_touch = 'YES'""",
    ),
    # SCS-35 (snapshot): care leavers under 21 whose latest row on or before the month end is
    # relevant or former relevant, in touch, with a contact in the last 12 months; the
    # numerator has the pathway plan reviewed in the 6 months to the month end (Kent's
    # denominator, 1,097, is about its number in touch, 1,089).
    Probe(
        "SCS-35",
        "Care leavers in touch (under 21, latest row) with pathway plan updated in 6 months",
        "pct",
        91.2,
        """
        WITH l AS (SELECT DISTINCT ON (clea_person_id) * FROM ssd_care_leavers
            WHERE clea_care_leaver_latest_contact <= $me
            ORDER BY clea_person_id, clea_care_leaver_latest_contact DESC, clea_table_id DESC)
        SELECT count(*) FILTER (WHERE clea_pathway_plan_review_date > $me - INTERVAL 6 MONTH),
               count(*)
        FROM l JOIN ssd_person p ON p.pers_person_id = l.clea_person_id
        WHERE l.clea_care_leaver_eligibility IN ('RELEVANT','FORMER_RELEVANT')
          AND l.clea_care_leaver_in_touch = 'YES'
          AND l.clea_care_leaver_latest_contact > $me - INTERVAL 12 MONTH
          AND p.pers_dob > $me - INTERVAL 21 YEAR""",
    ),
    Probe(
        "SCS-36",
        "Case file audits completed",
        "pct",
        98.5,
        """
        SELECT count(*) FILTER (WHERE audit_completed_date IS NOT NULL AND audit_completed_date <= $me), count(*)
        FROM local_case_audits WHERE audit_scheduled_date BETWEEN $ws AND $me""",
    ),
    Probe(
        "SCS-37",
        "Case file audits good or outstanding",
        "pct",
        65.1,
        """
        SELECT count(*) FILTER (WHERE audit_grade IN ('good','outstanding')), count(*)
        FROM local_case_audits WHERE audit_completed_date BETWEEN $ws AND $me""",
    ),
    Probe(
        "SCS-38",
        "Case file audits inadequate",
        "pct",
        2.4,
        """
        SELECT count(*) FILTER (WHERE audit_grade = 'inadequate'), count(*)
        FROM local_case_audits WHERE audit_completed_date BETWEEN $ws AND $me""",
    ),
    Probe(
        "SCS-39",
        "CP social work reports good or outstanding",
        "pct",
        64.1,
        """
        SELECT count(*) FILTER (WHERE grading_grade IN ('good','outstanding')), count(*)
        FROM local_quality_gradings WHERE grading_document_type = 'cp_social_work_report'
          AND grading_date BETWEEN $ws AND $me""",
    ),
    Probe(
        "SCS-40",
        "CIC care plans good or outstanding",
        "pct",
        64.0,
        """
        SELECT count(*) FILTER (WHERE grading_grade IN ('good','outstanding')), count(*)
        FROM local_quality_gradings WHERE grading_document_type = 'cic_care_plan'
          AND grading_date BETWEEN $ws AND $me""",
    ),
    Probe(
        "SCS-41",
        "Caseholding posts filled by permanent QSW",
        "pct",
        77.2,
        """
        SELECT sum(w.permanent_qsw_fte), sum(w.posts_fte) FROM local_workforce w
        JOIN local_org_units u ON u.org_unit_id = w.team_id
        WHERE w.month_end = $me AND u.team_type IN ('cswt','cic','disability','uasc','adoption','care_leavers')""",
    ),
    Probe(
        "SCS-42",
        "Caseholding posts filled by agency staff",
        "pct",
        17.2,
        """
        SELECT sum(w.agency_fte), sum(w.posts_fte) FROM local_workforce w
        JOIN local_org_units u ON u.org_unit_id = w.team_id
        WHERE w.month_end = $me AND u.team_type IN ('cswt','cic','disability','uasc','adoption','care_leavers')""",
    ),
    Probe(
        "SCS-43",
        "Average caseload, CIC teams",
        "num",
        15.7,
        """
        SELECT (SELECT count(DISTINCT i.invo_person_id) FROM ssd_involvements i
                JOIN local_org_units u ON u.org_unit_id = i.invo_professional_team
                WHERE u.team_type = 'cic' AND i.invo_professional_role_id = 'CW'
                  AND i.invo_involvement_start_date <= $me
                  AND (i.invo_involvement_end_date IS NULL OR i.invo_involvement_end_date > $me)),
               (SELECT sum(w.caseholding_sw_fte) FROM local_workforce w
                JOIN local_org_units u ON u.org_unit_id = w.team_id
                WHERE u.team_type = 'cic' AND w.month_end = $me)""",
        average=True,
    ),
    Probe(
        "SCS-44",
        "Average caseload, CSWTs",
        "num",
        20.8,
        """
        SELECT (SELECT count(DISTINCT i.invo_person_id) FROM ssd_involvements i
                JOIN local_org_units u ON u.org_unit_id = i.invo_professional_team
                WHERE u.team_type = 'cswt' AND i.invo_professional_role_id = 'CW'
                  AND i.invo_involvement_start_date <= $me
                  AND (i.invo_involvement_end_date IS NULL OR i.invo_involvement_end_date > $me)),
               (SELECT sum(w.caseholding_sw_fte) FROM local_workforce w
                JOIN local_org_units u ON u.org_unit_id = w.team_id
                WHERE u.team_type = 'cswt' AND w.month_end = $me)""",
        average=True,
    ),
    Probe(
        "SCS-45",
        "Average caseload, fostering social workers",
        "num",
        17.9,
        """
        SELECT (SELECT count(*) FROM local_foster_carers WHERE approval_date <= $me
                  AND (deregistration_date IS NULL OR deregistration_date > $me)),
               (SELECT sum(w.caseholding_sw_fte) FROM local_workforce w
                JOIN local_org_units u ON u.org_unit_id = w.team_id
                WHERE u.team_type = 'fostering' AND w.month_end = $me)""",
        average=True,
    ),
    Probe(
        "ACT-01",
        "Caseloads (children with an open allocation)",
        "num",
        9444,
        """
        SELECT count(DISTINCT invo_person_id), NULL FROM ssd_involvements
        WHERE invo_involvement_start_date <= $me
          AND (invo_involvement_end_date IS NULL OR invo_involvement_end_date > $me)""",
    ),
    Probe(
        "ACT-02",
        "Referrals in the month",
        "num",
        1167,
        """
        SELECT count(*), NULL FROM ssd_cin_episodes WHERE cine_referral_date BETWEEN $ms AND $me""",
    ),
    Probe(
        "ACT-03",
        "C&F assessments in the month",
        "num",
        1478,
        """
        SELECT count(*), NULL FROM ssd_cin_assessments WHERE cina_assessment_auth_date BETWEEN $ms AND $me""",
    ),
    Probe(
        "ACT-04",
        "CP plans",
        "num",
        1145,
        "SELECT count(DISTINCT cppl_person_id), NULL FROM cp_at($me)",
    ),
    Probe(
        "ACT-05",
        "CP starts in the month",
        "num",
        100,
        """
        SELECT count(*), NULL FROM ssd_cp_plans WHERE cppl_cp_plan_start_date BETWEEN $ms AND $me""",
    ),
    Probe(
        "ACT-06",
        "CP ends in the month",
        "num",
        48,
        """
        SELECT count(*), NULL FROM ssd_cp_plans WHERE cppl_cp_plan_end_date BETWEEN $ms AND $me""",
    ),
    Probe("ACT-07", "Total LAC", "num", 2246, "SELECT count(*), NULL FROM cic_at($me)"),
    Probe(
        "ACT-08",
        "UASC LAC",
        "num",
        798,
        """
        SELECT count(*), NULL FROM cic_at($me) c WHERE c.pid IN (SELECT pid FROM uasc_persons)""",
    ),
    Probe(
        "ACT-09",
        "LAC starts in the month",
        "num",
        86,
        """
        SELECT count(*), NULL FROM ssd_cla_episodes
        WHERE clae_cla_episode_start_reason = 'S' AND clae_cla_episode_start_date BETWEEN $ms AND $me""",
    ),
    Probe(
        "ACT-10",
        "LAC ends in the month",
        "num",
        93,
        """
        SELECT count(*), NULL FROM ssd_cla_episodes WHERE clae_cla_episode_ceased_reason <> 'X1'
          AND clae_cla_episode_ceased_date BETWEEN $ms AND $me""",
    ),
    Probe(
        "ACT-11",
        "Private fostering cases",
        "num",
        25,
        """
        SELECT count(*), NULL FROM local_private_fostering WHERE pf_start_date <= $me
          AND (pf_end_date IS NULL OR pf_end_date > $me)""",
    ),
    Probe(
        "CIC-01",
        "Citizen CIC (exc UASC), count",
        "num",
        1448,
        """
        SELECT count(*), NULL FROM cic_at($me) c WHERE c.pid NOT IN (SELECT pid FROM uasc_persons)""",
    ),
)


def _workday_index(con: duckdb.DuckDBPyConnection) -> None:
    hols = sorted(bank_holidays())
    con.execute("CREATE OR REPLACE TEMP TABLE bank_hols (day DATE)")
    con.executemany("INSERT INTO bank_hols VALUES (?)", [(d,) for d in hols])
    con.execute(
        """CREATE OR REPLACE TEMP TABLE wd_index AS
           SELECT d::DATE AS day,
                  sum(CASE WHEN isodow(d) <= 5 AND d::DATE NOT IN (SELECT day FROM bank_hols)
                      THEN 1 ELSE 0 END) OVER (ORDER BY d) AS n
           FROM generate_series(DATE '1995-01-01', DATE '2035-12-31', INTERVAL 1 DAY) AS g(d)"""
    )


def _fmt(x: object) -> str:
    """Counts as integers, full-time equivalents to one decimal place."""
    return f"{x:.1f}" if isinstance(x, float) else str(x)


def run(folder: Path, month: str) -> list[tuple[Probe, float | None, str, bool]]:
    """Compute every probe for ``month``; returns (probe, ours, detail, within tolerance)."""
    year, mon = (int(x) for x in month.split("-"))
    me = dt.date(year, mon, calendar.monthrange(year, mon)[1])
    ms = dt.date(year, mon, 1)
    ws = (dt.date(year - 1, mon, 1) + dt.timedelta(days=32)).replace(day=1)
    con = load_or_fail(folder).con
    _workday_index(con)
    for statement in MACROS:
        con.execute(statement)
    results = []
    for probe in PROBES:
        params = {k: v for k, v in {"me": me, "ms": ms, "ws": ws}.items() if f"${k}" in probe.sql}
        row = con.execute(probe.sql, params).fetchone()
        assert row is not None
        a, b = row
        if probe.kind == "pct":
            value = None if not b else 100.0 * float(a) / float(b)
            detail = f"{_fmt(a)}/{_fmt(b)}"
            ok = value is not None and abs(value - probe.kent) <= 3.0
        elif probe.average:
            value = None if not b else float(a) / float(b)
            detail = f"{_fmt(a)}/{_fmt(b)}"
            ok = value is not None and abs(value - probe.kent) <= 0.1 * probe.kent
        else:
            value = float(a)
            detail = ""
            ok = abs(value - probe.kent) <= max(0.1 * probe.kent, 1.0)
        results.append((probe, value, detail, ok))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--month", default="2016-08")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    results = run(args.data, args.month)
    if args.markdown:
        print("| Ref | Measure | Kent | Ours | Num/den | Tolerance | Within |")
        print("|---|---|---:|---:|---|---|---|")
    for probe, value, detail, ok in results:
        ours = "-" if value is None else f"{value:.1f}"
        tol = "±3 pts" if probe.kind == "pct" else "±10 %"
        if args.markdown:
            print(
                f"| {probe.ref} | {probe.name} | {probe.kent:g} | {ours} | {detail} | {tol} | {'yes' if ok else 'NO'} |"
            )
        else:
            print(
                f"{probe.ref:7} {'ok ' if ok else 'XX '} kent={probe.kent:<8g} ours={ours:<8} {detail:14} {probe.name}"
            )
    scs = [r for r in results if r[0].ref.startswith("SCS-")]
    act = [r for r in results if r[0].ref.startswith("ACT-")]
    print(
        f"\nScorecard within tolerance: {sum(r[3] for r in scs)}/{len(scs)}; "
        f"activity: {sum(r[3] for r in act)}/{len(act)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
