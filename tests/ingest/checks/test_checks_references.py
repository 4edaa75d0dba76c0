"""Identifiers pointing at records that are not there (dangling-reference)."""

from __future__ import annotations

from kpibook.problems import Severity

PLANS = ("ssd_person", "ssd_cin_episodes", "ssd_cin_plans")


def test_dangling_reference_is_a_warning(dataset, check, only) -> None:
    dataset.set("ssd_cin_plans", 1, "cinp_referral_id", "R9")
    problem = only(check(dataset, tables=PLANS), "dangling-reference")
    assert problem.severity is Severity.WARNING
    assert (problem.file, problem.row, problem.column) == (
        "ssd_cin_plans.csv",
        1,
        "cinp_referral_id",
    )
    assert "'R9'" in problem.message and "ssd_cin_episodes" in problem.message


def test_empty_reference_is_fine(dataset, check) -> None:
    dataset.set("ssd_cin_plans", 1, "cinp_cin_plan_worker_id", "")
    tables = (*PLANS, "ssd_professionals")
    assert check(dataset, tables=tables, strict=True).problems == ()


def test_self_reference_is_checked(dataset, check, only) -> None:
    dataset.set("local_org_units", 3, "parent_id", "AR9")
    problem = only(check(dataset, tables=("local_org_units",)), "dangling-reference")
    assert (problem.row, problem.column) == (3, "parent_id")


def test_nothing_is_checked_against_an_unreadable_table(dataset, check, only) -> None:
    dataset.headers["ssd_person"] = ["pers_person_id;pers_sex;pers_dob"]
    problem = only(check(dataset, tables=("ssd_person", "ssd_disability")), "unreadable-file")
    assert problem.file == "ssd_person.csv"


def test_many_dangling_references_are_capped(dataset, check) -> None:
    base = dataset.rows["ssd_disability"][0]
    dataset.rows["ssd_disability"] = [
        {**base, "disa_table_id": f"D{i}", "disa_person_id": f"X{i}"} for i in range(25)
    ]
    found = check(dataset, tables=("ssd_person", "ssd_disability")).problems
    assert [p.rule for p in found] == ["dangling-reference"] * 21
    assert "5 more rows" in found[20].message and "(25 in all)" in found[20].message
