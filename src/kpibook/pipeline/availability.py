"""Which indicators a dataset can give: "not available — needs X", never zero.

A dataset imported from statutory returns carries ``provenance.csv``: the
columns some source supplied. An indicator whose own fields are not all
supplied is not computed and shows as not available, naming what it needs.
Columns used only to attribute a figure to a team, area or district (the
case-holding team, the org hierarchy, home postcodes) do not make an indicator
unavailable: without them its council figure is still right and its
breakdown falls to ``UNALLOCATED``. A data folder without ``provenance.csv``
(the council's own extract) is taken to supply everything.
"""

from __future__ import annotations

import csv
from pathlib import Path

from kpibook.engine.helpers import HELPERS
from kpibook.indicators.definition import Indicator
from kpibook.indicators.library import Library
from kpibook.ingest.files import PROVENANCE_FILE

BREAKDOWN_HELPERS = ("kp_case_team", "kp_team_at", "kp_teams", "kp_home_district")
"""Helpers that only place a figure in the organisation (see engine/helpers.py)."""


def breakdown_columns() -> frozenset[str]:
    """``table.column`` read only to attribute figures to teams, areas and districts."""
    return frozenset(column for h in HELPERS if h.name in BREAKDOWN_HELPERS for column in h.reads)


def supplied_columns(folder: Path) -> frozenset[str] | None:
    """``table.column`` the dataset's sources supplied; None when it does not say."""
    path = folder / PROVENANCE_FILE
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        return frozenset(f"{r['table']}.{r['column']}" for r in csv.DictReader(handle))


def _substantive(column: str, sql: str) -> bool:
    """Whether a breakdown column is used for the figure itself, not only to place it.

    It is when the indicator's own SQL names the column's table (e.g. CIC-09 looks
    placement postcodes up in ``local_postcode_districts``), or uses the allocated
    worker (the same worker, unallocated cases, caseloads).
    """
    table = column.split(".", 1)[0]
    return table in sql or (table == "ssd_involvements" and "worker_id" in sql)


def needs(indicator: Indicator, supplied: frozenset[str], breakdown: frozenset[str]) -> list[str]:
    """The indicator's own fields that were not supplied."""
    sql = indicator.sql or ""
    own = [
        r for r in indicator.requires if "." in r and (r not in breakdown or _substantive(r, sql))
    ]
    return sorted(r for r in own if r not in supplied)


def unavailable(folder: Path, library: Library) -> dict[str, str]:
    """Indicator id -> "needs table.column, ..." for every indicator the data cannot give."""
    supplied = supplied_columns(folder)
    if supplied is None:
        return {}
    breakdown = breakdown_columns()
    out = {}
    for indicator in library.indicators:
        if indicator.external:
            continue
        missing = needs(indicator, supplied, breakdown)
        if missing:
            out[indicator.id] = "needs " + ", ".join(missing)
    return out
