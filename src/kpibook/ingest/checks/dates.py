"""Dates that contradict each other (``end-before-start``) or are hard to believe
(``implausible-date``).

Plausible dates lie between :data:`EARLIEST_PLAUSIBLE` and one year after the
day of the check (:data:`FUTURE_MONTHS`); dates of birth may be at most
:data:`BIRTH_FUTURE_MONTHS` months ahead (an expected date of birth). Dates
before :data:`PLACEHOLDER_BEFORE` or after :data:`PLACEHOLDER_AFTER` are
called out as placeholders (such as SQL Server's 1900-01-01 or an open-ended
9999-12-31).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlglot import exp

from kpibook.ingest import rules
from kpibook.ingest.checks.base import RowCheck, quoted, shown
from kpibook.ingest.sql import param
from kpibook.ingest.staged import StagedTable
from kpibook.model import Column, ColumnType
from kpibook.model.workdays import add_months
from kpibook.problems import Severity

EARLIEST_PLAUSIBLE = dt.date(1970, 1, 1)
"""No date in the data should be earlier than this: care leavers in an extract
from 2010 can be 25, born in the 1980s, so the bound sits well before them."""

FUTURE_MONTHS = 12
"""No date should be more than this many months after the day of the check."""

BIRTH_FUTURE_MONTHS = 9
"""A date of birth (or expected date of birth) may be at most this far ahead."""

PLACEHOLDER_BEFORE = dt.date(1900, 1, 1)
"""Dates before this are treated as placeholders for "no date"."""

PLACEHOLDER_AFTER = dt.date(2100, 12, 31)
"""Dates after this are treated as placeholders for "no end yet"."""

BIRTH_SUFFIX = "_dob"
"""Columns named ``..._dob`` hold dates of birth."""


def latest_plausible(column: Column, today: dt.date) -> dt.date:
    """The latest plausible value of the date column ``column``."""
    months = BIRTH_FUTURE_MONTHS if column.name.endswith(BIRTH_SUFFIX) else FUTURE_MONTHS
    return add_months(today, months)


@dataclass(frozen=True, slots=True)
class _Implausible:
    column: Column
    latest: dt.date

    def __call__(self, values: tuple[object, ...]) -> str:
        value = values[0] if values else None
        what = shown(self.column, value)
        if isinstance(value, dt.date) and not PLACEHOLDER_BEFORE <= value <= PLACEHOLDER_AFTER:
            return what + " looks like a placeholder, not a real date."
        return (
            f"{what} is outside the plausible range {EARLIEST_PLAUSIBLE.isoformat()} to "
            f"{self.latest.isoformat()}."
        )


@dataclass(frozen=True, slots=True)
class _EndBeforeStart:
    start: Column
    end: Column

    def __call__(self, values: tuple[object, ...]) -> str:
        start, end = values if len(values) == 2 else (None, None)
        if self.start.personal or self.end.personal:
            return f"{self.end.name} is before {self.start.name}."
        return f"{self.end.name} ({quoted(end)}) is before {self.start.name} ({quoted(start)})."


def implausible_checks(staged: StagedTable, today: dt.date) -> list[RowCheck]:
    """``implausible-date`` checks for every date column of ``staged``."""
    checks: list[RowCheck] = []
    for column in staged.present():
        if column.type is not ColumnType.DATE:
            continue
        value = staged.value(column.name)
        latest = latest_plausible(column, today)
        checks.append(
            RowCheck(
                rule=rules.IMPLAUSIBLE_DATE,
                severity=Severity.WARNING,
                column=column.name,
                condition=exp.or_(
                    exp.LT(this=value.copy(), expression=param("earliest")),
                    exp.GT(this=value.copy(), expression=param("latest")),
                ),
                describe=_Implausible(column, latest),
                hint="Check the date in the source system. If a date stands for 'none' or "
                "'not ended', leave the value empty instead.",
                values=(value,),
                params={"earliest": EARLIEST_PLAUSIBLE, "latest": latest},
            )
        )
    return checks


def range_checks(staged: StagedTable) -> list[RowCheck]:
    """``end-before-start`` checks for every date range of ``staged``'s table."""
    checks: list[RowCheck] = []
    for pair in staged.table.date_ranges:
        if not (staged.has(pair.start) and staged.has(pair.end)):
            continue
        start_col, end_col = staged.table.column(pair.start), staged.table.column(pair.end)
        start, end = staged.value(pair.start), staged.value(pair.end)
        checks.append(
            RowCheck(
                rule=rules.END_BEFORE_START,
                severity=Severity.WARNING,
                column=pair.end,
                condition=exp.LT(this=end.copy(), expression=start.copy()),
                describe=_EndBeforeStart(start_col, end_col),
                hint=f"Check both dates in the source system: {pair.end} must be on or after "
                f"{pair.start}.",
                values=(start, end),
            )
        )
    return checks
