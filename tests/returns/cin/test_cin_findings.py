"""Data-quality findings: reported with file, row, field and rule; the import completes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpibook.problems import Severity
from kpibook.returns.cin import read_cin

F = Path(__file__).parent / "fixtures"


def test_every_finding_with_row_field_and_rule() -> None:
    got = read_cin([F / "cin_quality.xml"])
    assert {p.severity for p in got.findings} == {Severity.WARNING}
    assert {p.file for p in got.findings} == {str(F / "cin_quality.xml")}
    # every finding about a child names the line its <Child> element starts on
    assert [p.line for p in got.findings] == [9] * 8 + [41, 9, 41]
    assert [(p.rule, p.row, p.column) for p in got.findings] == [
        ("cin-date-unreadable", 1, "ChildIdentifiers/PersonBirthDate"),  # 30 February
        ("cin-unknown-code", 1, "ChildIdentifiers/GenderCurrent"),
        ("cin-unknown-code", 1, "ChildCharacteristics/Ethnicity"),
        ("cin-unknown-code", 1, "ChildCharacteristics/Disabilities/Disability"),
        ("cin-unknown-code", 1, "CINdetails[1]/ReferralSource"),
        ("cin-flag-unreadable", 1, "CINdetails[1]/ReferralNFA"),
        ("cin-end-before-start", 1, "CINdetails[1]/CINclosureDate"),
        ("cin-number-unreadable", 1, "CINdetails[2]/ChildProtectionPlans[1]/NumberOfPreviousCPP"),
        ("cin-duplicate-child", 2, "ChildIdentifiers/LAchildID"),
        # 20 Apr 2023 is never closed: 1 Jun 2023 and 15 Jan 2024 both start inside it
        ("cin-overlapping-episodes", 1, "CINdetails/CINreferralDate"),
        ("cin-overlapping-episodes", 2, "CINdetails/CINreferralDate"),
    ]


def test_affected_rows_follow_the_documented_rule() -> None:
    got = read_cin([F / "cin_quality.xml"])
    (person,) = got.tables["ssd_person"].to_pylist()
    # first listing's identifiers; unreadable date and unknown sex left empty; unknown code kept
    assert (person["pers_dob"], person["pers_sex"], person["pers_ethnicity"]) == (
        None, None, "XXXX",
    )  # fmt: skip
    assert got.tables["ssd_disability"].column("disa_disability_code").to_pylist() == ["WINGS"]
    episodes = {r["cine_referral_date"]: r for r in got.tables["ssd_cin_episodes"].to_pylist()}
    # both listings' episodes, end-before-start kept as it is, bad flag left empty
    assert sorted(episodes) == [dt.date(2023, 4, 20), dt.date(2023, 6, 1), dt.date(2024, 1, 15)]
    bad = episodes[dt.date(2023, 6, 1)]
    assert (bad["cine_close_date"], bad["cine_referral_nfa"], bad["cine_referral_source_code"]) == (
        dt.date(2023, 5, 1), None, "99",
    )  # fmt: skip
    (plan,) = got.tables["ssd_cp_plans"].to_pylist()
    assert plan["cppl_cp_plan_start_date"] == dt.date(2023, 7, 1)


def test_header_without_reference_date_and_same_year_twice(tmp_path: Path) -> None:
    text = (F / "cin_2024.xml").read_text()
    undated = tmp_path / "undated.xml"
    undated.write_text(text.replace("<ReferenceDate>2024-03-31</ReferenceDate>", ""))
    again = tmp_path / "again.xml"
    again.write_text(text.replace("<Ethnicity>WBRI</Ethnicity>", "<Ethnicity>WOTH</Ethnicity>"))
    got = read_cin([F / "cin_2024.xml", again, undated])
    assert [(p.rule, Path(p.file).name) for p in got.findings] == [
        ("cin-no-reference-date", "undated.xml"),
        ("cin-same-year", "again.xml"),
    ]
    # the undated file ranks first; of the two dated 2024 files, the one given later wins
    people = {r["pers_person_id"]: r for r in got.tables["ssd_person"].to_pylist()}
    assert people["TST0000001"]["pers_ethnicity"] == "WOTH"
