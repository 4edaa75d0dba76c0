"""read_annex_a on a small hand-made workbook: every row worked out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from annex_a_fixtures import d, make_workbook

from kpibook.model import SCHEMA
from kpibook.problems import Severity
from kpibook.returns.annex_a import read_annex_a
from kpibook.returns.common import Imported, Provenance

DT = dt.datetime


def _common(child: str, sex: str, eth: str, dob: object, age: int) -> dict[str, object]:
    return {
        "Child Unique ID": child,
        "Gender": sex,
        "Ethnicity": eth,
        "Date of Birth": dob,
        "Age of Child (Years)": age,
    }


LISTS: dict[int, list[dict[str, object]]] = {
    1: [
        {
            **_common("C1", "b) Female", "a) WBRI", DT(2015, 5, 1), 8),
            "Date of Contact": DT(2024, 1, 10),
            "Contact Source": "q) 6: Police",
        },
        {
            **_common("C2", "a) Male", "o) BAFR", "12/03/2010", 13),
            "Date of Contact": "15/02/2024",
            "Contact Source": "Carrier pigeon",
        },
    ],
    2: [
        {
            **_common("C3", "Female", "WBRI", "01/01/2012", 12),
            "Assessment start date": "05/01/2024",
            "Assessment completion date": "2024-02-20",
            "Organisation completing assessment": "Oak School",
        },
    ],
    3: [
        {
            **_common("C1", "a) Male", "a) WBRI", DT(2015, 5, 1), 8),
            "Date of referral": DT(2024, 1, 12),
            "Referral Source": "q) 6: Police",
            "Referral NFA?": "b) No",
            "Number of Referrals in Last 12 Months": 0,
            "Allocated Team": "Locality 4 Duty Team",
            "Allocated Worker": "Ann Smith",
        },
        {
            **_common("C2", "a) Male", "o) BAFR", "12/03/2010", 13),
            "Date of referral": "15/02/2024",
            "Referral Source": "e) 2A: Schools",
            "Referral NFA?": "a) Yes",
            "Number of Referrals in Last 12 Months": 1,
            "Allocated Team": "Locality 4 Duty Team",
            "Allocated Worker": "Bob Jones",
        },
    ],
    4: [
        {
            **_common("C1", "b) Female", "a) WBRI", DT(2015, 5, 1), 8),
            "Does the Child have a Disability": "b) No",
            "Continuous Assessment Start Date": "13/01/2024",
            "Child Seen During Continuous Assessment": "a) Yes",
            "Continuous Assessment Date of Authorisation": DT(2024, 2, 20),
            "Was the child assessed as requiring LA children's social care support?": "a) Yes",
            "Allocated Team": "Locality 4 Assessment Team",
            "Allocated Worker": "Ann Smith",
        },
    ],
    5: [
        {
            **_common("C1", "b) Female", "a) WBRI", DT(2015, 5, 1), 8),
            "Strategy discussion initiating Section 47 Enquiry Start Date": "14/01/2024",
            "Was an Initial Child Protection Conference deemed unnecessary?": "b) No",
            "Date of Initial Child Protection Conference": "01/02/2024",
            (
                "Did the Initial Child Protection Conference Result in a Child Protection Plan"
            ): "a) Yes",
            "Number of Section 47 Enquiries in the last 12 months": 1,
            "Number of ICPCs in the last 12 months": 1,
            "Allocated Team": "Locality 4 Assessment Team",
            "Allocated Worker": "Ann Smith",
        },
    ],
    6: [
        {
            **_common("C1", "b) Female", "a) WBRI", DT(2015, 5, 1), 8),
            "CIN Start Date": "12/01/2024",
            "Primary Need Code": "N1",
            "Date Child Was Last Seen": "01/03/2024",
            "Case Status": "Open",
            "Allocated Team": "Children in Need Team 2",
            "Allocated Worker": "Cat Brown",
        },
    ],
    7: [
        {
            **_common("C1", "b) Female", "a) WBRI", DT(2015, 5, 1), 8),
            "Child Protection Plan Start Date": "01/02/2024",
            "Initial Category of Abuse": "a) Neglect",
            "Latest Category of Abuse": "d) Emotional abuse",
            "Date of the Last Statutory Visit": "10/03/2024",
            "Was the Child Seen Alone?": "a) Yes",
            "Date of latest review conference": "20/03/2024",
            "Number of Previous Child Protection Plans": 0,
            "Allocated Team": "Children in Need Team 2",
            "Allocated Worker": "Cat Brown",
        },
    ],
    8: [
        {
            **_common("C4", "a) Male", "BAFR", "01/06/2008", 15),
            "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": "a) Yes",
            "Does the Child have a Disability": "b) No",
            "Date Started to be Looked After": "01/11/2023",
            "Child's Category of Need": "d) N4",
            "Start date of current legal status": "01/11/2023",
            "Child's Legal Status": "V2",
            "Date of Latest Statutory Review": "15/01/2024",
            "Date of Last Social Work Visit": DT(2024, 3, 1),
            "What is the permanence plan for this child?": "Long-term fostering",
            "Date of Last IRO Visit / Contact to the Child": "15/01/2024",
            "Date of Last Health Assessment": "20/11/2023",
            "Date of Last Dental Check": "01/02/2024",
            "Number of Placements in the Last 12 months": 1,
            "Start Date of Most Recent Placement": "01/11/2023",
            "Placement Type": "U3",
            "Placement Provider": "PR4",
            "Placement postcode": "ME14 1XQ",
            "URN of Placement": "SC123456",
            "Allocated Team": "Children in Care Team 1",
            "Allocated Worker": "Dee Green",
        },
    ],
    9: [
        {
            **_common("C5", "b) Female", "a) WBRI", "02/02/2005", 19),
            "Allocated Team": "Care Leavers Team",
            "Allocated Worker": "Eve White",
            "Allocated Personal Advisor": "Fay Black",
            "Eligibility Category": "b) Former relevant",
            "Latest Pathway Plan Review Date": "01/02/2024",
            "LA in Touch": "a) Yes",
            "Latest Date of Contact": "15/03/2024",
            "Type of Accommodation": "U: Independent living",
            "Suitability of Accommodation": "a) Suitable",
            "Activity Status": "F2",
        },
    ],
    10: [
        {
            "Child Unique ID": "C6",
            "Family identifier": "F1",
            "Gender": "b) Female",
            "Ethnicity": "a) WBRI",
            "Date of Birth": "03/03/2021",
            "Age of Child (Years)": 3,
            "Date the Child Entered Care": "01/05/2022",
            "Date of Decision that Child Should be Placed for Adoption": "10/01/2023",
            "Date of Placement Order": "01/04/2023",
            "Date of Matching Child and Prospective Adopters": "01/08/2023",
            "Date Placed for Adoption": "01/09/2023",
            "Date of Adoption Order": "01/02/2024",
        },
    ],
    11: [
        {
            "Individual adopter identifier": "A1",
            "Family identifier": "F1",
            "Date enquiry received": "01/01/2022",
        }
    ],
}


def rows(imported: Imported, table: str) -> list[dict[str, Any]]:
    """The table's rows with only the non-empty columns."""
    data: pa.Table = imported.tables[table]
    return [{k: v for k, v in r.items() if v is not None} for r in data.to_pylist()]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    path = tmp_path_factory.mktemp("annexa") / "annex_a.xlsx"
    return read_annex_a(make_workbook(path, LISTS))


def test_children_gathered_once_first_list_wins(imported: Imported) -> None:
    assert rows(imported, "ssd_person") == [
        {
            "pers_person_id": "C1",
            "pers_sex": "F",
            "pers_ethnicity": "WBRI",
            "pers_dob": d("2015-05-01"),
        },
        {
            "pers_person_id": "C2",
            "pers_sex": "M",
            "pers_ethnicity": "BAFR",
            "pers_dob": d("2010-03-12"),
        },
        {
            "pers_person_id": "C3",
            "pers_sex": "F",
            "pers_ethnicity": "WBRI",
            "pers_dob": d("2012-01-01"),
        },
        {
            "pers_person_id": "C4",
            "pers_sex": "M",
            "pers_ethnicity": "BAFR",
            "pers_dob": d("2008-06-01"),
        },
        {
            "pers_person_id": "C5",
            "pers_sex": "F",
            "pers_ethnicity": "WBRI",
            "pers_dob": d("2005-02-02"),
        },
        {
            "pers_person_id": "C6",
            "pers_sex": "F",
            "pers_ethnicity": "WBRI",
            "pers_dob": d("2021-03-03"),
        },
    ]


def test_findings_are_warnings_with_place(imported: Imported) -> None:
    found = sorted((p.rule, p.row, p.column) for p in imported.findings)
    assert found == [("bad-value", 2, "Contact Source"), ("conflicting-person", 1, "pers_sex")]
    assert all(p.severity is Severity.WARNING for p in imported.findings)
    conflict = next(p for p in imported.findings if p.rule == "conflicting-person")
    assert conflict.file.endswith(".xlsx")
    assert conflict.sheet is not None and conflict.sheet.startswith("List 3")
    assert "C1" not in conflict.message


def test_contacts_and_early_help(imported: Imported) -> None:
    assert rows(imported, "ssd_contacts") == [
        {
            "cont_contact_id": "AA1-1",
            "cont_person_id": "C1",
            "cont_contact_date": d("2024-01-10"),
            "cont_contact_source_code": "6",
        },
        {"cont_contact_id": "AA1-2", "cont_person_id": "C2", "cont_contact_date": d("2024-02-15")},
    ]
    assert rows(imported, "ssd_early_help_episodes") == [
        {
            "earl_episode_id": "AA2-1",
            "earl_person_id": "C3",
            "earl_episode_start_date": d("2024-01-05"),
            "earl_episode_end_date": d("2024-02-20"),
            "earl_episode_organisation": "Oak School",
        },
    ]


def test_referrals_merged_with_children_in_need(imported: Imported) -> None:
    assert rows(imported, "ssd_cin_episodes") == [
        {
            "cine_referral_id": "AA3-1",
            "cine_person_id": "C1",
            "cine_referral_date": d("2024-01-12"),
            "cine_cin_primary_need_code": "N1",
            "cine_referral_source_code": "6",
            "cine_referral_nfa": "N",
            "cine_referral_team": "Locality 4 Duty Team",
            "cine_referral_worker_id": "AAW-1",
        },
        {
            "cine_referral_id": "AA3-2",
            "cine_person_id": "C2",
            "cine_referral_date": d("2024-02-15"),
            "cine_referral_source_code": "2A",
            "cine_referral_nfa": "Y",
            "cine_referral_team": "Locality 4 Duty Team",
            "cine_referral_worker_id": "AAW-2",
        },
    ]
    assert rows(imported, "ssd_cin_visits") == [
        {
            "cinv_cin_visit_id": "AA6-1-seen",
            "cinv_person_id": "C1",
            "cinv_cin_visit_date": d("2024-03-01"),
            "cinv_cin_visit_seen": "Y",
        },
    ]


def test_assessment_enquiry_conference_and_plan(imported: Imported) -> None:
    team = "Locality 4 Assessment Team"
    assert rows(imported, "ssd_cin_assessments") == [
        {
            "cina_assessment_id": "AA4-1",
            "cina_person_id": "C1",
            "cina_referral_id": "AA3-1",
            "cina_assessment_start_date": d("2024-01-13"),
            "cina_assessment_child_seen": "Y",
            "cina_assessment_auth_date": d("2024-02-20"),
            "cina_assessment_outcome_nfa": "N",
            "cina_assessment_team": team,
            "cina_assessment_worker_id": "AAW-1",
        },
    ]
    assert rows(imported, "ssd_s47_enquiry") == [
        {
            "s47e_s47_enquiry_id": "AA5-1",
            "s47e_referral_id": "AA3-1",
            "s47e_person_id": "C1",
            "s47e_s47_start_date": d("2024-01-14"),
            "s47e_s47_completed_by_team": team,
            "s47e_s47_completed_by_worker_id": "AAW-1",
        },
    ]
    assert rows(imported, "ssd_initial_cp_conference") == [
        {
            "icpc_icpc_id": "AA5-1-icpc",
            "icpc_s47_enquiry_id": "AA5-1",
            "icpc_person_id": "C1",
            "icpc_referral_id": "AA3-1",
            "icpc_icpc_date": d("2024-02-01"),
            "icpc_icpc_outcome_cp_flag": "Y",
            "icpc_icpc_team": team,
            "icpc_icpc_worker_id": "AAW-1",
        },
    ]
    assert rows(imported, "ssd_cp_plans") == [
        {
            "cppl_cp_plan_id": "AA7-1",
            "cppl_referral_id": "AA3-1",
            "cppl_icpc_id": "AA5-1-icpc",
            "cppl_person_id": "C1",
            "cppl_cp_plan_start_date": d("2024-02-01"),
            "cppl_cp_plan_initial_category": "NEG",
            "cppl_cp_plan_latest_category": "EMO",
        },
    ]
    assert rows(imported, "ssd_cp_visits") == [
        {
            "cppv_cp_visit_id": "AA7-1-visit",
            "cppv_person_id": "C1",
            "cppv_cp_plan_id": "AA7-1",
            "cppv_cp_visit_date": d("2024-03-10"),
            "cppv_cp_visit_seen": "Y",
            "cppv_cp_visit_seen_alone": "Y",
        },
    ]
    assert rows(imported, "ssd_cp_reviews") == [
        {
            "cppr_cp_review_id": "AA7-1-review",
            "cppr_person_id": "C1",
            "cppr_cp_plan_id": "AA7-1",
            "cppr_cp_review_date": d("2024-03-20"),
        },
    ]


def test_child_in_care(imported: Imported) -> None:
    assert rows(imported, "ssd_cla_episodes") == [
        {
            "clae_cla_episode_id": "AA8-1-episode",
            "clae_person_id": "C4",
            "clae_cla_placement_id": "AA8-1-placement",
            "clae_cla_episode_start_date": d("2023-11-01"),
            "clae_cla_episode_start_reason": "S",
            "clae_cla_primary_need_code": "N4",
            "clae_cla_id": "AA8-1",
            "clae_cla_last_iro_contact_date": d("2024-01-15"),
            "clae_entered_care_date": d("2023-11-01"),
        },
    ]
    assert rows(imported, "ssd_cla_placement") == [
        {
            "clap_cla_placement_id": "AA8-1-placement",
            "clap_cla_id": "AA8-1",
            "clap_person_id": "C4",
            "clap_cla_placement_start_date": d("2023-11-01"),
            "clap_cla_placement_type": "U3",
            "clap_cla_placement_urn": "SC123456",
            "clap_cla_placement_provider": "PR4",
            "clap_cla_placement_postcode": "ME14 1XQ",
        },
    ]
    assert rows(imported, "ssd_legal_status") == [
        {
            "lega_legal_status_id": "AA8-1-legal",
            "lega_person_id": "C4",
            "lega_legal_status": "V2",
            "lega_legal_status_start_date": d("2023-11-01"),
        },
    ]
    assert rows(imported, "ssd_cla_reviews") == [
        {
            "clar_cla_review_id": "AA8-1-review",
            "clar_cla_id": "AA8-1",
            "clar_cla_person_id": "C4",
            "clar_cla_review_date": d("2024-01-15"),
        },
    ]
    assert rows(imported, "ssd_cla_visits") == [
        {
            "clav_cla_visit_id": "AA8-1-visit",
            "clav_cla_id": "AA8-1",
            "clav_person_id": "C4",
            "clav_cla_visit_date": d("2024-03-01"),
        },
    ]
    # 20/11/2023 is 19 days after entering care: the initial health assessment.
    assert rows(imported, "ssd_cla_health") == [
        {
            "clah_health_check_id": "AA8-1-health",
            "clah_person_id": "C4",
            "clah_health_check_type": "IHA",
            "clah_health_check_date": d("2023-11-20"),
            "clah_health_check_status": "COMPLETED",
        },
        {
            "clah_health_check_id": "AA8-1-dental",
            "clah_person_id": "C4",
            "clah_health_check_type": "DENTAL",
            "clah_health_check_date": d("2024-02-01"),
            "clah_health_check_status": "COMPLETED",
        },
    ]
    assert rows(imported, "ssd_immigration_status") == [
        {
            "immi_immigration_status_id": "AA8-1-uasc",
            "immi_person_id": "C4",
            "immi_immigration_status_start_date": d("2023-11-01"),
            "immi_immigration_status": "UASC",
        },
    ]


def test_care_leaver_and_adoption(imported: Imported) -> None:
    assert rows(imported, "ssd_care_leavers") == [
        {
            "clea_table_id": "AA9-1",
            "clea_person_id": "C5",
            "clea_care_leaver_eligibility": "FORMER_RELEVANT",
            "clea_care_leaver_in_touch": "YES",
            "clea_care_leaver_latest_contact": d("2024-03-15"),
            "clea_care_leaver_accommodation": "U",
            "clea_care_leaver_accom_suitable": "1",
            "clea_care_leaver_activity": "F2",
            "clea_pathway_plan_review_date": d("2024-02-01"),
            "clea_care_leaver_personal_advisor": "AAW-6",
            "clea_care_leaver_allocated_team": "Care Leavers Team",
            "clea_care_leaver_worker_id": "AAW-5",
        },
    ]
    assert rows(imported, "ssd_permanence") == [
        {
            "perm_table_id": "AA10-1",
            "perm_person_id": "C6",
            "perm_adm_decision_date": d("2023-01-10"),
            "perm_placement_order_date": d("2023-04-01"),
            "perm_matched_date": d("2023-08-01"),
            "perm_placed_for_adoption_date": d("2023-09-01"),
            "perm_permanence_order_date": d("2024-02-01"),
            "perm_permanence_order_type": "ADOPTION",
        },
    ]


def test_teams_workers_and_allocations(imported: Imported) -> None:
    assert rows(imported, "ssd_department") == [
        {"dept_team_id": t, "dept_team_name": t}
        for t in (
            "Locality 4 Duty Team",
            "Children in Need Team 2",
            "Locality 4 Assessment Team",
            "Children in Care Team 1",
            "Care Leavers Team",
        )
    ]
    assert rows(imported, "ssd_professionals") == [
        {
            "prof_professional_id": f"AAW-{n}",
            "prof_professional_name": name,
            "prof_professional_department": team,
        }
        for n, name, team in (
            (1, "Ann Smith", "Locality 4 Duty Team"),
            (2, "Bob Jones", "Locality 4 Duty Team"),
            (3, "Cat Brown", "Children in Need Team 2"),
            (4, "Dee Green", "Children in Care Team 1"),
            (5, "Eve White", "Care Leavers Team"),
            (6, "Fay Black", "Care Leavers Team"),
        )
    ]

    def invo(
        i: str,
        worker: str,
        team: str,
        person: str,
        start: str,
        end: str | None,
        referral: str | None,
    ) -> dict[str, object]:
        row: dict[str, object] = {
            "invo_involvements_id": i,
            "invo_professional_id": worker,
            "invo_professional_role_id": "CW",
            "invo_professional_team": team,
            "invo_person_id": person,
            "invo_involvement_start_date": d(start),
        }
        if end:
            row["invo_involvement_end_date"] = d(end)
        if referral:
            row["invo_referral_id"] = referral
        return row

    # Referrals (List 3) are handled on the day; one allocation per child, team and
    # worker: List 4 (13/01-20/02) and List 5 (14/01-01/02) give one spanning
    # 13/01-20/02; Lists 6 and 7 one open from 12/01.
    assert rows(imported, "ssd_involvements") == [
        invo(
            "AA3-1-CW", "AAW-1", "Locality 4 Duty Team", "C1", "2024-01-12", "2024-01-12", "AA3-1"
        ),
        invo(
            "AA3-2-CW", "AAW-2", "Locality 4 Duty Team", "C2", "2024-02-15", "2024-02-15", "AA3-2"
        ),
        invo("AA6-1-CW", "AAW-3", "Children in Need Team 2", "C1", "2024-01-12", None, "AA3-1"),
        invo(
            "AA4-1-CW",
            "AAW-1",
            "Locality 4 Assessment Team",
            "C1",
            "2024-01-13",
            "2024-02-20",
            "AA3-1",
        ),
        invo("AA8-1-CW", "AAW-4", "Children in Care Team 1", "C4", "2023-11-01", None, None),
    ]


def test_every_table_has_every_model_column(imported: Imported) -> None:
    for name, table in imported.tables.items():
        assert table.column_names == list(SCHEMA.table(name).column_names)


def test_provenance_names_the_list(imported: Imported) -> None:
    prov = set(imported.provenance)
    assert Provenance("ssd_involvements", "invo_professional_team", "Annex A List 3") in prov
    assert Provenance("ssd_cla_episodes", "clae_entered_care_date", "Annex A List 8") in prov
    assert Provenance("ssd_cin_episodes", "cine_close_reason", "Annex A List 6") not in prov
    assert Provenance("ssd_cin_episodes", "cine_cin_primary_need_code", "Annex A List 6") in prov
    assert Provenance("ssd_person", "pers_sex", "Annex A List 1") in prov


def test_header_found_without_title_rows_and_sheet_names_vary(tmp_path: Path) -> None:
    names = {n: f"list_{n}" for n in range(1, 10)}
    names[3] = "LIST 3 Referrals 2024"
    path = make_workbook(tmp_path / "a.xlsx", {3: LISTS[3]}, sheet_names=names, title_rows=False)
    got = read_annex_a(path)
    assert [r["cine_referral_id"] for r in rows(got, "ssd_cin_episodes")] == ["AA3-1", "AA3-2"]
