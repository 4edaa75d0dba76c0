"""Reading files: encodings, CSV dialect, broken lines and broken Parquet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from kpibook.ingest import check_folder
from kpibook.model import SCHEMA, Schema
from kpibook.problems import Severity

SCHEMA_PERSON = Schema((SCHEMA.table("ssd_person"),))
HEADER = "pers_person_id,pers_sex,pers_dob"


def write_person(tmp_path: Path, content: bytes, name: str = "ssd_person.csv") -> Path:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / name).write_bytes(content)
    return folder


def check_person(folder: Path, today):
    return check_folder(folder, schema=SCHEMA_PERSON, today=today)


def test_not_utf8_is_unreadable(tmp_path, only, today) -> None:
    content = (HEADER + "\nP1,M,2010-01-01\nP2,F,2011-01-01 Zoë\n").encode("cp1252")
    problem = only(check_person(write_person(tmp_path, content), today), "unreadable-file")
    assert problem.severity is Severity.ERROR
    assert problem.file == "ssd_person.csv"
    assert "UTF-8" in problem.message and "UTF-8" in problem.hint


def test_line_with_too_many_fields_is_named(tmp_path, only, today) -> None:
    content = (HEADER + "\nP1,M,2010-01-01\nP2,F,2011-01-01\nP3,F,2012-01-01,extra\n").encode()
    report = check_person(write_person(tmp_path, content), today)
    problem = only(report, "unreadable-file")
    assert problem.row == 3
    assert "line 4" in problem.message and "more fields" in problem.message
    assert "extra" not in str(problem)
    assert report.row_counts["ssd_person"] == 0


def test_empty_file_is_unreadable(tmp_path, only, today) -> None:
    problem = only(check_person(write_person(tmp_path, b""), today), "unreadable-file")
    assert "empty" in problem.message


def test_semicolon_separated_file_is_unreadable(tmp_path, only, today) -> None:
    content = b"pers_person_id;pers_sex;pers_dob\nP1;M;2010-01-01\n"
    problem = only(check_person(write_person(tmp_path, content), today), "unreadable-file")
    assert "comma-separated" in problem.message


def test_broken_parquet_is_unreadable(tmp_path, only, today) -> None:
    folder = write_person(tmp_path, b"PAR1 this is not parquet", "ssd_person.parquet")
    problem = only(check_person(folder, today), "unreadable-file")
    assert problem.file == "ssd_person.parquet"
    assert "Parquet" in problem.message


def test_excel_style_csv_is_read(tmp_path, today) -> None:
    content = (
        "\ufeff" + HEADER + ',pers_surname\r\nP1,M,2010-01-01,"O\'Neil, ""Jo"""\r\n'
        'P2,F,2011-01-01,"two\r\nlines"\r\n'
    ).encode()
    report = check_folder(write_person(tmp_path, content), schema=SCHEMA_PERSON, today=today)
    assert report.problems == ()
    assert report.row_counts["ssd_person"] == 2


def test_header_only_file_is_an_empty_table(tmp_path, today) -> None:
    report = check_person(write_person(tmp_path, (HEADER + "\n").encode()), today)
    assert report.problems == ()
    assert report.row_counts["ssd_person"] == 0


def test_odd_column_names_cannot_inject_sql(tmp_path, today) -> None:
    name = 'x"); DROP TABLE ssd_person; --'
    content = (HEADER + ',"x""); DROP TABLE ssd_person; --"\nP1,M,2010-01-01,1\n').encode()
    report = check_person(write_person(tmp_path, content), today)
    assert [(p.rule, p.column) for p in report.problems] == [("unknown-column", name)]
    assert report.row_counts["ssd_person"] == 1


def test_parquet_timestamps_and_numbers_are_read(tmp_path, today) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    rows = pa.table(
        {
            "pers_person_id": pa.array([101, 102], pa.int64()),
            "pers_sex": ["M", "F"],
            "pers_dob": pa.array(
                [dt.datetime(2012, 3, 4), dt.datetime(2015, 6, 7, 10, 11, 12, 123000)],
                pa.timestamp("ms"),
            ),
        }
    )
    pq.write_table(rows, folder / "ssd_person.parquet")
    result = check_folder(folder, schema=SCHEMA_PERSON, strict=True, today=today)
    assert result.problems == ()
    assert result.row_counts["ssd_person"] == 2
