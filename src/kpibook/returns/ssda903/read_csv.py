"""Reading one 903 CSV table.

A file is recognised by its exact set of column headers (names compared
without regard to case, order or surrounding spaces), not by its name. Values
are read as text, stripped and upper-cased, as the DfE's own validator does.
Files that are not UTF-8 (an Excel "Unicode text" export is UTF-16) are refused
with a hint to re-save them; a UTF-8 byte-order mark is accepted, and so are
empty columns after the last named one (spreadsheet exports often add them).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kpibook.errors import InputError
from kpibook.problems import Problem
from kpibook.returns.common import MAX_ROWS, check_size, structural
from kpibook.returns.ssda903.raw import RawRow
from kpibook.returns.ssda903.spec import TABLES, TableSpec, identify

_MAX_PROBLEMS_PER_FILE = 50
"""After this many problems in one file, the rest are summarised in one more."""


def _closest(header: list[str]) -> tuple[TableSpec, set[str], set[str]]:
    """The table sharing most columns with ``header``: (table, missing, unexpected)."""
    have = set(header)
    best = max(TABLES.values(), key=lambda t: (len(have & set(t.columns)), -len(t.columns)))
    return best, set(best.columns) - have, have - set(best.columns)


def _text(path: Path, data: bytes) -> tuple[str | None, list[Problem]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        return None, [
            structural(
                path,
                "not-utf8",
                "the file is not UTF-8 text (it looks like UTF-16 or binary)",
                "open it in a text editor and save it as CSV with UTF-8 encoding",
            )
        ]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            structural(
                path,
                "not-utf8",
                f"the file is not UTF-8 text (byte {exc.start + 1} cannot be decoded)",
                "open it in a text editor and save it as CSV with UTF-8 encoding",
                line=line,
            )
        ]


def read_csv_table(path: Path) -> tuple[TableSpec | None, list[RawRow], list[Problem]]:
    """The table a CSV file holds and its rows, or the structural problems found.

    Raises nothing: every problem is returned, for the caller to report with
    the problems of the other files.
    """
    try:
        check_size(path)
    except InputError as exc:
        return None, [], list(exc.problems)
    text, problems = _text(path, path.read_bytes())
    if text is None:
        return None, [], problems
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return (
            None,
            [],
            [
                structural(
                    path,
                    "csv-malformed",
                    f"the header cannot be read: {exc}",
                    "export the table again as CSV",
                    line=1,
                )
            ],
        )
    if header is None or not any(h.strip() for h in header):
        return (
            None,
            [],
            [
                structural(
                    path,
                    "csv-empty",
                    "the file has no header row",
                    "export the 903 table again with its column headers",
                    line=1,
                )
            ],
        )
    names = [h.strip().upper() for h in header]
    while names and not names[-1]:
        names.pop()  # trailing empty columns, as spreadsheet exports often add
    spec = identify(names)
    if spec is None or len(names) != len(set(names)):
        best, missing, extra = _closest(names)
        detail = []
        if missing:
            detail.append(f"missing {', '.join(sorted(missing))}")
        if extra:
            detail.append(f"unexpected {', '.join(sorted(extra))}")
        if len(names) != len(set(names)):
            detail.append("a column appears twice")
        return (
            None,
            [],
            [
                structural(
                    path,
                    "unknown-table",
                    "the columns do not match any 903 table; nearest is "
                    f"{best.name} ({'; '.join(detail)})",
                    f"{best.name} has exactly these columns: {', '.join(best.columns)}",
                    line=1,
                )
            ],
        )
    rows: list[RawRow] = []
    count = 0
    try:
        for record in reader:
            count += 1
            if not any(v.strip() for v in record):
                continue
            if len(problems) >= _MAX_PROBLEMS_PER_FILE:
                continue
            if count > MAX_ROWS:
                problems.append(
                    structural(
                        path,
                        "too-many-rows",
                        f"more than {MAX_ROWS:,} rows",
                        "check it is the right file",
                        row=count,
                    )
                )
                break
            while len(record) > len(names) and not record[-1].strip():
                record = record[:-1]
            if len(record) != len(names):
                problems.append(
                    structural(
                        path,
                        "row-width",
                        f"the row has {len(record)} fields; the header has {len(names)}",
                        "a value may hold an unquoted comma; export the table again",
                        row=count,
                        line=reader.line_num,
                    )
                )
                continue
            values = {n: v.strip().upper() for n, v in zip(names, record, strict=True)}
            rows.append(RawRow(spec.name, values, str(path), count))
    except csv.Error as exc:
        problems.append(
            structural(
                path,
                "csv-malformed",
                f"the file cannot be read as CSV: {exc}",
                "export the table again as CSV",
                row=count + 1,
                line=reader.line_num,
            )
        )
    if len(problems) >= _MAX_PROBLEMS_PER_FILE:
        problems.append(
            structural(
                path,
                "too-many-problems",
                f"more than {_MAX_PROBLEMS_PER_FILE} problems; the rest are not listed",
                "fix these and read the file again",
            )
        )
    return (spec if not problems else None), rows if not problems else [], problems
