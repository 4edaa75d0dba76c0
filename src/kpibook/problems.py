"""Problems found in input: where, what, why and what to do next.

A :class:`Problem` is a value, not an exception, so every stage can collect all
of them before reporting. Problems never carry data values of personal
columns: they name the file, row and column, never a child's name or date of
birth.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    """How bad a problem is."""

    ERROR = "error"
    """Structural: the data cannot be loaded as it is. Commands stop and write nothing."""
    WARNING = "warning"
    """Data quality: the data loads, the finding is reported (and fails ``--strict``)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in the input.

    Attributes:
        severity: error (structural) or warning (data quality).
        rule: short id of the rule broken, e.g. ``missing-column``.
        file: the file (or folder) the problem is in.
        message: what is wrong and why, in plain English.
        hint: what to do about it.
        row: 1-based data row number in the file (header excluded), if any.
        column: the column concerned, if any.
        line: 1-based line number in a text file that is not a table (an
            indicator's YAML or SQL file), if any.
        sheet: the worksheet of a workbook file (e.g. an Annex A list), if
            any; ``row`` then counts that sheet's data rows.
    """

    severity: Severity
    rule: str
    file: str
    message: str
    hint: str = ""
    row: int | None = None
    column: str | None = None
    line: int | None = None
    sheet: str | None = None

    @property
    def location(self) -> str:
        """``file, sheet 'S', row N, column C`` as far as known."""
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f"sheet '{self.sheet}'")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        text = f"{self.severity.value}: {self.location}: {self.message} [{self.rule}]"
        return f"{text}\n  → {self.hint}" if self.hint else text


def errors_in(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """The structural problems: the data cannot be used as it is."""
    return tuple(p for p in problems if p.severity is Severity.ERROR)


def warnings_in(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """The data-quality problems."""
    return tuple(p for p in problems if p.severity is Severity.WARNING)
