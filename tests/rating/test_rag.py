"""Red / Amber / Green from the targets file's keys: fixture pairs.

Each row of ``fixtures/rating_pairs.csv`` gives a polarity, bands written with
the targets file's keys (a YAML flow mapping), a value and a denominator. It
gives the rating that the rules in docs/targets.md lead to, or the reason
there is none. Every band key is there on its boundary and just off it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from kpibook.indicators.definition import Polarity
from kpibook.rating.bands import Bands, Boundary, Edge, Rag
from kpibook.rating.rag import SMALL_DENOMINATOR, NoRating, Rating, rag_for, rate
from kpibook.rating.targets import bands_from
from kpibook.rating.targets_file import BAND_KEYS, BandsModel

PAIRS = Path(__file__).parent / "fixtures" / "rating_pairs.csv"


@dataclass(frozen=True, slots=True)
class Pair:
    case: str
    polarity: Polarity | None
    bands: dict[str, object] | None
    value: float | None
    denominator: float | None
    activity: bool
    expected: str
    available: bool = True


def read_pairs() -> list[Pair]:
    with PAIRS.open(encoding="utf-8", newline="") as f:
        return [
            Pair(
                row["case"],
                Polarity(row["polarity"]) if row["polarity"] else None,
                yaml.safe_load(row["bands"]) if row["bands"] else None,
                float(row["value"]) if row["value"] else None,
                float(row["denominator"]) if row["denominator"] else None,
                row["activity"] == "yes",
                row["expected"],
                row.get("available") != "no",
            )
            for row in csv.DictReader(f)
        ]


def bands_of(pair: Pair) -> Bands | None:
    if pair.bands is None:
        return None
    assert pair.polarity is not None, pair.case
    bands, errors = bands_from(BandsModel.model_validate(pair.bands), pair.polarity)
    assert not errors, (pair.case, errors)
    return bands


@pytest.mark.parametrize("pair", read_pairs(), ids=lambda p: p.case)
def test_rating_pair(pair: Pair) -> None:
    rating = rate(
        pair.value,
        pair.denominator,
        bands_of(pair),
        activity=pair.activity,
        available=pair.available,
    )
    found = rating.rag.value if rating.rag is not None else rating.reason and rating.reason.value
    assert found == pair.expected


def test_pairs_cover_every_band_key_on_and_off_its_boundary() -> None:
    pairs = read_pairs()
    for key in BAND_KEYS:
        using = [p for p in pairs if p.bands and key in p.bands]
        assert len(using) >= 2, key
        assert len({p.expected for p in using}) >= 2, f"{key}: both sides of the boundary"


def test_pairs_cover_every_polarity_and_every_reason() -> None:
    pairs = read_pairs()
    assert {p.polarity for p in pairs if p.polarity} == set(Polarity)
    assert {r.value for r in NoRating} <= {p.expected for p in pairs}
    assert {r.value for r in Rag} <= {p.expected for p in pairs}


def test_small_denominator_threshold_is_five() -> None:
    # 2018 Guidance Notes: "if the denominator is lower than 5 no RAG rating has been applied".
    assert SMALL_DENOMINATOR == 5


def test_a_rating_has_a_rag_or_a_reason_never_both() -> None:
    with pytest.raises(ValueError):
        Rating(Rag.GREEN, NoRating.NO_VALUE)
    with pytest.raises(ValueError):
        Rating(None, None)


def test_no_target_is_reported_before_a_missing_value() -> None:
    assert rate(None, None, None).reason is NoRating.NO_TARGET


def test_bands_without_an_explicit_green_use_the_target() -> None:
    high = Bands(Polarity.HIGH, 90, red=Boundary(80))
    assert rag_for(90, high) is Rag.GREEN
    assert rag_for(89.99, high) is Rag.AMBER
    low = Bands(Polarity.LOW, 10, red=Boundary(13, Edge.WORSE))
    assert rag_for(10, low) is Rag.GREEN
    assert rag_for(13, low) is Rag.RED
