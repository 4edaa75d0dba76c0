"""Hypothesis fuzzing of the Annex A reader: no exception other than InputError.

Three levels: raw bytes and damaged archives (through read_annex_a), whole
workbooks with random sheets, headers and cells (through read_annex_a), and
many more random sheets read in memory (sheet reading and mapping, without
writing files, so thousands of cases run quickly).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from annex_a_fixtures import headers, make_workbook
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from kpibook.errors import InputError
from kpibook.problems import Severity
from kpibook.returns.annex_a import care, lists, read_annex_a
from kpibook.returns.annex_a.cells import CellError, read_cell
from kpibook.returns.annex_a.spec import LIST_BY_NUMBER, LISTS
from kpibook.returns.annex_a.tomodel import Builder
from kpibook.returns.annex_a.workbook import Sheet, _read_sheet

CELLS = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(
        [
            "a) Yes",
            "b) No",
            "q) 6: Police",
            "N1",
            "31/02/2024",
            "01/03/2024",
            "2024-03-01",
            "U3",
            "PR4",
            "a) Male",
            "  ",
            "#N/A",
            "V2",
            "RD1",
        ]
    ),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.times(),
    st.timedeltas(max_value=dt.timedelta(days=1000), min_value=dt.timedelta(days=-1000)),
)
ALL_HEADERS = sorted({h for spec in LISTS for f in spec.fields for h in f.headers})
HEADINGS = st.one_of(st.sampled_from(ALL_HEADERS), st.text(max_size=10), st.none())


def _run(path: Path) -> None:
    try:
        got = read_annex_a(path)
    except InputError as exc:
        assert exc.problems
        assert any(p.severity is Severity.ERROR for p in exc.problems)
        return
    assert all(p.severity is Severity.WARNING for p in got.findings)


@given(st.binary(max_size=2000))
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.xlsx"
        path.write_bytes(data)
        _run(path)


def _valid_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = make_workbook(
            Path(folder) / "a.xlsx",
            {
                3: [
                    {
                        "Child Unique ID": "C1",
                        "Date of referral": "01/03/2024",
                        "Allocated Team": "Duty",
                    }
                ]
            },
        )
        return path.read_bytes()


VALID = _valid_bytes()


@given(
    st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), max_size=8),
    st.integers(0, len(VALID)),
)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(flips=[(min(9899, len(VALID) - 1), 0)], cut=min(11123, len(VALID)))  # zlib.error once
def test_damaged_workbook_bytes(flips: list[tuple[int, int]], cut: int) -> None:
    data = bytearray(VALID)
    for position, value in flips:
        data[position] = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.xlsx"
        path.write_bytes(bytes(data[: max(cut, 4)]))
        _run(path)


def _members() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(VALID)) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


MEMBERS = _members()


@given(
    st.sampled_from(sorted(MEMBERS)),
    st.one_of(
        st.binary(max_size=300),
        st.sampled_from(
            [
                b"<x>",
                b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>",
                b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/"
                b"main'><sheetData><row r='1048576'><c r='XFD1' t='s'><v>99</v></c></row>"
                b"</sheetData></worksheet>",
            ]
        ),
    ),
    st.booleans(),
)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_damaged_workbook_parts(member: str, content: bytes, drop: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.xlsx"
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in MEMBERS.items():
                if name != member:
                    archive.writestr(name, data)
                elif not drop:
                    archive.writestr(name, content)
        _run(path)


@given(
    st.dictionaries(
        st.integers(1, 11), st.lists(st.lists(CELLS, max_size=8), max_size=4), max_size=4
    ),
    st.lists(st.integers(1, 11), max_size=3),
    st.dictionaries(st.integers(1, 11), st.lists(HEADINGS, max_size=8), max_size=3),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_workbooks(
    cells: dict[int, list[list[Any]]], skip: list[int], heads: dict[int, list[Any]]
) -> None:
    lists_rows = {
        n: [dict(zip(heads.get(n, headers(n)), row, strict=False)) for row in rows]
        for n, rows in cells.items()
    }
    override = {n: [h if isinstance(h, str) else "" for h in hs] for n, hs in heads.items()}
    with tempfile.TemporaryDirectory() as folder:
        try:
            path = make_workbook(
                Path(folder) / "a.xlsx", lists_rows, skip=skip, header_override=override
            )
        except (ValueError, TypeError, IllegalCharacterError):
            return  # openpyxl refuses to store some generated values; not a reader case
        _run(path)


@given(CELLS)
@settings(max_examples=3000, deadline=None)
def test_every_cell_reader(raw: Any) -> None:
    for spec in LISTS:
        for f in spec.fields:
            with contextlib.suppress(CellError):
                read_cell(f, raw)


@given(
    st.integers(1, 11),
    st.lists(st.lists(st.one_of(CELLS, HEADINGS), max_size=10), max_size=6),
    st.booleans(),
)
@settings(max_examples=2000, deadline=None)
def test_sheets_and_mapping_in_memory(number: int, rows: list[list[Any]], real: bool) -> None:
    spec = LIST_BY_NUMBER[number]
    raw = [tuple(r) for r in rows]
    if real:
        raw.insert(len(raw) // 2, tuple(headers(number)))
    sheet, problems = _read_sheet(Path("a.xlsx"), "List", raw, spec)
    if sheet is None or any(p.severity is Severity.ERROR for p in problems):
        return
    builder = Builder()
    sheets: dict[int, Sheet] = {number: sheet}
    for step in (
        lists.contacts,
        lists.early_help,
        lists.referrals,
        lists.assessments,
        lists.enquiries,
        lists.protection,
        care.children_in_care,
        care.care_leavers,
        care.adoption,
    ):
        step(builder, sheets)
    builder.tables()
