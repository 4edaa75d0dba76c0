"""The shipped library covers every seed indicator, and its catalogue page is current."""

from __future__ import annotations

from pathlib import Path

from kpibook.indicators.catalogue import render
from kpibook.indicators.library import load_library

ROOT = Path(__file__).parents[2]

SEED_IDS = (
    [f"SCS-{i:02d}" for i in range(1, 46)]  # SCS Performance Management Scorecard, Aug 2016
    + [f"CIC-{i:02d}" for i in range(1, 33)]  # Children in Care Scorecard, Jan 2018
    + [f"ACT-{i:02d}" for i in range(1, 12)]  # SCS activity table
    + [f"QPR-{i:02d}" for i in range(1, 10)]  # Quarterly Performance Report, Q3 2013/14
)


def test_every_seed_indicator_is_in_the_library() -> None:
    ids = set(load_library().ids)
    assert [i for i in SEED_IDS if i not in ids] == []


def test_every_scs_scorecard_indicator_is_computed() -> None:
    library = load_library()
    external = [i for i in SEED_IDS if i.startswith("SCS-") and library.get(i).external]
    assert external == []


def test_catalogue_page_is_current() -> None:
    page = (ROOT / "docs" / "indicator-catalogue.md").read_text(encoding="utf-8")
    assert page == render(load_library()), (
        "docs/indicator-catalogue.md is out of date: run "
        "python -m kpibook.indicators.catalogue > docs/indicator-catalogue.md"
    )
