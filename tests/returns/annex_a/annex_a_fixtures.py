"""Hand-made Annex A workbooks and data-model folders for the Annex A tests.

Workbooks are shaped like the sector's public fake Annex A file: a title row
and a blank row above each list's header, lettered labels ("a) Male"), dates
both as Excel date cells and as dd/mm/yyyy text.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook

from kpibook.model import SCHEMA
from kpibook.returns.annex_a.spec import LIST_BY_NUMBER

Cell = object


def headers(number: int) -> list[str]:
    """The template headings of list ``number``."""
    return [f.header for f in LIST_BY_NUMBER[number].fields]


def make_workbook(
    path: Path,
    lists: Mapping[int, Sequence[Mapping[str, Cell]]],
    *,
    sheet_names: Mapping[int, str] | None = None,
    header_override: Mapping[int, list[str]] | None = None,
    title_rows: bool = True,
    skip: Sequence[int] = (),
) -> Path:
    """An Annex A workbook: lists 1-9 always (empty unless given), 10 and 11 if given.

    Rows are dicts from template heading to cell value.
    """
    book = Workbook()
    book.remove(book.active)
    numbers = sorted({*range(1, 10), *lists} - set(skip))
    for number in numbers:
        spec = LIST_BY_NUMBER[number]
        name = (sheet_names or {}).get(number, f"List {number} - {spec.title}"[:31])
        sheet = book.create_sheet(name)
        if title_rows:
            sheet.append([f"Annex A - {spec.title}"])
            sheet.append([])
        heads = (header_override or {}).get(number, headers(number))
        sheet.append(heads)
        for row in lists.get(number, ()):
            sheet.append([row.get(h) for h in heads])
    book.save(path)
    return path


def write_model(folder: Path, tables: Mapping[str, Sequence[Mapping[str, object]]]) -> Path:
    """A data-model folder: every table of the model, empty unless given rows."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in SCHEMA:
        with (folder / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.column_names)
            for row in tables.get(table.name, ()):
                writer.writerow([_text(row.get(c)) for c in table.column_names])
    return folder


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def d(text: str) -> dt.date:
    """``"2024-03-31"`` as a date."""
    return dt.date.fromisoformat(text)
