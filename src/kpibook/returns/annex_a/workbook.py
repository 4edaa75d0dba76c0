"""Opening an Annex A workbook and reading its lists into typed rows.

The file must be an ``.xlsx`` workbook (a zip archive without macros). It is
opened with openpyxl in read-only mode with cached values only: formulas are
never evaluated, external links are not loaded, and XML is parsed through
defusedxml. Sheets are recognised by name (``List 1`` ... ``List 11``, with or
without a title after it) and each list's header row by its column names,
anywhere in the first :data:`HEADER_SEARCH_ROWS` rows (real templates have
title rows above it).
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import openpyxl

from kpibook.errors import InputError
from kpibook.problems import Problem
from kpibook.returns.annex_a.cells import CellError, Value, is_blank, read_cell
from kpibook.returns.annex_a.spec import LIST_BY_NUMBER, LISTS, ListSpec, normalise_header
from kpibook.returns.common import MAX_FILE_BYTES, MAX_ROWS, check_size, finding, structural

HEADER_SEARCH_ROWS = 30
"""How many rows at the top of a sheet are searched for the header row."""

MAX_UNCOMPRESSED_BYTES = 2 * MAX_FILE_BYTES
"""Largest total size of the workbook's parts once unzipped (zip bombs are refused)."""

MAX_PARTS = 10_000
"""Most parts (files) a workbook archive may hold."""

_SHEET = re.compile(r"\blist\s*[-_.]?\s*(\d{1,2})(?!\d)", re.IGNORECASE)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True, slots=True)
class Row:
    """One data row of a list.

    Attributes:
        number: 1-based data row (the header row and rows above it not counted).
        excel_row: the row number Excel shows.
        values: field key -> value (None when blank or unreadable).
    """

    number: int
    excel_row: int
    values: dict[str, Value]


@dataclass(slots=True)
class Sheet:
    """A recognised list: its rows and which fields its header holds."""

    spec: ListSpec
    title: str
    file: str
    present: frozenset[str]
    rows: list[Row] = field(default_factory=list)


def _fail(path: Path, rule: str, message: str, hint: str) -> InputError:
    return InputError(f"{path}: {message}", [structural(path, rule, message, hint)])


def check_container(path: Path) -> None:
    """Refuse anything that is not a macro-free ``.xlsx`` archive of sane size."""
    check_size(path)
    suffix = path.suffix.lower()
    if suffix in {".xlsm", ".xltm", ".xlam"}:
        raise _fail(
            path,
            "macros-refused",
            "a macro-enabled workbook (.xlsm) is refused: kpibook never opens macros",
            "save the workbook as an Excel workbook (.xlsx) without macros",
        )
    if suffix != ".xlsx":
        raise _fail(
            path,
            "not-xlsx",
            f"the file is not an .xlsx workbook (it ends '{suffix or '(nothing)'}')",
            "save Annex A from Excel or LibreOffice as an Excel workbook (.xlsx)",
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_OLE):
        raise _fail(
            path,
            "not-xlsx",
            "the file is an old-style .xls workbook or a password-protected one",
            "remove the password and save it as an Excel workbook (.xlsx)",
        )
    if not head.startswith(b"PK\x03\x04"):
        raise _fail(
            path,
            "not-xlsx",
            "the file is not an Excel workbook (an .xlsx file is a zip archive)",
            "check it is the Annex A workbook; save it from Excel as .xlsx",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            names = {p.filename.lower() for p in parts}
            types = (
                archive.read("[Content_Types].xml")[:1_000_000]
                if "[content_types].xml" in names
                else b""
            )
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        RuntimeError,
        ValueError,
        NotImplementedError,
        EOFError,
    ):
        raise _fail(
            path,
            "workbook-unreadable",
            "the workbook's zip archive is damaged or truncated",
            "save the workbook again from Excel as .xlsx",
        ) from None
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNCOMPRESSED_BYTES:
        raise _fail(
            path,
            "file-too-large",
            "the workbook unpacks to more than the size limit",
            "check it is the right file; remove unrelated sheets",
        )
    if "xl/vbaproject.bin" in names or b"macroenabled" in types.lower():
        raise _fail(
            path,
            "macros-refused",
            "the workbook contains macros, which kpibook never opens",
            "save the workbook as an Excel workbook (.xlsx) without macros",
        )


def _header_row(
    rows: Sequence[tuple[Any, ...]], spec: ListSpec
) -> tuple[int, dict[str, int], list[str]] | None:
    """(index of the header row, field key -> column index, duplicated headings).

    The header row is the first row with the list's identifier column (Child
    Unique ID, or Individual adopter identifier for List 11).
    """
    identifier = {normalise_header(h) for h in spec.fields[0].headers}
    wanted = {normalise_header(h): f.key for f in spec.fields for h in f.headers}
    for index, cells in enumerate(rows):
        texts = [normalise_header(c) if isinstance(c, str) else "" for c in cells]
        if identifier.isdisjoint(texts):
            continue
        columns: dict[str, int] = {}
        duplicated: list[str] = []
        for position, text in enumerate(texts):
            key = wanted.get(text)
            if key is None:
                continue
            if key in columns:
                duplicated.append(spec.field(key).header)
            else:
                columns[key] = position
        return index, columns, duplicated
    return None


def _iter_rows(sheet: Any, limit: int) -> Iterator[tuple[Any, ...]]:
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    for count, cells in enumerate(sheet.iter_rows(values_only=True)):
        if count > limit:
            raise OverflowError
        yield tuple(cells)


def _read_sheet(
    path: Path, title: str, raw: list[tuple[Any, ...]], spec: ListSpec
) -> tuple[Sheet | None, list[Problem]]:
    where = str(path)
    problems: list[Problem] = []
    found = _header_row(raw[:HEADER_SEARCH_ROWS], spec)
    if found is None:
        names = f"'{spec.fields[0].header}'"
        problems.append(
            structural(
                where,
                "header-not-found",
                f"no row among the first {HEADER_SEARCH_ROWS} holds the column {names} "
                f"of Annex A List {spec.number} ({spec.title})",
                "keep the template's header row; rename the columns as Ofsted's template names "
                "them",
                sheet=title,
            )
        )
        return None, problems
    header_index, columns, duplicated = found
    for heading in duplicated:
        problems.append(
            structural(
                where,
                "duplicate-column",
                f"the column '{heading}' appears twice in the header (Excel row "
                f"{header_index + 1})",
                "delete or rename one of the two columns",
                column=heading,
                sheet=title,
            )
        )
    for f in spec.fields:
        if f.key in columns:
            continue
        if f.required:
            problems.append(
                structural(
                    where,
                    "missing-column",
                    f"the header (Excel row {header_index + 1}) has no column '{f.header}', "
                    "which identifies the rows of this list",
                    "add the column with the template's name",
                    column=f.header,
                    sheet=title,
                )
            )
        else:
            problems.append(
                finding(
                    where,
                    "missing-column",
                    f"the header has no column '{f.header}'; its field is left empty",
                    "add the column if the case system holds it",
                    column=f.header,
                    sheet=title,
                )
            )
    sheet = Sheet(spec, title, where, frozenset(columns))
    number = 0
    for offset, cells in enumerate(raw[header_index + 1 :], start=header_index + 2):
        if all(is_blank(c) for c in cells):
            continue
        number += 1
        values: dict[str, Value] = {}
        for key, position in columns.items():
            f = spec.field(key)
            cell = cells[position] if position < len(cells) else None
            try:
                values[key] = read_cell(f, cell)
            except CellError as exc:
                values[key] = None
                make = structural if f.required else finding
                problems.append(
                    make(
                        where,
                        "key-unreadable" if f.required else "bad-value",
                        f"'{f.header}' (Excel row {offset}) {exc}",
                        "correct the value in the case system and produce the list again"
                        if f.required
                        else "the field is left empty for this row; correct it at source",
                        row=number,
                        column=f.header,
                        sheet=title,
                    )
                )
                continue
            if f.required and values[key] is None:
                problems.append(
                    structural(
                        where,
                        "key-unreadable",
                        f"'{f.header}' is empty (Excel row {offset}), but it identifies the row",
                        "fill it in, or delete the row if it is not a real record",
                        row=number,
                        column=f.header,
                        sheet=title,
                    )
                )
        sheet.rows.append(Row(number, offset, values))
    return sheet, problems


def read_lists(path: Path) -> tuple[dict[int, Sheet], list[Problem]]:
    """Every recognised list of the workbook at ``path``, and every problem found.

    Raises:
        InputError: the file is not a readable, macro-free .xlsx workbook.
    """
    check_container(path)
    with warnings.catch_warnings(), path.open("rb") as handle:
        # openpyxl warns of styles and extensions it drops; the file is opened
        # here so that it is closed even when openpyxl fails half-way.
        warnings.simplefilter("ignore")
        return _read_book(path, handle)


def _read_book(path: Path, handle: BinaryIO) -> tuple[dict[int, Sheet], list[Problem]]:
    problems: list[Problem] = []
    sheets: dict[int, Sheet] = {}
    try:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise _fail(
            path,
            "workbook-unreadable",
            f"the workbook cannot be read ({type(exc).__name__})",
            "open it in Excel, check it shows the lists, and save it again as .xlsx",
        ) from None
    try:
        titles: dict[int, str] = {}
        for sheet in book.worksheets:
            title = str(sheet.title)
            match = _SHEET.search(title)
            if match is None or int(match.group(1)) not in LIST_BY_NUMBER:
                continue
            number = int(match.group(1))
            if number in titles:
                problems.append(
                    structural(
                        path,
                        "duplicate-sheet",
                        f"two sheets hold List {number}: '{titles[number]}' and '{title}'",
                        "delete or rename one of them",
                    )
                )
                continue
            titles[number] = title
            try:
                raw = list(_iter_rows(sheet, MAX_ROWS))
            except OverflowError:
                problems.append(
                    structural(
                        path,
                        "too-many-rows",
                        f"the sheet has more than {MAX_ROWS:,} rows",
                        "check it is the right file",
                        sheet=title,
                    )
                )
                continue
            read, sheet_problems = _read_sheet(path, title, raw, LIST_BY_NUMBER[number])
            problems.extend(sheet_problems)
            if read is not None:
                sheets[number] = read
    except InputError:
        raise
    except Exception as exc:  # damaged sheet XML surfaces while iterating
        raise _fail(
            path,
            "workbook-unreadable",
            f"a sheet of the workbook cannot be read ({type(exc).__name__})",
            "open it in Excel, check it shows the lists, and save it again as .xlsx",
        ) from None
    finally:
        book.close()
    for spec in LISTS:
        if spec.required and spec.number not in titles:
            problems.append(
                structural(
                    path,
                    "missing-sheet",
                    f"the workbook has no sheet for Annex A List {spec.number} ({spec.title})",
                    f"add the list as a sheet named 'List {spec.number}' (it may be empty "
                    "below its header)",
                )
            )
    return sheets, problems
