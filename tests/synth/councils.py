"""A small synthetic council for tests: 8% of Kent's volume over 18 months."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpibook.synth.run import SynthRequest

SMALL_START = dt.date(2015, 4, 1)
SMALL_END = dt.date(2016, 9, 30)
SMALL_SCALE = 0.08


def small_request(out: Path, seed: int = 7, fmt: str = "csv") -> SynthRequest:
    """A small but complete council: 8% of Kent's volume over 18 months."""
    return SynthRequest(
        out=out,
        seed=seed,
        start=SMALL_START,
        end=SMALL_END,
        scale=SMALL_SCALE,
        fmt="csv" if fmt == "csv" else "parquet",
        processes=1,
    )
