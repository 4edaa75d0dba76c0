"""Fixtures of the publication store's tests: packs built here with build_pack.

* ``make_small_pack(targets_path)``: a hand-made results table (a council and two
  areas; four indicators) rated with the targets file at ``targets_path``.
* ``small_pack``: that pack rated with ``TARGETS_A``.
* ``realistic_pack``: every indicator of the library, generated figures for a council,
  three areas and six teams, rated with generated targets, with commentary and
  demographics.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pyarrow as pa
import pytest
from publish_packs import (
    COMMENTARY,
    MONTH,
    PROFILE,
    REALISTIC_MONTH,
    REALISTIC_UNITS,
    SMALL_UNITS,
    TARGETS_A,
    Record,
    SmallPack,
    generated,
    realistic_targets,
    results_table,
    small_records,
)

from kpibook.indicators.library import Library, load_library
from kpibook.rating.targets import load_targets
from kpibook.scorecard.build import build_pack
from kpibook.scorecard.config_files import Note
from kpibook.scorecard.figures import TREND_MONTHS, shift
from kpibook.scorecard.model import CrossTab, Demographics, Pack, Profile


@pytest.fixture(scope="session")
def library() -> Library:
    """The shipped indicator library."""
    return load_library()


@pytest.fixture(scope="session")
def small_results() -> pa.Table:
    """The small council's results table."""
    return results_table(small_records())


@pytest.fixture
def make_small_pack(library: Library, small_results: pa.Table) -> SmallPack:
    """Build the small pack for :data:`MONTH` rated with the targets file at a path."""

    def make(targets_path: Path) -> Pack:
        return build_pack(
            results=small_results,
            month=MONTH,
            library=library,
            targets=load_targets(targets_path, library),
            profile=PROFILE,
            units=SMALL_UNITS,
            commentary=COMMENTARY,
            publication_date=dt.date(2016, 9, 20),
        )

    return make


@pytest.fixture
def targets_path(tmp_path: Path) -> Path:
    """A targets file holding :data:`TARGETS_A` (tests rewrite it)."""
    path = tmp_path / "targets.yaml"
    path.write_text(TARGETS_A, encoding="utf-8")
    return path


@pytest.fixture
def small_pack(make_small_pack: SmallPack, targets_path: Path) -> Pack:
    """The small pack rated with :data:`TARGETS_A`."""
    return make_small_pack(targets_path)


@pytest.fixture(scope="session")
def realistic_pack(library: Library, tmp_path_factory: pytest.TempPathFactory) -> Pack:
    """Every indicator, generated figures and targets, commentary and demographics."""
    targets = tmp_path_factory.mktemp("realistic") / "targets.yaml"
    targets.write_text(realistic_targets(library), encoding="utf-8")
    rng = random.Random(20170831)
    records: list[Record] = []
    for back in range(TREND_MONTHS):
        day = shift(REALISTIC_MONTH, -back)
        units = (
            [(u.level, u.id) for u in REALISTIC_UNITS.values()]
            if back < 13
            else [("council", "KC")]
        )
        if back < 13:
            units.append(("team", "UNALLOCATED"))
        for indicator in library.indicators:
            for level, unit in units:
                for cohort in indicator.cohorts:
                    num, den, value = generated(indicator.unit, rng)
                    records.append((indicator.id, day, level, unit, cohort.value, num, den, value))
    demographics = Demographics(
        as_at=REALISTIC_MONTH,
        tables=(
            CrossTab(
                "Age at month end",
                "age",
                ("Female", "Male"),
                (("Under 1", (12, 15)), ("1 to 4", (40, 52)), ("16 and over", (120, 310))),
            ),
        ),
        note="Children in care on 31 August 2017.",
    )
    return build_pack(
        results=results_table(records),
        month=REALISTIC_MONTH,
        library=library,
        targets=load_targets(targets, library),
        profile=Profile("Kentish County Council", "Kentish", "SCS Performance Scorecard"),
        units=REALISTIC_UNITS,
        commentary={
            i.id: Note(f"{i.title}: the service's explanation.", "Head of Service")
            for i in library.indicators[::2]
        },
        publication_date=dt.date(2017, 9, 21),
        demographics=demographics,
    )
