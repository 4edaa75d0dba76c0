"""Statutory reviews and social worker visits of looked-after children, and complaints.

Reviews follow the Care Planning, Placement and Case Review Regulations 2010
(reg. 33): the first within 20 working days of the child becoming looked
after, the second within three months of the first, then at intervals of no
more than six months. Each review records how the child took part (903
participation codes; PN0 for children under 4) and the independent reviewing
officer grades the care plan (:func:`kpibook.synth.journeys.quality.grade_document`).
Kent, August 2016: 98.2% of children in care reviewed in time (93.2% a year
earlier); 95.6% of reviews with the child's participation.

Visits follow reg. 28: within a week of a placement starting, then at
intervals of no more than six weeks in its first year and three months after.
Complaints made by or for children in care arrive at a small rate (Kent,
January 2018: 5 a month for about 1,700 children).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kpibook.model.workdays import add_months, add_working_days
from kpibook.synth.journeys.care_common import (
    Period,
    Weighted,
    by_date,
    days,
    gamma_days,
)
from kpibook.synth.journeys.quality import grade_document


@dataclass(frozen=True, slots=True)
class ReviewParams:
    """Timeliness and participation of reviews, visits and complaints (defaults calibrated)."""

    first_review_wd: int = 20
    """The first review is due this many working days after the child became looked after."""
    early_days: tuple[int, int] = (0, 12)
    """Days before the due date a review is held in time (uniform)."""
    late: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2015, 6, 1), 0.05), (dt.date(2016, 2, 1), 0.006),
    )  # fmt: skip
    """Chance a review is held after its due date (IRO service improvement in 2015-16)."""
    uasc_late_factor: float = 2.5
    """Multiplier of the lateness of reviews of unaccompanied asylum-seeking children."""
    late_mean_days: float = 12.0
    """Mean days a late review is held after its due date."""
    cancelled: float = 0.01
    """Chance a review is cancelled and re-arranged a few days later."""
    participation: tuple[tuple[str, float], ...] = (
        ("PN1", 0.42), ("PN2", 0.04), ("PN3", 0.03), ("PN4", 0.09), ("PN5", 0.10), ("PN6", 0.32),
    )  # fmt: skip
    """How children aged 4+ who take part do so."""
    no_participation: float = 0.022
    """Chance a child aged 4+ neither attends nor conveys views (PN7)."""
    uasc_no_participation: float = 0.08
    visit_first_days: tuple[int, int] = (1, 7)
    """Days from a placement's start to the first visit."""
    visit_gap_first_year: tuple[int, int] = (21, 44)
    """Days between visits in a placement's first year."""
    visit_gap_later: tuple[int, int] = (45, 95)
    """Days between visits after a placement's first year."""
    visit_seen: float = 0.96
    visit_seen_alone: float = 0.6
    """Chance a child seen (aged 5+) is seen on their own."""
    complaints_per_year: float = 0.036
    """Complaints by or for a child in care, per child per year."""
    complaint_stages: tuple[tuple[str, float], ...] = (("1", 0.85), ("2", 0.12), ("3", 0.03))


PARAMS = ReviewParams()
_PARTICIPATION = Weighted(PARAMS.participation)
_STAGES = Weighted(PARAMS.complaint_stages)


def simulate_reviews(period: Period, params: ReviewParams = PARAMS) -> None:
    """Write the period's reviews and care plan gradings; keep their dates on the period."""
    child = period.child
    rng = child.rng
    end = child.window.end
    factor = params.uasc_late_factor if period.uasc else 1.0
    due = add_working_days(period.start, params.first_review_wd)
    number = 0
    while due < period.exit_day:
        if rng.random() < by_date(due, params.late) * factor:
            held = due + days(1 + gamma_days(rng, params.late_mean_days, 1.5))
        else:
            held = max(period.start + days(3), due - days(rng.randint(*params.early_days)))
        if rng.random() < params.cancelled:
            if held <= end and held < period.exit_day:
                _review_row(period, due, held, "Y", None)
            held += days(rng.randint(2, 8))
        if held >= period.exit_day or held > end:
            break
        age = child.age_on(held)
        if age < 4:
            code = "PN0"
        elif rng.random() < (
            params.uasc_no_participation if period.uasc else params.no_participation
        ):
            code = "PN7"
        else:
            code = _PARTICIPATION.draw(rng)
        _review_row(period, due, held, "N", code)
        period.reviews.append(held)
        grade_document(child, "cic_care_plan", held, period.team_on(held))
        number += 1
        due = add_months(held, 3 if number == 1 else 6)


def _review_row(
    period: Period, due: dt.date, held: dt.date, cancelled: str, code: str | None
) -> None:
    """Write one ``ssd_cla_reviews`` row (a due date after the window is left empty)."""
    child = period.child
    child.emit(
        "ssd_cla_reviews",
        clar_cla_review_id=child.new_id("ssd_cla_reviews"),
        clar_cla_id=period.cla_id,
        clar_cla_person_id=child.person_id,
        clar_cla_review_due_date=due if due <= child.window.end else None,
        clar_cla_review_date=held,
        clar_cla_review_cancelled=cancelled,
        clar_cla_review_participation=code,
    )


def simulate_visits(period: Period, params: ReviewParams = PARAMS) -> None:
    """Write the statutory social worker visits of every placement of the period."""
    child = period.child
    rng = child.rng
    end = min(period.exit_day, child.window.end + days(1))
    for p in period.placements:
        if p.start >= end:
            break
        stop = min(p.end, end)
        day = p.start + days(rng.randint(*params.visit_first_days))
        while day < stop:
            seen = rng.random() < params.visit_seen
            alone = seen and child.age_on(day) >= 5 and rng.random() < params.visit_seen_alone
            child.emit(
                "ssd_cla_visits",
                clav_cla_visit_id=child.new_id("ssd_cla_visits"),
                clav_cla_id=period.cla_id,
                clav_person_id=child.person_id,
                clav_cla_visit_date=day,
                clav_cla_visit_seen="Y" if seen else "N",
                clav_cla_visit_seen_alone="Y" if alone else "N",
            )
            gap = (
                params.visit_gap_first_year
                if (day - p.start).days < 365
                else params.visit_gap_later
            )
            day += days(rng.randint(*gap))


def simulate_complaints(period: Period, params: ReviewParams = PARAMS) -> None:
    """Write complaints made by or for the child while in care (a Poisson process)."""
    child = period.child
    rng = child.rng
    end = min(period.exit_day, child.window.end)
    day = period.start + days(min(36500.0, rng.expovariate(params.complaints_per_year / 365.25)))
    while day < end:
        closed = day + days(rng.randint(5, 45))
        child.emit(
            "local_complaints",
            complaint_id=child.new_id("local_complaints"),
            complaint_person_id=child.person_id,
            complaint_received_date=day,
            complaint_by_child_in_care="Y",
            complaint_stage=_STAGES.draw(rng),
            complaint_team_id=period.team_on(day),
            complaint_closed_date=child.open_end(closed),
        )
        day += days(1 + min(36500.0, rng.expovariate(params.complaints_per_year / 365.25)))
