"""Red / Amber / Green for one value: the seeds' rules as pure functions.

Rules (``seed-spec.md`` §4): Green when the target is met, Red when the floor
standard is not, Amber between. No rating for activity measures, for
indicators without a target for the year, where the denominator is under 5
(small numbers), or where there is no value. Always on the unrounded value:
293/2,246 = 13.045% is shown "13.0%" and rated Red against "Red above 13%".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from kpibook.indicators.definition import Polarity
from kpibook.rating.bands import Bands, Boundary, Edge, Rag

SMALL_DENOMINATOR = 5
"""Below this denominator no rating is given (2018 Guidance Notes)."""


class NoRating(Enum):
    """Why a figure has no rating."""

    ACTIVITY = "activity measure"
    NO_TARGET = "no target"
    SMALL_DENOMINATOR = "denominator under 5"
    NO_VALUE = "no value"
    NOT_AVAILABLE = "not available"
    """The data does not supply the fields the indicator needs (e.g. imported returns)."""


@dataclass(frozen=True, slots=True)
class Rating:
    """A rating, or the reason there is none."""

    rag: Rag | None
    reason: NoRating | None = None

    def __post_init__(self) -> None:
        if (self.rag is None) == (self.reason is None):
            raise ValueError("a rating has either a RAG or a reason for having none")


def _meets(value: float, boundary: Boundary, higher_is_better: bool) -> bool:
    """Whether ``value`` is on the better side of ``boundary`` (or on it, when it belongs there)."""
    if value == boundary.value:
        return boundary.edge is Edge.BETTER
    return value > boundary.value if higher_is_better else value < boundary.value


def rag_for(value: float, bands: Bands) -> Rag:
    """The rating of an unrounded value against bands: exactly one of G, A, R."""
    if bands.polarity is Polarity.TARGET:
        return _rag_for_target(value, bands)
    higher = bands.polarity is Polarity.HIGH
    green = bands.green if bands.green is not None else Boundary(bands.target)
    if _meets(value, green, higher):
        return Rag.GREEN
    if bands.red is None or not _meets(value, bands.red, higher):
        return Rag.RED
    return Rag.AMBER


def _rag_for_target(value: float, bands: Bands) -> Rag:
    low = bands.green_low if bands.green_low is not None else Boundary(bands.target)
    high = bands.green_high if bands.green_high is not None else Boundary(bands.target)
    if not _meets(value, low, higher_is_better=True):
        red = bands.red_low
        return Rag.RED if red is None or not _meets(value, red, True) else Rag.AMBER
    if not _meets(value, high, higher_is_better=False):
        red = bands.red_high
        return Rag.RED if red is None or not _meets(value, red, False) else Rag.AMBER
    return Rag.GREEN


def rate(
    value: float | None,
    denominator: float | None,
    bands: Bands | None,
    *,
    activity: bool = False,
    available: bool = True,
) -> Rating:
    """Rate one figure, applying the no-rating rules first.

    ``denominator`` is None for counts (which have none): the small-numbers
    rule applies only to figures with a denominator.
    """
    if not available:
        return Rating(None, NoRating.NOT_AVAILABLE)
    if activity:
        return Rating(None, NoRating.ACTIVITY)
    if bands is None:
        return Rating(None, NoRating.NO_TARGET)
    if value is None:
        return Rating(None, NoRating.NO_VALUE)
    if denominator is not None and denominator < SMALL_DENOMINATOR:
        return Rating(None, NoRating.SMALL_DENOMINATOR)
    return Rating(rag_for(value, bands))
