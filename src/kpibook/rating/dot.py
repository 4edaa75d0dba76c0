"""Direction of travel: improved, worsened or unchanged, relative to polarity.

Verified on the seeds (``seed-spec.md`` §6.2): the arrow encodes improvement,
not the raw change (L polarity 22.3% vs 22.1% is "worsened"), and "unchanged"
means exactly equal unrounded values (98.3% vs 98.3% can be "improved"). For T
polarity, closer to the target is better.
"""

from __future__ import annotations

from enum import Enum

from kpibook.indicators.definition import Polarity


class Dot(Enum):
    """A direction of travel."""

    IMPROVED = "improved"
    WORSENED = "worsened"
    UNCHANGED = "unchanged"

    @property
    def arrow(self) -> str:
        """The seeds' arrow: ↑ improved, ↓ worsened, → unchanged."""
        return {"improved": "↑", "worsened": "↓", "unchanged": "→"}[self.value]

    @property
    def word(self) -> str:
        """``Improved``, ``Worsened`` or ``Unchanged``."""
        return self.value.capitalize()


def direction(
    current: float | None,
    previous: float | None,
    polarity: Polarity | None,
    target: float | None = None,
) -> Dot | None:
    """Direction of travel from ``previous`` to ``current``; None when it cannot be said.

    None when either value is missing, the indicator has no polarity, or it is
    T polarity with no target to be close to.
    """
    if current is None or previous is None or polarity is None:
        return None
    if current == previous:
        return Dot.UNCHANGED
    if polarity is Polarity.TARGET:
        if target is None:
            return None
        now, then = abs(current - target), abs(previous - target)
        if now == then:
            return Dot.UNCHANGED
        return Dot.IMPROVED if now < then else Dot.WORSENED
    better = current > previous if polarity is Polarity.HIGH else current < previous
    return Dot.IMPROVED if better else Dot.WORSENED
