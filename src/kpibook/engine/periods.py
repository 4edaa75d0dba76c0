"""Reporting periods: which dates a figure for a month covers.

Every figure is reported at a month end (``period_end``). Its *window* is the
run of days whose events count towards it, as the seed scorecards define them
(see docs/indicators.md, "Periods"):

========  ==========================================================  ==================
code      window for the month ending ``period_end``                  reported
========  ==========================================================  ==================
``SS``    the month-end day itself (a snapshot)                       every month
``M``     the calendar month                                          every month
``R3M``   the 3 calendar months to the month end                      every month
``R12M``  the 12 calendar months to the month end (Aug 2016 = 1 Sep   every month
          2015 to 31 Aug 2016)
``FYTD``  1 April of the financial year to the month end              every month
``AYTD``  1 September of the academic year to the month end           every month
``Q``     the calendar quarter ending at the month end                Mar, Jun, Sep, Dec
``A``     the financial year (April to March)                         March only
========  ==========================================================  ==================
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import Enum

from kpibook.model.workdays import add_months


class Period(Enum):
    """How far back from the month end a figure looks."""

    SS = "SS"
    M = "M"
    R3M = "R3M"
    R12M = "R12M"
    FYTD = "FYTD"
    AYTD = "AYTD"
    Q = "Q"
    A = "A"

    @property
    def description(self) -> str:
        """Plain-English description, as printed in the docs and by ``explain``."""
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    Period.SS: "snapshot at the month end",
    Period.M: "the calendar month",
    Period.R3M: "rolling 3 months to the month end",
    Period.R12M: "rolling 12 months to the month end",
    Period.FYTD: "financial year to date (from 1 April)",
    Period.AYTD: "academic year to date (from 1 September)",
    Period.Q: "the calendar quarter (reported at quarter ends)",
    Period.A: "the financial year (reported at March)",
}


@dataclass(frozen=True, slots=True)
class Window:
    """The days one figure covers: ``window_start`` to ``period_end`` inclusive."""

    period_end: dt.date
    window_start: dt.date


def month_end(year: int, month: int) -> dt.date:
    """The last day of ``year``-``month``."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month end from the month of ``first`` to the month of ``last``, inclusive."""
    out: list[dt.date] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(month_end(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def reported(period: Period, period_end: dt.date) -> bool:
    """Whether a figure with this period is reported at ``period_end``."""
    if period is Period.Q:
        return period_end.month in (3, 6, 9, 12)
    if period is Period.A:
        return period_end.month == 3
    return True


def window(period: Period, period_end: dt.date) -> Window:
    """The window of ``period`` for the month ending ``period_end``."""
    first_of_month = period_end.replace(day=1)
    if period is Period.SS:
        start = period_end
    elif period is Period.M:
        start = first_of_month
    elif period in (Period.R3M, Period.Q):
        start = add_months(first_of_month, -2)
    elif period is Period.R12M:
        start = add_months(first_of_month, -11)
    elif period in (Period.FYTD, Period.A):
        year = period_end.year if period_end.month >= 4 else period_end.year - 1
        start = dt.date(year, 4, 1)
    else:  # AYTD
        year = period_end.year if period_end.month >= 9 else period_end.year - 1
        start = dt.date(year, 9, 1)
    return Window(period_end, start)


def windows(period: Period, first: dt.date, last: dt.date) -> list[Window]:
    """The windows of ``period`` for every reported month end from ``first`` to ``last``."""
    return [window(period, me) for me in month_ends(first, last) if reported(period, me)]
