"""An imported dataset: every model table written, findings and provenance kept and shown."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pyarrow as pa
import pytest
from rich.console import Console

from kpibook.cli.check import print_report
from kpibook.ingest import check_folder
from kpibook.returns.common import Imported, Provenance, finding, parse_date, write_dataset
from kpibook.returns.dataset import assemble, missing_columns, organisation

PEOPLE = Imported(
    {
        "ssd_person": pa.table(
            {
                "pers_person_id": ["C1", "C2"],
                "pers_sex": ["M", "F"],
                "pers_dob": [dt.date(2010, 1, 2), dt.date(2012, 3, 4)],
            }
        )
    },
    findings=(
        finding(
            "Episodes.csv",
            "episode-overlap",
            "two episodes overlap",
            "the later one is kept",
            row=3,
            column="DECOM",
        ),
    ),
    provenance=(
        Provenance("ssd_person", "pers_person_id", "SSDA903 Header 2023-24"),
        Provenance("ssd_person", "pers_dob", "SSDA903 Header 2023-24"),
    ),
)


def test_assembled_folder_is_checked_like_any_other(tmp_path: Path) -> None:
    tables, findings, provenance = assemble([PEOPLE, organisation("LA886", "Testshire")])
    write_dataset(tmp_path / "data", tables, findings, provenance)
    report = check_folder(tmp_path / "data")
    assert report.errors == ()
    assert report.row_counts["ssd_person"] == 2 and report.row_counts["ssd_cp_plans"] == 0
    [shown] = report.warnings
    assert (shown.file, shown.row, shown.column, shown.rule) == (
        "Episodes.csv",
        3,
        "DECOM",
        "episode-overlap",
    )
    assert "found on import" in shown.message


def test_the_sheet_of_a_workbook_finding_is_kept_and_shown(tmp_path: Path) -> None:
    """data-quality.csv keeps the sheet; ``kpibook check`` reads it back and prints it."""
    in_sheet = finding(
        "annex.xlsx",
        "bad-value",
        "'Contact Source' is not a code of the list",
        "the field is left empty for this row",
        row=2,
        column="Contact Source",
        sheet="List 1 - Contacts",
    )
    tables, findings, provenance = assemble([PEOPLE])
    write_dataset(tmp_path / "data", tables, (*findings, in_sheet), provenance)
    written = (tmp_path / "data" / "data-quality.csv").read_text(encoding="utf-8").splitlines()
    assert written[0] == '"severity","rule","file","sheet","row","column","message","hint"'
    assert written[1].startswith('"warning","episode-overlap","Episodes.csv",,3,"DECOM",')
    assert written[2].startswith('"warning","bad-value","annex.xlsx","List 1 - Contacts",2,')
    report = check_folder(tmp_path / "data")
    assert [(p.file, p.sheet, p.row, p.column) for p in report.warnings] == [
        ("Episodes.csv", None, 3, "DECOM"),
        ("annex.xlsx", "List 1 - Contacts", 2, "Contact Source"),
    ]
    console = Console(width=200, record=True, file=io.StringIO())
    print_report(report, console)
    shown = console.export_text()
    assert "warning sheet 'List 1 - Contacts', row 2, column Contact Source: " in shown
    assert "warning row 3, column DECOM: two episodes overlap" in shown


def test_missing_columns_name_what_no_source_supplied() -> None:
    _, _, provenance = assemble([PEOPLE])
    missing = missing_columns(provenance)
    assert "pers_person_id" not in missing["ssd_person"]
    assert "pers_sex" in missing["ssd_person"]  # a value was given but no provenance claimed
    assert "cppl_cp_plan_start_date" in missing["ssd_cp_plans"]


def test_a_failed_write_leaves_the_previous_dataset(tmp_path: Path) -> None:
    out = tmp_path / "data"
    tables, findings, provenance = assemble([PEOPLE])
    write_dataset(out, tables, findings, provenance)
    before = sorted(p.name for p in out.iterdir())
    broken = dict(tables)
    broken["ssd_person"] = "not a table"  # type: ignore[assignment]
    with pytest.raises(Exception):  # noqa: B017 - any failure must leave the old folder
        write_dataset(out, broken, findings, provenance)
    assert sorted(p.name for p in out.iterdir()) == before
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("31/08/2016", dt.date(2016, 8, 31)),
        ("1/4/2023", dt.date(2023, 4, 1)),
        ("2016-08-31", dt.date(2016, 8, 31)),
        ("2016-08-31T00:00:00", dt.date(2016, 8, 31)),
        ("", None),
        ("  ", None),
    ],
)
def test_dates_in_both_forms(text: str, day: dt.date | None) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["31/02/2016", "2016/08/31", "31-08-2016", "Aug 2016", "20160831"])
def test_other_date_forms_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_a_child_in_two_returns_is_one_person() -> None:
    from_903 = Imported(
        {
            "ssd_person": pa.table(
                {
                    "pers_person_id": ["C1", "C2"],
                    "pers_sex": ["M", None],
                    "pers_is_mother": ["N", None],
                }
            )
        }
    )
    from_cin = Imported(
        {
            "ssd_person": pa.table(
                {
                    "pers_person_id": ["C2", "C1", "C3"],
                    "pers_sex": ["F", "F", "M"],
                    "pers_is_mother": [None, "Y", None],
                }
            )
        }
    )
    tables, _, _ = assemble([from_903, from_cin])
    person = tables["ssd_person"].sort_by("pers_person_id")
    assert person.column("pers_person_id").to_pylist() == ["C1", "C2", "C3"]
    # The first source's value wins; a value it lacks comes from the next.
    assert person.column("pers_sex").to_pylist() == ["M", "F", "M"]
    assert person.column("pers_is_mother").to_pylist() == ["N", None, None]
