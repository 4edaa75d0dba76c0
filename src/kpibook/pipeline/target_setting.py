"""``targets``: the target-setting document for a year, beside the latest results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from kpibook.errors import ConfigError
from kpibook.indicators.library import load_library
from kpibook.rating.targets import load_targets, previous_year
from kpibook.scorecard.figures import select_figures
from kpibook.scorecard.results_file import read_results
from kpibook.scorecard.target_document import TargetDocument, target_document


def latest_month(results: pa.Table, before: dt.date) -> dt.date | None:
    """The last month with council figures on or before ``before``."""
    con = duckdb.connect()
    try:
        con.register("results", results)
        found = con.execute(
            "SELECT max(period_end) FROM results WHERE org_level = 'council' AND period_end <= ?",
            [before],
        ).fetchone()
    finally:
        con.close()
    return found[0] if found else None


def year_end(year: str) -> dt.date:
    """31 March that ends financial year ``2017-18``."""
    return dt.date(int(year[:4]) + 1, 3, 31)


def make_target_document(
    targets_path: Path,
    year: str,
    compare: str | None,
    results_path: Path | None,
    month: dt.date | None,
    indicators: Sequence[Path] = (),
) -> TargetDocument:
    """The document for ``year`` against ``compare`` (default the year before).

    The latest results are those of ``month`` or, by default, the last month
    in the results before ``year`` starts.
    """
    library = load_library(indicators)
    targets = load_targets(targets_path, library)
    compare = compare or previous_year(year)
    figures = None
    if results_path is not None:
        results = read_results(results_path)
        chosen = month or latest_month(results, year_end(compare))
        if chosen is None:
            raise ConfigError(f"{results_path} holds no council figures before {year} starts")
        figures = select_figures(results, chosen)
    return target_document(targets, library, year, compare, figures)
