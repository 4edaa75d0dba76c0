"""Benchmark the synthetic council generator: wall time, rows and peak memory.

Usage:
    .venv/bin/python scripts/benchmark_synth.py [--scale 33] [--processes 2]
        [--from 2011-04] [--to 2018-03] [--format parquet] [--out DIR]

Peak memory is the largest resident set of the main process and of any one
worker process (each worker holds only the shard it is simulating). The
figures for the README's performance section come from this command.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from kpibook.synth.run import SynthRequest, generate


def _month(value: str, last: bool) -> dt.date:
    year, month = (int(x) for x in value.split("-"))
    day = calendar.monthrange(year, month)[1] if last else 1
    return dt.date(year, month, day)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=33.0)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--from", dest="start", default="2011-04")
    parser.add_argument("--to", dest="end", default="2018-03")
    parser.add_argument("--format", dest="fmt", choices=("csv", "parquet"), default="parquet")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="kpibook-bench-")) / "data"
    request = SynthRequest(
        out=out,
        seed=1,
        start=_month(args.start, last=False),
        end=_month(args.end, last=True),
        scale=args.scale,
        fmt=args.fmt,
        processes=args.processes,
    )
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        elapsed = time.perf_counter() - started
        print(f"\r{done}/{total} shards, {elapsed:,.0f} s", end="", file=sys.stderr, flush=True)

    counts = generate(request, progress)
    elapsed = time.perf_counter() - started
    size = sum(p.stat().st_size for p in out.iterdir())
    main_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(file=sys.stderr)
    print(f"scale {args.scale:g}, {args.start} to {args.end}, {args.processes} processes")
    rows = sum(counts.values())
    print(f"rows: {rows:,} in {len(counts)} tables ({size / 2**20:,.0f} MiB {args.fmt})")
    print(f"wall time: {elapsed:,.0f} s")
    print(f"peak memory: main process {main_rss:,.0f} MiB, largest worker {child_rss:,.0f} MiB")
    if args.out is None:
        shutil.rmtree(out.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
