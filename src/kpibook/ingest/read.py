"""Opening one CSV or Parquet file as a source of text values.

The result (:class:`RawFile`) is the table function to read the file with
and, for each column of the file, the SQL giving its text. The file's own
column names are returned separately, so odd, duplicated or misspelt names
never become SQL identifiers before they are checked. The file is scanned
once, when its staging table is created (:mod:`kpibook.ingest.staged`).

A CSV file must be UTF-8 (a byte-order mark is fine), comma-separated, quoted
with double quotes, and every line must have as many fields as the header.
Any line that breaks this makes the whole file unreadable: it is not loaded,
because the row numbers of the lines after it could not be trusted. Blank
lines are skipped and not counted.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import duckdb
import sqlglot
from sqlglot import exp

from kpibook.ingest import rules
from kpibook.ingest.sql import (
    col,
    count_over,
    create_table_as,
    drop_table,
    execute,
    fetch,
    func,
    number,
    option,
    param,
    table,
    text,
)
from kpibook.problems import Problem, Severity

_REJECTS = "__kpibook_rejects"
_REJECT_SCANS = "__kpibook_reject_scans"

_REJECT_REASONS = {
    "TOO MANY COLUMNS": "has more fields than the header",
    "MISSING COLUMNS": "has fewer fields than the header",
    "UNQUOTED VALUE": "has a badly quoted value (a quote inside a value must be doubled)",
    "LINE SIZE OVER MAXIMUM": "is too long to be a line of a table",
}

_UTF8_HINT = (
    "Re-save the file as 'CSV UTF-8 (comma delimited)' (in Excel: File > Save As) or "
    "export it again from the source system with UTF-8 encoding."
)
_CSV_HINT = "Check the file opens as a table in a spreadsheet and re-save it as CSV UTF-8."
_PARQUET_HINT = (
    "Write the file again with a Parquet writer (e.g. pyarrow or DuckDB), or provide the "
    "table as a CSV UTF-8 file instead."
)


FileKind = Literal["csv", "parquet"]


@dataclass(frozen=True, slots=True)
class RawFile:
    """A file ready to be staged: where its text values come from.

    Attributes:
        source: the table function that reads the file.
        header: the file's column names in order.
        columns: SQL giving the text of each column, in header order.
        params: parameters ``source`` needs (the file path).
        kind: ``csv`` or ``parquet``.
    """

    source: exp.Table
    header: tuple[str, ...]
    columns: tuple[exp.Expr, ...]
    params: Mapping[str, object] = field(default_factory=dict)
    kind: FileKind = "csv"


def open_file(
    con: duckdb.DuckDBPyConnection, path: Path, file: str
) -> tuple[RawFile | None, list[Problem]]:
    """Open ``path`` and read its header.

    Returns the file's description, or None and the problems that stopped it
    being read. ``file`` is the name used in problems.
    """
    if path.suffix.lower() == ".parquet":
        return _open_parquet(con, path, file)
    return _open_csv(path, file)


def diagnose(con: duckdb.DuckDBPyConnection, raw: RawFile, file: str, error: str) -> list[Problem]:
    """The problems of a file whose scan failed with ``error`` (an exception name)."""
    if raw.kind == "parquet":
        return [
            _unreadable(
                file,
                f"the file's rows cannot be read ({error}), so it was not loaded.",
                _PARQUET_HINT,
            )
        ]
    scratch = "__kpibook_diagnose"
    try:
        query = sqlglot.select(exp.Star(), copy=False).from_(
            _csv_reader(len(raw.header), rejects=True), copy=False
        )
        execute(con, create_table_as(scratch, query, temporary=True), raw.params)
        problems = _rejected_lines(con, file)
    except duckdb.Error:
        problems = []
    finally:
        execute(con, drop_table(scratch))
        execute(con, drop_table(_REJECTS))
        execute(con, drop_table(_REJECT_SCANS))
    if problems:
        return problems
    return [_unreadable(file, f"the file cannot be read as CSV ({error}).", _CSV_HINT)]


def _unreadable(file: str, message: str, hint: str, row: int | None = None) -> Problem:
    return Problem(Severity.ERROR, rules.UNREADABLE_FILE, file, message, hint=hint, row=row)


def _read_header(path: Path, file: str) -> tuple[list[str] | None, Problem | None]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), None)
    except UnicodeDecodeError:
        return None, _unreadable(file, "the file is not UTF-8 text.", _UTF8_HINT)
    except (csv.Error, OSError) as err:
        return None, _unreadable(
            file, f"the header line cannot be read as CSV ({type(err).__name__}).", _CSV_HINT
        )
    if not header or not any(name.strip() for name in header):
        return None, _unreadable(
            file,
            "the file is empty: it has no header line naming the columns.",
            "Export the table again; even a table with no rows needs its header line.",
        )
    if len(header) == 1 and any(sep in header[0] for sep in (";", "\t", "|")):
        return None, _unreadable(
            file,
            "the file is not comma-separated (its header seems to use semicolons, tabs or "
            "bars between column names).",
            "Re-save the file as 'CSV UTF-8 (comma delimited)'.",
        )
    return header, None


def _csv_reader(columns: int, *, rejects: bool) -> exp.Table:
    names = exp.Struct(
        expressions=[
            exp.PropertyEQ(this=exp.to_identifier("c" + str(i)), expression=text("VARCHAR"))
            for i in range(columns)
        ]
    )
    reader = func(
        "read_csv",
        param("path"),
        option("header", exp.true()),
        option("auto_detect", exp.false()),
        option("columns", names),
        option("delim", text(",")),
        option("quote", text('"')),
        option("escape", text('"')),
        option("comment", text("")),
        option("skip", number(0)),
        option("encoding", text("utf-8")),
        option("strict_mode", exp.true()),
    )
    if rejects:
        reader.append("expressions", option("store_rejects", exp.true()))
        reader.append("expressions", option("rejects_table", text(_REJECTS)))
        reader.append("expressions", option("rejects_scan", text(_REJECT_SCANS)))
    return exp.Table(this=reader)


def _open_csv(path: Path, file: str) -> tuple[RawFile | None, list[Problem]]:
    header, problem = _read_header(path, file)
    if header is None:
        return None, [problem] if problem is not None else []
    return RawFile(
        source=_csv_reader(len(header), rejects=False),
        header=tuple(header),
        columns=tuple(col("c" + str(i)) for i in range(len(header))),
        params={"path": str(path)},
        kind="csv",
    ), []


def _rejected_lines(con: duckdb.DuckDBPyConnection, file: str) -> list[Problem]:
    query = (
        sqlglot.select(exp.column("line"), exp.column("error_type"), count_over(), copy=False)
        .from_(table(_REJECTS), copy=False)
        .order_by(exp.column("line"), copy=False)
        .limit(rules.ROWS_LISTED, copy=False)
    )
    found = fetch(con, query)
    if not found:
        return []
    if any(str(error) == "INVALID ENCODING" for _, error, _ in found):
        return [_unreadable(file, "the file is not UTF-8 text.", _UTF8_HINT)]
    total = int(found[0][2])
    hint = (
        "Every line must have as many comma-separated fields as the header; values "
        "holding commas, quotes or line breaks must be in double quotes. Re-save the "
        "file as CSV UTF-8 from a spreadsheet, or fix the export."
    )
    problems = [
        _unreadable(
            file,
            f"line {line} of the file {_REJECT_REASONS.get(str(error), 'cannot be read')}, "
            "so the file was not loaded.",
            hint,
            row=int(line) - 1,
        )
        for line, error, _ in found
    ]
    if total > len(found):
        problems.append(
            _unreadable(
                file,
                f"... and {total - len(found):,} more lines that cannot be read "
                f"({total:,} in all).",
                hint,
            )
        )
    return problems


def _open_parquet(
    con: duckdb.DuckDBPyConnection, path: Path, file: str
) -> tuple[RawFile | None, list[Problem]]:
    source = exp.Table(this=func("read_parquet", param("path")))
    params = {"path": str(path)}
    try:
        described = fetch(
            con,
            exp.Describe(this=sqlglot.select(exp.Star(), copy=False).from_(source.copy())),
            params,
        )
    except duckdb.Error as err:
        return None, [
            _unreadable(
                file,
                f"the file is not a readable Parquet file ({type(err).__name__}).",
                _PARQUET_HINT,
            )
        ]
    header = tuple(str(r[0]) for r in described)
    return RawFile(
        source=source,
        header=header,
        columns=tuple(exp.cast(col(name), "VARCHAR") for name in header),
        params=params,
        kind="parquet",
    ), []
