"""Properties of working-day counting (the start day is day 0)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from kpibook.model.workdays import bank_holidays, is_working_day, working_days_between

days = st.dates(min_value=dt.date(1996, 1, 1), max_value=dt.date(2034, 12, 31))


@given(days, days, days)
def test_counts_add_up_over_consecutive_spans(a: dt.date, b: dt.date, c: dt.date) -> None:
    assert working_days_between(a, b) + working_days_between(b, c) == working_days_between(a, c)


@given(days)
def test_a_day_counts_one_exactly_when_it_is_a_working_day(day: dt.date) -> None:
    # The span from the day before to the day holds just this day.
    assert working_days_between(day - dt.timedelta(days=1), day) == int(is_working_day(day))


@given(days)
def test_weekends_and_bank_holidays_are_never_working_days(day: dt.date) -> None:
    if day.weekday() >= 5 or day in bank_holidays():
        assert not is_working_day(day)
    else:
        assert is_working_day(day)


@given(days, st.integers(min_value=0, max_value=400))
def test_never_more_than_the_weekdays(start: dt.date, length: int) -> None:
    end = start + dt.timedelta(days=length)
    weekdays = sum(1 for i in range(1, length + 1) if (start + dt.timedelta(days=i)).weekday() < 5)
    holidays_on_weekdays = sum(1 for h in bank_holidays() if start < h <= end and h.weekday() < 5)
    assert working_days_between(start, end) == weekdays - holidays_on_weekdays


def test_hand_worked_spans() -> None:
    # Fri 26 Aug 2016 -> Tue 30 Aug 2016: Sat, Sun and bank holiday Mon 29th do not count.
    assert working_days_between(dt.date(2016, 8, 26), dt.date(2016, 8, 30)) == 1
    # Thu 24 Dec 2015 -> Tue 29 Dec 2015: Fri 25th and Mon 28th (Boxing Day substitute)
    # are bank holidays, so only Tue 29th counts.
    assert working_days_between(dt.date(2015, 12, 24), dt.date(2015, 12, 29)) == 1
    # Fri 27 May 2016 -> Fri 3 Jun 2016: Mon 30 May is the spring bank holiday -> 4.
    assert working_days_between(dt.date(2016, 5, 27), dt.date(2016, 6, 3)) == 4
    # A bank holiday start counts as day 0 like any other day.
    assert working_days_between(dt.date(2016, 8, 29), dt.date(2016, 8, 30)) == 1
