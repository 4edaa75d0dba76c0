"""Casework helpers shared by the front door, children in need and protection modules.

The child's standing facts (:class:`Journey`), the :class:`Case` being worked
(child, referral, holding team) and how a referral closed (:class:`Closure`);
Y/N flags and the SSD's outcome JSON objects, weighted code draws, fast
uniform integers, hazards, calendar months and working days.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from kpibook.model import codelist
from kpibook.model.workdays import is_working_day
from kpibook.synth.context import ChildContext
from kpibook.synth.roster import Worker
from kpibook.synth.sink import COLUMNS

ONE_DAY = dt.timedelta(days=1)
SOURCE_DESC: dict[str, str] = dict(codelist("referral_source").codes_at(dt.date(2016, 4, 1)))
"""Referral (and contact) source code -> its CIN census description."""


@dataclass(slots=True)
class Case:
    """An open referral being worked: the child, the referral and the team holding it."""

    child: ChildContext
    referral_id: str
    team_id: str
    _worker: Worker | None = None

    def worker(self, day: dt.date) -> str:
        """The worker of the holding team who did a piece of work on ``day``.

        The same worker carries on the case's pieces of work while in post;
        a new one is picked from the team once they have left.
        """
        w = self._worker
        if w is None or not w.start <= day <= w.leave:
            child = self.child
            w = child.shard.roster.pick(self.team_id, min(day, child.window.end), child.rng)
            self._worker = w
        return w.professional_id


@dataclass(slots=True)
class Journey:
    """A child's standing facts while their journey is simulated."""

    child: ChildContext
    team_id: str
    """The team holding the child's referrals: district team or disabled children's team."""
    adult: dt.date
    """The child's 18th birthday: children's services end."""
    risk: float
    """The family's level of need (mean 1): scales re-contact and escalation."""
    cp_plans: int = 0
    """Child protection plans the child has had so far."""


@dataclass(frozen=True, slots=True)
class Closure:
    """How a referral ended: the day and the CIN closure reason."""

    day: dt.date
    reason: str
    protected: bool
    """Whether the child was on a child protection plan during the episode."""
    early_help: bool = False
    """Whether the child steps down to early help (RC9 after an assessment; RC7 after a plan)."""


OPEN = dt.date.max
"""What :func:`work_ends` returns while a piece of the referral's work is still open."""

_WORK: tuple[tuple[str, int, tuple[int, ...], tuple[int, ...]], ...] = tuple(
    (
        table,
        COLUMNS[table].index(referral),
        tuple(COLUMNS[table].index(c) for c in dated),
        tuple(COLUMNS[table].index(c) for c in ending),
    )
    for table, referral, dated, ending in (
        (
            "ssd_cin_assessments",
            "cina_referral_id",
            ("cina_assessment_start_date",),
            ("cina_assessment_auth_date",),
        ),
        (
            "ssd_cin_plans",
            "cinp_referral_id",
            ("cinp_cin_plan_start_date",),
            ("cinp_cin_plan_end_date",),
        ),
        ("ssd_s47_enquiry", "s47e_referral_id", ("s47e_s47_start_date",), ()),
        ("ssd_initial_cp_conference", "icpc_referral_id", ("icpc_icpc_date",), ()),
        (
            "ssd_cp_plans",
            "cppl_referral_id",
            ("cppl_cp_plan_start_date",),
            ("cppl_cp_plan_end_date",),
        ),
    )
)
"""For each piece of work the CIN census dates: table, referral column, dates that must
fall on or before the episode's closure, and end dates (empty: still open)."""


def work_ends(child: ChildContext, referral_id: str) -> dt.date:
    """The last day of the work recorded so far in a referral (the CIN census's dates).

    The latest assessment start or authorisation, CIN plan start or end,
    enquiry start, conference, or CP plan start or end of the referral:
    the episode may close on that day at the earliest (DfE CIN rules 8565 and
    8867). :data:`OPEN` when an assessment or a plan is still open at the
    window's end; ``dt.date.min`` when nothing is recorded.
    """
    last = dt.date.min
    rows = child.batch.by_table
    for table, ref, dated, ending in _WORK:
        for row in rows.get(table, ()):
            if row[ref] != referral_id:
                continue
            for i in dated:
                day = row[i]
                if isinstance(day, dt.date) and day > last:
                    last = day
            for i in ending:
                day = row[i]
                if day is None:
                    return OPEN
                if isinstance(day, dt.date) and day > last:
                    last = day
    return last


def assessed_by(child: ChildContext, referral_id: str) -> dt.date:
    """The day the referral's last assessment so far was authorised.

    :data:`OPEN` while one is still open at the window's end; ``dt.date.min``
    when there is none.
    """
    _, ref, _, (auth_at,) = _WORK[0]
    last = dt.date.min
    for row in child.batch.by_table.get("ssd_cin_assessments", ()):
        if row[ref] != referral_id:
            continue
        auth = row[auth_at]
        if auth is None:
            return OPEN
        if isinstance(auth, dt.date) and auth > last:
            last = auth
    return last


def yn(flag: bool) -> str:
    """``Y`` or ``N``."""
    return "Y" if flag else "N"


@cache
def outcome_json(
    keys: tuple[str, ...], on: frozenset[str], count_key: str, comment_key: str
) -> str:
    """An SSD outcome JSON object: each flag ``Y``/``N``, the count of ``Y`` flags, a comment."""
    body: dict[str, object] = {k: yn(k in on) for k in keys}
    body[count_key] = sum(1 for k in keys if k in on)
    body[comment_key] = ""
    return json.dumps(body, separators=(",", ":"))


def hazard_day(child: ChildContext, t: dt.date, per_year: float) -> dt.date:
    """When an event with hazard ``per_year`` first happens after ``t`` (capped at 40 years)."""
    if per_year <= 0:
        return t + dt.timedelta(days=14_600)
    years = min(40.0, child.rng.expovariate(per_year))
    return t + dt.timedelta(days=1 + int(years * 365.25))


def working_day_on_or_before(day: dt.date) -> dt.date:
    """``day`` if a working day, else the previous working day."""
    while not is_working_day(day):
        day -= ONE_DAY
    return day


def weighted(pairs: tuple[tuple[str, float], ...]) -> tuple[tuple[str, ...], list[float]]:
    """(codes, cumulative weights) for drawing a code with :func:`draw`."""
    total = sum(w for _, w in pairs)
    return tuple(c for c, _ in pairs), [x / total for x in accumulate(w for _, w in pairs)]


def draw(child: ChildContext, table: tuple[tuple[str, ...], list[float]]) -> str:
    """A code drawn at random from a :func:`weighted` table."""
    codes, cum = table
    return codes[min(bisect_right(cum, child.rng.random()), len(codes) - 1)]


def uniform_int(rng: random.Random, lo: int, hi: int) -> int:
    """A uniform integer from ``lo`` to ``hi`` inclusive (a faster ``randint``)."""
    return lo + int(rng.random() * (hi - lo + 1))
