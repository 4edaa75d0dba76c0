"""read_cin on hand-made census files: every row worked out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpibook.returns.cin import read_cin

F = Path(__file__).parent / "fixtures"
D = dt.date


def rows(imported: object, table: str) -> list[dict[str, object]]:
    result: list[dict[str, object]] = imported.tables[table].to_pylist()  # type: ignore[attr-defined]
    return result


def test_2024_file_rows_by_hand() -> None:
    got = read_cin([F / "cin_2024.xml"])
    assert got.findings == ()
    assert rows(got, "ssd_person") == [
        {"pers_person_id": "TST0000001", "pers_upn": "A123456789012", "pers_sex": "F",
         "pers_ethnicity": "WBRI", "pers_dob": D(2014, 6, 15), "pers_upn_unknown": None,
         "pers_expected_dob": None, "pers_death_date": None},
        # GenderCurrent 0 (unborn) -> U; expected date of birth only
        {"pers_person_id": "TST0000002", "pers_upn": None, "pers_sex": "U",
         "pers_ethnicity": "NOBT", "pers_dob": None, "pers_upn_unknown": "UN1",
         "pers_expected_dob": D(2024, 4, 20), "pers_death_date": None},
    ]  # fmt: skip
    assert rows(got, "ssd_disability") == [
        {"disa_table_id": "TST0000001/D1", "disa_person_id": "TST0000001",
         "disa_disability_code": "HAND"},
        {"disa_table_id": "TST0000001/D2", "disa_person_id": "TST0000001",
         "disa_disability_code": "HEAR"},
    ]  # fmt: skip
    e1, e2 = "TST0000001/2023-05-10", "TST0000002/2024-01-08"
    assert rows(got, "ssd_cin_episodes") == [
        {"cine_referral_id": e1, "cine_person_id": "TST0000001",
         "cine_referral_date": D(2023, 5, 10), "cine_cin_primary_need_code": "N1",
         "cine_referral_source_code": "2A", "cine_referral_nfa": "N", "cine_close_reason": "RC7",
         "cine_close_date": D(2024, 2, 20)},
        {"cine_referral_id": e2, "cine_person_id": "TST0000002",
         "cine_referral_date": D(2024, 1, 8), "cine_cin_primary_need_code": "N4",
         "cine_referral_source_code": "3B", "cine_referral_nfa": "N", "cine_close_reason": None,
         "cine_close_date": None},
    ]  # fmt: skip
    assert rows(got, "ssd_cin_assessments") == [
        {"cina_assessment_id": f"{e1}/A2023-05-11", "cina_person_id": "TST0000001",
         "cina_referral_id": e1, "cina_assessment_start_date": D(2023, 5, 11),
         "cina_assessment_auth_date": D(2023, 6, 30)},
        {"cina_assessment_id": f"{e2}/A2024-01-09", "cina_person_id": "TST0000002",
         "cina_referral_id": e2, "cina_assessment_start_date": D(2024, 1, 9),
         "cina_assessment_auth_date": None},
    ]  # fmt: skip
    assert rows(got, "ssd_assessment_factors") == [
        {"cinf_table_id": f"{e1}/A2023-05-11/F", "cinf_assessment_id": f"{e1}/A2023-05-11",
         "cinf_assessment_factors_json": '["3B","16A"]'},
    ]  # fmt: skip
    assert rows(got, "ssd_cin_plans") == [
        {"cinp_cin_plan_id": f"{e1}/P2023-07-03", "cinp_referral_id": e1,
         "cinp_person_id": "TST0000001",
         "cinp_cin_plan_start_date": D(2023, 7, 3), "cinp_cin_plan_end_date": D(2023, 8, 14)},
        {"cinp_cin_plan_id": f"{e2}/P2024-01-22", "cinp_referral_id": e2,
         "cinp_person_id": "TST0000002",
         "cinp_cin_plan_start_date": D(2024, 1, 22), "cinp_cin_plan_end_date": D(2024, 3, 25)},
    ]  # fmt: skip
    assert rows(got, "ssd_s47_enquiry") == [
        {"s47e_s47_enquiry_id": f"{e1}/S2023-08-01", "s47e_referral_id": e1,
         "s47e_person_id": "TST0000001",
         "s47e_s47_start_date": D(2023, 8, 1),
         "s47e_s47_outcome_json": '{"CP_CONFERENCE_FLAG": "Y"}'},
        {"s47e_s47_enquiry_id": f"{e2}/S2024-03-25", "s47e_referral_id": e2,
         "s47e_person_id": "TST0000002",
         "s47e_s47_start_date": D(2024, 3, 25),
         "s47e_s47_outcome_json": '{"CP_CONFERENCE_FLAG": "Y"}'},
    ]  # fmt: skip
    # The conference on 15 Aug 2023 made the plan that started that day.
    assert rows(got, "ssd_initial_cp_conference") == [
        {"icpc_icpc_id": f"{e1}/S2023-08-01/C", "icpc_s47_enquiry_id": f"{e1}/S2023-08-01",
         "icpc_person_id": "TST0000001", "icpc_cp_plan_id": f"{e1}/CPP2023-08-15",
         "icpc_referral_id": e1, "icpc_icpc_transfer_in": "N",
         "icpc_icpc_target_date": D(2023, 8, 22), "icpc_icpc_date": D(2023, 8, 15),
         "icpc_icpc_outcome_cp_flag": "Y"},
    ]  # fmt: skip
    assert rows(got, "ssd_cp_plans") == [
        {"cppl_cp_plan_id": f"{e1}/CPP2023-08-15", "cppl_referral_id": e1,
         "cppl_icpc_id": f"{e1}/S2023-08-01/C",
         "cppl_person_id": "TST0000001", "cppl_cp_plan_start_date": D(2023, 8, 15),
         "cppl_cp_plan_end_date": D(2024, 2, 20), "cppl_cp_plan_initial_category": "NEG",
         "cppl_cp_plan_latest_category": "EMO"},
    ]  # fmt: skip
    assert rows(got, "ssd_cp_reviews") == [
        {"cppr_cp_review_id": f"{e1}/CPP2023-08-15/R2023-11-09", "cppr_person_id": "TST0000001",
         "cppr_cp_plan_id": f"{e1}/CPP2023-08-15", "cppr_cp_review_date": D(2023, 11, 9)},
        {"cppr_cp_review_id": f"{e1}/CPP2023-08-15/R2024-02-20", "cppr_person_id": "TST0000001",
         "cppr_cp_plan_id": f"{e1}/CPP2023-08-15", "cppr_cp_review_date": D(2024, 2, 20)},
    ]  # fmt: skip
    sources = {(p.table, p.column): p.source for p in got.provenance}
    assert sources[("ssd_cp_plans", "cppl_cp_plan_latest_category")] == (
        "CIN census 2023-24 (cin_2024.xml)"
    )
    assert ("ssd_person", "pers_death_date") not in sources  # nothing filled it


def test_later_year_supersedes_earlier_for_the_same_child_and_episode() -> None:
    # Given newest first: the order of the arguments does not matter, reference dates do.
    got = read_cin([F / "cin_2025.xml", F / "cin_2024.xml"])
    people = {r["pers_person_id"]: r for r in rows(got, "ssd_person")}
    # TST0000002 was unborn in 2023-24 (U, expected DOB); born a boy by 2024-25.
    assert people["TST0000002"]["pers_sex"] == "M"
    assert people["TST0000002"]["pers_dob"] == D(2024, 4, 18)
    assert people["TST0000002"]["pers_ethnicity"] == "WBRI"
    # TST0000001 is only in 2023-24: kept with the 2023-24 values.
    assert people["TST0000001"]["pers_sex"] == "F"
    assert sorted(people) == ["TST0000001", "TST0000002", "TST0000003"]
    episodes = {r["cine_referral_id"]: r for r in rows(got, "ssd_cin_episodes")}
    assert sorted(episodes) == [
        "TST0000001/2023-05-10", "TST0000002/2024-01-08", "TST0000003/2024-06-03",
    ]  # fmt: skip
    # The 2024-01-08 episode comes whole from 2024-25: closed, need N1, one CP plan.
    e2 = episodes["TST0000002/2024-01-08"]
    assert (e2["cine_close_date"], e2["cine_close_reason"], e2["cine_cin_primary_need_code"]) == (
        D(2025, 1, 31), "RC7", "N1",
    )  # fmt: skip
    assessments = {r["cina_assessment_id"]: r for r in rows(got, "ssd_cin_assessments")}
    assert assessments["TST0000002/2024-01-08/A2024-01-09"]["cina_assessment_auth_date"] == D(
        2024, 4, 2
    )
    assert len(assessments) == 2  # one per episode with assessments, none duplicated
    # The CIN plan that ended in 2023-24 is only in that year's file: kept, under the
    # episode whose own fields now come from 2024-25.
    assert [
        (p["cinp_cin_plan_id"], p["cinp_cin_plan_end_date"]) for p in rows(got, "ssd_cin_plans")
    ] == [
        ("TST0000001/2023-05-10/P2023-07-03", D(2023, 8, 14)),
        ("TST0000002/2024-01-08/P2024-01-22", D(2024, 3, 25)),
    ]
    sources = {(p.table, p.column): p.source for p in got.provenance}
    assert (
        sources[("ssd_cin_plans", "cinp_cin_plan_end_date")] == "CIN census 2023-24 (cin_2024.xml)"
    )
    conferences = rows(got, "ssd_initial_cp_conference")
    assert [
        (c["icpc_icpc_id"], c["icpc_icpc_date"], c["icpc_cp_plan_id"]) for c in conferences
    ] == [
        (
            "TST0000001/2023-05-10/S2023-08-01/C",
            D(2023, 8, 15),
            "TST0000001/2023-05-10/CPP2023-08-15",
        ),
        (
            "TST0000002/2024-01-08/S2024-03-25/C",
            D(2024, 4, 12),
            "TST0000002/2024-01-08/CPP2024-04-12",
        ),
    ]
    assert len(rows(got, "ssd_s47_enquiry")) == 2
    assert len(rows(got, "ssd_cp_reviews")) == 3  # 2 from 2023-24's plan, 1 from 2024-25's
    assert rows(got, "ssd_disability")[-1]["disa_disability_code"] == "NONE"
    assert sources[("ssd_person", "pers_sex")] == (
        "CIN census 2023-24 (cin_2024.xml); CIN census 2024-25 (cin_2025.xml)"
    )
    assert got.findings == ()


def test_referral_level_file_like_the_validators_fake_data() -> None:
    got = read_cin([F / "cin_referrals_only.xml"])
    assert got.findings == ()
    assert [
        (r["cine_referral_id"], r["cine_referral_nfa"], r["cine_close_reason"])
        for r in rows(got, "ssd_cin_episodes")
    ] == [
        ("REF001/2022-04-04", "N", "RC3"),
        ("REF001/2022-11-21", "Y", None),
        ("REF002/2022-12-01", "N", None),  # dd/mm/yyyy read too
    ]
    people = rows(got, "ssd_person")
    assert [(p["pers_sex"], p["pers_dob"]) for p in people] == [
        ("M", D(2012, 2, 29)), ("U", D(2019, 6, 30)),  # GenderCurrent 9 -> U
    ]  # fmt: skip
    assert all(got.tables[t].num_rows == 0 for t in ("ssd_cin_assessments", "ssd_cp_plans"))


def test_2017_codes_and_death() -> None:
    got = read_cin([F / "cin_2017.xml"])
    assert got.findings == ()  # 18A is a 2016-17 factor code
    assert rows(got, "ssd_person")[0]["pers_death_date"] == D(2017, 2, 1)
    assert rows(got, "ssd_assessment_factors")[0]["cinf_assessment_factors_json"] == '["18A"]'


def test_18a_is_unknown_from_2021(tmp_path: Path) -> None:
    moved = tmp_path / "cin_2022.xml"
    moved.write_text((F / "cin_2017.xml").read_text().replace("2017-03-31", "2022-03-31"))
    got = read_cin([moved])
    assert [(p.rule, p.column) for p in got.findings] == [
        ("cin-unknown-code",
         "CINdetails[1]/Assessments[1]/FactorsIdentifiedAtAssessment/AssessmentFactors"),
    ]  # fmt: skip
    # kept as it is
    assert rows(got, "ssd_assessment_factors")[0]["cinf_assessment_factors_json"] == '["18A"]'


def test_2026_transfer_in_conference_and_pre_proceedings() -> None:
    got = read_cin([F / "cin_2026.xml"])
    assert [(p.rule, p.severity.value) for p in got.findings] == [("cin-not-imported", "warning")]
    assert "PreProceedingsandFGDM" in got.findings[0].message
    (conference,) = rows(got, "ssd_initial_cp_conference")
    assert conference["icpc_icpc_id"] == "NEW0001/2025-05-01/C"
    assert conference["icpc_s47_enquiry_id"] is None
    assert conference["icpc_icpc_transfer_in"] == "Y"
    assert conference["icpc_cp_plan_id"] == "NEW0001/2025-05-01/CPP2025-05-09"
    (plan,) = rows(got, "ssd_cp_plans")
    assert plan["cppl_icpc_id"] == "NEW0001/2025-05-01/C"
    assert plan["cppl_cp_plan_end_date"] is None


def test_oddities_seen_in_the_validators_fake_files() -> None:
    # No XML declaration; stray text between elements; Sex written with the old
    # numeric codes in a 2023-24 file; an unknown factor; authorisation before
    # start; one Reviews element per review date.
    got = read_cin([F / "cin_oddities_2024.xml"])
    (person,) = rows(got, "ssd_person")
    assert (person["pers_sex"], person["pers_upn"], person["pers_upn_unknown"]) == (
        "F", "Z987654321098", "UN2",
    )  # fmt: skip
    assert [(p.rule, p.line, p.column) for p in got.findings] == [
        ("cin-end-before-start", 14, "CINdetails[1]/Assessments[1]/AssessmentAuthorisationDate"),
        ("cin-unknown-code", 14,
         "CINdetails[1]/Assessments[1]/FactorsIdentifiedAtAssessment/AssessmentFactors"),
    ]  # fmt: skip
    factors = rows(got, "ssd_assessment_factors")[0]["cinf_assessment_factors_json"]
    assert factors == '["4B","ZZ"]'
    assert [r["cppr_cp_review_date"] for r in rows(got, "ssd_cp_reviews")] == [
        D(2023, 12, 14), D(2024, 3, 14),
    ]  # fmt: skip
