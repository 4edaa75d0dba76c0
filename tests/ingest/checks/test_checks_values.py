"""Unreadable values (bad-date, bad-number, bad-flag) and empty keys (missing-key)."""

from __future__ import annotations

import pytest

from kpibook.problems import Severity

PERSON = ("ssd_person",)


def test_bad_date_is_an_error_and_hides_personal_values(dataset, check, only) -> None:
    dataset.set("ssd_person", 2, "pers_dob", "31/02/2009X")
    problem = only(check(dataset, tables=PERSON), "bad-date")
    assert problem.severity is Severity.ERROR
    assert (problem.file, problem.row, problem.column) == ("ssd_person.csv", 2, "pers_dob")
    assert "31/02/2009X" not in str(problem)
    assert "personal data" in problem.message


def test_bad_date_in_a_non_personal_column_quotes_the_value(dataset, check, only) -> None:
    dataset.set("ssd_contacts", 1, "cont_contact_date", "2023-13-01")
    problem = only(check(dataset, tables=("ssd_contacts",)), "bad-date")
    assert problem.severity is Severity.ERROR
    assert (problem.row, problem.column) == (1, "cont_contact_date")
    assert "'2023-13-01'" in problem.message


@pytest.mark.parametrize(
    "value",
    [
        "2023-01-05",
        "2023-01-05 00:00:00",
        "2023-01-05 10:11:12.123",
        "05/01/2023",
        "2023-01-05T10:11:12",
        " 2023-01-05 ",
    ],
)
def test_accepted_date_forms(dataset, check, value) -> None:
    dataset.set("ssd_contacts", 1, "cont_contact_date", value)
    assert check(dataset, tables=("ssd_contacts",), strict=True).problems == ()


def test_bad_number_in_a_key_column_is_an_error(dataset, check, only) -> None:
    dataset.set("local_population", 2, "age", "one")
    problem = only(check(dataset, tables=("local_population",)), "bad-number")
    assert problem.severity is Severity.ERROR
    assert (problem.file, problem.row, problem.column) == ("local_population.csv", 2, "age")
    assert "'one'" in problem.message


def test_bad_number_elsewhere_is_a_warning(dataset, check, only) -> None:
    dataset.set("ssd_professionals", 1, "prof_professional_caseload", "12.5")
    problem = only(check(dataset, tables=("ssd_professionals",)), "bad-number")
    assert problem.severity is Severity.WARNING
    assert (problem.row, problem.column) == (1, "prof_professional_caseload")
    assert "whole number" in problem.message and "loaded as empty" in problem.message


def test_thousands_separator_is_a_bad_number(dataset, check, only) -> None:
    dataset.set("ssd_cla_placement", 1, "clap_cla_placement_distance", "1,204.5")
    problem = only(check(dataset, tables=("ssd_cla_placement",)), "bad-number")
    assert problem.severity is Severity.WARNING
    assert problem.column == "clap_cla_placement_distance"


def test_bad_flag_is_a_warning(dataset, check, only) -> None:
    dataset.set("ssd_cin_assessments", 1, "cina_assessment_child_seen", "Yes")
    problem = only(check(dataset, tables=("ssd_cin_assessments",)), "bad-flag")
    assert problem.severity is Severity.WARNING
    assert (problem.file, problem.row, problem.column) == (
        "ssd_cin_assessments.csv",
        1,
        "cina_assessment_child_seen",
    )
    assert "'Yes'" in problem.message


@pytest.mark.parametrize("value", ["", "   ", "NULL"])
def test_missing_key_is_an_error(dataset, check, only, value) -> None:
    dataset.set("ssd_person", 2, "pers_person_id", value)
    problem = only(check(dataset, tables=PERSON), "missing-key")
    assert problem.severity is Severity.ERROR
    assert (problem.file, problem.row, problem.column) == ("ssd_person.csv", 2, "pers_person_id")


def test_listing_is_capped_with_an_exact_count(dataset, check) -> None:
    base = dataset.rows["ssd_contacts"][0]
    dataset.rows["ssd_contacts"] = [
        {**base, "cont_contact_id": f"C{i}", "cont_contact_date": "soon"} for i in range(1, 58)
    ]
    found = check(dataset, tables=("ssd_contacts",)).problems
    assert [p.rule for p in found] == ["bad-date"] * 21
    assert [p.row for p in found[:20]] == list(range(1, 21))
    assert found[20].row is None
    assert "37 more rows" in found[20].message and "(57 in all)" in found[20].message
