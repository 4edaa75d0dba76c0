"""Bands: where Green ends and Red begins for one indicator in one year.

A band set is stated the way the seeds' target documents state it ("Red below
45%, Amber 45% to 60%, Green 60% and above"), with every boundary explicit
about which side a value exactly on it falls (the seeds are inconsistent:
"13% and above = Red" in 2016, "Red above 13%" in 2018).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from kpibook.indicators.definition import Polarity


class Rag(Enum):
    """A rating."""

    GREEN = "G"
    AMBER = "A"
    RED = "R"

    @property
    def word(self) -> str:
        """``Green``, ``Amber`` or ``Red``."""
        return {"G": "Green", "A": "Amber", "R": "Red"}[self.value]

    @property
    def rank(self) -> int:
        """0 for Green, 1 Amber, 2 Red: a higher rank is worse."""
        return {"G": 0, "A": 1, "R": 2}[self.value]


class Edge(Enum):
    """Which band a value exactly on a boundary belongs to."""

    BETTER = "better"
    """The boundary value gets the better rating (e.g. "60% and above = Green")."""
    WORSE = "worse"
    """The boundary value gets the worse rating (e.g. "13% and above = Red")."""


@dataclass(frozen=True, slots=True)
class Boundary:
    """A threshold and the side its own value falls on."""

    value: float
    edge: Edge = Edge.BETTER


@dataclass(frozen=True, slots=True)
class Bands:
    """The bands of one indicator, one year (and optionally one org unit).

    For H and L polarity ``green`` is the target and ``red`` the floor standard
    (the red threshold); ``red`` is None when the bands have no Amber (the 2013
    "Amber removed" case: anything short of the target is Red). For T polarity
    ``green_low``/``green_high`` bound the green band around ``target`` and
    ``red_low``/``red_high`` bound the amber band beyond it.

    Attributes:
        polarity: which way is better.
        target: the target as printed.
        green: H/L: the boundary of Green (normally the target itself).
        red: H/L: the boundary of Red (the floor standard), or None when there is no Amber.
        green_low, green_high: T: the green band.
        red_low, red_high: T: beyond these a value is Red (None: no Amber on that side).
    """

    polarity: Polarity
    target: float
    green: Boundary | None = None
    red: Boundary | None = None
    green_low: Boundary | None = None
    green_high: Boundary | None = None
    red_low: Boundary | None = None
    red_high: Boundary | None = None

    @property
    def floor(self) -> float | None:
        """The red threshold as a number (H/L), or None."""
        return self.red.value if self.red is not None else None

    @property
    def has_amber(self) -> bool:
        """Whether any value can rate Amber."""
        if self.polarity is Polarity.TARGET:
            return self.red_low is not None or self.red_high is not None
        return self.red is not None
