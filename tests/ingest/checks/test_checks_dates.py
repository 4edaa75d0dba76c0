"""Dates out of order (end-before-start) or hard to believe (implausible-date)."""

from __future__ import annotations

import datetime as dt

import pytest

from kpibook.ingest.checks.dates import add_months
from kpibook.problems import Severity


def test_end_before_start_is_a_warning(dataset, check, only) -> None:
    dataset.set("ssd_cin_plans", 1, "cinp_cin_plan_end_date", "2023-01-01")
    problem = only(check(dataset, tables=("ssd_cin_plans",)), "end-before-start")
    assert problem.severity is Severity.WARNING
    assert (problem.file, problem.row, problem.column) == (
        "ssd_cin_plans.csv",
        1,
        "cinp_cin_plan_end_date",
    )
    assert "'2023-01-01'" in problem.message and "'2023-02-10'" in problem.message


def test_same_day_end_is_fine(dataset, check) -> None:
    dataset.set("ssd_cin_plans", 1, "cinp_cin_plan_end_date", "2023-02-10")
    assert check(dataset, tables=("ssd_cin_plans",), strict=True).problems == ()


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        ("1899-12-31", "placeholder"),
        ("9999-12-31", "placeholder"),
        ("1965-06-01", "outside the plausible range 1970-01-01 to 2026-06-30"),
        ("2026-07-01", "outside the plausible range"),
    ],
)
def test_implausible_date_is_a_warning(dataset, check, only, value, phrase) -> None:
    dataset.set("ssd_contacts", 1, "cont_contact_date", value)
    problem = only(check(dataset, tables=("ssd_contacts",)), "implausible-date")
    assert problem.severity is Severity.WARNING
    assert (problem.row, problem.column) == (1, "cont_contact_date")
    assert phrase in problem.message


def test_date_of_birth_may_be_at_most_nine_months_ahead(dataset, check, only) -> None:
    dataset.set("ssd_person", 1, "pers_expected_dob", "2026-03-30")
    dataset.set("ssd_person", 2, "pers_dob", "2026-03-31")
    problem = only(check(dataset, tables=("ssd_person",)), "implausible-date")
    assert (problem.row, problem.column) == (2, "pers_dob")
    assert "2026-03-31" not in str(problem)


def test_boundaries_are_plausible(dataset, check) -> None:
    dataset.set("ssd_contacts", 1, "cont_contact_date", "1970-01-01")
    assert check(dataset, tables=("ssd_contacts",), strict=True).problems == ()
    dataset.set("ssd_contacts", 1, "cont_contact_date", "2026-06-30")
    assert check(dataset, tables=("ssd_contacts",), strict=True).problems == ()


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(dt.date(2025, 6, 30), 9) == dt.date(2026, 3, 30)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
