"""Reading --results files: the engine's format from anywhere, every problem at once."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from kpibook.errors import InputError
from kpibook.scorecard.results_file import read_results

HEADER = "indicator_id,period_end,org_level,org_unit,cohort,numerator,denominator,value\n"


def write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "results.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_reads_a_good_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "SCS-09,2016-08-31,council,KCC,all,70,100,70\nACT-04,2016-08-31,team,T1,all,12,,12\n",
    )
    table = read_results(path)
    assert table.num_rows == 2
    assert table.column("value").to_pylist() == [70.0, 12.0]
    assert table.column("denominator").to_pylist() == [100.0, None]
    pq.write_table(table, tmp_path / "r.parquet")
    assert read_results(tmp_path / "r.parquet").equals(table)


def test_every_bad_value_reported_with_row_and_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "SCS-09,2016-08-31,council,KCC,all,70,100,70\n"
        "SCS-09,2016-08-30,council,KCC,all,70,100,70\n"
        ",31/08/2016,region,KCC,everyone,seventy,100,x\n",
    )
    with pytest.raises(InputError) as caught:
        read_results(path)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {
        (2, "period_end"),
        (3, "indicator_id"),
        (3, "period_end"),
        (3, "org_level"),
        (3, "cohort"),
        (3, "numerator"),
        (3, "value"),
    }
    assert all(p.file == str(path) for p in caught.value.problems)
    month_end = next(p for p in caught.value.problems if p.row == 2)
    assert "last day of a month" in month_end.message


def test_missing_columns_named(tmp_path: Path) -> None:
    path = write(tmp_path, "SCS-09,2016-08-31,70\n", header="indicator_id,period_end,value\n")
    with pytest.raises(InputError) as caught:
        read_results(path)
    assert {p.column for p in caught.value.problems} == {
        "org_level",
        "org_unit",
        "cohort",
        "numerator",
        "denominator",
    }


def test_duplicate_figures_rejected(tmp_path: Path) -> None:
    line = "SCS-09,2016-08-31,council,KCC,all,70,100,70\n"
    path = write(tmp_path, line + line)
    with pytest.raises(InputError) as caught:
        read_results(path)
    [problem] = caught.value.problems
    assert problem.rule == "results-duplicate" and problem.row == 1


def test_wrong_suffix_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such results file"):
        read_results(tmp_path / "nope.csv")
    other = tmp_path / "results.txt"
    other.write_text(HEADER, encoding="utf-8")
    with pytest.raises(InputError, match=r"\.csv or \.parquet"):
        read_results(other)
