"""Computing indicator figures: every indicator, month end, level and cohort.

One query per indicator over every month end at once (plus one for the
rolling-3-months recalculation of rolling-12-month indicators); see
:mod:`kpibook.engine.compile` for what each query does. Results have exactly
the columns of :data:`RESULT_SCHEMA`.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from kpibook.engine import helpers
from kpibook.engine.compile import Compiled, compile_indicator
from kpibook.engine.periods import Period, windows
from kpibook.errors import ConfigError, InputError
from kpibook.indicators.definition import Indicator
from kpibook.indicators.library import Library
from kpibook.model.workdays import add_months
from kpibook.problems import Problem, Severity

RESULT_SCHEMA = pa.schema(
    [
        ("indicator_id", pa.string()),
        ("period_end", pa.date32()),
        ("org_level", pa.string()),
        ("org_unit", pa.string()),
        ("cohort", pa.string()),
        ("numerator", pa.float64()),
        ("denominator", pa.float64()),
        ("value", pa.float64()),
    ]
)
"""The engine's output format (also what ``--results`` files must hold)."""

Progress = Callable[[str, int, int], None]


def install_calendar(con: duckdb.DuckDBPyConnection, first: dt.date, last: dt.date) -> None:
    """Create ``kp_calendar(period, period_end, window_start)`` for every period type."""
    periods: list[str] = []
    ends: list[dt.date] = []
    starts: list[dt.date] = []
    for period in Period:
        # Calendar months go back a year before `first`, for additive indicators
        # whose windows start up to 11 months before their month end.
        start = add_months(first.replace(day=1), -12) if period is Period.M else first
        for w in windows(period, start, last):
            periods.append(period.value)
            ends.append(w.period_end)
            starts.append(w.window_start)
    table = pa.table(
        {
            "period": pa.array(periods, pa.string()),
            "period_end": pa.array(ends, pa.date32()),
            "window_start": pa.array(starts, pa.date32()),
        }
    )
    con.register("kp_calendar_arrow", table)
    con.execute("CREATE OR REPLACE TEMP TABLE kp_calendar AS SELECT * FROM kp_calendar_arrow")
    con.unregister("kp_calendar_arrow")


def council_id(con: duckdb.DuckDBPyConnection) -> str:
    """The id of the council (the one ``council`` row of ``local_org_units``)."""
    rows = con.execute(
        "SELECT org_unit_id FROM local_org_units WHERE org_level = 'council'"
    ).fetchall()
    if len(rows) != 1:
        raise InputError(
            "cannot tell which council the data is for",
            [
                Problem(
                    Severity.ERROR,
                    "one-council",
                    "local_org_units",
                    f"found {len(rows)} rows with org_level 'council'; exactly one is needed",
                    hint="give the council one row with org_level 'council'",
                    column="org_level",
                )
            ],
        )
    return str(rows[0][0])


@dataclass(frozen=True, slots=True)
class Engine:
    """A connection with the data loaded and the helpers installed for a range of months."""

    con: duckdb.DuckDBPyConnection
    first: dt.date
    last: dt.date
    council: str

    @classmethod
    def prepare(cls, con: duckdb.DuckDBPyConnection, first: dt.date, last: dt.date) -> Engine:
        """Install the helpers and the calendar in ``con`` (which holds the data model)."""
        if last < first:
            raise ConfigError(f"--to ({last:%Y-%m}) is before --from ({first:%Y-%m})")
        # DuckDB's own progress bar would interleave with ours on the terminal.
        con.execute("SET enable_progress_bar = false")
        helpers.install(con)
        install_calendar(con, first, last)
        helpers.install_month_ends(con)
        return cls(con, first, last, council_id(con))

    def queries(self, indicator: Indicator) -> list[Compiled]:
        """The queries that compute ``indicator`` (two for rolling-12-month indicators)."""
        if indicator.external:
            return []
        out = [compile_indicator(indicator, first=self.first, last=self.last, council=self.council)]
        if indicator.rolling_three_months:
            out.append(
                compile_indicator(
                    indicator,
                    first=self.first,
                    last=self.last,
                    council=self.council,
                    rolling_three_months=True,
                )
            )
        return out

    def run(self, compiled: Compiled) -> pa.Table:
        """Run one compiled query; its figures in :data:`RESULT_SCHEMA`."""
        table = self.con.sql(compiled.sql, params=compiled.params).to_arrow_table()
        return table.cast(RESULT_SCHEMA)

    def compute(self, library: Library, progress: Progress | None = None) -> pa.Table:
        """Every figure of every indicator in ``library`` with SQL."""
        return pa.concat_tables(list(self.iter_compute(library, progress)), promote_options="none")

    def iter_compute(
        self, library: Library, progress: Progress | None = None
    ) -> Iterator[pa.Table]:
        """The figures one query at a time (the first is an empty table of the right shape)."""
        yield RESULT_SCHEMA.empty_table()
        work = [q for indicator in library.indicators for q in self.queries(indicator)]
        for done, compiled in enumerate(work, start=1):
            yield self.run(compiled)
            if progress is not None:
                progress(compiled.indicator_id, done, len(work))


def write_results(table: pa.Table, out: Path) -> None:
    """Write figures to ``out`` (.csv or .parquet), replacing it only once complete."""
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise ConfigError(f"--out must end in .csv or .parquet, not '{out.suffix}'")
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        if suffix == ".csv":
            pacsv.write_csv(
                table, temp, pacsv.WriteOptions(include_header=True, quoting_style="needed")
            )
        else:
            pq.write_table(table, temp, compression="zstd")
        temp.replace(out)
    finally:
        temp.unlink(missing_ok=True)
