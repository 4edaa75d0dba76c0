"""The check report: verdict, strictness, grouping and machine-readable records."""

from __future__ import annotations

from kpibook.ingest import RULES, CheckReport, problem_record
from kpibook.ingest import rules as rule_ids
from kpibook.problems import Problem, Severity

ERROR = Problem(Severity.ERROR, "missing-column", "b.csv", "no column x", column="x")
WARNING = Problem(Severity.WARNING, "unknown-code", "a.csv", "bad code", row=3, column="y")


def report(*problems: Problem, strict: bool = False) -> CheckReport:
    return CheckReport(problems, {"a": 5, "b": 7}, {"a": "a.csv", "b": "b.csv"}, strict)


def test_ok_means_no_errors_and_with_strict_no_warnings() -> None:
    assert report().ok and report(strict=True).ok
    assert report(WARNING).ok
    assert not report(WARNING, strict=True).ok
    assert not report(ERROR).ok


def test_verdicts() -> None:
    assert report().verdict == "OK: no problems in 12 rows of 2 files."
    assert report(WARNING).verdict.startswith("OK with warnings: 0 errors, 1 warning")
    assert report(WARNING, strict=True).verdict.startswith("FAILED (--strict)")
    assert report(ERROR, WARNING).verdict.startswith("FAILED: 1 error, 1 warning.")


def test_problems_are_grouped_by_file_with_errors_first() -> None:
    late_error = Problem(Severity.ERROR, "bad-date", "a.csv", "bad date", row=1, column="d")
    grouped = report(WARNING, ERROR, late_error).by_file()
    assert list(grouped) == ["a.csv", "b.csv"]
    assert grouped["a.csv"] == [late_error, WARNING]


def test_problem_record_is_json_ready() -> None:
    assert problem_record(WARNING) == {
        "severity": "warning",
        "rule": "unknown-code",
        "file": "a.csv",
        "sheet": None,
        "row": 3,
        "column": "y",
        "line": None,
        "message": "bad code",
        "hint": "",
    }


def test_every_rule_id_is_registered_once() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    constants = {v for k, v in vars(rule_ids).items() if k.isupper() and isinstance(v, str)}
    assert constants == set(ids)


def test_a_workbook_problem_names_its_sheet() -> None:
    found = Problem(
        Severity.WARNING,
        "bad-value",
        "annex.xlsx",
        "not a date",
        row=2,
        column="Date of referral",
        sheet="List 3 - Referrals",
    )
    assert found.location == (
        "annex.xlsx, sheet 'List 3 - Referrals', row 2, column Date of referral"
    )
    assert str(found).startswith("warning: annex.xlsx, sheet 'List 3 - Referrals', row 2, ")
    assert problem_record(found)["sheet"] == "List 3 - Referrals"
    assert WARNING.location == "a.csv, row 3, column y"
