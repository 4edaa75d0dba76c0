"""Matching a file's column names to the columns of its table.

Names are compared after removing surrounding spaces (and a byte-order mark)
and without regard to case, because DuckDB, like SQL Server, treats column
names case-insensitively. A required column that is absent is an error;
an optional column that is absent is loaded as empty; a column the model does
not know is reported and ignored.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kpibook.ingest import rules
from kpibook.ingest.files import expected_header
from kpibook.model import Table
from kpibook.problems import Problem, Severity


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    """Where each model column is in a file.

    Attributes:
        positions: model column name -> its position in the header (0-based).
        problems: missing, duplicated and unknown columns.
    """

    positions: Mapping[str, int] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()


def normalise(name: str) -> str:
    """A column name as compared: no surrounding spaces or BOM, lower case."""
    return name.strip().lstrip("\ufeff").strip().lower()


def match_header(table: Table, header: Sequence[str], file: str) -> HeaderMatch:
    """Match ``header`` (a file's column names, in order) to ``table``."""
    known = {c.name.lower(): c.name for c in table.columns}
    positions: dict[str, int] = {}
    seen: set[str] = set()
    problems: list[Problem] = []
    for position, name in enumerate(header):
        key = normalise(name)
        if key in seen:
            problems.append(_duplicate_column(table, file, name.strip(), position))
            continue
        seen.add(key)
        if key in known:
            positions[known[key]] = position
        else:
            problems.append(_unknown_column(table, file, name.strip(), position))
    for column in table.required_columns:
        if column.name not in positions:
            problems.append(_missing_column(table, file, column.name))
    return HeaderMatch(positions=positions, problems=tuple(problems))


def _duplicate_column(table: Table, file: str, name: str, position: int) -> Problem:
    return Problem(
        Severity.ERROR,
        rules.DUPLICATE_COLUMN,
        file,
        f"the column {name} appears more than once in the header (again as column "
        f"{position + 1}), so kpibook cannot tell which one holds the data.",
        hint=f"Keep one column called {name} and remove or rename the others.",
        column=name,
    )


def _unknown_column(table: Table, file: str, name: str, position: int) -> Problem:
    if not name:
        return Problem(
            Severity.WARNING,
            rules.UNKNOWN_COLUMN,
            file,
            f"column {position + 1} of the header has no name, so it was ignored.",
            hint="Remove the empty column (often left by a spreadsheet after the last "
            "real column).",
        )
    close = difflib.get_close_matches(name.lower(), table.column_names, n=1, cutoff=0.8)
    guess = f" Did you mean {close[0]}?" if close else ""
    return Problem(
        Severity.WARNING,
        rules.UNKNOWN_COLUMN,
        file,
        f"the column {name} is not part of the table {table.name}, so it was ignored.",
        hint=f"Remove the column, or rename it if it should be one of: "
        f"{', '.join(table.column_names)}.{guess}",
        column=name,
    )


def _missing_column(table: Table, file: str, name: str) -> Problem:
    required = ", ".join(c.name for c in table.required_columns)
    return Problem(
        Severity.ERROR,
        rules.MISSING_COLUMN,
        file,
        f"the required column {name} is missing, so the table {table.name} cannot be used.",
        hint=(
            f"Add the column {name} to the file (values may be empty where the column "
            f"allows it). Required columns: {required}. The full header is: "
            f"{expected_header(table)}"
        ),
        column=name,
    )
