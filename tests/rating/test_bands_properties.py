"""Properties of bands and direction of travel, for any bands the targets file can state."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kpibook.indicators.definition import Polarity
from kpibook.rating.bands import Bands, Rag
from kpibook.rating.dot import Dot, direction
from kpibook.rating.rag import rag_for, rate
from kpibook.rating.targets import bands_from
from kpibook.rating.targets_file import BandsModel

numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
widths = st.floats(min_value=0.001, max_value=1e4, allow_nan=False, allow_infinity=False)


@dataclass(frozen=True, slots=True)
class Stated:
    """Bands as written in the file, and where each boundary's own value must fall."""

    polarity: Polarity
    keys: dict[str, Any]
    on_boundary: tuple[tuple[float, Rag], ...]

    def bands(self) -> Bands:
        made, errors = bands_from(BandsModel.model_validate(self.keys), self.polarity)
        assert made is not None, errors
        return made


@st.composite
def high_or_low(draw: st.DrawFn, polarity: Polarity) -> Stated:
    high = polarity is Polarity.HIGH
    target = draw(numbers)
    sign = 1 if high else -1
    green_key = draw(
        st.sampled_from(
            [
                None,
                *(("green_from", "green_above") if high else ()),
                *(("green_to", "green_below") if not high else ()),
            ]
        )
    )
    floor_way = draw(
        st.sampled_from(
            ["no_amber", "amber_tolerance"]
            + (["red_below", "red_at_or_below"] if high else ["red_above", "red_from"])
        )
    )
    keys: dict[str, Any] = {"target": target}
    green = target
    on: list[tuple[float, Rag]] = []
    if green_key is not None:
        keys[green_key] = target
    green_better = green_key in (None, "green_from", "green_to")
    width = draw(widths)
    red = green - sign * width
    if floor_way == "no_amber":
        keys["no_amber"] = True
        on.append((green, Rag.GREEN if green_better else Rag.RED))
        return Stated(polarity, keys, tuple(on))
    if floor_way == "amber_tolerance":
        keys["amber_tolerance"] = width
        red = green - sign * width  # the tolerance is measured from the green boundary
        red_better = True
    else:
        keys[floor_way] = red
        red_better = floor_way in ("red_below", "red_above")
    if red == green:
        return Stated(polarity, keys, ())
    on.append((green, Rag.GREEN if green_better else Rag.AMBER))
    on.append((red, Rag.AMBER if red_better else Rag.RED))
    return Stated(polarity, keys, tuple(on))


@st.composite
def close_to_target(draw: st.DrawFn) -> Stated:
    target = draw(numbers)
    below, above = draw(widths), draw(widths)
    low, high = target - below, target + above
    keys: dict[str, Any] = {"target": target, "green_between": [low, high]}
    on: list[tuple[float, Rag]] = [(low, Rag.GREEN), (high, Rag.GREEN)]
    way = draw(st.sampled_from(["no_amber", "amber_tolerance", "keys"]))
    if way == "no_amber":
        keys["no_amber"] = True
    elif way == "amber_tolerance":
        keys["amber_tolerance"] = tol = draw(widths)
        on += [(low - tol, Rag.AMBER), (high + tol, Rag.AMBER)]
    else:
        low_key = draw(st.sampled_from(["red_below", "red_at_or_below", None]))
        high_key = draw(st.sampled_from(["red_above", "red_from", None]))
        if low_key is None and high_key is None:
            keys["no_amber"] = True
        if low_key is not None:
            keys[low_key] = edge = low - draw(widths)
            on.append((edge, Rag.AMBER if low_key == "red_below" else Rag.RED))
        if high_key is not None:
            keys[high_key] = edge = high + draw(widths)
            on.append((edge, Rag.AMBER if high_key == "red_above" else Rag.RED))
    # a red boundary that rounds onto a green one (absorbed by a large target) says nothing
    on = on[:2] + [(v, r) for v, r in on[2:] if v not in (low, high)]
    return Stated(Polarity.TARGET, keys, tuple(on))


any_bands = st.one_of(high_or_low(Polarity.HIGH), high_or_low(Polarity.LOW), close_to_target())


@given(any_bands, numbers)
def test_every_value_gets_exactly_one_rating(stated: Stated, value: float) -> None:
    bands = stated.bands()
    found = rag_for(value, bands)
    assert found in set(Rag)
    rating = rate(value, 100, bands)
    assert rating.rag is found and rating.reason is None


@given(st.one_of(high_or_low(Polarity.HIGH), high_or_low(Polarity.LOW)), numbers, numbers)
def test_a_better_value_never_rates_worse(stated: Stated, a: float, b: float) -> None:
    bands = stated.bands()
    better, worse = (
        (max(a, b), min(a, b)) if stated.polarity is Polarity.HIGH else (min(a, b), max(a, b))
    )
    assert rag_for(better, bands).rank <= rag_for(worse, bands).rank


@given(close_to_target(), numbers, numbers)
def test_t_closer_to_the_band_never_rates_worse(stated: Stated, a: float, b: float) -> None:
    bands = stated.bands()
    assert bands.green_low is not None and bands.green_high is not None
    low, high = bands.green_low.value, bands.green_high.value
    for x, y in ((a, b), (b, a)):
        if x <= y <= low or high <= y <= x:  # y is on the same side, nearer the band
            assert rag_for(y, bands).rank <= rag_for(x, bands).rank
    if low <= a <= high:
        assert rag_for(a, bands) is Rag.GREEN


@given(any_bands)
def test_a_value_on_a_boundary_gets_the_side_its_key_says(stated: Stated) -> None:
    bands = stated.bands()
    for value, expected in stated.on_boundary:
        assert rag_for(value, bands) is expected, (value, stated.keys)


@given(any_bands)
def test_a_boundary_separates_two_ratings(stated: Stated) -> None:
    """Just below and just above a boundary rate differently; the boundary takes one side."""
    bands = stated.bands()
    for value, expected in stated.on_boundary:
        below, above = (rag_for(math.nextafter(value, d), bands) for d in (-math.inf, math.inf))
        assert below is not above, (value, stated.keys)
        assert expected in (below, above)


@given(st.sampled_from(list(Polarity)), numbers, numbers, numbers)
def test_direction_is_antisymmetric(polarity: Polarity, a: float, b: float, target: float) -> None:
    forward = direction(a, b, polarity, target)
    backward = direction(b, a, polarity, target)
    assert (forward is Dot.IMPROVED) == (backward is Dot.WORSENED)
    assert (forward is Dot.WORSENED) == (backward is Dot.IMPROVED)
    assert (forward is Dot.UNCHANGED) == (backward is Dot.UNCHANGED)


@given(st.sampled_from([Polarity.HIGH, Polarity.LOW]), numbers, numbers)
def test_unchanged_iff_equal_for_high_and_low(polarity: Polarity, a: float, b: float) -> None:
    assert (direction(a, b, polarity) is Dot.UNCHANGED) == (a == b)


@given(st.sampled_from([Polarity.HIGH, Polarity.LOW]), numbers, numbers)
def test_improvement_follows_polarity(polarity: Polarity, a: float, b: float) -> None:
    found = direction(a, b, polarity)
    if a != b:
        rose = a > b
        assert (found is Dot.IMPROVED) == (rose == (polarity is Polarity.HIGH))


@given(numbers, numbers, numbers)
def test_t_improved_iff_closer_to_target(a: float, b: float, target: float) -> None:
    found = direction(a, b, Polarity.TARGET, target)
    if abs(a - target) < abs(b - target):
        assert found is Dot.IMPROVED
    elif abs(a - target) > abs(b - target):
        assert found is Dot.WORSENED
    else:
        assert found is Dot.UNCHANGED
