"""Period windows: which days each month's figure covers, and when it is reported.

Properties are checked over month ends drawn by hypothesis; the seed
scorecards' worked examples (Aug 2016 R12M = 1 Sep 2015 to 31 Aug 2016,
Mar 2017 FYTD from 1 Apr 2016) are written out by hand.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpibook.engine.periods import Period, Window, month_end, month_ends, reported, window, windows

ONE_DAY = dt.timedelta(days=1)

months = st.tuples(st.integers(min_value=1996, max_value=2034), st.integers(1, 12))
"""A (year, month) pair."""

month_end_days = months.map(lambda ym: month_end(*ym))


def _months_between(start: dt.date, end: dt.date) -> int:
    """Calendar months from the month of ``start`` to the month of ``end``, inclusive."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


# --- month ends -----------------------------------------------------------------------------


def test_month_end() -> None:
    assert month_end(2016, 2) == dt.date(2016, 2, 29)  # leap year
    assert month_end(2017, 2) == dt.date(2017, 2, 28)
    assert month_end(2016, 12) == dt.date(2016, 12, 31)
    assert month_end(2016, 4) == dt.date(2016, 4, 30)


def test_month_ends_cover_the_months_of_both_ends() -> None:
    assert month_ends(dt.date(2015, 11, 15), dt.date(2016, 2, 1)) == [
        dt.date(2015, 11, 30),
        dt.date(2015, 12, 31),
        dt.date(2016, 1, 31),
        dt.date(2016, 2, 29),
    ]
    assert month_ends(dt.date(2016, 8, 31), dt.date(2016, 8, 31)) == [dt.date(2016, 8, 31)]
    assert month_ends(dt.date(2016, 9, 1), dt.date(2016, 8, 31)) == []


@given(months, st.integers(min_value=0, max_value=60))
def test_month_ends_are_consecutive_month_ends(start: tuple[int, int], count: int) -> None:
    first = dt.date(start[0], start[1], 1)
    ends = month_ends(first, first + dt.timedelta(days=31 * count))
    assert ends[0] == month_end(*start)
    for earlier, later in pairwise(ends):
        assert later.replace(day=1) == earlier + ONE_DAY  # next month starts the day after
        assert (later + ONE_DAY).day == 1  # each is the last day of its month


# --- properties of every period ---------------------------------------------------------------


@given(st.sampled_from(list(Period)), month_end_days)
def test_every_window_ends_at_the_month_end_and_starts_on_or_before_it(
    period: Period, me: dt.date
) -> None:
    w = window(period, me)
    assert w.period_end == me
    assert w.window_start <= me
    if period is not Period.SS:
        assert w.window_start.day == 1  # whole months


def test_snapshot_window_is_the_day() -> None:
    assert window(Period.SS, dt.date(2016, 8, 31)) == Window(
        dt.date(2016, 8, 31), dt.date(2016, 8, 31)
    )


@given(month_end_days)
def test_snapshot_window_is_the_month_end_day(me: dt.date) -> None:
    assert window(Period.SS, me).window_start == me


@given(months, st.integers(min_value=1, max_value=48))
def test_monthly_windows_tile_the_calendar(start: tuple[int, int], count: int) -> None:
    first = dt.date(*start, 1)
    ws = windows(Period.M, first, first + dt.timedelta(days=30.5 * count))
    assert ws[0].window_start == first
    for earlier, later in pairwise(ws):
        # No gap and no overlap: each window starts the day after the previous one ends.
        assert later.window_start == earlier.period_end + ONE_DAY
    for w in ws:
        assert _months_between(w.window_start, w.period_end) == 1


@given(month_end_days)
def test_r12m_covers_twelve_calendar_months(me: dt.date) -> None:
    w = window(Period.R12M, me)
    assert _months_between(w.window_start, w.period_end) == 12
    # ... which is exactly the twelve month ends back from this one.
    ends = month_ends(w.window_start, w.period_end)
    assert len(ends) == 12
    assert ends[-1] == me
    # The window starts the day after the same month end a year earlier.
    assert w.window_start == month_end(me.year - 1, me.month) + ONE_DAY


def test_r12m_august_2016_is_september_2015_to_august_2016() -> None:
    assert window(Period.R12M, dt.date(2016, 8, 31)) == Window(
        dt.date(2016, 8, 31), dt.date(2015, 9, 1)
    )
    # Over a February: Feb 2016 R12M = 1 Mar 2015 to 29 Feb 2016.
    assert window(Period.R12M, dt.date(2016, 2, 29)).window_start == dt.date(2015, 3, 1)


@given(month_end_days)
def test_r3m_covers_three_calendar_months(me: dt.date) -> None:
    w = window(Period.R3M, me)
    assert _months_between(w.window_start, w.period_end) == 3
    assert len(month_ends(w.window_start, w.period_end)) == 3


def test_r3m_examples() -> None:
    assert window(Period.R3M, dt.date(2016, 8, 31)).window_start == dt.date(2016, 6, 1)
    assert window(Period.R3M, dt.date(2016, 1, 31)).window_start == dt.date(2015, 11, 1)


@given(month_end_days)
def test_fytd_starts_on_the_1_april_on_or_before_the_month(me: dt.date) -> None:
    start = window(Period.FYTD, me).window_start
    assert (start.month, start.day) == (4, 1)
    assert start <= me
    assert _months_between(start, me) <= 12  # never more than a financial year


@pytest.mark.parametrize(
    ("me", "start"),
    [
        (dt.date(2017, 3, 31), dt.date(2016, 4, 1)),  # March closes the year begun last April
        (dt.date(2017, 4, 30), dt.date(2017, 4, 1)),  # April opens a new year
        (dt.date(2016, 8, 31), dt.date(2016, 4, 1)),
        (dt.date(2017, 1, 31), dt.date(2016, 4, 1)),
    ],
)
def test_fytd_examples(me: dt.date, start: dt.date) -> None:
    assert window(Period.FYTD, me).window_start == start


@given(month_end_days)
def test_aytd_starts_on_the_1_september_on_or_before_the_month(me: dt.date) -> None:
    start = window(Period.AYTD, me).window_start
    assert (start.month, start.day) == (9, 1)
    assert start <= me
    assert _months_between(start, me) <= 12


@pytest.mark.parametrize(
    ("me", "start"),
    [
        (dt.date(2016, 8, 31), dt.date(2015, 9, 1)),  # August closes the academic year
        (dt.date(2016, 9, 30), dt.date(2016, 9, 1)),  # September opens a new one
        (dt.date(2017, 3, 31), dt.date(2016, 9, 1)),
    ],
)
def test_aytd_examples(me: dt.date, start: dt.date) -> None:
    assert window(Period.AYTD, me).window_start == start


@given(month_end_days)
def test_quarters_reported_only_at_quarter_ends(me: dt.date) -> None:
    assert reported(Period.Q, me) == (me.month in (3, 6, 9, 12))


@given(months, st.integers(min_value=1, max_value=60))
def test_quarterly_windows_tile_the_quarters(start: tuple[int, int], count: int) -> None:
    first = dt.date(*start, 1)
    last = first + dt.timedelta(days=30.5 * count)
    ws = windows(Period.Q, first, last)
    assert [w.period_end for w in ws] == [
        me for me in month_ends(first, last) if me.month in (3, 6, 9, 12)
    ]
    for w in ws:
        assert _months_between(w.window_start, w.period_end) == 3
        assert w.window_start.month in (1, 4, 7, 10)  # a calendar quarter
    for earlier, later in pairwise(ws):
        assert later.window_start == earlier.period_end + ONE_DAY


def test_quarter_example() -> None:
    assert windows(Period.Q, dt.date(2016, 7, 1), dt.date(2016, 12, 31)) == [
        Window(dt.date(2016, 9, 30), dt.date(2016, 7, 1)),
        Window(dt.date(2016, 12, 31), dt.date(2016, 10, 1)),
    ]


@given(month_end_days)
def test_annual_reported_only_in_march_covering_april_to_march(me: dt.date) -> None:
    assert reported(Period.A, me) == (me.month == 3)
    if me.month == 3:
        assert window(Period.A, me) == Window(me, dt.date(me.year - 1, 4, 1))


@given(months, st.integers(min_value=1, max_value=96))
def test_annual_windows_tile_the_financial_years(start: tuple[int, int], count: int) -> None:
    first = dt.date(*start, 1)
    ws = windows(Period.A, first, first + dt.timedelta(days=30.5 * count))
    assert all(w.period_end.month == 3 for w in ws)
    for earlier, later in pairwise(ws):
        assert later.window_start == earlier.period_end + ONE_DAY


@given(st.sampled_from([p for p in Period if p not in (Period.Q, Period.A)]), month_end_days)
def test_other_periods_are_reported_every_month(period: Period, me: dt.date) -> None:
    assert reported(period, me)


@given(st.sampled_from(list(Period)), months, st.integers(min_value=0, max_value=36))
def test_windows_are_the_reported_month_ends_in_order(
    period: Period, start: tuple[int, int], count: int
) -> None:
    first = dt.date(*start, 1)
    last = first + dt.timedelta(days=30.5 * count)
    ws = windows(period, first, last)
    assert [w.period_end for w in ws] == [
        me for me in month_ends(first, last) if reported(period, me)
    ]
    assert all(w == window(period, w.period_end) for w in ws)


@given(st.sampled_from(list(Period)), month_end_days)
def test_windows_never_reach_past_a_year(period: Period, me: dt.date) -> None:
    w = window(period, me)
    assert _months_between(w.window_start, w.period_end) <= 12


def test_every_period_has_a_description() -> None:
    for period in Period:
        assert period.description
