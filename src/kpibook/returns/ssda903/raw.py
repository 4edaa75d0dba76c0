"""Rows of a 903 return as read, before they are mapped to the data model.

Both readers (CSV and XML) produce :class:`RawReturn` objects: the rows of
each 903 table with the file and row (or ``CHILD`` element) they came from,
so every problem can say where it is. :func:`type_rows` then checks each
row's key fields and dates and turns the text into typed values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kpibook.problems import Problem
from kpibook.returns.common import finding, parse_date, structural
from kpibook.returns.ssda903.spec import TABLES

SPAN_DATES = frozenset({"DEC", "MIS_END", "SW_DEC", "DATE_PLACED_CEASED", "DOLO_END"})
"""Date columns that end a spell: unreadable values stop the import, like key dates,
because guessing them would lengthen or shorten a child's time in care."""


EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2099, 12, 31)
"""Dates outside these are placeholders (``31/12/9999`` for "open") or typos, and are
treated as unreadable."""


_RANGE = "between 1900 and 2099"


def _plausible(day: dt.date | None) -> dt.date | None:
    if day is not None and not EARLIEST <= day <= LATEST:
        raise ValueError(f"{day.isoformat()} is not a plausible date")
    return day


@dataclass(slots=True)
class RawRow:
    """One row of a 903 table as text (stripped and upper-cased; '' when empty)."""

    table: str
    values: dict[str, str]
    file: str
    row: int
    """1-based data row of a CSV file, or the ordinal of the CHILD element in XML."""
    where: str = ""
    """Prefix naming the XML element the fields came from (``EPISODE/``), '' for CSV."""


@dataclass(slots=True)
class RawReturn:
    """The tables of one return (one folder-and-year of CSVs, or one XML file)."""

    name: str
    """How the return is named in problems and provenance: its folder or file."""
    kind: str
    """``CSV`` or ``XML``."""
    year_hint: int | None
    """The collection year named in the file or folder name, if any."""
    tables: dict[str, list[RawRow]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    """903 table name -> the file it was read from."""


@dataclass(slots=True)
class Row:
    """One typed row: text values and dates, with where it came from."""

    table: str
    child: str
    text: dict[str, str | None]
    dates: dict[str, dt.date | None]
    file: str
    row: int
    where: str
    year: int = 0
    """The collection year of the return the row came from (set once it is known)."""

    def column(self, name: str) -> str:
        """The column name as problems should show it (XML element path included)."""
        return f"{self.where}{name}"


def type_rows(raw: RawReturn) -> tuple[dict[str, list[Row]], list[Problem], list[Problem]]:
    """Typed rows of every table, structural problems and data-quality findings.

    Structural: a required field (the child's id, a key date) empty or unreadable,
    or a date that ends a spell unreadable. Finding: any other date unreadable
    (the value is left empty).
    """
    errors: list[Problem] = []
    findings: list[Problem] = []
    out: dict[str, list[Row]] = {}
    for name, rows in raw.tables.items():
        spec = TABLES[name]
        typed: list[Row] = []
        for r in rows:
            bad = False
            for col in spec.required:
                if not r.values.get(col, ""):
                    errors.append(
                        structural(
                            r.file,
                            "key-field-missing",
                            f"{name}: the key field {col} is empty",
                            f"every {name} row needs {', '.join(spec.required)}",
                            row=r.row,
                            column=f"{r.where}{col}",
                        )
                    )
                    bad = True
            dates: dict[str, dt.date | None] = {}
            for col in spec.dates:
                try:
                    dates[col] = _plausible(parse_date(r.values.get(col, "")))
                except ValueError:
                    dates[col] = None
                    if col in spec.required or col in SPAN_DATES:
                        errors.append(
                            structural(
                                r.file,
                                "key-date-unreadable",
                                f"{name}: {col} is not a date {_RANGE} (write dd/mm/yyyy)",
                                "correct the date in the case system and export the return again",
                                row=r.row,
                                column=f"{r.where}{col}",
                            )
                        )
                        bad = True
                    else:
                        findings.append(
                            finding(
                                r.file,
                                "date-unreadable",
                                f"{name}: {col} is not a date {_RANGE}; it is left empty",
                                "correct the date in the case system",
                                row=r.row,
                                column=f"{r.where}{col}",
                            )
                        )
            if bad:
                continue
            text = {c: (r.values.get(c) or None) for c in spec.columns if c not in spec.dates}
            typed.append(
                Row(
                    table=name,
                    child=r.values["CHILD"],
                    text=text,
                    dates=dates,
                    file=r.file,
                    row=r.row,
                    where=r.where,
                )
            )
        out[name] = typed
    return out, errors, findings
