"""Missing and away-from-placement episodes of looked-after children, and return interviews.

Going missing is concentrated in teenagers, above all in children's homes and
semi-independent accommodation, and in a minority of children who go missing
again and again: each period of care draws a propensity (gamma frailty) that
multiplies an age- and placement-type hazard. Most episodes last less than a
day (Kent, January 2018: 17 of 87 lasted over 48 hours). Each child who comes
back is offered a return home (returner) interview (statutory guidance on
children who run away or go missing, 2014: within 72 hours). Kent, year to
August 2016: 1,891 missing episodes, 67.7% with an interview completed within
3 working days (77.2% of children in care's episodes by January 2018).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kpibook.model.workdays import add_working_days
from kpibook.synth.journeys.care_common import Period, by_date, days


@dataclass(frozen=True, slots=True)
class MissingParams:
    """Missing hazards, durations and return interviews (defaults are calibrated)."""

    per_year: tuple[tuple[str, float, float, float], ...] = (
        ("foster_ih", 0.0, 0.09, 0.45), ("foster_rel", 0.0, 0.07, 0.36),
        ("foster_ifa", 0.0, 0.11, 0.58), ("resi", 0.02, 0.80, 3.20), ("semi", 0.0, 0.27, 1.50),
        ("parents", 0.0, 0.07, 0.40),
    )  # fmt: skip
    """Episodes per year by placement kind for ages under 11, 11-12 and 13+ (mean child)."""
    other_per_year: float = 0.3
    """Episodes per year for teenagers in other placements."""
    frailty_shape: float = 0.45
    """Gamma shape of the per-child propensity (small: a few children go missing often)."""
    uasc_factor: float = 1.6
    """Multiplier for unaccompanied asylum-seeking children."""
    away: float = 0.18
    """Share of episodes recorded as away from placement without authorisation."""
    duration_days: tuple[tuple[int, float], ...] = (
        (0, 0.45), (1, 0.32), (2, 0.08), (4, 0.08), (10, 0.05), (30, 0.02),
    )  # fmt: skip
    """Days from leaving to coming back (upper bound of each band, weight)."""
    offered: float = 0.96
    """Chance a return interview is offered."""
    accepted: float = 0.90
    """Chance an offered interview is taken up."""
    done: float = 0.98
    """Chance an interview taken up is completed."""
    within_3wd: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2015, 9, 1), 0.745), (dt.date(2016, 8, 1), 0.85), (dt.date(2018, 1, 1), 0.92),
    )  # fmt: skip
    """Chance a completed interview is held within 3 working days of the return."""


PARAMS = MissingParams()
_RATES = {k: (a, b, c) for k, a, b, c in PARAMS.per_year}


def _rate(kind: str, age: int, params: MissingParams) -> float:
    """Episodes per year for a child of ``age`` in a placement of ``kind`` (mean propensity)."""
    if age < 11:
        return _RATES.get(kind, (0.0, 0.0, 0.0))[0]
    if age < 13:
        return _RATES.get(kind, (0.0, 0.05, 0.0))[1]
    return _RATES.get(kind, (0.0, 0.0, params.other_per_year))[2]


def _duration(period: Period, params: MissingParams) -> int:
    """Days from going missing to coming back, drawn from the duration bands."""
    rng = period.child.rng
    u = rng.random()
    low = 0
    for high, weight in params.duration_days:
        if u < weight:
            return rng.randint(low, high)
        u -= weight
        low = high + 1
    return low


def simulate_missing(period: Period, params: MissingParams = PARAMS) -> None:
    """Write the missing episodes of the period and the return interviews that followed."""
    child = period.child
    rng = child.rng
    frailty = rng.gammavariate(params.frailty_shape, 1 / params.frailty_shape)
    if period.uasc:
        frailty *= params.uasc_factor
    stop = period.exit_day
    if period.exit_kind == "missing":
        stop = period.exit_day - days(rng.randint(1, 28))
        stop = max(stop, period.start)
    free_from = period.start
    for p in period.placements:
        if p.start >= stop:
            break
        rate = _rate(p.kind, child.age_on(p.start), params) * frailty
        if rate <= 0:
            continue
        end = min(p.end, stop)
        day = max(p.start, free_from)
        while True:
            gap = 1 + rng.expovariate(rate / 365.25)
            if gap >= (end - day).days:
                break
            day += days(gap)
            back = day + days(_duration(period, params))
            back = min(back, stop)
            _episode(period, day, back, params)
            free_from = day = back
    if period.exit_kind == "missing" and stop < period.exit_day:
        _episode(period, stop, None, params)


def _episode(period: Period, start: dt.date, back: dt.date | None, params: MissingParams) -> None:
    """Write one missing episode (``back`` None: still missing) and its return interview."""
    child = period.child
    if start > child.window.end:
        return
    rng = child.rng
    returned = back if back is not None and back <= child.window.end else None
    offered = returned is not None and rng.random() < params.offered
    accepted = offered and rng.random() < params.accepted
    missing_id = child.new_id("ssd_missing")
    child.emit(
        "ssd_missing",
        miss_table_id=missing_id,
        miss_person_id=child.person_id,
        miss_missing_episode_start_date=start,
        miss_missing_episode_type="A" if rng.random() < params.away else "M",
        miss_missing_episode_end_date=returned,
        miss_missing_rhi_offered=("Y" if offered else "N") if returned else None,
        miss_missing_rhi_accepted=("Y" if accepted else "N") if offered else "NA",
    )
    if returned is None:
        child.touch(child.window.end)
        return
    if not offered:
        return
    completed: dt.date | None = None
    outcome = "declined"
    if accepted:
        outcome = "not_completed"
        if rng.random() < params.done:
            quick = rng.random() < by_date(returned, params.within_3wd)
            wd = rng.randint(0, 3) if quick else 4 + int(rng.expovariate(1 / 4.0))
            done = add_working_days(returned, wd)
            if done <= child.window.end:
                completed, outcome = done, "completed"
    child.emit(
        "local_return_interviews",
        rhi_id=child.new_id("local_return_interviews"),
        rhi_missing_id=missing_id,
        rhi_person_id=child.person_id,
        rhi_offered_date=returned,
        rhi_completed_date=completed,
        rhi_outcome=outcome,
    )
