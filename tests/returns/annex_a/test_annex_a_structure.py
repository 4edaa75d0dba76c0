"""Structural problems: all reported at once with file, sheet, row and column; nothing imported."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from annex_a_fixtures import headers, make_workbook

from kpibook.errors import InputError
from kpibook.problems import Severity
from kpibook.returns.annex_a import read_annex_a

CHILD = {"Child Unique ID": "C1", "Gender": "a) Male", "Date of Birth": "01/01/2015"}


def problems(path: Path) -> list[tuple[str, str, str | None, int | None, str | None]]:
    with pytest.raises(InputError) as caught:
        read_annex_a(path)
    assert all(p.severity in (Severity.ERROR, Severity.WARNING) for p in caught.value.problems)
    return sorted(
        (p.rule, p.file.split("/")[-1], p.sheet, p.row, p.column)
        for p in caught.value.problems
        if p.severity is Severity.ERROR
    )


def test_all_structural_problems_at_once(tmp_path: Path) -> None:
    no_date = [h for h in headers(1) if h != "Date of Contact"]
    path = make_workbook(
        tmp_path / "bad.xlsx",
        {
            1: [CHILD],
            3: [
                {**CHILD, "Date of referral": "31/02/2024"},
                {**CHILD, "Date of referral": "01/03/2024"},
                {"Gender": "a) Male", "Date of referral": "02/03/2024"},
                {},
                {**CHILD, "Date of referral": 45000},
            ],
        },
        header_override={1: no_date},
        skip=[7],
    )
    assert problems(path) == [
        ("key-unreadable", "bad.xlsx", "List 3 - Referrals", 1, "Date of referral"),
        ("key-unreadable", "bad.xlsx", "List 3 - Referrals", 3, "Child Unique ID"),
        # the blank row is skipped and not counted
        ("key-unreadable", "bad.xlsx", "List 3 - Referrals", 4, "Date of referral"),
        ("missing-column", "bad.xlsx", "List 1 - Contacts", None, "Date of Contact"),
        ("missing-sheet", "bad.xlsx", None, None, None),
    ]


def test_message_names_excel_row_but_not_the_value(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "a.xlsx", {3: [{**CHILD, "Date of referral": "soon"}]})
    with pytest.raises(InputError) as caught:
        read_annex_a(path)
    (problem,) = caught.value.problems
    assert "Excel row 4" in problem.message
    assert "soon" not in problem.message


def test_header_row_not_found(tmp_path: Path) -> None:
    wrong = ["Child Unique ID", "Gender", "When contacted"]
    path = make_workbook(tmp_path / "a.xlsx", {}, header_override={1: wrong, 2: ["ID", "Start"]})
    assert problems(path) == [
        ("header-not-found", "a.xlsx", "List 2 - Early help", None, None),
        ("missing-column", "a.xlsx", "List 1 - Contacts", None, "Date of Contact"),
    ]


def test_duplicate_sheet_and_column(tmp_path: Path) -> None:
    names = {n: f"List {n}" for n in range(1, 10)}
    names[2] = "List 1 (copy)"
    path = make_workbook(
        tmp_path / "a.xlsx",
        {},
        sheet_names=names,
        header_override={3: [*headers(3), "Allocated Team"]},
    )
    assert problems(path) == [
        ("duplicate-column", "a.xlsx", "List 3", None, "Allocated Team"),
        ("duplicate-sheet", "a.xlsx", None, None, None),
        ("missing-sheet", "a.xlsx", None, None, None),
    ]


@pytest.mark.parametrize(
    ("name", "data", "rule"),
    [
        ("annex.xlsm", b"PK\x03\x04", "macros-refused"),
        ("annex.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "not-xlsx"),
        ("annex.csv", b"Child Unique ID,Gender\n", "not-xlsx"),
        ("annex.xlsx", b"Child Unique ID,Gender\n", "not-xlsx"),
        ("annex.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "not-xlsx"),
        ("annex.xlsx", b"PK\x03\x04 truncated", "workbook-unreadable"),
    ],
)
def test_not_a_workbook(tmp_path: Path, name: str, data: bytes, rule: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_annex_a(path)
    assert [p.rule for p in caught.value.problems] == [rule]


def test_macros_inside_an_xlsx_are_refused(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "a.xlsx", {})
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\x00" * 10)
    with pytest.raises(InputError) as caught:
        read_annex_a(path)
    assert [p.rule for p in caught.value.problems] == ["macros-refused"]


def test_zip_without_workbook_parts(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InputError) as caught:
        read_annex_a(path)
    assert [p.rule for p in caught.value.problems] == ["workbook-unreadable"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_annex_a(tmp_path / "nope.xlsx")
    assert [p.rule for p in caught.value.problems] == ["file-unreadable"]


def test_missing_optional_column_is_a_warning(tmp_path: Path) -> None:
    without = [h for h in headers(3) if h != "Allocated Worker"]
    path = make_workbook(
        tmp_path / "a.xlsx",
        {3: [{**CHILD, "Date of referral": "01/03/2024", "Allocated Team": "Duty"}]},
        header_override={3: without},
    )
    got = read_annex_a(path)
    assert [(p.rule, p.column) for p in got.findings] == [("missing-column", "Allocated Worker")]
    assert got.tables["ssd_cin_episodes"].column("cine_referral_team").to_pylist() == ["Duty"]
    assert got.tables["ssd_cin_episodes"].column("cine_referral_worker_id").to_pylist() == [None]
