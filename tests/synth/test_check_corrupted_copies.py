"""`kpibook check --strict` on copies of the synthetic council with one thing broken.

The generated data must pass; each deliberately corrupted copy must fail with
the right problem, naming the file, row and column.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from kpibook.ingest import check_folder
from kpibook.problems import Severity


def _copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


def _rewrite(path: Path, edit: object) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert callable(edit)
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def _col(rows: list[list[str]], name: str) -> int:
    header = [h.strip('"') for h in rows[0]]
    return header.index(name)


def test_generated_council_has_no_problems_even_with_strict(small_council: Path) -> None:
    report = check_folder(small_council, strict=True)
    assert report.ok
    assert list(report.problems) == []


def test_missing_column_is_an_error(small_council: Path, tmp_path: Path) -> None:
    data = _copy(small_council, tmp_path / "data")

    def drop(rows: list[list[str]]) -> None:
        i = _col(rows, "cppl_cp_plan_start_date")
        for row in rows:
            del row[i]

    _rewrite(data / "ssd_cp_plans.csv", drop)
    report = check_folder(data)
    assert not report.ok
    found = [p for p in report.problems if p.rule == "missing-column"]
    assert len(found) == 1
    assert found[0].severity is Severity.ERROR
    assert (found[0].file, found[0].column) == ("ssd_cp_plans.csv", "cppl_cp_plan_start_date")


def test_bad_date_is_an_error_naming_the_row(small_council: Path, tmp_path: Path) -> None:
    data = _copy(small_council, tmp_path / "data")

    def corrupt(rows: list[list[str]]) -> None:
        rows[3][_col(rows, "cina_assessment_start_date")] = "2016-02-30"

    _rewrite(data / "ssd_cin_assessments.csv", corrupt)
    report = check_folder(data)
    assert not report.ok
    found = [p for p in report.problems if p.rule == "bad-date"]
    assert [(p.file, p.row, p.column, p.severity) for p in found] == [
        ("ssd_cin_assessments.csv", 3, "cina_assessment_start_date", Severity.ERROR)
    ]


def test_dangling_reference_is_a_finding_that_fails_strict(
    small_council: Path, tmp_path: Path
) -> None:
    data = _copy(small_council, tmp_path / "data")

    def corrupt(rows: list[list[str]]) -> None:
        rows[2][_col(rows, "cppv_cp_plan_id")] = "no-such-plan"

    _rewrite(data / "ssd_cp_visits.csv", corrupt)
    lenient = check_folder(data)
    strict = check_folder(data, strict=True)
    found = [p for p in strict.problems if p.rule == "dangling-reference"]
    assert [(p.file, p.row, p.column, p.severity) for p in found] == [
        ("ssd_cp_visits.csv", 2, "cppv_cp_plan_id", Severity.WARNING)
    ]
    assert lenient.ok
    assert not strict.ok


@pytest.mark.parametrize("table", ["ssd_cla_placement", "ssd_person"])
def test_duplicate_key_is_an_error_naming_both_rows(
    small_council: Path, tmp_path: Path, table: str
) -> None:
    data = _copy(small_council, tmp_path / "data")
    key = {"ssd_cla_placement": "clap_cla_placement_id", "ssd_person": "pers_person_id"}[table]

    def corrupt(rows: list[list[str]]) -> None:
        rows[5][_col(rows, key)] = rows[1][_col(rows, key)]

    _rewrite(data / f"{table}.csv", corrupt)
    report = check_folder(data)
    assert not report.ok
    found = [p for p in report.problems if p.rule == "duplicate-key"]
    assert [(p.file, p.row, p.column, p.severity) for p in found] == [
        (f"{table}.csv", 5, key, Severity.ERROR)
    ]
    assert "rows 1, 5" in found[0].message
