"""Working days: weekdays that are not bank holidays in England and Wales.

Holidays come from the maintained ``holidays`` library (England subdivision,
which England and Wales share for the bank holidays used here), never from a
hand-typed list. Counting follows the sector validators' convention (see the
project's reference notes, ecosystem §5.14): the start day is day 0, so an
assessment authorised on the next working day after its start took 1 working
day.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from functools import cache

import holidays

FIRST_YEAR = 1995
LAST_YEAR = 2035


@cache
def bank_holidays() -> frozenset[dt.date]:
    """Bank holidays in England and Wales from 1995 to 2035."""
    days = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1))
    return frozenset(days.keys())


@cache
def _working_ordinals() -> tuple[int, ...]:
    start = dt.date(FIRST_YEAR, 1, 1).toordinal()
    stop = dt.date(LAST_YEAR, 12, 31).toordinal()
    hols = {d.toordinal() for d in bank_holidays()}
    return tuple(
        o for o in range(start, stop + 1) if dt.date.fromordinal(o).weekday() < 5 and o not in hols
    )


_FIRST_ORDINAL = dt.date(FIRST_YEAR, 1, 1).toordinal()
_LAST_ORDINAL = dt.date(LAST_YEAR, 12, 31).toordinal()


def _check(day: dt.date) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{day} is outside the supported range {FIRST_YEAR}-{LAST_YEAR}")


def is_working_day(day: dt.date) -> bool:
    """Whether ``day`` is a weekday and not a bank holiday."""
    return day.weekday() < 5 and day not in bank_holidays()


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end``.

    Zero when ``end`` is ``start``; negative when ``end`` comes first.

    >>> working_days_between(dt.date(2016, 8, 26), dt.date(2016, 8, 30))  # Mon 29th is a holiday
    1
    """
    _check(start)
    _check(end)
    if end < start:
        return -working_days_between(end, start)
    ords = _working_ordinals()
    return bisect.bisect_right(ords, end.toordinal()) - bisect.bisect_right(ords, start.toordinal())


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (``days`` >= 0).

    >>> add_working_days(dt.date(2016, 8, 26), 1)  # Friday + 1 skips the bank holiday Monday
    datetime.date(2016, 8, 30)
    """
    o = start.toordinal()
    if not _FIRST_ORDINAL <= o <= _LAST_ORDINAL:
        _check(start)  # raises
    if days < 0:
        raise ValueError("days must not be negative")
    if days == 0:
        return start
    ords = _working_ordinals()
    return dt.date.fromordinal(ords[bisect.bisect_right(ords, o) + days - 1])


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later, clamped to the month's end.

    >>> add_months(dt.date(2016, 1, 31), 1)
    datetime.date(2016, 2, 29)
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
