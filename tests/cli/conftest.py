"""Fixtures for the command-line tests: a small synthetic council, generated once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kpibook.synth.run import SynthRequest, generate


@pytest.fixture(scope="session")
def cli_council(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder of a small synthetic council (Parquet, 5% of Kent, Apr 2015 to Sep 2016)."""
    out = tmp_path_factory.mktemp("cli-council") / "data"
    generate(
        SynthRequest(
            out=out,
            seed=11,
            start=dt.date(2015, 4, 1),
            end=dt.date(2016, 9, 30),
            scale=0.05,
            fmt="parquet",
            processes=1,
        )
    )
    return out
