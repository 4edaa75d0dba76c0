"""Coded values not in their code list (unknown-code)."""

from __future__ import annotations

from kpibook.problems import Severity


def test_unknown_code_is_a_warning_naming_the_value(dataset, check, only) -> None:
    dataset.set("ssd_cp_plans", 1, "cppl_cp_plan_initial_category", "neg")
    problem = only(check(dataset, tables=("ssd_cp_plans",)), "unknown-code")
    assert problem.severity is Severity.WARNING
    assert (problem.file, problem.row, problem.column) == (
        "ssd_cp_plans.csv",
        1,
        "cppl_cp_plan_initial_category",
    )
    assert "'neg'" in problem.message and "abuse_category" in problem.message
    assert "EMO, MUL, NEG, PHY, SAB" in problem.hint


def test_long_code_lists_are_referred_to_not_spelt_out(dataset, check, only) -> None:
    dataset.set("ssd_cla_placement", 1, "clap_cla_placement_type", "Z9")
    problem = only(check(dataset, tables=("ssd_cla_placement",)), "unknown-code")
    assert "docs/data-model.md" in problem.hint


def test_codes_of_every_version_and_surrounding_spaces_are_fine(dataset, check) -> None:
    dataset.set("ssd_missing", 1, "miss_missing_rhi_accepted", " NA ")
    assert check(dataset, tables=("ssd_missing",), strict=True).problems == ()
