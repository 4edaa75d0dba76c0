"""The care plan of a period of care: where it leads, when it ends, and the legal statuses.

When a child comes into care the plan is drawn by age (the DfE's reasons for
ceasing care by age at entry): return home, adoption, special guardianship,
long-term care to 18, or another ending (transfer to another authority,
custody, remand ending, death). Unaccompanied asylum-seeking children mostly
stay until 18; some are assessed as adults, transferred under the National
Transfer Scheme (from July 2016), go missing for good, or join relatives.

Legal statuses follow the process: police protection (L1) or an emergency
protection order (L2) for a few days; accommodation under section 20 (V2);
an interim care order (C1) when care proceedings are issued, a full care order
(C2) or a placement order (E1) at the final hearing (proceedings took about 45
weeks before the 26-week limit of April 2014, about 30 after); remand (J1).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from kpibook.model import codelist
from kpibook.synth.context import ChildContext
from kpibook.synth.journeys.care_common import Weighted, by_date, days, gamma_days
from kpibook.synth.journeys.permanence import AdoptionPlan, plan_adoption


@dataclass(frozen=True, slots=True)
class CarePlanParams:
    """Where periods of care lead and how long they last (defaults are calibrated)."""

    pathways: tuple[tuple[tuple[str, float], ...], ...] = (
        (("return", 0.14), ("adopt", 0.70), ("sgo", 0.07), ("long_term", 0.07), ("other", 0.02)),
        (("return", 0.28), ("adopt", 0.50), ("sgo", 0.09), ("long_term", 0.11), ("other", 0.02)),
        (("return", 0.52), ("adopt", 0.04), ("sgo", 0.07), ("long_term", 0.34), ("other", 0.03)),
        (("return", 0.50), ("sgo", 0.04), ("long_term", 0.40), ("other", 0.06)),
        (("return", 0.42), ("sgo", 0.01), ("long_term", 0.52), ("other", 0.05)),
    )  # fmt: skip
    """Pathway weights by age band at entry (<1, 1-4, 5-9, 10-15, 16-17)."""
    return_short: float = 0.35
    """Share of returns home after a short stay (exponential, mean ``return_short_days``)."""
    return_short_days: float = 25.0
    return_median_days: float = 260.0
    """Median stay of the other returns home (log-normal, spread ``return_sigma``)."""
    return_sigma: float = 0.85
    order_chance: tuple[tuple[str, float], ...] = (
        ("adopt", 1.0), ("sgo", 0.85), ("long_term", 0.80), ("return", 0.25), ("other", 0.10),
    )  # fmt: skip
    """Chance care proceedings are issued, by pathway (long-term: under 12s; 0.35 for older)."""
    older_long_term_order: float = 0.35
    adoption_consent: float = 0.05
    """Chance an adoption goes ahead with parental consent, without care proceedings."""
    pre_proceedings_days: float = 30.0
    """Mean days from a section 20 start to an interim care order."""
    proceedings_days: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2011, 4, 1), 310.0), (dt.date(2014, 4, 22), 170.0), (dt.date(2015, 10, 1), 180.0),
    )  # fmt: skip
    """Mean days from interim care order to final hearing, by issue date (26-week limit, 2014)."""
    long_term_young_years: float = 6.0
    """Median years a young child on long-term care stays (log-normal), before SGO or home."""
    long_term_young_sgo: float = 0.20
    """Chance such a long stay ends in special guardianship (else return home)."""
    long_term_decision_days: float = 270.0
    """Mean days to the long-term fostering decision without care proceedings."""
    teen_independence: float = 0.12
    """Chance a teenager in long-term care leaves at 16-17 for independent living."""
    teen_return: float = 0.10
    """Chance a teenager in long-term care goes home before 18 (unplanned, E4B)."""
    sgo_at_hearing: float = 0.60
    """Chance a special guardianship order is made at the final hearing (else later)."""
    sgo_later_days: float = 330.0
    home_before_discharge: float = 0.55
    """Chance a child going home under a care order is placed with parents first."""
    remand_days: float = 70.0
    """Mean days on remand."""
    uasc_adult: float = 0.08
    """Chance an asylum-seeking child is assessed as 18 or over."""
    uasc_transfer: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2016, 6, 30), 0.01), (dt.date(2016, 7, 1), 0.40), (dt.date(2017, 6, 1), 0.55),
    )  # fmt: skip
    """Chance an asylum-seeking child moves to another authority (National Transfer Scheme)."""
    uasc_missing: float = 0.04
    """Chance an asylum-seeking child goes missing and their care ends."""
    uasc_family: float = 0.02
    """Chance an asylum-seeking child leaves care to live with relatives."""


PARAMS = CarePlanParams()
_PATHWAYS = tuple(Weighted(t) for t in PARAMS.pathways)
_ORDER = dict(PARAMS.order_chance)
_OTHER_YOUNG = Weighted([("E3", 0.70), ("E2", 0.05), ("E16", 0.10), ("E13", 0.15)])
_OTHER_OLD = Weighted([("E3", 0.45), ("E9", 0.35), ("E16", 0.05), ("E13", 0.15)])
_RETURN = Weighted([("E4A", 0.80), ("E4B", 0.10), ("E13", 0.05), ("E41", 0.05)])


@dataclass(slots=True)
class CarePlan:
    """The sampled plan of one period of care."""

    pathway: str
    exit_day: dt.date
    exit_kind: str
    """How the period ends: an E-code, or age18, sgo, independence (refined at the end)."""
    legal: list[tuple[dt.date, str]]
    adoption: AdoptionPlan | None = None
    long_term_day: dt.date | None = None
    home_day: dt.date | None = None


def valid_reason(code: str, day: dt.date) -> str:
    """``code`` if the 903 reason list has it on ``day``; E8 (any other reason) otherwise."""
    return code if code in codelist("reason_episode_ceased").codes_at(day) else "E8"


def _band(age: int) -> int:
    """Age band index: under 1, 1-4, 5-9, 10-15, 16-17."""
    return 0 if age < 1 else 1 if age < 5 else 2 if age < 10 else 3 if age < 16 else 4


def make_plan(
    child: ChildContext, day: dt.date, legal_status: str, params: CarePlanParams = PARAMS
) -> CarePlan:
    """Sample the plan of a period of care starting on ``day`` with ``legal_status``."""
    if child.is_uasc:
        return _uasc_plan(child, day, legal_status, params)
    rng = child.rng
    age = child.age_on(day)
    eighteen = child.birthday(18)
    legal: list[tuple[dt.date, str]] = [(day, legal_status)]
    if legal_status == "J1":
        return _remand_plan(child, day, legal, params)
    pathway = _PATHWAYS[_band(age)].draw(rng)
    if child.disabled and pathway == "adopt" and rng.random() < 0.6:
        pathway = "long_term"
    chance = _ORDER[pathway]
    if pathway == "long_term" and age >= 12:
        chance = params.older_long_term_order
    ordered = legal_status in ("C1", "C2", "E1", "D1")
    consent = pathway == "adopt" and not ordered and rng.random() < params.adoption_consent
    needs_order = ordered or (not consent and rng.random() < chance)
    t = day
    if legal_status in ("L1", "L2", "L3"):
        t = day + days(rng.randint(1, 3) if legal_status == "L1" else rng.randint(2, 8))
        legal.append((t, "C1" if needs_order else "V2"))
    elif legal_status not in ("V2", "C1", "C2", "E1", "D1"):
        needs_order = False
    final: dt.date | None = None
    if legal_status in ("C2", "E1", "D1"):
        final = day
    elif needs_order:
        c1 = t
        if legal[-1][1] != "C1":
            c1 = t + days(gamma_days(rng, params.pre_proceedings_days, 2.0, 5))
            legal.append((c1, "C1"))
        final = c1 + days(gamma_days(rng, by_date(c1, params.proceedings_days), 6.0, 56))
    plan = CarePlan(pathway, eighteen, "age18", legal)
    if pathway == "adopt":
        adoption = plan_adoption(rng, day, final)
        plan.adoption = adoption
        if final is not None and legal[-1][1] == "C1":
            reversed_first = adoption.reversed_day is not None and adoption.reversed_day < final
            code = "C2" if reversed_first else "E1"
            legal.append((final, code))
        if adoption.reversed_day is None:
            plan.exit_day, plan.exit_kind = adoption.order, "adopt"
        else:
            if legal[-1][1] == "E1" and adoption.reversed_day > legal[-1][0]:
                # Adoption is no longer the plan: the placement order is revoked
                # and a care order made (DfE rule 553: no E1 without the decision).
                legal.append((adoption.reversed_day, "C2"))
            plan.pathway = pathway = "sgo" if rng.random() < 0.3 else "long_term"
            plan.long_term_day = adoption.reversed_day + days(rng.randint(30, 120))
            t = plan.long_term_day
            if pathway == "sgo":
                plan.exit_day = t + days(gamma_days(rng, params.sgo_later_days, 2.0, 30))
                plan.exit_kind = "sgo"
            else:
                _long_term_exit(child, plan, day, params)
    elif pathway == "sgo":
        base = final if final is not None else day + days(gamma_days(rng, 300, 3.0, 60))
        if final is not None and rng.random() >= params.sgo_at_hearing:
            legal.append((final, "C2"))
            plan.long_term_day = final
            base = final + days(gamma_days(rng, params.sgo_later_days, 2.0, 30))
        plan.exit_day, plan.exit_kind = base, "sgo"
    elif pathway == "return":
        if rng.random() < params.return_short:
            stay = 1 + int(rng.expovariate(1 / params.return_short_days))
        else:
            stay = int(params.return_median_days * math.exp(rng.gauss(0.0, params.return_sigma)))
        plan.exit_day, plan.exit_kind = day + days(max(1, stay)), _RETURN.draw(rng)
        if final is not None and plan.exit_day > final:
            legal.append((final, "C2"))
            if rng.random() < params.home_before_discharge:
                back = rng.randint(60, 270)
                plan.home_day = max(final + days(1), plan.exit_day - days(back))
    elif pathway == "long_term":
        if final is not None:
            legal.append((final, "C2"))
            plan.long_term_day = final
        else:
            plan.long_term_day = day + days(
                gamma_days(rng, params.long_term_decision_days, 3.0, 30)
            )
        _long_term_exit(child, plan, day, params)
    else:
        pool = _OTHER_YOUNG if age < 12 else _OTHER_OLD
        plan.exit_kind = pool.draw(rng)
        plan.exit_day = day + days(gamma_days(rng, 200, 1.5, 1))
    if plan.exit_day >= eighteen:
        plan.exit_day, plan.exit_kind = eighteen, "age18"
    plan.legal = [(d, c) for d, c in legal if d < plan.exit_day] or legal[:1]
    if plan.long_term_day is not None and plan.long_term_day >= plan.exit_day:
        plan.long_term_day = None
    return plan


def _long_term_exit(
    child: ChildContext, plan: CarePlan, day: dt.date, params: CarePlanParams
) -> None:
    """When a period of long-term care ends: at 18 for teenagers, after years for the young."""
    rng = child.rng
    age = child.age_on(day)
    plan.exit_day, plan.exit_kind = child.birthday(18), "age18"
    if age < 10:
        years = params.long_term_young_years * math.exp(rng.gauss(0.0, 0.6))
        plan.exit_day = day + days(365.25 * years)
        plan.exit_kind = "sgo" if rng.random() < params.long_term_young_sgo else "E4A"
        return
    u = rng.random()
    sixteen = child.birthday(16)
    if u < params.teen_independence:
        plan.exit_day = max(sixteen, day + days(30)) + days(rng.randint(90, 600))
        plan.exit_kind = "independence"
    elif u < params.teen_independence + params.teen_return:
        plan.exit_day = day + days(rng.randint(180, 1500))
        plan.exit_kind = "E4B"


def _remand_plan(
    child: ChildContext, day: dt.date, legal: list[tuple[dt.date, str]], params: CarePlanParams
) -> CarePlan:
    """Remand: care ends when the remand does, or the child stays accommodated (V2)."""
    rng = child.rng
    end = day + days(gamma_days(rng, params.remand_days, 2.0, 2))
    if rng.random() < 0.2:
        legal.append((end, "V2"))
        plan = CarePlan("long_term", child.birthday(18), "age18", legal)
        if rng.random() < 0.5:
            plan.exit_day, plan.exit_kind = end + days(rng.randint(60, 500)), "E4A"
    else:
        plan = CarePlan("other", end, "E14", legal)
    if plan.exit_day >= child.birthday(18):
        plan.exit_day, plan.exit_kind = child.birthday(18), "age18"
    plan.legal = [(d, c) for d, c in legal if d < plan.exit_day]
    return plan


def _uasc_plan(
    child: ChildContext, day: dt.date, legal_status: str, params: CarePlanParams
) -> CarePlan:
    """An unaccompanied asylum-seeking child's period of care (accommodated under s20)."""
    rng = child.rng
    eighteen = child.birthday(18)
    plan = CarePlan("uasc", eighteen, "age18", [(day, legal_status)])
    u = rng.random()
    transfer = by_date(day, params.uasc_transfer)
    if u < params.uasc_adult:
        plan.exit_day, plan.exit_kind = day + days(gamma_days(rng, 45, 2.0, 5)), "E15"
    elif u < params.uasc_adult + transfer:
        plan.exit_day, plan.exit_kind = day + days(gamma_days(rng, 40, 2.0, 7)), "E3"
    elif u < params.uasc_adult + transfer + params.uasc_missing:
        plan.exit_day, plan.exit_kind = day + days(gamma_days(rng, 90, 1.5, 14)), "missing"
    elif u < params.uasc_adult + transfer + params.uasc_missing + params.uasc_family:
        plan.exit_day, plan.exit_kind = day + days(gamma_days(rng, 200, 2.0, 14)), "E13"
    if plan.exit_day >= eighteen:
        plan.exit_day, plan.exit_kind = eighteen, "age18"
    return plan
