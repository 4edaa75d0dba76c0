"""Figures for a pack: the results a month's pack needs, indexed for lookup."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from kpibook.engine.periods import month_end
from kpibook.model.workdays import add_months

TREND_MONTHS = 60
"""How far back council-level trends go (the 5-year trend chart)."""


def shift(period_end: dt.date, months: int) -> dt.date:
    """The month end ``months`` months after (negative: before) ``period_end``."""
    first = add_months(period_end.replace(day=1), months)
    return month_end(first.year, first.month)


@dataclass(frozen=True, slots=True)
class Figure:
    """One computed figure (unrounded)."""

    value: float | None
    numerator: float | None
    denominator: float | None


Key = tuple[str, dt.date, str, str, str]
"""(indicator_id, period_end, org_level, org_unit, cohort)."""


@dataclass(frozen=True, slots=True)
class Figures:
    """The figures a month's pack uses: every unit for recent months, the council for 5 years."""

    month: dt.date
    index: dict[Key, Figure]
    units: dict[str, tuple[str, ...]]
    """Org units present, by level."""

    def get(
        self, indicator_id: str, period_end: dt.date, level: str, unit: str, cohort: str
    ) -> Figure | None:
        """The figure, or None when there is none."""
        return self.index.get((indicator_id, period_end, level, unit, cohort))

    def value(
        self, indicator_id: str, period_end: dt.date, level: str, unit: str, cohort: str
    ) -> float | None:
        """Just the value."""
        found = self.get(indicator_id, period_end, level, unit, cohort)
        return found.value if found is not None else None

    def indicator_ids(self) -> set[str]:
        """Indicators with any figure for the month."""
        return {k[0] for k in self.index if k[1] == self.month}


def recent_months(month: dt.date) -> tuple[dt.date, ...]:
    """The months every unit is needed for: the last four (trend table) and a year ago."""
    return (*(shift(month, -i) for i in range(4)), shift(month, -12))


def select_figures(results: pa.Table, month: dt.date) -> Figures:
    """Index the figures of ``results`` that a pack for ``month`` shows.

    Every unit for the recent months; council level (``council`` level rows)
    for the 5 years to ``month``.
    """
    con = duckdb.connect()
    try:
        con.register("results", results)
        rows = con.execute(
            "SELECT indicator_id, period_end, org_level, org_unit, cohort, value, numerator, "
            "denominator FROM results WHERE period_end IN (SELECT unnest(?)) OR "
            "(org_level = 'council' AND period_end BETWEEN ? AND ?)",
            [list(recent_months(month)), shift(month, -(TREND_MONTHS - 1)), month],
        ).fetchall()
    finally:
        con.close()
    index: dict[Key, Figure] = {}
    units: dict[str, set[str]] = {}
    for indicator_id, period_end, level, unit, cohort, val, num, den in rows:
        index[(indicator_id, period_end, level, unit, cohort)] = Figure(val, num, den)
        if period_end == month:
            units.setdefault(level, set()).add(unit)
    return Figures(month, index, {k: tuple(sorted(v)) for k, v in units.items()})
