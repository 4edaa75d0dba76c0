"""Permanence: the adoption process and special guardianship and child arrangements orders.

Adoption follows the statutory steps (Adoption Agencies Regulations 2005,
Children and Families Act 2014):

* the agency decision maker (ADM) decides the child should be placed for
  adoption, usually by the second review, four months after the child came
  into care (Kent: 74.5% within 4 months, August 2016);
* the court grants a placement order at the final hearing of care proceedings
  (a few babies are placed with their parents' consent instead, without one);
* the child is matched with prospective adopters (Kent: 151.5 days on average
  from placement order to match in the year to August 2016, falling from 213.3
  a year earlier and to 122.3 by January 2018), moves in after introductions
  (on average 363.7 days after coming into care), and the adoption order
  follows after at least ten weeks;
* from 2014 some children are first placed with fostering-for-adoption
  carers, and some are adopted by their foster carers;
* a small share of plans are reversed before the match (903 RD1-RD4).

Special guardianship and child arrangements orders end a period of care;
their row records the order.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from kpibook.synth.journeys.care_common import (
    Period,
    Weighted,
    by_date,
    days,
    gamma_days,
    pick_worker,
)


@dataclass(frozen=True, slots=True)
class PermanenceParams:
    """Durations and rates of the adoption process (defaults are calibrated)."""

    adm_mean_days: float = 104.0
    """Mean days from coming into care to the ADM decision (gamma, shape 3)."""
    po_to_match_days: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2013, 1, 1), 220.0), (dt.date(2014, 6, 1), 150.0),
        (dt.date(2015, 6, 1), 160.0), (dt.date(2016, 6, 1), 140.0), (dt.date(2017, 6, 1), 110.0),
    )  # fmt: skip
    """Mean days from placement order to match, by the placement order's date (family
    finding speeded up in 2015-17)."""
    po_to_match_shape: float = 1.6
    """Gamma shape of the placement order to match interval."""
    matched_before_order: float = 0.06
    """Chance the match is agreed before the placement order (A2 counts zero days)."""
    introductions_mean_days: float = 18.0
    """Mean days from match to moving in (introductions)."""
    order_mean_days: float = 230.0
    """Mean days from moving in to the adoption order (at least 10 weeks)."""
    ffa: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2013, 7, 1), 0.0),
        (dt.date(2015, 4, 1), 0.10),
    )
    """Chance of a fostering-for-adoption placement, by entry date (from the 2014 Act)."""
    foster_carer_adopts: float = 0.10
    """Chance the child's foster carers adopt them."""
    reversed_share: float = 0.08
    """Chance the adoption plan is reversed before a match."""
    sibling_group: float = 0.35
    """Chance the child is part of a sibling group."""
    siblings_together: float = 0.80
    """Chance a sibling group is placed together."""


PARAMS = PermanenceParams()
_ADOPTER_SEX = Weighted([("MF", 0.80), ("FF", 0.06), ("MM", 0.06), ("F1", 0.07), ("M1", 0.01)])
_REVERSAL = Weighted([("RD1", 0.35), ("RD2", 0.20), ("RD3", 0.15), ("RD4", 0.30)])


@dataclass(slots=True)
class AdoptionPlan:
    """The dates of one child's adoption process."""

    adm: dt.date
    placement_order: dt.date | None
    matched: dt.date
    placed: dt.date
    order: dt.date
    ffa_decision: dt.date | None = None
    ffa_placed: dt.date | None = None
    same_carer: bool = False
    """Placed for adoption with the current (foster or fostering-for-adoption) carers."""
    reversed_day: dt.date | None = None
    reversed_reason: str | None = None


def plan_adoption(
    rng: random.Random,
    entry: dt.date,
    final_hearing: dt.date | None,
    params: PermanenceParams = PARAMS,
) -> AdoptionPlan:
    """Sample the adoption process of a child who came into care on ``entry``.

    ``final_hearing`` is when the court makes the placement order; None when
    the child is placed with their parents' consent (no placement order).
    """
    adm = entry + days(gamma_days(rng, params.adm_mean_days, 3.0, 14))
    if final_hearing is not None:
        adm = max(entry + days(7), min(adm, final_hearing - days(7)))
    start = adm if final_hearing is None else final_hearing
    mean = by_date(start, params.po_to_match_days)
    if final_hearing is not None and rng.random() < params.matched_before_order:
        matched = max(adm, final_hearing - days(rng.randint(1, 30)))
    else:
        matched = start + days(gamma_days(rng, mean, params.po_to_match_shape, 7))
    plan = AdoptionPlan(
        adm=adm,
        placement_order=final_hearing,
        matched=matched,
        placed=matched,
        order=matched,
    )
    if rng.random() < by_date(entry, params.ffa):
        plan.ffa_decision = entry + days(rng.randint(7, 40))
        plan.ffa_placed = plan.ffa_decision + days(rng.randint(3, 21))
        plan.same_carer = True
    elif rng.random() < params.foster_carer_adopts:
        plan.same_carer = True
    intro = (
        rng.randint(1, 14)
        if plan.same_carer
        else gamma_days(rng, params.introductions_mean_days, 3.0, 7)
    )
    plan.placed = max(matched, start) + days(intro)
    plan.order = plan.placed + days(gamma_days(rng, params.order_mean_days, 4.0, 70))
    if rng.random() < params.reversed_share:
        plan.reversed_day = adm + days(rng.randint(30, max(31, (plan.matched - adm).days)))
        plan.reversed_reason = _REVERSAL.draw(rng)
    return plan


def emit_adoption(period: Period, plan: AdoptionPlan, params: PermanenceParams = PARAMS) -> None:
    """Write the ``ssd_permanence`` row of an adoption plan (dates after the window left empty)."""
    child = period.child
    rng = child.rng
    end = child.window.end
    if plan.adm > end:
        return

    def seen(day: dt.date | None) -> dt.date | None:
        """``day`` if it falls within the window."""
        return day if day is not None and day <= end else None

    reversed_day = seen(plan.reversed_day)
    live = plan.reversed_day is None
    sibling = rng.random() < params.sibling_group
    together = sibling and rng.random() < params.siblings_together
    n_sib = rng.randint(2, 3) if sibling else 1
    adopters = _ADOPTER_SEX.draw(rng)
    n_adopters = 1 if adopters in ("F1", "M1") else 2
    # DfE 903 LS_ADOPTR: L0 single adopter; L11 married couple of different sexes,
    # L12 of the same sex; L2 civil partners; L3 unmarried couple of different
    # sexes, L4 of the same sex (DfE rules 514, 520, 524, 525, 526).
    same_sex = adopters in ("FF", "MM")
    legal = (
        "L0"
        if n_adopters == 1
        else (
            "L2"
            if same_sex and rng.random() < 0.5
            else (
                ("L12" if same_sex else "L11")
                if rng.random() < 0.8
                else ("L4" if same_sex else "L3")
            )
        )
    )
    matched = seen(plan.matched) if live else None
    placed = seen(plan.placed) if live else None
    ordered = seen(plan.order) if live else None
    foster_start: dt.date | None = None
    if live and plan.same_carer and placed is not None:
        before = [p for p in period.placements if p.end == plan.placed and p.kind != "adopt"]
        foster_start = before[-1].start if before else None
    worker_day = plan.placed if live and plan.placed <= end else min(plan.adm, end)
    child.emit(
        "ssd_permanence",
        perm_table_id=child.new_id("ssd_permanence"),
        perm_person_id=child.person_id,
        perm_cla_id=period.cla_id,
        perm_adm_decision_date=plan.adm,
        perm_part_of_sibling_group="1" if sibling else "0",
        perm_siblings_placed_together=n_sib if together else 1,
        perm_siblings_placed_apart=0 if together or not sibling else n_sib - 1,
        perm_ffa_cp_decision_date=seen(plan.ffa_decision),
        perm_placement_order_date=seen(plan.placement_order),
        perm_matched_date=matched,
        perm_adopter_sex=adopters if matched is not None else None,
        perm_adopter_legal_status=legal if matched is not None else None,
        perm_number_of_adopters=n_adopters if matched is not None else None,
        perm_placed_for_adoption_date=placed,
        perm_adopted_by_carer_flag=("Y" if plan.same_carer else "N") if placed else None,
        perm_placed_foster_carer_date=foster_start,
        perm_placed_ffa_cp_date=seen(plan.ffa_placed),
        perm_placement_provider_urn=None,
        perm_decision_reversed_date=reversed_day,
        perm_decision_reversed_reason=plan.reversed_reason if reversed_day else None,
        perm_permanence_order_date=ordered,
        perm_permanence_order_type="ADOPTION" if ordered is not None else None,
        perm_adoption_worker_id=pick_worker(child, "T_ADOPT", worker_day),
    )


def emit_order(period: Period, order_type: str) -> None:
    """Write the ``ssd_permanence`` row of a special guardianship or child arrangements order."""
    child = period.child
    if period.exit_day > child.window.end:
        return
    child.emit(
        "ssd_permanence",
        perm_table_id=child.new_id("ssd_permanence"),
        perm_person_id=child.person_id,
        perm_cla_id=period.cla_id,
        perm_part_of_sibling_group="1" if child.rng.random() < 0.3 else "0",
        perm_permanence_order_date=period.exit_day,
        perm_permanence_order_type=order_type,
    )
