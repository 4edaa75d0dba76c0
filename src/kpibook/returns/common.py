"""What every returns reader and writer shares.

* Dates come as ``dd/mm/yyyy`` (903 CSVs, Annex A) or ISO ``yyyy-mm-dd`` (CIN
  XML, SSD exports): :func:`parse_date` takes both and nothing else.
* XML is parsed with entity expansion, external entities and DTDs refused
  (billion laughs, XXE): :func:`parse_xml`.
* Files over :data:`MAX_FILE_BYTES` or tables over :data:`MAX_ROWS` are refused
  before they are read.
* Structural problems (the input cannot be read as the format) are
  :class:`~kpibook.problems.Problem` with severity ERROR, raised together in an
  :class:`~kpibook.errors.InputError`; data-quality findings are WARNING
  problems, kept in the dataset's data-quality report, and do not stop the import.
* :func:`write_dataset` writes the imported tables (and the report and
  provenance) to a folder that replaces the previous one only when complete.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import pyarrow as pa
import pyarrow.csv as pacsv
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from kpibook.errors import InputError
from kpibook.ingest.files import DATA_QUALITY_FILE, PROVENANCE_FILE
from kpibook.problems import Problem, Severity

MAX_FILE_BYTES = 512 * 1024 * 1024
"""Largest file a reader accepts (512 MiB: a national 903 return is far smaller)."""

MAX_ROWS = 5_000_000
"""Most rows a reader accepts in one table."""

_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def parse_date(text: str | None) -> dt.date | None:
    """``31/08/2016`` or ``2016-08-31`` (a time part after an ISO date is ignored).

    None for an empty value. Raises ValueError, saying which forms are accepted,
    for anything else (including impossible dates such as 31/02/2016).
    """
    if text is None:
        return None
    value = text.strip()
    if not value:
        return None
    match = _UK.match(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    match = _ISO.match(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    raise ValueError(f"'{value}' is not a date: write dd/mm/yyyy or yyyy-mm-dd")


def structural(
    file: Path | str,
    rule: str,
    message: str,
    hint: str,
    *,
    row: int | None = None,
    column: str | None = None,
    line: int | None = None,
    sheet: str | None = None,
) -> Problem:
    """A problem that stops the import."""
    return Problem(
        Severity.ERROR,
        rule,
        str(file),
        message,
        hint=hint,
        row=row,
        column=column,
        line=line,
        sheet=sheet,
    )


def finding(
    file: Path | str,
    rule: str,
    message: str,
    hint: str,
    *,
    row: int | None = None,
    column: str | None = None,
    line: int | None = None,
    sheet: str | None = None,
) -> Problem:
    """A data-quality finding: reported, and the import goes on."""
    return replace(
        structural(file, rule, message, hint, row=row, column=column, line=line, sheet=sheet),
        severity=Severity.WARNING,
    )


def check_size(path: Path, limit: int = MAX_FILE_BYTES) -> None:
    """Refuse a missing file or one over ``limit`` bytes before reading it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(
            f"{path}: cannot be read",
            [
                structural(
                    path,
                    "file-unreadable",
                    f"cannot read the file ({exc.strerror})",
                    "check the path and the file's permissions",
                )
            ],
        ) from None
    if size > limit:
        raise InputError(
            f"{path}: too large",
            [
                structural(
                    path,
                    "file-too-large",
                    f"the file is {size:,} bytes; the limit is {limit:,}",
                    "check it is the right file; split a combined extract by year",
                )
            ],
        )


def parse_xml(path: Path, limit: int = MAX_FILE_BYTES) -> Element:
    """The root element of an XML file, parsed safely.

    DTDs, entity declarations and external references are refused (no entity
    is ever expanded or fetched); a file that is not well-formed XML (for
    example truncated) is an :class:`InputError` naming the line and column.
    """
    check_size(path, limit)
    data = path.read_bytes()
    try:
        root: Element = fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        raise InputError(
            f"{path}: refused",
            [
                structural(
                    path,
                    "xml-unsafe",
                    f"the file declares a DTD or entities ({type(exc).__name__}), which "
                    "kpibook never expands",
                    "export the return again without a DOCTYPE",
                )
            ],
        ) from None
    except ParseError as exc:
        line, column = exc.position
        raise InputError(
            f"{path}: not well-formed XML",
            [
                structural(
                    path,
                    "xml-malformed",
                    f"not well-formed XML at column {column}: {exc}",
                    "the file may be truncated or not XML; export it again",
                    line=line,
                )
            ],
        ) from None
    return root


@dataclass(frozen=True, slots=True)
class Provenance:
    """Which source filled a column of the data model."""

    table: str
    column: str
    source: str
    """e.g. ``SSDA903 Episodes (2023-24)``, ``CIN census 2024``, ``Annex A List 1``."""


def write_dataset(
    out: Path,
    tables: Mapping[str, pa.Table],
    findings: Sequence[Problem] = (),
    provenance: Sequence[Provenance] = (),
) -> None:
    """Write ``tables`` as ``<table>.csv`` into ``out``, replacing it only when all are written.

    Also writes ``data-quality.csv`` (every finding: severity, rule, file, sheet
    (of a workbook; else empty), row, column, message, hint) and
    ``provenance.csv`` (table, column, source), so the report is kept with the
    dataset and ``kpibook check`` can show it.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, table in tables.items():
            pacsv.write_csv(
                table,
                staging / f"{name}.csv",
                pacsv.WriteOptions(include_header=True, quoting_style="needed"),
            )
        report = pa.table(
            {
                "severity": [p.severity.value for p in findings],
                "rule": [p.rule for p in findings],
                "file": [p.file for p in findings],
                "sheet": pa.array([p.sheet for p in findings], pa.string()),
                "row": pa.array([p.row for p in findings], pa.int64()),
                "column": pa.array([p.column for p in findings], pa.string()),
                "message": [p.message for p in findings],
                "hint": [p.hint for p in findings],
            }
        )
        pacsv.write_csv(report, staging / DATA_QUALITY_FILE)
        origin = pa.table(
            {
                "table": [p.table for p in provenance],
                "column": [p.column for p in provenance],
                "source": [p.source for p in provenance],
            }
        )
        pacsv.write_csv(origin, staging / PROVENANCE_FILE)
        if out.exists():
            old = out.with_name(f".{out.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            out.rename(old)
            staging.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


@dataclass(frozen=True, slots=True)
class Imported:
    """What a reader makes of a return: data-model tables, findings and provenance.

    Attributes:
        tables: data-model table name -> its rows (columns named as in the data
            model, see docs/data-model.md; a reader fills the columns its format
            carries and leaves the others out).
        findings: data-quality findings (WARNING problems) with file, row, column, rule.
        provenance: which source filled which table and column.
    """

    tables: Mapping[str, pa.Table]
    findings: tuple[Problem, ...] = ()
    provenance: tuple[Provenance, ...] = ()
