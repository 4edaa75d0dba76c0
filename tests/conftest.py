"""Shared fixtures: a small synthetic council generated once per test session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kpibook.synth.run import SynthRequest, generate

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


@pytest.fixture(scope="session")
def small_council(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder of a small synthetic council (CSV), generated once per session."""
    out = tmp_path_factory.mktemp("council") / "data"
    generate(small_request(out))
    return out
