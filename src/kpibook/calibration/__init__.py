"""Calibration: the synthetic council's August 2016 figures against Kent's published ones.

The synthetic council's process rates were tuned so that its August 2016
scorecard lands close to Kent's (``../shared/reference/seed-values.csv``): the
foundation issue asks for at least 40 of the 45 scorecard indicators within
3 percentage points (percentages) or 10 % (counts, days, averages), and the
activity table's council totals within 10 %. Kent's figures are in
``kent_2016_08.csv`` beside this module. This module computes ours with the
indicator library — the same SQL as every other figure — and compares.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from importlib import resources

import duckdb

from kpibook.engine.compute import Engine
from kpibook.indicators.library import Library

MONTH_END = dt.date(2016, 8, 31)


@dataclass(frozen=True, slots=True)
class Reference:
    """One of Kent's published August 2016 figures."""

    indicator_id: str
    kent: float
    percentage: bool
    """Tolerance is 3 percentage points when True, 10 % of Kent's value otherwise."""
    measure: str


@dataclass(frozen=True, slots=True)
class Comparison:
    """Kent's figure beside ours."""

    reference: Reference
    ours: float | None
    numerator: float | None
    denominator: float | None
    cohort: str

    @property
    def within(self) -> bool:
        """Whether ours is within the tolerance of Kent's."""
        if self.ours is None:
            return False
        if self.reference.percentage:
            return abs(self.ours - self.reference.kent) <= 3.0
        return abs(self.ours - self.reference.kent) <= max(0.1 * self.reference.kent, 1.0)


def references() -> tuple[Reference, ...]:
    """Kent's August 2016 figures (45 scorecard indicators and 11 activity totals)."""
    text = (resources.files("kpibook.calibration") / "kent_2016_08.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    return tuple(
        Reference(
            r["indicator_id"], float(r["kent_value"]), r["tolerance"] == "3 points", r["measure"]
        )
        for r in rows
    )


def compare(con: duckdb.DuckDBPyConnection, library: Library) -> tuple[Comparison, ...]:
    """Compute August 2016 for every reference indicator in ``con`` and compare with Kent's.

    Each figure is the council's, for the indicator's headline cohort.
    """
    refs = references()
    engine = Engine.prepare(con, MONTH_END, MONTH_END)
    wanted = library.select(r.indicator_id for r in refs)
    table = engine.compute(wanted)
    council = {
        (row["indicator_id"], row["cohort"]): row
        for row in table.to_pylist()
        if row["org_level"] == "council"
    }
    out = []
    for ref in refs:
        cohort = "all"
        if ref.indicator_id in wanted.ids:
            cohort = wanted.get(ref.indicator_id).headline_cohort.value
        row = council.get((ref.indicator_id, cohort))
        out.append(
            Comparison(
                ref,
                None if row is None else row["value"],
                None if row is None else row["numerator"],
                None if row is None else row["denominator"],
                cohort,
            )
        )
    return tuple(out)


def _num(x: float | None) -> str:
    """Whole numbers without decimals, full-time equivalents to one place."""
    if x is None:
        return "-"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def markdown(comparisons: tuple[Comparison, ...]) -> str:
    """The calibration table as Markdown (for docs/synthetic-council.md)."""
    lines = [
        "| Indicator | Measure | Kent | Ours | Numerator / denominator | Tolerance | Within |",
        "|---|---|---:|---:|---|---|---|",
    ]
    for c in comparisons:
        ours = "-" if c.ours is None else f"{c.ours:.1f}"
        nd = "" if c.denominator is None else f"{_num(c.numerator)} / {_num(c.denominator)}"
        tol = "±3 pts" if c.reference.percentage else "±10 %"
        mark = "yes" if c.within else "NO"
        lines.append(
            f"| {c.reference.indicator_id} | {c.reference.measure} | {c.reference.kent:g} "
            f"| {ours} | {nd} | {tol} | {mark} |"
        )
    scorecard = [c for c in comparisons if c.reference.indicator_id.startswith("SCS-")]
    activity = [c for c in comparisons if c.reference.indicator_id.startswith("ACT-")]
    lines.append("")
    lines.append(
        f"Scorecard within tolerance: {sum(c.within for c in scorecard)} of {len(scorecard)}; "
        f"activity totals: {sum(c.within for c in activity)} of {len(activity)}."
    )
    return "\n".join(lines)
