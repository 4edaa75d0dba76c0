"""A small scorecard pack's inputs, written out by hand (used by tests/conftest.py and others).

The figures are written out by hand (no engine, no synthetic council), so what
the pack must show can be worked out on paper: e.g. SCS-09 in August 2016 is
70 of 100 returner interviews in time (70.0%), Red against "Red below 80%".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa

from kpibook.engine.compute import RESULT_SCHEMA
from kpibook.scorecard.model import OrgUnit, Profile

MONTH = dt.date(2016, 8, 31)

SMALL_IDS = (
    "SCS-01",
    "SCS-09",
    "SCS-17",
    "SCS-43",
    "SCS-02",
    "SCS-21",
    "ACT-04",
    "ACT-05",
    "ACT-07",
    "ACT-08",
)

SMALL_TARGETS = """\
version: small-test-targets
council: Testshire
years:
  "2016-17":
    agreed_by: Test Divisional Management Team
    indicators:
      SCS-01: {target: 25, red_above: 30}
      SCS-09: {target: 90, red_below: 80, source: local, rationale: Stated on the exception page.}
      SCS-17: {target: 10, red_from: 13}
      SCS-43: {target: 15, red_above: 18}
      SCS-02: {target: 90, amber_tolerance: 10}
      SCS-21: {target: 95, red_below: 85}
  "2015-16":
    indicators:
      SCS-09: {target: 80, red_below: 70}
"""

UNITS = {
    "TST": OrgUnit("TST", "Testshire County Council", "council"),
    "AREA_N": OrgUnit("AREA_N", "North Area", "area", "TST"),
    "AREA_S": OrgUnit("AREA_S", "South Area", "area", "TST"),
    "T_N1": OrgUnit("T_N1", "North Team 1", "team", "AREA_N"),
    "T_S1": OrgUnit("T_S1", "South Team 1", "team", "AREA_S"),
}

PROFILE = Profile(
    council="Testshire County Council",
    short_name="Testshire",
    title="Specialist Children's Services Performance Management Scorecard",
    directorate="Social Care, Health and Wellbeing",
    division="Specialist Children's Services",
    portfolio="Specialist Children's Services",
    cabinet_member="Cabinet Member for Specialist Children's Services",
    director="Corporate Director, Social Care, Health and Wellbeing",
    produced_by="Testshire Management Information",
    data_source="Test case management system",
    drilldown="Ask the Management Information team for the children behind a figure.",
)


def _month(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


# (indicator, unit, level, cohort) -> {month_end: (numerator, denominator)}; value worked out.
_AUG, _JUL, _JUN, _MAY = _month(2016, 8), _month(2016, 7), _month(2016, 6), _month(2016, 5)
_LAST_AUG = _month(2015, 8)


def _percent(num: float, den: float) -> tuple[float, float, float]:
    return num, den, 100 * num / den


def small_results() -> pa.Table:
    """The hand-made figures (see the module docstring)."""
    rows: list[tuple[str, dt.date, str, str, str, float | None, float | None, float | None]] = []

    def pct(
        ind: str, day: dt.date, level: str, unit: str, num: float, den: float, cohort: str = "all"
    ) -> None:
        n, d, v = _percent(num, den)
        rows.append((ind, day, level, unit, cohort, n, d, v))

    def cnt(ind: str, day: dt.date, level: str, unit: str, n: float, cohort: str = "all") -> None:
        rows.append((ind, day, level, unit, cohort, n, None, n))

    # SCS-09 returner interviews (H, R12M): Red at council, 70/100; R3M 21/30 = 70.0%.
    for day, num in ((_MAY, 60), (_JUN, 64), (_JUL, 66), (_AUG, 70), (_LAST_AUG, 50)):
        pct("SCS-09", day, "council", "TST", num, 100)
    pct("SCS-09:R3M", _AUG, "council", "TST", 21, 30)
    pct("SCS-09", _AUG, "area", "AREA_N", 30, 40)  # 75.0% Red, 6 short of 90%
    pct("SCS-09", _AUG, "area", "AREA_S", 40, 60)  # 66.7% Red, 14 short
    pct("SCS-09", _AUG, "team", "T_N1", 30, 40)
    pct("SCS-09", _AUG, "team", "T_S1", 40, 60)
    # SCS-01 re-referrals (L, R12M): 22/100 Green; last month 21/100 (worsened).
    pct("SCS-01", _AUG, "council", "TST", 22, 100)
    pct("SCS-01", _JUL, "council", "TST", 21, 100)
    pct("SCS-01", _LAST_AUG, "council", "TST", 24, 100)
    pct("SCS-01:R3M", _AUG, "council", "TST", 5, 20)
    pct("SCS-01", _AUG, "area", "AREA_N", 10, 40)
    pct("SCS-01", _AUG, "area", "AREA_S", 12, 60)
    # SCS-17 3+ placements (L, SS): 13/100 = 13.0% exactly: Red under "13% and above = Red";
    # last month 12/100 Amber, so it changed band.
    pct("SCS-17", _AUG, "council", "TST", 13, 100)
    pct("SCS-17", _JUL, "council", "TST", 12, 100)
    pct("SCS-17", _AUG, "council", "TST", 5, 50, "exc_uasc")
    pct("SCS-17", _AUG, "area", "AREA_N", 6, 40)
    pct("SCS-17", _AUG, "area", "AREA_S", 7, 60)
    # SCS-43 caseloads (L, SS average): 15.5 cases per FTE: Amber.
    rows.append(("SCS-43", _AUG, "council", "TST", "all", 155.0, 10.0, 15.5))
    rows.append(("SCS-43", _JUL, "council", "TST", "all", 150.0, 10.0, 15.0))
    # SCS-02 assessments in time (H, R12M): 4/4 (denominator under 5: no rating).
    pct("SCS-02", _AUG, "council", "TST", 4, 4)
    pct("SCS-02", _AUG, "council", "TST", 3, 3, "exc_uasc")
    # SCS-21 participation (H, R12M): 96/100 Green incl. UASC; 90/92 excl.
    pct("SCS-21", _AUG, "council", "TST", 96, 100)
    pct("SCS-21", _AUG, "council", "TST", 90, 92, "exc_uasc")
    pct("SCS-21", _AUG, "area", "AREA_N", 40, 42)
    pct("SCS-21", _AUG, "area", "AREA_N", 38, 39, "exc_uasc")
    # Activity: CP plans (stock) and starts (flow); children in care and UASC.
    for level, unit, now, then in (
        ("council", "TST", 100, 95),
        ("area", "AREA_N", 40, 41),
        ("area", "AREA_S", 60, 54),
        ("team", "T_N1", 40, 41),
        ("team", "T_S1", 60, 54),
    ):
        cnt("ACT-04", _AUG, level, unit, now)
        cnt("ACT-04", _JUL, level, unit, then)
        cnt("ACT-05", _AUG, level, unit, now // 10)
    cnt("ACT-07", _AUG, "council", "TST", 200)
    cnt("ACT-07", _JUL, "council", "TST", 210)
    cnt("ACT-08", _AUG, "council", "TST", 50)
    cnt("ACT-08", _JUL, "council", "TST", 55)
    columns = list(zip(*rows, strict=True))
    return pa.table(
        {
            name: pa.array(col, RESULT_SCHEMA.field(name).type)
            for name, col in zip(RESULT_SCHEMA.names, columns, strict=True)
        }
    )


def write_targets(folder: Path, text: str = SMALL_TARGETS) -> Path:
    """Write a targets file (for tests that change targets)."""
    path = folder / "targets.yaml"
    path.write_text(text, encoding="utf-8")
    return path
