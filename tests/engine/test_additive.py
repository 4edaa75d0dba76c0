"""Indicators declared additive give the same figures added up from months as computed whole.

For every indicator with ``additive: true`` the engine runs its SQL over
calendar months and adds the monthly sums up over each window. This checks the
declaration: on a small synthetic council, every figure (every month end,
level, unit and cohort, the R3M recalculation too) equals the figure computed
the plain way, over the whole window at once.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from kpibook.engine.compile import compile_indicator
from kpibook.engine.compute import Engine
from kpibook.indicators.library import load_library
from kpibook.ingest import load_or_fail
from kpibook.synth.run import SynthRequest, generate

LIBRARY = load_library()
ADDITIVE = [i.id for i in LIBRARY.indicators if i.additive and not i.external]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    out = tmp_path_factory.mktemp("additive") / "data"
    generate(
        SynthRequest(
            out=out,
            seed=5,
            start=dt.date(2014, 4, 1),
            end=dt.date(2016, 9, 30),
            scale=0.05,
            fmt="parquet",
            processes=1,
        )
    )
    con = load_or_fail(out, duckdb.connect()).con
    return Engine.prepare(con, dt.date(2015, 9, 30), dt.date(2016, 9, 30))


def test_some_indicators_are_additive() -> None:
    assert "SCS-01" in ADDITIVE


@pytest.mark.parametrize("indicator_id", ADDITIVE)
@pytest.mark.parametrize("r3m", [False, True])
def test_added_up_equals_computed_whole(engine: Engine, indicator_id: str, r3m: bool) -> None:
    indicator = LIBRARY.get(indicator_id)
    if r3m and not indicator.rolling_three_months:
        pytest.skip("no R3M recalculation")
    kwargs = {
        "first": engine.first,
        "last": engine.last,
        "council": engine.council,
        "rolling_three_months": r3m,
    }
    rolled = engine.run(compile_indicator(indicator, **kwargs))  # type: ignore[arg-type]
    whole = engine.run(compile_indicator(indicator, additive=False, **kwargs))  # type: ignore[arg-type]
    assert rolled.num_rows == whole.num_rows > 0
    assert "span_first" in compile_indicator(indicator, **kwargs).params  # type: ignore[arg-type]
    assert rolled.to_pylist() == whole.to_pylist()
    # Not trivially equal: the window holds records.
    assert sum(r["numerator"] or 0 for r in whole.to_pylist()) > 0
