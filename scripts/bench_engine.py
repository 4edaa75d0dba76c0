"""Benchmark the indicator engine: every indicator, month, level and cohort, against the floor.

Usage:
    .venv/bin/python scripts/bench_engine.py --data DIR [--from 2013-04] [--to 2018-03]
        [--threads 2] [--memory-limit 4GB] [--database FILE] [--markdown]

Loads the data folder (not timed as compute: loading and validating is reported
separately), then times:

- the floor: DuckDB reading, once, every column of every input table that any
  indicator reads (a hash of each table's used columns, so nothing is skipped);
- the engine: every indicator with SQL over every month end from --from to
  --to, at every level and for both cohorts, exactly as ``kpibook compute``
  runs it (results are built in memory, not written).

It reports both times, their ratio, the slowest indicators and the peak
resident memory of the process (DuckDB runs in it). With --database the data
is loaded into a DuckDB file instead of memory, so --memory-limit bounds the
whole run; with --trusted, Parquet files are loaded without validation (use
both for --scale 33 data, whose validation alone takes longer than the
engine). The figures for the README's performance section come from this
command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
from sqlglot import exp

from kpibook.engine.compute import Engine
from kpibook.engine.periods import month_end
from kpibook.indicators.library import load_library
from kpibook.ingest import load_or_fail
from kpibook.model import SCHEMA


def _month(value: str) -> dt.date:
    year, month = (int(x) for x in value.split("-"))
    return month_end(year, month)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(
        exp.select(exp.func("count", exp.Star())).from_(table).sql(dialect="duckdb")
    ).fetchone()
    return int(row[0]) if row else 0


def _load_trusted(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, int]:
    """Load Parquet files straight into typed tables, without validation (--trusted)."""
    counts: dict[str, int] = {}
    for model in SCHEMA:
        path = folder / f"{model.name}.parquet"
        if path.exists():
            present = set(pq.read_schema(path).names)
            columns = [
                exp.cast(
                    exp.column(c.name) if c.name in present else exp.Null(),
                    exp.DataType.build(c.type.duckdb_type, dialect="duckdb"),
                ).as_(c.name)
                for c in model.columns
            ]
            source = exp.func("read_parquet", exp.Literal.string(str(path)))
            select = exp.select(*columns).from_(source)
        else:
            select = exp.select(
                *(
                    exp.cast(
                        exp.Null(), exp.DataType.build(c.type.duckdb_type, dialect="duckdb")
                    ).as_(c.name)
                    for c in model.columns
                )
            ).where(exp.false())
        create = exp.Create(this=exp.to_table(model.name), kind="TABLE", expression=select)
        con.execute(create.sql(dialect="duckdb"))
        counts[model.name] = _count(con, model.name)
    return counts


def _floor_queries(required: dict[str, set[str]]) -> list[str]:
    """One query per table: a sum of hashes of every used column (reads them all)."""
    queries = []
    for table, columns in sorted(required.items()):
        hashed = exp.func("hash", *(exp.column(c) for c in sorted(columns)))
        select = exp.select(exp.func("sum", hashed)).from_(exp.to_table(table))
        queries.append(select.sql(dialect="duckdb"))
    return queries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--from", dest="first", default="2013-04")
    parser.add_argument("--to", dest="last", default="2018-03")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--memory-limit", default="3GB")
    parser.add_argument("--database", type=Path, default=None)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument(
        "--trusted",
        action="store_true",
        help="Load Parquet files without validation (for national-scale data whose checks "
        "would dominate the run); the engine then runs exactly as usual.",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="With --database: use the tables already loaded into that file by an earlier run.",
    )
    parser.add_argument(
        "--indicator",
        action="append",
        default=None,
        help="Time only this indicator (may be repeated); the floor still covers every table.",
    )
    args = parser.parse_args()

    con = duckdb.connect(
        str(args.database) if args.database else ":memory:",
        read_only=bool(args.reuse and args.database),
        config={"threads": args.threads, "memory_limit": args.memory_limit},
    )
    library = load_library()
    started = time.perf_counter()
    if args.reuse and args.database:
        row_counts = {t.name: _count(con, t.name) for t in SCHEMA}
    elif args.trusted:
        row_counts = _load_trusted(con, args.data)
    else:
        row_counts = load_or_fail(args.data, con).row_counts
    load_s = time.perf_counter() - started
    rows = sum(row_counts.values())

    required: dict[str, set[str]] = defaultdict(set)
    for indicator in library.indicators:
        if indicator.external:
            continue  # its 'requires' describes outside data, not tables here
        for item in indicator.requires:
            table, column = item.split(".", 1)
            required[table].add(column)
    started = time.perf_counter()
    for query in _floor_queries(required):
        con.execute(query).fetchall()
    floor_s = time.perf_counter() - started

    first, last = _month(args.first), _month(args.last)
    started = time.perf_counter()
    engine = Engine.prepare(con, first, last)
    prepare_s = time.perf_counter() - started
    if args.indicator:
        library = library.select(args.indicator)
    timings: list[tuple[float, str]] = []
    figures = 0
    started = time.perf_counter()
    for indicator in library.indicators:
        for compiled in engine.queries(indicator):
            t0 = time.perf_counter()
            figures += engine.run(compiled).num_rows
            timings.append((time.perf_counter() - t0, compiled.indicator_id))
    compute_s = time.perf_counter() - started
    peak = _peak_mb()

    months = len([1 for _ in range((last.year - first.year) * 12 + last.month - first.month + 1)])
    lines = [
        f"Data: {args.data} ({rows:,} rows in {len(row_counts)} tables)",
        f"Months: {first:%b %Y} to {last:%b %Y} ({months} month ends)",
        f"Indicators with SQL: {sum(1 for i in library.indicators if not i.external)} "
        f"({len(timings)} queries, {figures:,} figures)",
        f"Threads: {args.threads}; memory limit: {args.memory_limit}",
        f"Load{' (trusted, no validation)' if args.trusted else ' and validate'}: {load_s:.1f} s",
        f"Floor (scan every used column of {len(required)} tables once): {floor_s:.2f} s",
        f"Engine set-up (helpers and month-end snapshots): {prepare_s:.1f} s",
        f"Engine (every indicator x month x level x cohort): {compute_s:.1f} s",
        f"Ratio engine / floor: {compute_s / floor_s:.0f}x" if floor_s > 0 else "Ratio: n/a",
        f"Peak resident memory: {peak:,.0f} MB",
        "Slowest queries: "
        + ", ".join(f"{name} {secs:.2f} s" for secs, name in sorted(timings, reverse=True)[:8]),
    ]
    if args.markdown:
        print("\n".join(f"- {line}" for line in lines))
    else:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
