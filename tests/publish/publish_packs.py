"""Packs for the publication store's tests: figures, targets, units (see conftest.py).

* ``make_small_pack(targets_path)``: a hand-made results table (a council and two
  areas; four indicators) rated with the targets file at ``targets_path``.
* ``realistic_pack``: every indicator of the library, generated figures for a council,
  three areas and six teams, rated with the shipped Kent targets, with commentary
  and demographics.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

from kpibook.engine.compute import RESULT_SCHEMA
from kpibook.indicators.definition import Unit
from kpibook.indicators.library import Library
from kpibook.scorecard.config_files import Note
from kpibook.scorecard.figures import TREND_MONTHS, shift
from kpibook.scorecard.model import OrgUnit, Pack, Profile

MONTH = dt.date(2016, 8, 31)
"""The small pack's month."""


TARGETS_A = """\
version: test-a
council: Testshire
years:
  "2016-17":
    indicators:
      SCS-09: {target: 90, red_below: 80}
      SCS-17: {target: 10, red_from: 13}
      SCS-25: {target: 90, red_below: 80}
"""
"""The council's SCS-09 (85%) and SCS-17 (12%) rate Amber, SCS-25 (50%) Red."""

TARGETS_B = """\
version: test-b
council: Testshire
years:
  "2016-17":
    indicators:
      SCS-09: {target: 80, red_below: 70}
      SCS-17: {target: 15, red_from: 20}
"""
"""The same figures rate Green, and SCS-25 has no target (no exception page)."""

SMALL_UNITS = {
    "TC": OrgUnit("TC", "Testshire County Council", "council"),
    "AN": OrgUnit("AN", "North Area", "area", "TC"),
    "AS": OrgUnit("AS", "South Area", "area", "TC"),
}

PROFILE = Profile(
    council="Testshire County Council",
    short_name="Testshire",
    title="Children's Services Scorecard",
    directorate="Children, Young People and Education",
    produced_by="Performance Team",
    data_source="Test records",
)

COMMENTARY = {
    "SCS-25": Note("Health assessment requests are now sent on the day of entry.", "Head of CiC")
}

Record = tuple[str, dt.date, str, str, str, float | None, float | None, float | None]
"""indicator_id, period_end, org_level, org_unit, cohort, numerator, denominator, value."""


def results_table(records: list[Record]) -> pa.Table:
    """A results table in the engine's format."""
    names = RESULT_SCHEMA.names
    order = "indicator_id period_end org_level org_unit cohort numerator denominator value"
    columns = dict(zip(order.split(), zip(*records, strict=True), strict=True))
    return pa.table({n: list(columns[n]) for n in names}, schema=RESULT_SCHEMA)


def _percent(
    indicator: str, day: dt.date, level: str, unit: str, cohort: str, num: float, den: float
) -> Record:
    return (indicator, day, level, unit, cohort, num, den, 100 * num / den)


def small_records() -> list[Record]:
    """The small council's figures: 5 years at council level, 2 years for the areas."""
    records: list[Record] = []
    for back in range(TREND_MONTHS):
        day = shift(MONTH, -back)
        units = [("council", "TC")]
        if back < 24:
            units += [("area", "AN"), ("area", "AS")]
        for level, unit in units:
            drift = float(back % 5)
            share = {"TC": 1.0, "AN": 0.5, "AS": 0.5}[unit]
            for cohort in ("all", "exc_uasc"):
                less = 2.0 if cohort == "exc_uasc" else 0.0
                records.append(_percent("SCS-09", day, level, unit, cohort, 85 - drift - less, 100))
                records.append(_percent("SCS-17", day, level, unit, cohort, 12 + drift - less, 100))
                records.append(_percent("SCS-25", day, level, unit, cohort, 50 + drift + less, 100))
            count = round(900 * share) + back
            records.append(("ACT-07", day, level, unit, "all", count, None, count))
            records.append(("ACT-07", day, level, unit, "exc_uasc", count - 60, None, count - 60))
            records.append(("ACT-08", day, level, unit, "all", 60.0, None, 60.0))
    return records


SmallPack = Callable[[Path], Pack]
"""Builds the small pack rated with the targets file at a path."""


def generated(unit: Unit, rng: random.Random) -> tuple[float, float | None, float]:
    """Numerator, denominator and value of a generated figure."""
    if unit is Unit.COUNT:
        count = float(rng.randint(0, 2000))
        return count, None, count
    if unit is Unit.PERCENT:
        den = float(rng.randint(1, 400))
        num = float(rng.randint(0, int(den)))
        return num, den, 100 * num / den
    if unit is Unit.RATE_PER_10000:
        num, den = float(rng.randint(500, 2000)), float(rng.randint(250_000, 350_000))
        return num, den, 10_000 * num / den
    num, den = float(rng.randint(0, 50_000)), float(rng.randint(1, 500))
    return num, den, num / den


REALISTIC_MONTH = dt.date(2017, 8, 31)

REALISTIC_UNITS = {
    "KC": OrgUnit("KC", "Kentish County Council", "council"),
    **{
        a: OrgUnit(a, name, "area", "KC")
        for a, name in (("AN", "North"), ("AE", "East"), ("AW", "West"))
    },
    **{
        f"{a}{n}": OrgUnit(f"{a}{n}", f"{a} team {n}", "team", a)
        for a in ("AN", "AE", "AW")
        for n in (1, 2)
    },
}


def realistic_targets(library: Library) -> str:
    """A targets file for every rated indicator of the library, two years, with an override."""
    lines = ["version: generated-2017", "council: Kentish", "years:"]
    for year, shift_by in (("2016-17", 0), ("2017-18", 5)):
        lines += [f'  "{year}":', "    indicators:"]
        for indicator in library.indicators:
            polarity = indicator.polarity.value if indicator.polarity is not None else None
            if indicator.activity or polarity is None or indicator.id == "SCS-09":
                continue
            if polarity == "H":
                entry = f"{{target: {60 + shift_by}, red_below: 45}}"
            elif polarity == "L":
                entry = f"{{target: {30 - shift_by}, red_above: 45}}"
            else:
                entry = f"{{target: 50, green_between: [40, 60], amber_tolerance: {10 + shift_by}}}"
            lines.append(f"      {indicator.id}: {entry}")
        lines += [
            "      SCS-09:",
            "        target: 90",
            "        red_below: 80",
            "        rationale: Statutory guidance asks for 72 hours.",
            "        overrides:",
            "          - {org_unit: AN, target: 85, red_below: 75}",
        ]
    return "\n".join(lines) + "\n"
