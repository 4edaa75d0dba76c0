"""Wrapping an indicator's query into the query that produces its figures.

An indicator's SQL returns one row per counted record (``period_end``,
``numerator``, ``denominator`` and, as needed, ``person_id``, ``team_id``,
``district_id``). The engine wraps it, as a syntax tree built with sqlglot,
into one query that, for every month end at once:

1. restricts ``kp_periods`` to the month ends asked for, with the windows of
   the indicator's period;
2. adds up the records by month, team, district and whether the child is or
   was UASC, and tags each sum with its area (its team's, or else its
   district's);
3. sums numerator and denominator with ``GROUPING SETS`` for the council, each
   area, each district and each team, once for all children and once (with a
   ``FILTER``) for children who have never been UASC;
4. turns the two sums into one row per cohort;
5. fills in a zero for every unit and month with no records, and works out the
   value from the indicator's unit.

An indicator declared ``additive`` (its figure for a window is the sum of its
figures for the window's months: events with facts that do not depend on the
window) runs its SQL over calendar months instead, and step 2's sums are
added up over each window: the same figures from a twelfth of the rows for a
rolling 12 months.

Every value (the period, the month ends, the council id, the levels and
cohorts) is a bound parameter, never text spliced into the SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sqlglot
from sqlglot import exp

from kpibook.engine.periods import Period, window
from kpibook.engine.periods import month_end as _month_end
from kpibook.indicators.definition import R3M_SUFFIX, Indicator, Unit

_TEMPLATE = """
WITH kp_targets AS (
  SELECT period_end, window_start FROM kp_calendar
  WHERE period = $period AND period_end BETWEEN $first AND $last
),
kp_periods AS (SELECT period_end, window_start FROM kp_targets),
kp_rows AS (SELECT 1),
kp_flagged AS (
  SELECT r.period_end, r.team_id, r.district_id, u.person_id IS NOT NULL AS is_uasc,
         sum(r.numerator) AS numerator, sum(r.denominator) AS denominator
  FROM kp_rows AS r
  LEFT JOIN kp_uasc AS u ON u.person_id = r.person_id
  GROUP BY r.period_end, r.team_id, r.district_id, u.person_id IS NOT NULL
),
kp_rolled AS (SELECT * FROM kp_flagged),
kp_tagged AS (
  SELECT f.period_end, f.numerator, f.denominator, f.team_id,
         coalesce(t.area_id, d.parent_id) AS area_id, f.district_id, f.is_uasc
  FROM kp_rolled AS f
  LEFT JOIN kp_teams AS t ON t.team_id = f.team_id
  LEFT JOIN local_org_units AS d ON d.org_unit_id = f.district_id AND d.org_level = 'district'
),
kp_sums AS (
  SELECT period_end,
         CASE WHEN GROUPING(team_id) = 0 THEN 'team'
              WHEN GROUPING(area_id) = 0 THEN 'area'
              WHEN GROUPING(district_id) = 0 THEN 'district'
              ELSE 'council' END AS org_level,
         CASE WHEN GROUPING(team_id) = 0 THEN coalesce(team_id, 'UNALLOCATED')
              WHEN GROUPING(area_id) = 0 THEN coalesce(area_id, 'UNALLOCATED')
              WHEN GROUPING(district_id) = 0 THEN coalesce(district_id, 'UNKNOWN')
              ELSE $council END AS org_unit,
         sum(numerator) AS numerator_all,
         sum(denominator) AS denominator_all,
         sum(numerator) FILTER (WHERE NOT is_uasc) AS numerator_exc_uasc,
         sum(denominator) FILTER (WHERE NOT is_uasc) AS denominator_exc_uasc
  FROM kp_tagged
  GROUP BY GROUPING SETS ((period_end), (period_end, area_id),
                          (period_end, district_id), (period_end, team_id))
),
kp_cohorts AS (
  SELECT period_end, org_level, org_unit, 'all' AS cohort,
         numerator_all AS numerator, denominator_all AS denominator
  FROM kp_sums
  UNION ALL
  SELECT period_end, org_level, org_unit, 'exc_uasc' AS cohort,
         numerator_exc_uasc AS numerator, denominator_exc_uasc AS denominator
  FROM kp_sums
),
kp_units AS (
  SELECT 'council' AS org_level, $council AS org_unit, NULL::DATE AS valid_from,
         NULL::DATE AS valid_to
  UNION ALL
  SELECT org_level, org_unit_id, valid_from, valid_to FROM local_org_units
  WHERE org_level IN ('area', 'district', 'team')
),
kp_grid AS (
  SELECT c.cohort, p.period_end, u.org_level, u.org_unit
  FROM kp_targets AS p
  CROSS JOIN kp_units AS u
  CROSS JOIN (SELECT unnest($cohorts) AS cohort) AS c
  WHERE list_contains($levels, u.org_level)
    AND (u.valid_from IS NULL OR u.valid_from <= p.period_end)
    AND (u.valid_to IS NULL OR u.valid_to >= p.period_end)
),
kp_wanted AS (
  SELECT * FROM kp_cohorts
  WHERE list_contains($levels, org_level) AND list_contains($cohorts, cohort)
),
kp_figures AS (
  SELECT coalesce(g.period_end, s.period_end) AS period_end,
         coalesce(g.org_level, s.org_level) AS org_level,
         coalesce(g.org_unit, s.org_unit) AS org_unit,
         coalesce(g.cohort, s.cohort) AS cohort,
         CAST(coalesce(s.numerator, 0) AS DOUBLE) AS numerator,
         CAST(coalesce(s.denominator, 0) AS DOUBLE) AS denominator
  FROM kp_grid AS g
  FULL OUTER JOIN kp_wanted AS s
    ON s.cohort = g.cohort AND s.period_end = g.period_end
   AND s.org_level = g.org_level AND s.org_unit = g.org_unit
)
SELECT $indicator_id AS indicator_id, period_end, org_level, org_unit, cohort,
       numerator, denominator, numerator AS value
FROM kp_figures
ORDER BY period_end, CASE org_level WHEN 'council' THEN 0 WHEN 'area' THEN 1
                                    WHEN 'district' THEN 2 ELSE 3 END, org_unit, cohort
"""

_MONTHLY_PERIODS = """
SELECT period_end, window_start FROM kp_calendar
WHERE period = 'M' AND period_end BETWEEN $span_first AND $last
"""
"""For an additive indicator: the indicator's SQL sees calendar months..."""

_ROLL_UP = """
SELECT t.period_end, f.team_id, f.district_id, f.is_uasc,
       sum(f.numerator) AS numerator, sum(f.denominator) AS denominator
FROM kp_targets AS t
JOIN kp_flagged AS f ON f.period_end BETWEEN t.window_start AND t.period_end
GROUP BY t.period_end, f.team_id, f.district_id, f.is_uasc
"""
"""...and its monthly sums are added up over each target window."""

_RATIO_VALUE = (
    "CASE WHEN denominator = 0 THEN NULL ELSE $scale * numerator / denominator END AS value"
)
_COUNT_DENOMINATOR = "CAST(NULL AS DOUBLE) AS denominator"


@dataclass(frozen=True, slots=True)
class Compiled:
    """The query for one indicator's figures and the values bound to it."""

    indicator_id: str
    """The id the figures carry (``SCS-01``, or ``SCS-01:R3M`` for the recalculation)."""
    period: Period
    sql: str
    params: dict[str, Any]

    def pretty(self) -> str:
        """The SQL laid out for reading."""
        return sqlglot.transpile(self.sql, read="duckdb", write="duckdb", pretty=True)[0]


@lru_cache(maxsize=512)
def _parsed(sql: str) -> exp.Expr:
    """``sql`` parsed once (DuckDB dialect); callers change a copy, never this tree."""
    return sqlglot.parse_one(sql, read="duckdb")


def _parse(sql: str) -> exp.Expr:
    """A fresh copy of ``sql``'s syntax tree."""
    return _parsed(sql).copy()


def _replace_cte(query: exp.Expr, name: str, body: exp.Expr) -> None:
    for cte in query.find_all(exp.CTE):
        if cte.alias == name:
            cte.set("this", body)
            return
    raise LookupError(name)


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month."""
    return _month_end(day.year, day.month)


def _final_select(query: exp.Expr) -> exp.Select:
    assert isinstance(query, exp.Select)
    return query


def compile_indicator(
    indicator: Indicator,
    *,
    first: dt.date,
    last: dt.date,
    council: str,
    rolling_three_months: bool = False,
    org_unit: str | None = None,
    cohort: str | None = None,
    additive: bool = True,
) -> Compiled:
    """The query computing ``indicator`` for the month ends from ``first`` to ``last``.

    With ``rolling_three_months`` the same SQL runs over rolling-3-month windows
    and the figures carry the id ``<ID>:R3M``. ``org_unit`` and ``cohort``
    narrow the result (used by ``kpibook explain``). An indicator declared
    ``additive`` with a window longer than a month runs its SQL over calendar
    months and adds the monthly sums up over each window (the same figures,
    far fewer rows); ``additive=False`` turns that off, to check the
    declaration.
    """
    if indicator.sql is None:
        raise ValueError(f"{indicator.id} has no SQL: its figures come from outside")
    query = _parse(_TEMPLATE)
    rows = _parse(indicator.sql)
    assert isinstance(rows, exp.Query), "checked when the library was loaded"
    outputs = set(rows.named_selects)
    _replace_cte(query, "kp_rows", rows)
    tagged = next(c for c in query.find_all(exp.CTE) if c.alias == "kp_flagged").this
    for column in list(tagged.find_all(exp.Column)):
        if column.table == "r" and column.name not in outputs:
            # A column the indicator does not return (it has no such breakdown).
            if column.parent is tagged:
                column.replace(exp.alias_(exp.Null(), column.name))
            else:
                column.replace(exp.Null())
    period = Period.R3M if rolling_three_months else indicator.period
    roll_up = additive and indicator.additive and period not in (Period.SS, Period.M)
    if roll_up:
        _replace_cte(query, "kp_periods", _parse(_MONTHLY_PERIODS))
        _replace_cte(query, "kp_rolled", _parse(_ROLL_UP))
    final = _final_select(query)
    selects = final.expressions
    if indicator.unit is Unit.COUNT:
        selects[6] = _parse(_COUNT_DENOMINATOR)
    else:
        selects[7] = _parse(_RATIO_VALUE)
    final.set("expressions", selects)
    params: dict[str, Any] = {
        "period": period.value,
        "first": first,
        "last": last,
        "council": council,
        "cohorts": [c.value for c in indicator.cohorts],
        "levels": [v.value for v in indicator.levels],
        "indicator_id": indicator.id + (R3M_SUFFIX if rolling_three_months else ""),
    }
    if roll_up:
        params["span_first"] = month_end(window(period, first).window_start)
    if indicator.unit is not Unit.COUNT:
        params["scale"] = float(indicator.unit.scale or 1)
    if org_unit is not None:
        final.where(exp.column("org_unit").eq(exp.Parameter(this=exp.var("org_unit"))), copy=False)
        params["org_unit"] = org_unit
    if cohort is not None:
        final.where(exp.column("cohort").eq(exp.Parameter(this=exp.var("cohort"))), copy=False)
        params["cohort"] = cohort
    return Compiled(
        indicator_id=params["indicator_id"],
        period=Period(params["period"]),
        sql=query.sql(dialect="duckdb"),
        params=params,
    )
