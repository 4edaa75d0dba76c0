"""Working days in England and Wales."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from kpibook.model.workdays import (
    add_working_days,
    bank_holidays,
    is_working_day,
    working_days_between,
)

days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))


def test_known_bank_holidays() -> None:
    assert dt.date(2016, 8, 29) in bank_holidays()  # summer bank holiday
    assert dt.date(2016, 12, 27) in bank_holidays()  # Christmas Day (Sunday) substitute
    assert not is_working_day(dt.date(2016, 8, 29))
    assert not is_working_day(dt.date(2016, 12, 27))
    assert is_working_day(dt.date(2016, 8, 30))


def test_counting_starts_the_day_after() -> None:
    friday = dt.date(2016, 8, 26)
    assert working_days_between(friday, friday) == 0
    assert add_working_days(friday, 0) == friday
    assert add_working_days(friday, 1) == dt.date(2016, 8, 30)
    assert working_days_between(friday, dt.date(2016, 8, 30)) == 1
    assert working_days_between(dt.date(2016, 8, 30), friday) == -1


@given(days, st.integers(min_value=1, max_value=400))
def test_adding_working_days_lands_on_a_working_day(day: dt.date, n: int) -> None:
    assert is_working_day(add_working_days(day, n))


@given(days, st.integers(min_value=0, max_value=400))
def test_counting_undoes_adding(day: dt.date, n: int) -> None:
    assert working_days_between(day, add_working_days(day, n)) == n
