"""Children in care: a whole period of care, from the day a child becomes looked after.

:func:`enter_care` is called by the front door when a child comes into care
(and by :mod:`kpibook.synth.journeys.uasc` for asylum-seeking children). It
simulates the period to its end, and everything in it:

* the care plan, legal statuses and placements (:mod:`care_plan`,
  :mod:`placements`), written as 903 episodes (:mod:`episodes`);
* who holds the case: the district team for the first weeks, then the
  district's children in care team (disabled children stay with their
  disability team, asylum-seeking children with the SUASC service, some of
  them later with the area's CIC team; a few children placed for adoption
  move to the adoption team, some 16-17 year olds to the 16+ service), and the
  care leaver service (personal advisers) from 18 to 21;
* reviews, visits, health checks, PEPs, missing episodes, complaints,
  permanence records, care leaver records, gradings and audits.

Calibrated (with the front door's entry rate of about 60-65 citizen children
a month) to Kent's stock of about 1,450 citizen children in care in August
2016, and its flows: 86 children starting and 93 ceasing care that month.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kpibook.synth.context import ChildContext
from kpibook.synth.geography import (
    CIC_TEAM_FOR_DISTRICT,
    DISABILITY_TEAM_FOR_AREA,
    district,
    team,
)
from kpibook.synth.journeys import health, leavers, missing, oc2_outcomes, permanence, reviews
from kpibook.synth.journeys.care_common import (
    Holding,
    Period,
    Placement,
    Weighted,
    days,
    gamma_days,
)
from kpibook.synth.journeys.care_plan import CarePlan, make_plan, valid_reason
from kpibook.synth.journeys.episodes import emit_episodes, emit_legal_statuses, emit_placements
from kpibook.synth.journeys.locations import district_postcode, uasc_base
from kpibook.synth.journeys.placements import simulate_placements
from kpibook.synth.journeys.quality import audit_cases

_FOSTER = frozenset(("foster_ih", "foster_rel", "foster_ifa"))
_SGO = frozenset(("E45", "E46", "E47", "E48"))


@dataclass(frozen=True, slots=True)
class CareExit:
    """How a period of care ended."""

    day: dt.date | None
    """Day the child ceased to be looked after; None if still looked after at window end."""
    reason: str | None
    """903 reason episode ceased of the final episode (E11, E4A...); None if still in care."""


@dataclass(frozen=True, slots=True)
class CareParams:
    """Case holding and how periods end (defaults are calibrated)."""

    district_team_days: float = 40.0
    """Mean days the district team keeps a new child in care before the CIC team takes over
    (Kent, August 2016: about 70 children in care held by district teams)."""
    lac16: float = 0.30
    """Chance a child in care at 16 moves to the 16+ service."""
    adoption_team: float = 0.15
    """Chance the adoption team takes over when the child is placed for adoption (Kent,
    August 2016: 4 children in care held by Adoption & SG; the rest stay with CIC teams)."""
    uasc_area: float = 0.55
    """Chance an asylum-seeking child's case moves to the area's CIC team (Kent: 334 of 798)."""
    uasc_area_days: float = 150.0
    """Mean days before such a move."""
    allocation_days: tuple[tuple[str, float], ...] = (
        ("cswt", 420.0), ("cic", 1150.0), ("disability", 1150.0), ("uasc", 800.0),
        ("adoption", 900.0), ("care_leavers", 900.0),
    )  # fmt: skip
    """Mean days between reallocations of the case to another worker, by team type."""
    staying_put: float = 0.30
    """Chance a young person in foster care at 18 stays with the carers (E17, from 2016)."""
    age18: tuple[tuple[str, float], ...] = (
        ("E5", 0.50), ("E6", 0.10), ("E4A", 0.12), ("E8", 0.18), ("E13", 0.10),
    )  # fmt: skip
    """How other young people leave care at 18."""
    e12: float = 0.25
    """Share of adoptions where the court dispensed with consent (E12)."""


PARAMS = CareParams()
_ALLOC = dict(PARAMS.allocation_days)
_AGE18 = Weighted(PARAMS.age18)


def enter_care(
    child: ChildContext,
    day: dt.date,
    referral_id: str,
    *,
    legal_status: str,
    need_code: str,
    params: CareParams = PARAMS,
) -> CareExit:
    """Simulate a period of care starting on ``day`` and everything during it.

    Records the case holding from ``day`` to the end of the period (to the
    21st birthday for care leavers who leave care at 18), so the caller does
    not hold the case meanwhile. The care leaver service's holding after 18
    is not linked to the referral (the caller closes it when care ends).
    """
    period = enter_care_period(
        child, day, referral_id, legal_status=legal_status, need_code=need_code, params=params
    )
    if period.exit_day > child.window.end:
        return CareExit(None, None)
    return CareExit(period.exit_day, period.exit_reason)


def enter_care_period(
    child: ChildContext,
    day: dt.date,
    referral_id: str,
    *,
    legal_status: str,
    need_code: str,
    params: CareParams = PARAMS,
) -> Period:
    """:func:`enter_care`, returning the whole simulated period."""
    plan = make_plan(child, day, legal_status)
    home = child.home_postcode
    if home is None:
        home = (
            uasc_base()
            if child.is_uasc
            else district_postcode(child.rng, district(child.district_id).ons_code)
        )
    placements = simulate_placements(child, plan, day, home)
    period = Period(
        child=child,
        cla_id=child.new_id("cla_period"),
        referral_id=referral_id,
        start=day,
        exit_day=plan.exit_day,
        exit_reason=_exit_reason(child, plan, placements[-1], params),
        exit_kind=plan.exit_kind,
        pathway=plan.pathway,
        legal=_dedupe(plan.legal),
        placements=placements,
    )
    if plan.adoption is not None and plan.adoption.reversed_day is None:
        period.placed_for_adoption = plan.adoption.placed
    period.holdings = _holdings(child, period, params)
    for h in period.holdings:
        child.hold_case(
            h.team_id, h.start, h.end, referral_id if h.role == "CW" else None, role=h.role,
            mean_allocation_days=_ALLOC.get(team(h.team_id).team_type, 900.0),
        )  # fmt: skip
        audit_cases(child, h.team_id, h.start, h.end)
    reviews.simulate_reviews(period)
    emit_placements(period)
    emit_episodes(period, need_code)
    emit_legal_statuses(period)
    reviews.simulate_visits(period)
    reviews.simulate_complaints(period)
    health.simulate_health(period)
    health.simulate_peps(period)
    oc2_outcomes.simulate_outcomes(period)
    missing.simulate_missing(period)
    if plan.adoption is not None:
        permanence.emit_adoption(period, plan.adoption)
    if period.exit_reason in _SGO:
        permanence.emit_order(period, "SGO")
    elif period.exit_reason == "E41":
        permanence.emit_order(period, "CAO")
    leavers.simulate_care_leaver(period)
    if period.exit_day > child.window.end:
        child.touch(child.window.end)
    return period


def _dedupe(legal: list[tuple[dt.date, str]]) -> list[tuple[dt.date, str]]:
    """Legal status changes with repeats of the same status dropped."""
    out = legal[:1]
    for day, code in legal[1:]:
        if code != out[-1][1] and day > out[-1][0]:
            out.append((day, code))
    return out


def _exit_reason(child: ChildContext, plan: CarePlan, last: Placement, params: CareParams) -> str:
    """The 903 reason the period ended, from the plan and the final placement."""
    rng = child.rng
    kind = plan.exit_kind
    if kind == "adopt":
        code = "E12" if rng.random() < params.e12 else "E11"
    elif kind == "sgo":
        if last.kind == "foster_rel":
            code = "E45"
        elif last.kind in _FOSTER:
            u = rng.random()
            code = "E46" if u < 0.4 else ("E47" if u < 0.9 else "E48")
        else:
            code = "E47" if rng.random() < 0.8 else "E48"
    elif kind == "age18":
        if child.disabled and last.kind in ("resi", "school") and rng.random() < 0.5:
            code = "E7"
        elif last.kind in _FOSTER and rng.random() < params.staying_put:
            code = "E17"
        else:
            code = _AGE18.draw(rng)
    elif kind == "independence":
        code = "E5" if rng.random() < 0.7 else "E6"
    elif kind == "missing":
        code = "E8"
    else:
        code = kind
    return valid_reason(code, plan.exit_day)


def _holdings(child: ChildContext, period: Period, params: CareParams) -> list[Holding]:
    """Consecutive holding segments from the start of care to its end (or to 21)."""
    rng = child.rng
    start, end = period.start, period.exit_day
    dist = district(child.district_id)
    cic = CIC_TEAM_FOR_DISTRICT[child.district_id]
    marks: list[tuple[dt.date, str]] = []
    if child.is_uasc:
        marks.append((start, "T_UASC"))
        if rng.random() < params.uasc_area:
            marks.append((start + days(gamma_days(rng, params.uasc_area_days, 2.0, 30)), cic))
    elif child.disabled:
        marks.append((start, DISABILITY_TEAM_FOR_AREA[dist.area_id]))
    else:
        current = child.current_team
        if current is None or team(current).team_type != "cswt":
            current = dist.cswt_ids[rng.randrange(len(dist.cswt_ids))]
        marks.append((start, current))
        handover = start + days(gamma_days(rng, params.district_team_days, 2.0, 10))
        marks.append((handover, cic))
        sixteen = child.birthday(16)
        adopted = period.placed_for_adoption
        if adopted is not None and rng.random() < params.adoption_team:
            marks.append((adopted, "T_ADOPT"))
        elif adopted is None and sixteen < end and rng.random() < params.lac16:
            marks.append((max(sixteen, handover + days(1)), "T_LAC16"))
    holdings: list[Holding] = []
    for day, team_id in sorted(marks):
        if day >= end:
            break
        if holdings and holdings[-1].team_id == "T_ADOPT":
            break
        if holdings and holdings[-1].team_id == team_id:
            continue
        if holdings and holdings[-1].start == day:
            holdings[-1].team_id = team_id
            continue
        if holdings:
            holdings[-1].end = day
        holdings.append(Holding(team_id, day, end))
    if leavers.holds_to_21(period):
        holdings.append(Holding("T_CL18", end, child.birthday(21), role="PA"))
    return holdings
