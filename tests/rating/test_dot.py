"""Direction of travel: the seeds' own examples (seed-spec.md section 6.2)."""

from __future__ import annotations

import pytest

from kpibook.indicators.definition import Polarity
from kpibook.rating.dot import Dot, direction

H, L, T = Polarity.HIGH, Polarity.LOW, Polarity.TARGET


@pytest.mark.parametrize(
    ("case", "current", "previous", "polarity", "target", "expected"),
    [
        # August 2016 scorecard: the arrow is improvement, not the raw change.
        ("ID 1 L 22.3 vs 22.1 (1 month ago): rose, so worsened", 22.3, 22.1, L, None, "↓"),
        ("ID 1 L 22.3 vs 24.6 (1 year ago)", 22.3, 24.6, L, None, "↑"),
        ("ID 42 L agency 17.2 vs 17.7", 17.2, 17.7, L, None, "↑"),
        ("ID 29 L 363.7 days vs 403.4", 363.7, 403.4, L, None, "↑"),
        ("ID 44 L caseload 20.8 vs 20.1 (1 year ago)", 20.8, 20.1, L, None, "↓"),
        ("ID 2 H 89.9 vs 89.3", 89.9, 89.3, H, None, "↑"),
        ("ID 5 H 89.0 vs 89.6", 89.0, 89.6, H, None, "↓"),
        ("ID 7 L unallocated 1 vs 2", 1, 2, L, None, "↑"),
        ("ID 13 T 21.6 vs 21.2, target 17.5: further away", 21.6, 21.2, T, 17.5, "↓"),
        ("ID 13 T 21.6 vs 19.1 (1 year ago)", 21.6, 19.1, T, 17.5, "↓"),
        # Ties in the printed values are decided on unrounded values.
        ("ID 4 H 15712/15986 vs a lower unrounded 98.3", 15712 / 15986 * 100, 98.28, H, None, "↑"),
        ("ID 21 H 95.6 vs a higher unrounded 95.6", 5873 / 6146 * 100, 95.6, H, None, "↓"),
        ("ID 36 H exactly equal: unchanged", 703 / 714 * 100, 703 / 714 * 100, H, None, "→"),
        # QPR 2013 summary, previous quarter -> current.
        ("QPR H initial assessments 85.2 -> 83.3", 83.3, 85.2, H, None, "↓"),
        ("QPR H posts 75.8 -> 76.2", 76.2, 75.8, H, None, "↑"),
        ("QPR L CP 2 years 5.3 -> 5.4", 5.4, 5.3, L, None, "↓"),
        ("QPR H adopted 17.0 -> 15.3", 15.3, 17.0, H, None, "↓"),
        ("QPR L 3+ placements 11.3 -> 10.5", 10.5, 11.3, L, None, "↑"),
        # The seed prints ↑ here (section 11 item 18); kpibook's T rule says worse.
        ("QPR T CP second plan 9.7 -> 8.2, target 10: further away", 8.2, 9.7, T, 10, "↓"),
        ("T closer from below", 9.5, 8.2, T, 10, "↑"),
        ("T crossing the target, closer", 10.4, 9.5, T, 10, "↑"),
        ("T equally far on either side: unchanged", 11.0, 9.0, T, 10, "→"),
        ("T exactly equal values: unchanged", 12.0, 12.0, T, 10, "→"),
    ],
)
def test_seed_arrow(
    case: str,
    current: float,
    previous: float,
    polarity: Polarity,
    target: float | None,
    expected: str,
) -> None:
    found = direction(current, previous, polarity, target)
    assert found is not None, case
    assert found.arrow == expected, case


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "target"),
    [
        (None, 22.1, L, None),
        (22.3, None, L, None),
        (22.3, 22.1, None, None),
        (21.6, 21.2, T, None),
    ],
    ids=["no current value", "no previous value", "no polarity", "T without a target"],
)
def test_no_direction(
    current: float | None, previous: float | None, polarity: Polarity | None, target: float | None
) -> None:
    assert direction(current, previous, polarity, target) is None


def test_unchanged_means_exactly_equal_not_within_a_tolerance() -> None:
    assert direction(98.3, 98.3, H) is Dot.UNCHANGED
    assert direction(98.30000001, 98.3, H) is Dot.IMPROVED
    assert direction(98.29999999, 98.3, L) is Dot.IMPROVED


def test_arrows_and_words() -> None:
    assert [d.arrow for d in Dot] == ["↑", "↓", "→"]
    assert [d.word for d in Dot] == ["Improved", "Worsened", "Unchanged"]
