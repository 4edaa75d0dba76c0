"""Finding each table's file: missing, duplicate and unknown files, a missing folder."""

from __future__ import annotations

from pathlib import Path

from kpibook.ingest import check_folder
from kpibook.ingest.files import find_files
from kpibook.model import SCHEMA, Schema
from kpibook.problems import Severity

PERSON = ("ssd_person",)


def test_missing_required_file_is_an_error(dataset, check, only) -> None:
    dataset.skip.add("ssd_disability")
    problem = only(check(dataset, tables=("ssd_person", "ssd_disability")), "missing-file")
    assert problem.severity is Severity.ERROR
    assert problem.file == "ssd_disability.csv"
    assert problem.row is None and problem.column is None
    assert "disa_table_id,disa_person_id,disa_disability_code" in problem.hint


def test_unknown_file_is_a_warning_and_ignored(dataset, tmp_path, only, today) -> None:
    schema = Schema((SCHEMA.table("ssd_person"),))
    folder = dataset.write(tmp_path / "d", schema=schema)
    (folder / "ssd_persons.csv").write_text("a\n1\n", encoding="utf-8")
    report = check_folder(folder, schema=schema, today=today)
    problem = only(report, "unknown-file")
    assert problem.severity is Severity.WARNING
    assert problem.file == "ssd_persons.csv"
    assert "Did you mean ssd_person.csv?" in problem.hint
    assert report.ok and not check_folder(folder, strict=True, schema=schema, today=today).ok


def test_table_file_with_another_extension_gets_a_specific_hint(tmp_path) -> None:
    (tmp_path / "ssd_person.xlsx").write_bytes(b"PK")
    found = find_files(tmp_path, Schema((SCHEMA.table("ssd_person"),)))
    unknown = [p for p in found.problems if p.rule == "unknown-file"]
    assert len(unknown) == 1
    assert "save it as ssd_person.csv" in unknown[0].hint


def test_hidden_files_and_folders_are_ignored(dataset, tmp_path, only, today) -> None:
    schema = Schema((SCHEMA.table("ssd_person"),))
    folder = dataset.write(tmp_path / "d", schema=schema)
    (folder / ".DS_Store").write_bytes(b"\0")
    (folder / "old").mkdir()
    assert check_folder(folder, strict=True, schema=schema, today=today).problems == ()


def test_names_match_without_regard_to_case(dataset, tmp_path, today) -> None:
    schema = Schema((SCHEMA.table("ssd_person"),))
    folder = dataset.write(tmp_path / "d", schema=schema)
    (folder / "ssd_person.csv").rename(folder / "SSD_Person.CSV")
    report = check_folder(folder, strict=True, schema=schema, today=today)
    assert report.problems == ()
    assert report.files == {"ssd_person": "SSD_Person.CSV"}


def test_csv_and_parquet_for_one_table_is_an_error(dataset, tmp_path, only, today) -> None:
    schema = Schema((SCHEMA.table("ssd_person"),))
    folder = dataset.write(tmp_path / "d", schema=schema)
    dataset.write(folder, "parquet", schema)
    report = check_folder(folder, schema=schema, today=today)
    problem = only(report, "duplicate-file")
    assert problem.severity is Severity.ERROR
    assert "ssd_person.csv and ssd_person.parquet" in problem.message
    assert report.row_counts["ssd_person"] == 0


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    report = check_folder(tmp_path / "nowhere")
    assert [(p.rule, p.severity) for p in report.problems] == [("missing-folder", Severity.ERROR)]
    assert not report.ok


def test_every_required_table_is_reported_when_the_folder_is_empty(tmp_path: Path) -> None:
    found = find_files(tmp_path, SCHEMA)
    assert {p.file for p in found.problems} == {f"{t.name}.csv" for t in SCHEMA if t.required}
    assert {p.rule for p in found.problems} == {"missing-file"}


def test_absent_postcode_lookup_is_not_a_problem(dataset, tmp_path, today) -> None:
    # Older datasets have no local_postcode_districts: the table is optional.
    assert not SCHEMA.table("local_postcode_districts").required
    dataset.skip.add("local_postcode_districts")
    report = check_folder(dataset.write(tmp_path / "d"), today=today, strict=True)
    assert [str(p) for p in report.problems] == []
