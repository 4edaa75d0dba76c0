"""The demo's synthetic council: its August 2016 scorecard lands close to Kent's.

Generates the demo's council (the default seed, April 2011 to March 2018,
scale 1), computes August 2016 with the indicator library and compares the
council figures with Kent's published ones (kpibook/calibration/kent_2016_08.csv).
The foundation issue asks for at least 40 of the 45 scorecard indicators
within tolerance and the activity totals within 10 %. Whether the model's
process rates are right on average, over many seeds, is what
scripts/calibration_seeds.py reports (docs/synthetic-council.md).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from kpibook.calibration import Comparison, compare, markdown
from kpibook.indicators.library import load_library
from kpibook.ingest import load_or_fail
from kpibook.synth.run import DEFAULT_SEED, SynthRequest, generate


@pytest.fixture(scope="module")
def comparisons(tmp_path_factory: pytest.TempPathFactory) -> tuple[Comparison, ...]:
    out = tmp_path_factory.mktemp("calibration") / "data"
    generate(
        SynthRequest(
            out=out,
            seed=DEFAULT_SEED,
            start=dt.date(2011, 4, 1),
            end=dt.date(2018, 3, 31),
            scale=1.0,
            fmt="parquet",
            processes=os.cpu_count() or 1,
        )
    )
    return compare(load_or_fail(out).con, load_library())


@pytest.mark.slow
def test_every_reference_indicator_is_computed(comparisons: tuple[Comparison, ...]) -> None:
    assert len(comparisons) == 56
    missing = [c.reference.indicator_id for c in comparisons if c.ours is None]
    assert missing == []


@pytest.mark.slow
def test_scorecard_within_tolerance(comparisons: tuple[Comparison, ...]) -> None:
    scorecard = [c for c in comparisons if c.reference.indicator_id.startswith("SCS-")]
    assert len(scorecard) == 45
    within = sum(c.within for c in scorecard)
    assert within >= 40, markdown(comparisons)


@pytest.mark.slow
def test_activity_totals_within_tolerance(comparisons: tuple[Comparison, ...]) -> None:
    """Every activity total (stocks and the month's flows) within 10 % of Kent's."""
    activity = [c for c in comparisons if c.reference.indicator_id.startswith("ACT-")]
    assert len(activity) == 11
    outside = [c.reference.indicator_id for c in activity if not c.within]
    assert outside == [], markdown(comparisons)


@pytest.mark.slow
def test_docs_table_is_current(comparisons: tuple[Comparison, ...]) -> None:
    """docs/synthetic-council.md carries this council's table (calibration.py --markdown)."""
    docs = (Path(__file__).parents[2] / "docs" / "synthetic-council.md").read_text("utf-8")
    assert markdown(comparisons) in docs
