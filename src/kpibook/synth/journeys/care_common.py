"""Shared pieces of the children-in-care journey: the period of care and small helpers.

A period of care is simulated in full when the child comes into care
(:func:`kpibook.synth.journeys.care.enter_care`): the care plan, legal
statuses and placements first, then everything that happens during it
(reviews, visits, health checks, missing episodes...). The modules that add
to it share the :class:`Period` record defined here. Periods may run past
the window's end: rows are clipped when written, never when simulated, so the
random stream (and the rest of the journey) does not depend on the window.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from typing import Generic, TypeVar

from kpibook.synth.context import ChildContext
from kpibook.synth.postcodes import Postcode

ONE_DAY = dt.timedelta(days=1)
T = TypeVar("T")


def days(n: float) -> dt.timedelta:
    """``n`` whole days."""
    return dt.timedelta(days=int(n))


def by_date(day: dt.date, points: Sequence[tuple[dt.date, float]]) -> float:
    """A process rate that changed over time: linear between dated points, flat outside them."""
    if day <= points[0][0]:
        return points[0][1]
    for (d0, v0), (d1, v1) in pairwise(points):
        if day <= d1:
            span = (d1 - d0).days
            return v1 if span <= 0 else v0 + (v1 - v0) * (day - d0).days / span
    return points[-1][1]


class Weighted(Generic[T]):
    """A fixed set of options with weights, drawn from with a seeded generator."""

    __slots__ = ("_cum", "_options")

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        """Options and their (not necessarily normalised) weights."""
        total = sum(w for _, w in pairs)
        self._options = tuple(o for o, _ in pairs)
        self._cum = [x / total for x in accumulate(w for _, w in pairs)]

    def draw(self, rng: random.Random) -> T:
        """One option, chosen in proportion to its weight."""
        i = bisect_right(self._cum, rng.random())
        return self._options[min(i, len(self._options) - 1)]


def gamma_days(rng: random.Random, mean: float, shape: float = 2.0, minimum: int = 0) -> int:
    """Whole days from a gamma distribution with the given mean and shape."""
    return max(minimum, int(rng.gammavariate(shape, mean / shape)))


@dataclass(slots=True)
class Placement:
    """One placement of the period of care (a 903 placement: type, carer and address)."""

    start: dt.date
    end: dt.date
    kind: str
    """Internal kind: foster_ih, foster_rel, foster_ifa, resi, semi, parents, adopt, other."""
    code: str
    """903 placement type code (U1-U6, K2, H5, A3-A6, P1...)."""
    provider: str
    carer: int
    """Identifies the carers: the same number means the same carers (903 RNE T/U)."""
    postcode: Postcode
    distance: float
    change_reason: str | None = None
    """Why the placement ended while the child stayed looked after (from 2016-04)."""
    placement_id: str = ""


@dataclass(slots=True)
class Holding:
    """One consecutive segment of case holding during (or after) the period."""

    team_id: str
    start: dt.date
    end: dt.date | None
    role: str = "CW"


@dataclass(slots=True)
class Period:
    """A simulated period of care, filled in step by step."""

    child: ChildContext
    cla_id: str
    referral_id: str
    start: dt.date
    exit_day: dt.date
    """Day the child ceases to be looked after (may be after the window's end)."""
    exit_reason: str
    exit_kind: str
    """How the plan ended the period (adopt, sgo, age18, missing, or the E-code)."""
    pathway: str
    legal: list[tuple[dt.date, str]]
    """Legal status changes (day, code), the first on ``start``; all before ``exit_day``."""
    placements: list[Placement] = field(default_factory=list)
    holdings: list[Holding] = field(default_factory=list)
    reviews: list[dt.date] = field(default_factory=list)
    placed_for_adoption: dt.date | None = None

    @property
    def uasc(self) -> bool:
        """Whether the child is an unaccompanied asylum-seeking child."""
        return self.child.is_uasc

    def team_on(self, day: dt.date) -> str:
        """The team holding the case on ``day``."""
        team = self.holdings[0].team_id
        for h in self.holdings:
            if h.start <= day:
                team = h.team_id
        return team


def pick_worker(child: ChildContext, team_id: str, day: dt.date) -> str:
    """The worker of ``team_id`` holding the child's case on ``day`` (from the involvements).

    Falls back to any worker of the team in post that day.
    """
    found: str | None = None
    for row in child.batch.rows("ssd_involvements"):
        if row["invo_professional_team"] != team_id:
            continue
        start = row["invo_involvement_start_date"]
        end = row["invo_involvement_end_date"]
        assert isinstance(start, dt.date)
        if start <= day and (end is None or (isinstance(end, dt.date) and day <= end)):
            found = str(row["invo_professional_id"])
    if found is not None:
        return found
    when = min(day, child.window.end)
    return child.shard.roster.pick(team_id, when, child.rng).professional_id
