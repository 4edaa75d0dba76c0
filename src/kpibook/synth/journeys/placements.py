"""Placements of a looked-after child: types, providers, moves and breakdowns.

The first placement depends on the child's age (babies and young children
with foster carers, teenagers also in children's homes and semi-independent
accommodation; unaccompanied asylum-seeking children first in the reception
service's homes). The child then moves:

* on **planned** changes of the care plan: out of an emergency (bridging)
  foster placement, to long-term carers when long-term fostering becomes the
  plan (or the same carers' placement becoming long-term, a 903 "T" change),
  to fostering-for-adoption carers, to the adopters (or the foster carers
  becoming the adopters), home to parents under a care order before it is
  discharged, to semi-independent accommodation at about 17;
* on **breakdowns**, at a hazard that depends on the placement type and the
  child's age and is higher in a placement's first six months.

Type codes, providers and change reasons are the 903's (change reasons only
from 2016-17, when the DfE introduced them). Calibrated to Kent, August 2016:
13.0% of children in care with 3+ placements in 12 months; 71.2% of those
looked after 2.5 years (under 16) in the same placement for 2 years; 86.3% of
citizen children in foster care with council or family-and-friends carers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kpibook.model import codelist
from kpibook.synth.context import ChildContext
from kpibook.synth.journeys.care_common import ONE_DAY, Placement, Weighted, days, gamma_days
from kpibook.synth.journeys.care_plan import CarePlan
from kpibook.synth.journeys.locations import in_county, neighbour_postcode, placement_postcode
from kpibook.synth.postcodes import Postcode

H5_FROM = dt.date(2015, 4, 1)
"""Semi-independent accommodation has its own 903 code (H5) from 2015-16; P2 before."""


@dataclass(frozen=True, slots=True)
class PlacementParams:
    """Placement choices and move hazards (defaults are calibrated)."""

    first_kind: tuple[tuple[tuple[str, float], ...], ...] = (
        (("foster_ih", 0.68), ("foster_rel", 0.16), ("foster_ifa", 0.05), ("mother_baby", 0.07),
         ("parents", 0.04)),
        (("foster_ih", 0.63), ("foster_rel", 0.23), ("foster_ifa", 0.08), ("parents", 0.05),
         ("resi", 0.01)),
        (("foster_ih", 0.62), ("foster_rel", 0.20), ("foster_ifa", 0.10), ("resi", 0.04),
         ("parents", 0.04)),
        (("foster_ih", 0.55), ("foster_rel", 0.11), ("foster_ifa", 0.11), ("resi", 0.17),
         ("parents", 0.03), ("semi", 0.03)),
        (("foster_ih", 0.33), ("foster_rel", 0.07), ("foster_ifa", 0.08), ("resi", 0.18),
         ("semi", 0.31), ("parents", 0.03)),
    )  # fmt: skip
    """First placement kind by age band at entry (<1, 1-4, 5-9, 10-15, 16-17)."""
    uasc_first: tuple[tuple[str, float], ...] = (
        ("resi", 0.55), ("semi", 0.15), ("foster_ih", 0.17), ("foster_ifa", 0.13),
    )  # fmt: skip
    """First placement of an unaccompanied asylum-seeking child (reception homes mostly)."""
    uasc_reception_mean_days: float = 55.0
    """Mean days in a reception home before the planned move to foster or semi-independence."""
    remand_first: tuple[tuple[str, float], ...] = (
        ("secure", 0.25), ("yoi", 0.15), ("resi", 0.30), ("foster_ih", 0.15), ("foster_ifa", 0.15),
    )  # fmt: skip
    """First placement of a child remanded to local authority accommodation."""
    bridge: float = 0.34
    """Chance a first foster placement is an emergency one, followed by a planned move."""
    bridge_mean_days: float = 40.0
    """Mean days in an emergency (bridging) placement."""
    long_term_same_carers: float = 0.62
    """Chance short-term foster carers become the long-term carers (903 T change)."""
    semi_at_17: float = 0.30
    """Chance a teenager staying in care to 18 moves to semi-independent living at about 17."""
    breakdown_per_year: tuple[tuple[str, float, float], ...] = (
        ("foster_ih", 0.20, 0.50), ("foster_rel", 0.12, 0.30), ("foster_ifa", 0.24, 0.55),
        ("resi", 0.65, 1.15), ("semi", 0.70, 0.70), ("parents", 0.30, 0.40),
        ("mother_baby", 3.0, 3.0), ("secure", 4.0, 4.0), ("yoi", 4.0, 4.0), ("school", 0.2, 0.2),
        ("adopt", 0.0, 0.0),
    )  # fmt: skip
    """Breakdown hazard per year by kind: (under 10, 10 and over)."""
    long_term_factor: float = 0.38
    """Hazard multiplier once a foster placement is long-term."""
    early_factor: float = 1.8
    """Hazard multiplier in a placement's first 180 days."""
    uasc_factor: float = 0.40
    """Hazard multiplier for unaccompanied asylum-seeking children."""
    breakdown_reasons: tuple[tuple[str, float], ...] = (
        ("CREQB", 0.34), ("CREQO", 0.15), ("CHILD", 0.12), ("LAREQ", 0.09), ("OTHER", 0.10),
        ("STAND", 0.05), ("ALLEG", 0.03), ("CLOSE", 0.05), ("APPRR", 0.02), ("CARPL", 0.05),
    )  # fmt: skip
    """Reasons recorded when a placement ends unplanned (903 codes, from 2016-04)."""
    ifa_share_lt: float = 0.10
    """Share of new long-term foster carers from independent agencies."""
    vaa_share: float = 0.35
    """Share of adoption placements through voluntary adoption agencies or other LAs."""


PARAMS = PlacementParams()
_FIRST = tuple(Weighted(t) for t in PARAMS.first_kind)
_UASC_FIRST = Weighted(PARAMS.uasc_first)
_REMAND_FIRST = Weighted(PARAMS.remand_first)
_HAZARD = {k: (a, b) for k, a, b in PARAMS.breakdown_per_year}
_REASONS = Weighted(PARAMS.breakdown_reasons)
_REASONS_FROM = codelist("placement_change_reason").versions[0].valid_from
_FOSTER = frozenset(("foster_ih", "foster_rel", "foster_ifa"))
_OWN_ANYWHERE = _FOSTER | {"adopt", "parents"}
"""Kinds the council's own provision (PR1) may place anywhere: fostering and adoption."""

_NEXT: dict[str, Weighted[str]] = {
    "young": Weighted([("foster_ih", 0.76), ("foster_ifa", 0.12), ("foster_rel", 0.09),
                       ("resi", 0.03)]),
    "teen": Weighted([("foster_ih", 0.52), ("foster_ifa", 0.18), ("foster_rel", 0.05),
                      ("resi", 0.23), ("semi", 0.02)]),
    "teen_resi": Weighted([("resi", 0.50), ("foster_ifa", 0.20), ("foster_ih", 0.25),
                           ("semi", 0.05)]),
    "older": Weighted([("foster_ih", 0.18), ("foster_ifa", 0.14), ("resi", 0.23),
                       ("semi", 0.45)]),
    "uasc_young": Weighted([("foster_ih", 0.50), ("foster_ifa", 0.35), ("resi", 0.15)]),
    "uasc_older": Weighted([("semi", 0.60), ("foster_ih", 0.22), ("foster_ifa", 0.18)]),
}  # fmt: skip


def age_band(age: int) -> int:
    """Age band index: under 1, 1-4, 5-9, 10-15, 16-17."""
    if age < 1:
        return 0
    if age < 5:
        return 1
    if age < 10:
        return 2
    return 3 if age < 16 else 4


class _Builder:
    """Builds the placement list of one period, one change at a time."""

    def __init__(self, child: ChildContext, home: Postcode, params: PlacementParams) -> None:
        """Start an empty placement list for ``child``, whose home is ``home``."""
        self.child = child
        self.rng = child.rng
        self.home = home
        self.params = params
        self.placements: list[Placement] = []
        self.carers = 0
        self.term = "short"
        self.legal: list[tuple[dt.date, str]] = []
        """The period's legal statuses (start day, code), to keep placements lawful."""

    def legal_on(self, day: dt.date) -> str | None:
        """The legal status in force on ``day`` (None before the first)."""
        code = None
        for start, status in self.legal:
            if start <= day:
                code = status
        return code

    def legal_from(self, day: dt.date) -> tuple[str | None, str | None]:
        """The legal status in force on ``day`` and the one after it (None if none)."""
        later = [status for start, status in self.legal if start > day]
        return self.legal_on(day), later[0] if later else None

    def lawful(self, kind: str, code: str, provider: str, day: dt.date) -> tuple[str, str]:
        """The 903 type and provider of a new ``kind`` placement, as the DfE rules allow.

        Placement with parents is not possible under a single period of s20
        accommodation (V2, rule 378): it is recorded as foster care with
        relatives (U3). Supported accommodation (H5) is for young people of 16
        or more (rules 371, K3 from 2024-25): a younger child's is a children's home (K2). Only
        the codes change, never the draws, so the rest of the council is the same.
        """
        if kind == "parents" and "V2" in self.legal_from(day):
            return "U3", "PR1"
        if kind == "semi" and code in ("H5", "K3") and self.child.age_on(day) < 16:
            return "K2", provider
        return code, provider

    def code(self, kind: str, day: dt.date, consent: bool = False) -> tuple[str, str]:
        """903 placement type and provider for a new placement of ``kind`` on ``day``."""
        rng = self.rng
        if kind in _FOSTER:
            rel = kind == "foster_rel"
            code = {"short": "U3" if rel else "U6", "long": "U1" if rel else "U4",
                    "ffa": "U2" if rel else "U5"}[self.term]  # fmt: skip
            if kind == "foster_ifa":
                return code, "PR4" if rng.random() < 0.7 else "PR5"
            return code, "PR1"
        if kind == "resi":
            code = "R1" if self.child.disabled and rng.random() < 0.4 else "K2"
            return code, "PR1" if rng.random() < 0.15 else "PR4"
        if kind == "semi":
            code = "H5" if day >= H5_FROM else "P2"
            if code not in codelist("placement_type").codes_at(day):
                code = "K3"
            return code, "PR1" if rng.random() < 0.3 else "PR4"
        if kind == "adopt":
            code = "A4" if consent else "A6"
            u = rng.random()
            return code, "PR1" if u > self.params.vaa_share else ("PR5" if u < 0.25 else "PR2")
        simple = {"parents": ("P1", "PR0"), "mother_baby": ("R3", "PR4"), "secure": ("K1", "PR2"),
                  "yoi": ("R5", "PR3"), "school": ("S1", "PR4")}  # fmt: skip
        return simple[kind]

    def open(
        self,
        day: dt.date,
        kind: str,
        *,
        same_carer: bool = False,
        code: str = "",
        provider: str = "",
    ) -> None:
        """Start a placement of ``kind`` on ``day`` (closing the current one)."""
        if not code:
            code, provider = self.lawful(kind, *self.code(kind, day), day)
        if same_carer and self.placements:
            prev = self.placements[-1]
            carer, postcode, distance = prev.carer, prev.postcode, prev.distance
        else:
            self.carers += 1
            carer = self.carers
            postcode = placement_postcode(self.rng, kind, self.home)
            if kind == "parents" and code != "P1":
                # Relatives caring for the child instead of the parents live nearby,
                # not at the child's home (DfE rule 392d), chosen without a draw.
                postcode = neighbour_postcode(postcode)
            distance = self.home.miles_to(postcode)
        if provider == "PR1" and kind not in _OWN_ANYWHERE and not in_county(postcode):
            # The council's own homes and supported accommodation are in the county
            # (DfE rule 1015): one outside it is a private provider's.
            provider = "PR4"
        self.placements.append(Placement(day, day, kind, code, provider, carer, postcode, distance))

    def close(self, day: dt.date, reason: str | None) -> None:
        """End the current placement on ``day`` with a change reason (from 2016-04)."""
        last = self.placements[-1]
        last.end = day
        last.change_reason = reason if day >= _REASONS_FROM else None


def _breakdown_after(b: _Builder, kind: str, age: int, same_carer: bool) -> int:
    """Days until the current placement would break down (piecewise-exponential hazard)."""
    p = b.params
    lo, hi = _HAZARD[kind]
    rate = lo if age < 10 else hi
    if kind in _FOSTER and b.term == "long":
        rate *= p.long_term_factor
    if b.child.is_uasc:
        rate *= p.uasc_factor
    if rate <= 0:
        return 10**6
    rng = b.rng
    if not same_carer:
        early = rng.expovariate(rate * p.early_factor / 365.25)
        if early < 180:
            return 1 + int(early)
    return 1 + int((0 if same_carer else 180) + min(36500.0, rng.expovariate(rate / 365.25)))


def _next_kind(b: _Builder, kind: str, age: int) -> str:
    """The kind of placement a child of ``age`` moves to when a ``kind`` placement breaks down."""
    if b.child.is_uasc:
        return _NEXT["uasc_young" if age < 16 else "uasc_older"].draw(b.rng)
    if age < 10:
        return _NEXT["young"].draw(b.rng)
    if age >= 16:
        return _NEXT["older"].draw(b.rng)
    return _NEXT["teen_resi" if kind == "resi" else "teen"].draw(b.rng)


def simulate_placements(
    child: ChildContext,
    plan: CarePlan,
    start: dt.date,
    home: Postcode,
    params: PlacementParams = PARAMS,
) -> list[Placement]:
    """Every placement of the period of care from ``start`` to ``plan.exit_day``."""
    rng = child.rng
    b = _Builder(child, home, params)
    b.legal = plan.legal
    exit_day = plan.exit_day
    age = child.age_on(start)
    if child.is_uasc:
        kind = _UASC_FIRST.draw(rng)
    elif plan.legal[0][1] == "J1":
        kind = _REMAND_FIRST.draw(rng)
    else:
        kind = _FIRST[age_band(age)].draw(rng)
        if child.disabled and age >= 5 and rng.random() < 0.3:
            kind = "school" if rng.random() < 0.4 else "resi"
    b.open(start, kind)
    planned: list[tuple[dt.date, str]] = []
    if child.is_uasc and kind == "resi":
        planned.append(
            (start + days(gamma_days(rng, params.uasc_reception_mean_days, 3, 7)), "move")
        )
    elif kind in _FOSTER and rng.random() < params.bridge:
        planned.append((start + days(gamma_days(rng, params.bridge_mean_days, 2, 3)), "bridge"))
    if plan.long_term_day is not None:
        planned.append((plan.long_term_day, "long_term"))
    adoption = plan.adoption
    if adoption is not None and adoption.reversed_day is None:
        if adoption.ffa_placed is not None:
            planned.append((adoption.ffa_placed, "ffa"))
        planned.append((adoption.placed, "adopt"))
    if plan.home_day is not None:
        planned.append((plan.home_day, "home"))
    if plan.exit_kind == "age18" and not child.is_uasc and rng.random() < params.semi_at_17:
        planned.append((child.birthday(17) + days(rng.randrange(0, 240)), "semi"))
    if child.is_uasc and child.age_on(start) < 17 and rng.random() < 0.3:
        planned.append((child.birthday(17) + days(rng.randrange(0, 120)), "semi"))
    planned = sorted(p for p in planned if start < p[0] < exit_day)
    day = start
    same_carer = False
    while True:
        kind = b.placements[-1].kind
        age = child.age_on(day)
        broken = day + days(_breakdown_after(b, kind, age, same_carer))
        next_planned = planned[0] if planned else (exit_day, "exit")
        if min(broken, next_planned[0]) >= exit_day:
            break
        if broken < next_planned[0]:
            b.close(broken, _REASONS.draw(rng))
            b.open(broken, _next_kind(b, kind, child.age_on(broken)))
            day, same_carer = broken, False
            continue
        planned.pop(0)
        when, action = next_planned
        if when <= b.placements[-1].start:
            when = b.placements[-1].start + ONE_DAY
            if when >= exit_day:
                continue
        day = when
        same_carer = _planned_move(b, plan, day, action, kind)
    b.placements[-1].end = exit_day
    return b.placements


def _planned_move(b: _Builder, plan: CarePlan, day: dt.date, action: str, kind: str) -> bool:
    """Apply a planned change on ``day``; returns whether the carers stayed the same."""
    rng = b.rng
    age = b.child.age_on(day)
    if action == "adopt":
        adoption = plan.adoption
        assert adoption is not None
        consent = adoption.placement_order is None
        if adoption.same_carer and kind in _FOSTER:
            b.close(day, "PLACE")
            code, provider = ("A3" if consent else "A5"), b.placements[-1].provider
            b.open(day, "adopt", same_carer=True, code=code, provider=provider)
            return True
        b.close(day, "CARPL")
        code, provider = b.code("adopt", day, consent)
        b.open(day, "adopt", code=code, provider=provider)
        return False
    if action == "long_term":
        b.term = "long"
        if kind not in _FOSTER:
            return True
        if rng.random() < b.params.long_term_same_carers:
            b.close(day, "PLACE")
            b.open(day, kind, same_carer=True)
            return True
        b.close(day, "CARPL")
        new = "foster_ifa" if rng.random() < b.params.ifa_share_lt else "foster_ih"
        b.open(day, new)
        return False
    if action == "ffa":
        b.term = "ffa"
        b.close(day, "CARPL")
        b.open(day, "foster_rel" if rng.random() < 0.1 else "foster_ih")
        return False
    if action == "home":
        b.close(day, "CARPL")
        b.open(day, "parents")
        return False
    if action == "semi":
        if kind in ("semi", "adopt", "parents"):
            return True
        b.close(day, "CARPL")
        b.open(day, "semi")
        return False
    # "bridge" or "move" (out of a reception home): a planned move to settled carers.
    b.close(day, "CARPL")
    if b.child.is_uasc:
        new = _NEXT["uasc_young" if age < 16 else "uasc_older"].draw(rng)
        if new == "resi":
            new = "foster_ih"
    elif kind in _FOSTER:
        new = kind if rng.random() < 0.8 else "foster_ih"
    else:
        new = _next_kind(b, kind, age)
    b.open(day, new)
    return False
