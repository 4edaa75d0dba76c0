"""A tiny hand-built council for indicator tests.

A test adds a few children's records with dates chosen by hand, computes one
indicator and compares the numerator and denominator with figures worked out
by hand and written in the test. Tables are created with the data model's
column types (empty unless the test adds rows) and rows go in through Arrow,
so the engine sees exactly what loading a data folder gives it.

The organisation is fixed (see :data:`ORG_UNITS`): council ``KCC``; areas
``AREA_N`` (district ``D_DAR``, teams ``T_DAR`` (CSWT) and ``T_CIC_N`` (children
in care)), ``AREA_E`` (district ``D_CAN``, team ``T_CAN`` (CSWT)) and
``AREA_CW`` (county-wide: ``T_UASC``, ``T_FOST`` (fostering), ``T_CL`` (care
leavers), ``T_ADO`` (adoption)), and the IRO service ``T_IRO``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa
import sqlglot
from sqlglot import exp

from kpibook.engine.compute import Engine
from kpibook.engine.periods import month_end
from kpibook.indicators.library import Library, load_library
from kpibook.ingest.sql import create_table
from kpibook.model import SCHEMA, ColumnType

ORG_UNITS: tuple[tuple[str, str, str | None, str | None], ...] = (
    # (org_unit_id, org_level, parent_id, team_type)
    ("KCC", "council", None, None),
    ("AREA_N", "area", "KCC", None),
    ("AREA_E", "area", "KCC", None),
    ("AREA_CW", "area", "KCC", None),
    ("D_DAR", "district", "AREA_N", None),
    ("D_CAN", "district", "AREA_E", None),
    ("T_DAR", "team", "D_DAR", "cswt"),
    ("T_CIC_N", "team", "AREA_N", "cic"),
    ("T_CAN", "team", "D_CAN", "cswt"),
    ("T_UASC", "team", "AREA_CW", "uasc"),
    ("T_FOST", "team", "AREA_CW", "fostering"),
    ("T_CL", "team", "AREA_CW", "care_leavers"),
    ("T_ADO", "team", "AREA_CW", "adoption"),
    ("T_IRO", "team", "AREA_CW", "iro"),
)

_ARROW_TYPES = {
    ColumnType.TEXT: pa.string(),
    ColumnType.DATE: pa.date32(),
    ColumnType.INTEGER: pa.int64(),
    ColumnType.DECIMAL: pa.float64(),
    ColumnType.FLAG: pa.string(),
}

_LIBRARY: Library | None = None


def library() -> Library:
    """The shipped library, loaded once per test session."""
    global _LIBRARY
    if _LIBRARY is None:
        _LIBRARY = load_library()
    return _LIBRARY


def d(text: str) -> dt.date:
    """A date from ``YYYY-MM-DD``."""
    return dt.date.fromisoformat(text)


@dataclass(frozen=True)
class Figure:
    """One computed figure."""

    numerator: float
    denominator: float | None
    value: float | None


class Council:
    """Rows of a tiny council, added by a test; :meth:`figure` computes an indicator."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for unit_id, level, parent, team_type in ORG_UNITS:
            self.add(
                "local_org_units",
                org_unit_id=unit_id,
                org_unit_name=unit_id,
                org_level=level,
                parent_id=parent,
                team_type=team_type,
            )

    def add(self, table: str, **values: Any) -> Council:
        """Add one row to ``table`` (columns not given are NULL). Returns self."""
        model = SCHEMA.table(table)
        known = {c.name for c in model.columns}
        unknown = set(values) - known
        assert not unknown, f"{table} has no column(s) {sorted(unknown)}"
        self.rows[table].append(values)
        return self

    def connect(self) -> duckdb.DuckDBPyConnection:
        """A connection holding every data-model table, with the rows added."""
        con = duckdb.connect()
        for model in SCHEMA:
            create = create_table(model.name, {c.name: c.type.duckdb_type for c in model.columns})
            con.execute(create.sql(dialect="duckdb"))
            rows = self.rows.get(model.name)
            if rows:
                arrays = {
                    c.name: pa.array([r.get(c.name) for r in rows], _ARROW_TYPES[c.type])
                    for c in model.columns
                }
                con.register("kp_fixture_rows", pa.table(arrays))
                insert = sqlglot.parse_one(
                    "INSERT INTO t BY NAME SELECT * FROM kp_fixture_rows", read="duckdb"
                )
                insert.this.replace(exp.to_table(model.name))
                con.execute(insert.sql(dialect="duckdb"))
                con.unregister("kp_fixture_rows")
        return con

    def figures(
        self, indicator_id: str, first: str, last: str | None = None
    ) -> Mapping[tuple[str, str, str, str], Figure]:
        """Every figure of one indicator, keyed by (YYYY-MM, org_level, org_unit, cohort).

        ``first`` and ``last`` are months (``YYYY-MM``); ``last`` defaults to ``first``.
        """
        con = self.connect()
        y1, m1 = (int(x) for x in first.split("-"))
        y2, m2 = (int(x) for x in (last or first).split("-"))
        engine = Engine.prepare(con, month_end(y1, m1), month_end(y2, m2))
        base = indicator_id.split(":")[0]  # SCS-01:R3M is computed with SCS-01
        table = engine.compute(library().select([base]))
        out: dict[tuple[str, str, str, str], Figure] = {}
        for row in table.to_pylist():
            if row["indicator_id"] != indicator_id:
                continue
            key = (f"{row['period_end']:%Y-%m}", row["org_level"], row["org_unit"], row["cohort"])
            out[key] = Figure(row["numerator"], row["denominator"], row["value"])
        return out

    def figure(
        self,
        indicator_id: str,
        month: str = "2016-08",
        *,
        unit: str = "KCC",
        cohort: str = "all",
    ) -> Figure:
        """One figure: ``indicator_id`` for ``month`` at ``unit`` (any level) and ``cohort``."""
        for (m, _level, u, c), fig in self.figures(indicator_id, month).items():
            if m == month and u == unit and c == cohort:
                return fig
        raise AssertionError(f"no figure for {indicator_id} {month} {unit} {cohort}")

    # Convenience builders for the commonest rows ------------------------------------

    def child(self, pid: str, dob: str, *, sex: str = "M", uasc_from: str | None = None) -> Council:
        """A child; ``uasc_from`` adds a UASC immigration status from that date."""
        self.add("ssd_person", pers_person_id=pid, pers_dob=d(dob), pers_sex=sex)
        if uasc_from is not None:
            self.add(
                "ssd_immigration_status",
                immi_immigration_status_id=f"IM-{pid}",
                immi_person_id=pid,
                immi_immigration_status_start_date=d(uasc_from),
                immi_immigration_status="UASC",
            )
        return self

    def allocate(
        self, pid: str, team: str, start: str, end: str | None = None, *, worker: str = "W1"
    ) -> Council:
        """A case-holding social worker allocation (``ssd_involvements`` role CW)."""
        n = len(self.rows["ssd_involvements"]) + 1
        self.add(
            "ssd_involvements",
            invo_involvements_id=f"INV{n}",
            invo_professional_id=worker,
            invo_professional_role_id="CW",
            invo_professional_team=team,
            invo_person_id=pid,
            invo_involvement_start_date=d(start),
            invo_involvement_end_date=d(end) if end else None,
        )
        return self
