"""Matching a file's header to its table: missing, unknown and duplicated columns."""

from __future__ import annotations

from kpibook.ingest.header import match_header
from kpibook.model import SCHEMA
from kpibook.problems import Severity

PERSON = ("ssd_person",)


def test_missing_required_column_is_an_error(dataset, check, only) -> None:
    dataset.headers["ssd_person"].remove("pers_sex")
    problem = only(check(dataset, tables=PERSON), "missing-column")
    assert problem.severity is Severity.ERROR
    assert (problem.file, problem.row, problem.column) == ("ssd_person.csv", None, "pers_sex")
    assert "pers_sex" in problem.message
    assert "Required columns: pers_person_id, pers_sex, pers_dob" in problem.hint


def test_unknown_column_is_a_warning_and_ignored(dataset, check, only) -> None:
    dataset.headers["ssd_person"].append("pers_shoe_size")
    problem = only(check(dataset, tables=PERSON), "unknown-column")
    assert problem.severity is Severity.WARNING
    assert (problem.file, problem.column) == ("ssd_person.csv", "pers_shoe_size")


def test_misspelt_column_gets_a_suggestion(dataset, check) -> None:
    dataset.headers["ssd_person"] = [
        "pers_dobb" if c == "pers_dob" else c for c in dataset.headers["ssd_person"]
    ]
    for row in dataset.rows["ssd_person"]:
        row["pers_dobb"] = row["pers_dob"]
    report = check(dataset, tables=PERSON)
    assert {p.rule for p in report.problems} == {"missing-column", "unknown-column"}
    unknown = next(p for p in report.problems if p.rule == "unknown-column")
    assert "Did you mean pers_dob?" in unknown.hint


def test_duplicated_column_is_an_error() -> None:
    header = ["pers_person_id", "pers_sex", "pers_dob", "PERS_SEX "]
    match = match_header(SCHEMA.table("ssd_person"), header, "ssd_person.csv")
    assert [(p.rule, p.severity, p.column) for p in match.problems] == [
        ("duplicate-column", Severity.ERROR, "PERS_SEX")
    ]
    assert match.positions["pers_sex"] == 1


def test_names_match_without_case_or_spaces() -> None:
    header = [" PERS_PERSON_ID", "Pers_Sex", "pers_dob "]
    match = match_header(SCHEMA.table("ssd_person"), header, "ssd_person.csv")
    assert match.problems == ()
    assert match.positions == {"pers_person_id": 0, "pers_sex": 1, "pers_dob": 2}


def test_unnamed_column_is_reported_as_unknown() -> None:
    header = ["pers_person_id", "pers_sex", "pers_dob", ""]
    match = match_header(SCHEMA.table("ssd_person"), header, "ssd_person.csv")
    assert [(p.rule, p.column) for p in match.problems] == [("unknown-column", None)]
    assert "column 4" in match.problems[0].message
