"""Writing the Annex A workbook from a data-model folder.

Each list covers the window Ofsted asks for before the inspection date
(``period_end``): 6 months for lists 1 to 8, 12 months for lists 9 to 11
(see ``docs/returns-annex-a.md`` for each list's rule). Dates are written as
Excel date cells shown dd/mm/yyyy; coded values with the template's lettered
labels where the template has them. The file appears only when complete.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb
from openpyxl import Workbook
from openpyxl.styles import Font

from kpibook.errors import ConfigError
from kpibook.ingest import load_or_fail
from kpibook.returns.annex_a.codes import label
from kpibook.returns.annex_a.queries import ALLOCATED, ALLOCATIONS, PEOPLE, QUERIES
from kpibook.returns.annex_a.spec import LISTS, Kind, ListSpec

_LINKED = {
    "cin_close": "close_reason",
    "ceased": "ceased_reason",
    "reversed": "reversed_reason",
    "icpc_date": "icpc_cp",
}
"""A code that only means something with its date: blanked with it."""


def months_before(end: dt.date, months: int) -> dt.date:
    """The first day of the ``months`` months ending on ``end`` (31 Mar, 6 -> 1 Oct)."""
    month_index = end.year * 12 + end.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(end.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day) + dt.timedelta(days=1)


def age_on(dob: dt.date | None, day: dt.date) -> int | None:
    """Age in whole years on ``day`` (-1 for a child not yet born, as Ofsted asks)."""
    if dob is None:
        return None
    if dob > day:
        return -1
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def _rows(
    con: duckdb.DuckDBPyConnection, spec: ListSpec, period_end: dt.date
) -> list[dict[str, Any]]:
    query = QUERIES.get(spec.number)
    if query is None:
        return []
    params = {
        "start": months_before(period_end, spec.months),
        "end": period_end,
        "year": months_before(period_end, 12),
    }
    used = {k: v for k, v in params.items() if f"${k}" in query}
    cursor = con.execute(query, used)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def _cell(spec: ListSpec, key: str, value: Any) -> Any:
    field = spec.field(key)
    if value is None:
        return None
    if field.kind is Kind.CODE and field.codelist is not None:
        return label(field.codelist, str(value))
    if field.kind is Kind.DATE and isinstance(value, dt.datetime):
        return value.date()
    return value


def _complete(
    row: dict[str, Any], people: Mapping[str, tuple[Any, ...]], period_end: dt.date
) -> dict[str, Any]:
    """Person columns added; dates after the inspection date (and their codes) blanked."""
    sex, ethnicity, dob, disability = people.get(str(row["child_id"]), (None,) * 4)
    full = {
        "sex": sex,
        "ethnicity": ethnicity,
        "dob": dob,
        "age": age_on(dob, period_end),
        "disability": disability,
        **row,
    }
    for key, value in list(full.items()):
        if key != "dob" and isinstance(value, dt.date) and value > period_end:
            full[key] = None
            if key in _LINKED:
                full[_LINKED[key]] = None
    return full


def _sheet(book: Workbook, spec: ListSpec, rows: list[dict[str, Any]], period_end: dt.date) -> None:
    sheet = book.create_sheet(f"{spec.sheet_name} - {spec.title}"[:31])
    start = months_before(period_end, spec.months)
    sheet.append([f"Annex A List {spec.number}: {spec.title}"])
    sheet.append([f"{start:%d/%m/%Y} to {period_end:%d/%m/%Y}"])
    sheet.append([f.header for f in spec.fields])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(spec, f.key, row.get(f.key)) for f in spec.fields])
    for index, f in enumerate(spec.fields, start=1):
        if f.kind is Kind.DATE:
            for (cell,) in sheet.iter_rows(min_row=4, min_col=index, max_col=index):
                cell.number_format = "dd/mm/yyyy"


def write_annex_a(data: Path, period_end: dt.date, out: Path) -> Path:
    """Write the Annex A workbook for an inspection on ``period_end`` from the folder ``data``.

    Raises:
        InputError: the data folder cannot be loaded (nothing is written).
        ConfigError: ``out`` does not end in ``.xlsx``.
    """
    if out.suffix.lower() != ".xlsx":
        raise ConfigError(f"{out}: the Annex A workbook must be written to an .xlsx file")
    result = load_or_fail(data)
    con = result.con
    try:
        con.execute(ALLOCATIONS)
        con.execute(ALLOCATED)
        people = {str(r[0]): tuple(r[1:]) for r in con.execute(PEOPLE).fetchall()}
        book = Workbook()
        book.remove(book.active)
        for spec in LISTS:
            rows = [_complete(r, people, period_end) for r in _rows(con, spec, period_end)]
            _sheet(book, spec, rows, period_end)
    finally:
        con.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, staging = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".xlsx", dir=out.parent)
    os.close(handle)
    try:
        book.save(staging)
        Path(staging).replace(out)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise
    return out
