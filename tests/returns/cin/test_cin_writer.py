"""write_cin: who and what goes in a year's census, worked out by hand; round trips."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest
from cin_model import model_folder
from defusedxml.ElementTree import parse

from kpibook.errors import ConfigError, InputError
from kpibook.returns.cin import check, read_cin, validate_xsd, write_cin

F = Path(__file__).parent / "fixtures"
D = dt.date
S, DT = pa.string(), pa.date32()


def table(columns: dict[str, tuple[pa.DataType, list[object]]]) -> pa.Table:
    return pa.table({name: pa.array(values, type=kind) for name, (kind, values) in columns.items()})


def hand_made(folder: Path) -> Path:
    """Two children over several years (see the test for what the 2023-24 census holds)."""
    tables = {
        "ssd_person": table({
            "pers_person_id": (S, ["P1", "P2", "P3"]), "pers_sex": (S, ["F", "M", "F"]),
            "pers_dob": (DT, [D(2010, 1, 1), D(2012, 5, 5), D(2001, 1, 1)]),
            "pers_ethnicity": (S, ["WBRI", None, "WBRI"]), "pers_upn": (S, [None, None, None]),
        }),
        "ssd_disability": table({
            "disa_table_id": (S, ["D1"]), "disa_person_id": (S, ["P1"]),
            "disa_disability_code": (S, ["AUT"]),
        }),
        "ssd_cin_episodes": table({
            "cine_referral_id": (S, ["R0", "R1", "R2", "R3", "R4"]),
            "cine_person_id": (S, ["P1", "P1", "P2", "P2", "P3"]),
            "cine_referral_date": (DT, [D(2021, 5, 1), D(2023, 3, 20), D(2024, 2, 1),
                                        D(2024, 4, 2), D(2020, 6, 1)]),
            "cine_cin_primary_need_code": (S, ["N1", "N1", "N9", "N4", "N5"]),
            "cine_referral_source_code": (S, ["6", "6", "2A", "2A", "1A"]),
            "cine_referral_nfa": (S, ["N", "N", "Y", "N", "N"]),
            "cine_close_reason": (S, ["RC7", "RC7", "RC7", None, "RC7"]),
            "cine_close_date": (DT, [D(2022, 1, 10), D(2024, 5, 1), D(2024, 2, 1), None,
                                     D(2021, 2, 1)]),
        }),
        "ssd_cin_assessments": table({
            "cina_assessment_id": (S, ["A1", "A2"]), "cina_person_id": (S, ["P1", "P1"]),
            "cina_referral_id": (S, ["R1", "R1"]),
            "cina_assessment_start_date": (DT, [D(2023, 3, 21), D(2024, 3, 1)]),
            "cina_assessment_auth_date": (DT, [D(2023, 4, 20), D(2024, 4, 10)]),
        }),
        "ssd_assessment_factors": table({
            "cinf_table_id": (S, ["F1", "F2"]), "cinf_assessment_id": (S, ["A1", "A2"]),
            "cinf_assessment_factors_json": (S, ['["3B","16A"]', '["21"]']),
        }),
        "ssd_cin_plans": table({
            "cinp_cin_plan_id": (S, ["CP_A", "CP_B"]), "cinp_referral_id": (S, ["R1", "R4"]),
            "cinp_person_id": (S, ["P1", "P3"]),
            "cinp_cin_plan_start_date": (DT, [D(2023, 5, 1), D(2020, 7, 1)]),
            "cinp_cin_plan_end_date": (DT, [D(2023, 6, 1), D(2020, 12, 1)]),
        }),
        "ssd_s47_enquiry": table({
            "s47e_s47_enquiry_id": (S, ["S1", "S2", "S3"]), "s47e_referral_id": (S, ["R1"] * 3),
            "s47e_person_id": (S, ["P1"] * 3),
            "s47e_s47_start_date": (DT, [D(2023, 6, 2), D(2024, 3, 25), D(2023, 9, 1)]),
            "s47e_s47_outcome_json": (S, [None, None, '{"CP_CONFERENCE_FLAG":"N"}']),
        }),
        "ssd_initial_cp_conference": table({
            "icpc_icpc_id": (S, ["C1"]), "icpc_s47_enquiry_id": (S, ["S1"]),
            "icpc_person_id": (S, ["P1"]), "icpc_referral_id": (S, ["R1"]),
            "icpc_icpc_target_date": (DT, [D(2023, 6, 23)]),
            "icpc_icpc_date": (DT, [D(2023, 6, 20)]), "icpc_icpc_outcome_cp_flag": (S, ["Y"]),
        }),
        "ssd_cp_plans": table({
            "cppl_cp_plan_id": (S, ["CP0", "CP1"]), "cppl_referral_id": (S, ["R0", "R1"]),
            "cppl_person_id": (S, ["P1", "P1"]),
            "cppl_cp_plan_start_date": (DT, [D(2021, 6, 1), D(2023, 6, 20)]),
            "cppl_cp_plan_end_date": (DT, [D(2022, 1, 10), D(2024, 6, 30)]),
            "cppl_cp_plan_initial_category": (S, ["EMO", "NEG"]),
            "cppl_cp_plan_latest_category": (S, ["EMO", None]),
        }),
        "ssd_cp_reviews": table({
            "cppr_cp_review_id": (S, ["V1", "V2", "V3"]), "cppr_person_id": (S, ["P1"] * 3),
            "cppr_cp_plan_id": (S, ["CP1"] * 3),
            "cppr_cp_review_date": (DT, [D(2024, 3, 14), D(2023, 9, 14), D(2024, 9, 14)]),
        }),
    }  # fmt: skip
    return model_folder(tables, folder / "model")


def leaves(node: object) -> list[tuple[str, str]]:
    return [(e.tag, (e.text or "").strip()) for e in node.iter() if len(e) == 0]  # type: ignore[attr-defined]


def test_2023_24_census_by_hand(tmp_path: Path) -> None:
    out = write_cin(hand_made(tmp_path), "2023-24", tmp_path / "cin.xml", lea="999")
    root = parse(out).getroot()
    assert leaves(root.find("Header")) == [
        ("Collection", "CIN"), ("Year", "2024"), ("ReferenceDate", "2024-03-31"),
        ("SourceLevel", "L"), ("LEA", "999"), ("SoftwareCode", "kpibook"), ("Release", "1"),
        ("SerialNo", "001"), ("DateTime", "2024-03-31T00:00:00"),
    ]  # fmt: skip
    # P3's only episode closed in 2021; P2's 2024-04-02 referral is after 31 March.
    p1, p2 = root.findall("Children/Child")
    assert leaves(p1) == [
        ("LAchildID", "P1"), ("PersonBirthDate", "2010-01-01"), ("GenderCurrent", "2"),
        ("Ethnicity", "WBRI"), ("Disability", "AUT"),
        # R0 closed in January 2022: left out. R1 closes after 31 March: written open.
        ("CINreferralDate", "2023-03-20"), ("ReferralSource", "6"), ("PrimaryNeedCode", "N1"),
        ("AssessmentActualStartDate", "2023-03-21"), ("AssessmentAuthorisationDate", "2023-04-20"),
        ("AssessmentFactors", "3B"), ("AssessmentFactors", "16A"),
        # A2 authorised after 31 March: no authorisation date, no factors
        ("AssessmentActualStartDate", "2024-03-01"),
        ("CINPlanStartDate", "2023-05-01"), ("CINPlanEndDate", "2023-06-01"),
        ("S47ActualStartDate", "2023-06-02"), ("InitialCPCtarget", "2023-06-23"),
        ("DateOfInitialCPC", "2023-06-20"), ("ICPCnotRequired", "0"),
        # S3: outcome says no conference; target 15 working days after 1 Sep 2023
        ("S47ActualStartDate", "2023-09-01"), ("InitialCPCtarget", "2023-09-22"),
        ("ICPCnotRequired", "1"),
        # S2: conference pending; 15 working days after 25 Mar 2024 skip Good Friday and
        # Easter Monday
        ("S47ActualStartDate", "2024-03-25"), ("InitialCPCtarget", "2024-04-17"),
        ("ICPCnotRequired", "0"),
        ("ReferralNFA", "0"),
        # CP1 ends after 31 March: no end date; CP0 (2021) is the one previous plan;
        # latest category empty -> the initial one; the September 2024 review left out
        ("CPPstartDate", "2023-06-20"), ("InitialCategoryOfAbuse", "NEG"),
        ("LatestCategoryOfAbuse", "NEG"), ("NumberOfPreviousCPP", "1"),
        ("CPPreviewDate", "2023-09-14"), ("CPPreviewDate", "2024-03-14"),
    ]  # fmt: skip
    assert leaves(p2) == [
        ("LAchildID", "P2"), ("PersonBirthDate", "2012-05-05"), ("GenderCurrent", "1"),
        ("Ethnicity", "NOBT"),  # none recorded: 'information not yet obtained'
        ("CINreferralDate", "2024-02-01"), ("ReferralSource", "2A"), ("PrimaryNeedCode", "N9"),
        ("CINclosureDate", "2024-02-01"), ("ReasonForClosure", "RC7"), ("ReferralNFA", "1"),
    ]  # fmt: skip
    assert check(root, 2024) == []


def test_sex_element_and_plan_dates_follow_the_schema_year(tmp_path: Path) -> None:
    data = hand_made(tmp_path)
    later = parse(write_cin(data, "2024-25", tmp_path / "b.xml")).getroot()
    assert [e.text for e in later.iter("Sex")] == ["F", "M"]
    assert not list(later.iter("GenderCurrent"))
    # P3's 2020-21 episode has a CIN plan: schema 2021 has no CINPlanDates, schema 2022 has
    assert not list(parse(write_cin(data, "2020-21", tmp_path / "c.xml")).getroot().iter(
        "CINPlanDates"))  # fmt: skip
    with pytest.raises(InputError) as caught:  # no child in need in 2019-20
        write_cin(data, "2019-20", tmp_path / "d.xml")
    assert [p.rule for p in caught.value.problems] == ["cin-export-empty"]
    assert not (tmp_path / "d.xml").exists()


def test_round_trip_same_rows_for_every_field_cin_carries(tmp_path: Path) -> None:
    original = read_cin([F / "cin_2024.xml"])
    data = model_folder(original.tables, tmp_path / "model")
    again = read_cin([write_cin(data, "2023-24", tmp_path / "cin.xml")])
    assert set(again.tables) == set(original.tables)
    for name, rows in original.tables.items():
        assert again.tables[name].to_pylist() == rows.to_pylist(), name
    assert again.findings == ()


def test_round_trip_of_two_years(tmp_path: Path) -> None:
    original = read_cin([F / "cin_2024.xml", F / "cin_2025.xml"])
    data = model_folder(original.tables, tmp_path / "model")
    years = [write_cin(data, y, tmp_path / f"{y}.xml") for y in ("2023-24", "2024-25")]
    again = read_cin(years)
    for name, rows in original.tables.items():
        assert again.tables[name].to_pylist() == rows.to_pylist(), name


def test_nothing_written_when_the_census_does_not_fit(tmp_path: Path) -> None:
    original = read_cin([F / "cin_2024.xml"])
    person = original.tables["ssd_person"]
    bad = person.set_column(
        person.schema.get_field_index("pers_ethnicity"), "pers_ethnicity",
        pa.array(["WBRI", "MARS"]),
    )  # fmt: skip
    data = model_folder({**original.tables, "ssd_person": bad}, tmp_path / "model")
    out = tmp_path / "cin.xml"
    out.write_text("previous export")
    with pytest.raises(InputError) as caught:
        write_cin(data, "2023-24", out)
    assert [p.rule for p in caught.value.problems] == ["cin-export-invalid"]
    assert "'MARS' is not in the ethnicity code list" in caught.value.problems[0].message
    assert out.read_text() == "previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".cin.xml")] == []


@pytest.mark.parametrize("year", ["2023", "2023-25", "2015-16", "2026-27"])
def test_years_kpibook_cannot_write(tmp_path: Path, year: str) -> None:
    with pytest.raises(ConfigError):
        write_cin(tmp_path, year, tmp_path / "x.xml")


def test_export_validates_against_the_stored_xsd(tmp_path: Path) -> None:
    pytest.importorskip("xmlschema")
    data = hand_made(tmp_path)
    errors = validate_xsd(write_cin(data, "2023-24", tmp_path / "cin.xml"), 2024)
    assert errors == []
    # The stored (liia-tools) 2017-2024 schemas type NumberOfPreviousCPP as
    # xs:positiveInteger, so a first plan (0 previous) is the one thing they refuse.
    first_plan = read_cin([F / "cin_2024.xml"])
    out = write_cin(model_folder(first_plan.tables, tmp_path / "m2"), "2023-24", tmp_path / "b.xml")
    assert set(validate_xsd(out, 2024) or []) == {"value must be positive"}
    # The 2025 schema allows 0.
    both = read_cin([F / "cin_2024.xml", F / "cin_2025.xml"])
    later = write_cin(model_folder(both.tables, tmp_path / "m3"), "2024-25", tmp_path / "c.xml")
    assert "<NumberOfPreviousCPP>0</NumberOfPreviousCPP>" in later.read_text()
    assert validate_xsd(later, 2025) == []
    assert validate_xsd(later, 2026) is None  # no 2026 schema stored
