"""Outcomes of children looked after for a year: SDQ, convictions, immunisations, substance misuse.

The SSDA903's OC2 table reports, for every child looked after continuously
for 12 months at 31 March, the strengths and difficulties questionnaire (SDQ)
score of the year or the reason there is none (children aged 4 to 16), whether
the child was convicted or cautioned in the year (aged 10 or over), whether
their immunisations are up to date, and whether a substance misuse problem
was identified (and an intervention received, or offered and refused). The
council records them through the year; this module writes, for each 31 March
a period of care spans after its first year, one year's records:

* ``ssd_sdq_scores``: one row per child aged 4-16 in the year: a score (about
  78% of them; total difficulties 0-40, mean about 14, as in the DfE's
  published figures for looked-after children) or a reason SDQ2-SDQ5; SDQ1
  when the child was under 4 or 17 on the day it fell due.
* ``ssd_cla_convictions``: an offence for about 3% of children aged 10 or
  over (more of the older ones), now and then two.
* ``ssd_cla_immunisations``: the status, recorded once a year; about 85% up
  to date.
* ``ssd_cla_substance_misuse``: a problem identified for about 4% (teenagers
  only); an intervention received for about 80% of them, and for the others
  ``local_substance_misuse_offers`` says whether one was offered and refused.

Every draw comes from the child's own ``oc2`` stream, so no other draw of the
journey moves.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from kpibook.synth.context import ChildContext
from kpibook.synth.journeys.care_common import Period, days


@dataclass(frozen=True, slots=True)
class OutcomeParams:
    """How often each OC2 item is recorded (defaults from the DfE's national figures)."""

    sdq_completed: float = 0.78
    """Chance an SDQ due in the year is completed (England: 75-80% of those eligible)."""
    sdq_mean: float = 14.0
    """Mean total difficulties score (England, looked-after children: about 14)."""
    sdq_sd: float = 7.0
    """Spread of the score."""
    sdq_disabled_reason: float = 0.4
    """Chance a disabled child's missing SDQ is for the severity of the disability (SDQ3)."""
    convicted: tuple[tuple[int, float], ...] = ((10, 0.01), (13, 0.03), (16, 0.05))
    """Chance of a conviction or caution in the year, from each age at 31 March."""
    second_offence: float = 0.2
    """Chance a convicted child has a second offence recorded in the year."""
    immunised: float = 0.86
    """Chance the immunisations are up to date (UASC children: lower, below)."""
    uasc_immunised: float = 0.7
    """Chance for unaccompanied asylum-seeking children (records often unknown on arrival)."""
    misuse: tuple[tuple[int, float], ...] = ((11, 0.01), (13, 0.05), (15, 0.09))
    """Chance a substance misuse problem is identified in the year, from each age."""
    intervention_received: float = 0.8
    """Chance the child received an intervention for it."""
    intervention_offered: float = 0.6
    """Chance one was offered and refused, if none was received."""


PARAMS = OutcomeParams()

_OFFENCES = (
    "Theft", "Criminal damage", "Assault", "Possession of cannabis",
    "Public order offence", "Shoplifting", "Burglary", "Possession of a bladed article",
)  # fmt: skip
_SUBSTANCES = (
    ("Cannabis", 0.55), ("Alcohol", 0.2), ("Cannabis and alcohol", 0.12),
    ("Nitrous oxide", 0.05), ("Cocaine", 0.05), ("Solvents", 0.03),
)  # fmt: skip
_SDQ_REASONS = (("SDQ2", 0.35), ("SDQ4", 0.35), ("SDQ5", 0.3))
"""Reasons for a missing SDQ other than age (SDQ1) and disability (SDQ3)."""


def year_ends(period: Period) -> list[dt.date]:
    """Each 31 March on which the child had been looked after for 12 months in this period.

    The period began on or before 1 April of the year before (so the child was
    looked after for the whole collection year: the DfE's definition) and the
    child was still looked after on the day, or left care that day (the DfE's
    rules count a child ceasing on 31 March in OC2); the day is within the window.
    """
    child = period.child
    out: list[dt.date] = []
    year = period.start.year + (1 if period.start > dt.date(period.start.year, 4, 1) else 0) + 1
    while True:
        end = dt.date(year, 3, 31)
        if end > child.window.end or end > period.exit_day:
            return out
        out.append(end)
        year += 1


def simulate_outcomes(period: Period, params: OutcomeParams = PARAMS) -> None:
    """Write the SDQ, conviction, immunisation and substance misuse records of the period."""
    child = period.child
    ends = year_ends(period)
    if not ends:
        return
    rng = child.stream("oc2")
    for end in ends:
        start = dt.date(end.year - 1, 4, 1)
        _sdq(child, rng, start, end, params)
        _convictions(child, rng, start, end, params)
        _immunisations(child, rng, period, start, end, params)
        _substance_misuse(child, rng, start, end, params)


def _day_in(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + days(rng.randint(0, max(0, (hi - lo).days)))


def _by_age(age: int, table: tuple[tuple[int, float], ...]) -> float:
    chance = 0.0
    for from_age, value in table:
        if age >= from_age:
            chance = value
    return chance


def _sdq(
    child: ChildContext, rng: random.Random, start: dt.date, end: dt.date, params: OutcomeParams
) -> None:
    """One SDQ record for a child whose 4th birthday is by, and 17th on or after, the year."""
    four, seventeen = child.birthday(4), child.birthday(17)
    if four > end or seventeen < start:
        return
    lo, hi = max(start, four), min(end, seventeen - days(1))
    if hi < lo:
        day, score, reason = _day_in(rng, start, end), None, "SDQ1"
    else:
        day = _day_in(rng, lo, hi)
        score, reason = None, None
        if rng.random() < params.sdq_completed:
            score = min(40, max(0, round(rng.gauss(params.sdq_mean, params.sdq_sd))))
        elif child.disabled and rng.random() < params.sdq_disabled_reason:
            reason = "SDQ3"
        else:
            reason = _pick(rng, _SDQ_REASONS)
            if reason == "SDQ5" and child.age_on(day) < 11:
                reason = "SDQ2"
    child.emit(
        "ssd_sdq_scores",
        csdq_table_id=child.new_id("ssd_sdq_scores"),
        csdq_person_id=child.person_id,
        csdq_sdq_completed_date=day,
        csdq_sdq_score=score,
        csdq_sdq_reason=reason,
    )


def _convictions(
    child: ChildContext, rng: random.Random, start: dt.date, end: dt.date, params: OutcomeParams
) -> None:
    """Offences of a child aged 10 or over, dated on or after the 10th birthday."""
    age = child.age_on(end)
    if age < 10 or rng.random() >= _by_age(age, params.convicted):
        return
    count = 2 if rng.random() < params.second_offence else 1
    lo = max(start, child.birthday(10))
    for day in sorted(_day_in(rng, lo, end) for _ in range(count)):
        child.emit(
            "ssd_cla_convictions",
            clac_cla_conviction_id=child.new_id("ssd_cla_convictions"),
            clac_person_id=child.person_id,
            clac_cla_conviction_date=day,
            clac_cla_conviction_offence=rng.choice(_OFFENCES),
        )


def _immunisations(
    child: ChildContext,
    rng: random.Random,
    period: Period,
    start: dt.date,
    end: dt.date,
    params: OutcomeParams,
) -> None:
    """The year's immunisation status (recorded at a health assessment in the year)."""
    chance = params.uasc_immunised if period.uasc else params.immunised
    child.emit(
        "ssd_cla_immunisations",
        clai_person_id=child.person_id,
        clai_immunisations_status="Y" if rng.random() < chance else "N",
        clai_immunisations_status_date=_day_in(rng, start, end),
    )


def _substance_misuse(
    child: ChildContext, rng: random.Random, start: dt.date, end: dt.date, params: OutcomeParams
) -> None:
    """A substance misuse problem identified in the year, and the intervention."""
    if rng.random() >= _by_age(child.age_on(end), params.misuse):
        return
    misuse_id = child.new_id("ssd_cla_substance_misuse")
    received = rng.random() < params.intervention_received
    child.emit(
        "ssd_cla_substance_misuse",
        clas_substance_misuse_id=misuse_id,
        clas_person_id=child.person_id,
        clas_substance_misuse_date=_day_in(rng, start, end),
        clas_substance_misused=_pick(rng, _SUBSTANCES),
        clas_intervention_received="Y" if received else "N",
    )
    if not received:
        child.emit(
            "local_substance_misuse_offers",
            smo_substance_misuse_id=misuse_id,
            smo_person_id=child.person_id,
            smo_intervention_offered="Y" if rng.random() < params.intervention_offered else "N",
        )


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    values = [v for v, _ in weighted]
    weights = [w for _, w in weighted]
    return rng.choices(values, weights)[0]
