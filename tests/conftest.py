"""Fixtures shared across test folders: a small scorecard pack built from hand-made figures.

The figures are in tests/smallpack.py, written out by hand so that what the
pack must show can be worked out on paper.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kpibook.indicators.library import Library, load_library
from kpibook.rating.targets import Targets, load_targets
from kpibook.scorecard.build import build_pack
from kpibook.scorecard.config_files import Note
from kpibook.scorecard.model import Pack
from smallpack import MONTH, PROFILE, SMALL_IDS, SMALL_TARGETS, UNITS, small_results


@pytest.fixture(scope="session")
def small_library() -> Library:
    """The shipped definitions of the indicators the small pack has figures for."""
    return load_library().select(SMALL_IDS)


@pytest.fixture(scope="session")
def small_targets(tmp_path_factory: pytest.TempPathFactory, small_library: Library) -> Targets:
    """The small pack's targets file, loaded."""
    path = tmp_path_factory.mktemp("targets") / "targets.yaml"
    path.write_text(SMALL_TARGETS, encoding="utf-8")
    return load_targets(path, small_library)


@pytest.fixture(scope="session")
def small_pack(small_library: Library, small_targets: Targets) -> Pack:
    """August 2016 for Testshire: SCS-09 and SCS-17 Red (SCS-09 with commentary)."""
    return build_pack(
        results=small_results(),
        month=MONTH,
        library=small_library,
        targets=small_targets,
        profile=PROFILE,
        units=UNITS,
        commentary={
            "SCS-09": Note("Interviews are now booked on the day of return.", "Head of Service")
        },
        publication_date=dt.date(2016, 11, 10),
    )
