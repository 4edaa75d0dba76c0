"""Health and education of looked-after children: health assessments, dental checks, PEPs.

Statutory guidance ("Promoting the health and well-being of looked-after
children", 2015) asks the council to request an initial health assessment
(IHA) from health within 5 working days of a child becoming looked after, and
health to complete it within 20 working days; review health assessments
follow every six months for children under 5 and yearly from 5; dental checks
are yearly. A personal education plan (PEP) is drawn up for a child of school
age when they come into care and reviewed each term.

Calibrated to Kent: IHA requests within 5 working days 48.0% in the year to
August 2016 (25.5% a year earlier) but 84.2% in its last three months and
85.0% by January 2018, after the request process was changed in spring 2016;
unaccompanied children's requests were later still (65.3% excluding them).
Health assessments in time 89.5%, dental checks 92.7%; PEPs updated in the
last six months 75.8% of children aged 5-16 (52.6% a year earlier).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kpibook.model.workdays import add_months, add_working_days
from kpibook.synth.journeys.care_common import Period, by_date, days, gamma_days


@dataclass(frozen=True, slots=True)
class HealthParams:
    """Timeliness of health checks and PEPs (defaults are calibrated)."""

    request_on_time: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2014, 9, 1), 0.40), (dt.date(2015, 9, 1), 0.52), (dt.date(2016, 4, 30), 0.58),
        (dt.date(2016, 5, 20), 0.89),
    )  # fmt: skip
    """Chance the IHA request is sent within 5 working days (process changed spring 2016)."""
    uasc_request_factor: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2016, 4, 30), 0.38), (dt.date(2016, 5, 20), 0.92),
    )  # fmt: skip
    """Multiplier of that chance for unaccompanied asylum-seeking children (surge of 2015-16)."""
    request_late_mean_wd: float = 9.0
    """Mean working days beyond the 5th for a late request."""
    iha_lead_wd: tuple[int, int, int] = (4, 24, 9)
    """Working days from request to the IHA: triangular (low, high, mode)."""
    refused: float = 0.08
    """Chance a young person aged 12+ refuses a health assessment (Kent: 13.3% of young people
    refused, January 2018)."""
    dental_refused: float = 0.05
    """Chance a young person aged 12+ refuses a dental check."""
    rha_on_time: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2016, 6, 1), 0.68),
        (dt.date(2017, 9, 1), 0.86),
    )
    """Chance a review health assessment is held by its due date."""
    dental_first_mean_days: float = 60.0
    """Mean days from coming into care to the first dental check (children aged 1+)."""
    dental_on_time: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2016, 6, 1), 0.80),
        (dt.date(2017, 9, 1), 0.62),
    )
    """Chance a yearly dental check is held by its due date."""
    late_mean_days: float = 60.0
    """Mean days a late check is held after its due date."""
    pep_first_mean_days: float = 25.0
    """Mean days from coming into care to the first PEP."""
    pep_termly: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2015, 6, 1), 0.42), (dt.date(2016, 6, 1), 0.75),
    )  # fmt: skip
    """Chance the PEP is reviewed in a given term (virtual school drive of 2015-16)."""
    uasc_pep_factor: float = 0.42
    """Multiplier of that chance for unaccompanied asylum-seeking children."""


PARAMS = HealthParams()
_TERMS = ((9, 10, 12, 10), (1, 8, 3, 25), (4, 18, 7, 15))
"""School terms: (start month, start day, end month, end day)."""


def simulate_health(period: Period, params: HealthParams = PARAMS) -> None:
    """Write the IHA request, health assessments and dental checks of the period."""
    child = period.child
    rng = child.rng
    stop = min(period.exit_day, child.window.end + days(1))
    on_time = by_date(period.start, params.request_on_time)
    if period.uasc:
        on_time *= by_date(period.start, params.uasc_request_factor)
    if rng.random() < on_time:
        request = add_working_days(period.start, rng.randint(0, 5))
    else:
        request = add_working_days(
            period.start, 6 + int(rng.expovariate(1 / params.request_late_mean_wd))
        )
    if request >= stop:
        return
    child.emit(
        "local_iha_requests",
        ihar_id=child.new_id("local_iha_requests"),
        ihar_person_id=child.person_id,
        ihar_cla_id=period.cla_id,
        ihar_request_date=request,
    )
    lo, hi, mode = params.iha_lead_wd
    day = add_working_days(request, round(rng.triangular(lo, hi, mode)))
    kind = "IHA"
    while day < stop:
        _check(period, kind, day, _status(period, day, params.refused))
        under5 = child.age_on(day) < 5
        due = add_months(day, 6 if under5 else 12)
        day = _held(period, due, by_date(due, params.rha_on_time), params)
        kind = "RHA"
    if child.age_on(period.start) >= 1 or period.exit_day > child.birthday(1):
        first = max(period.start, child.birthday(1))
        day = first + days(gamma_days(rng, params.dental_first_mean_days, 2.0, 7))
        while day < stop:
            _check(period, "DENTAL", day, _status(period, day, params.dental_refused))
            due = add_months(day, 12)
            day = _held(period, due, by_date(due, params.dental_on_time), params)


def _held(period: Period, due: dt.date, on_time: float, params: HealthParams) -> dt.date:
    """When a check due on ``due`` is held: up to a month early if on time, else late."""
    rng = period.child.rng
    if rng.random() < on_time:
        return due - days(rng.randint(0, 30))
    return due + days(1 + gamma_days(rng, params.late_mean_days, 1.5))


def _status(period: Period, day: dt.date, refused: float) -> str:
    """COMPLETED, or REFUSED by a young person aged 12+."""
    if period.child.age_on(day) >= 12 and period.child.rng.random() < refused:
        return "REFUSED"
    return "COMPLETED"


def _check(period: Period, kind: str, day: dt.date, status: str) -> None:
    """Write one ``ssd_cla_health`` row."""
    child = period.child
    child.emit(
        "ssd_cla_health",
        clah_health_check_id=child.new_id("ssd_cla_health"),
        clah_person_id=child.person_id,
        clah_health_check_type=kind,
        clah_health_check_date=day,
        clah_health_check_status=status,
    )


def simulate_peps(period: Period, params: HealthParams = PARAMS) -> None:
    """Write the PEP and its termly reviews while the child is of school age (5-17)."""
    child = period.child
    rng = child.rng
    stop = min(period.exit_day, child.window.end + days(1))
    school_from = child.birthday(5)
    school_to = child.birthday(18)
    first = max(period.start, school_from) + days(
        gamma_days(rng, params.pep_first_mean_days, 2.0, 5)
    )
    if first >= stop or first >= school_to:
        return
    _pep(period, first, "completed")
    year = first.year - 1
    while year <= stop.year:
        for sm, sd, em, ed in _TERMS:
            term_start = dt.date(year + (1 if sm < 9 else 0), sm, sd)
            term_end = dt.date(term_start.year, em, ed)
            if term_end <= first:
                continue
            lo = max(term_start, first + days(30))
            if lo >= term_end:
                continue
            day = lo + days(rng.randint(0, (term_end - lo).days))
            if day >= stop or day >= school_to:
                return
            chance = by_date(day, params.pep_termly)
            if period.uasc:
                chance *= params.uasc_pep_factor
            if rng.random() < chance:
                _pep(period, day, "updated")
        year += 1


def _pep(period: Period, day: dt.date, status: str) -> None:
    """Write one ``local_pep`` row."""
    child = period.child
    child.emit(
        "local_pep",
        pep_id=child.new_id("local_pep"),
        pep_person_id=child.person_id,
        pep_date=day,
        pep_status=status,
    )
