"""Quality assurance: case file audits and quality gradings of documents.

Kent's quality assurance framework audits a sample of open case files every
month (a managers' monthly auditing programme: each audit is scheduled for a
month, completed by the auditor and graded outstanding, good, requires
improvement or inadequate), and conference chairs and independent reviewing
officers grade the documents put before them: the social work report to a
child protection conference and the care plan of a child in care.

Calibrated to Kent's August 2016 scorecard (SCS Performance Management
Scorecard, IDs 36-40, rolling 12 months): 703 of 714 scheduled audits
completed (98.5%), 65.1% of completed audits good or outstanding and 2.4%
inadequate, with about 9,400 open cases (so about 0.076 audits per open case
per year); 64.1% of 2,268 child protection social work reports and 64.0% of
6,076 children in care care plans graded good or outstanding.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kpibook.synth.context import ChildContext

GRADES: tuple[str, ...] = ("outstanding", "good", "requires_improvement", "inadequate")
"""The ``quality_grade`` codes, best first (the order of the weight tuples below)."""


@dataclass(frozen=True, slots=True)
class QualityParams:
    """Tunable rates of the quality assurance processes (defaults are calibrated)."""

    audits_per_case_year: float = 0.076
    """Audits scheduled per open case per year (Kent: 714 in 12 months / ~9,400 open cases)."""
    audit_completion: float = 0.985
    """Chance a scheduled audit is completed within its month (Kent 703 / 714)."""
    audit_grades: tuple[float, float, float, float] = (0.061, 0.590, 0.325, 0.024)
    """Audit grade weights: outstanding, good, requires improvement, inadequate
    (Kent: 65.1% good or outstanding, 2.4% inadequate)."""
    cp_report_graded_share: float = 0.57
    """Share of conferences at which the chair grades the social work report (Kent graded
    2,268 reports in the 12 months to Aug 2016, about 57% of its ~4,000 conferences)."""
    care_plan_graded_share: float = 1.0
    """Share of looked-after reviews at which the IRO grades the care plan (Kent graded
    6,076 care plans in 12 months, about one per review)."""
    cp_report_grades: tuple[float, float, float, float] = (0.052, 0.589, 0.319, 0.040)
    """Child protection social work report grades (Kent: 64.1% good or outstanding)."""
    care_plan_grades: tuple[float, float, float, float] = (0.048, 0.592, 0.320, 0.040)
    """Children in care care plan grades (Kent: 64.0% good or outstanding)."""


PARAMS = QualityParams()


def _month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month."""
    first_next = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _cumulative(weights: tuple[float, float, float, float]) -> tuple[float, ...]:
    total = sum(weights)
    running = 0.0
    out: list[float] = []
    for w in weights:
        running += w / total
        out.append(running)
    return tuple(out)


_CUM_CACHE: dict[tuple[float, float, float, float], tuple[float, ...]] = {}


def _grade(child: ChildContext, weights: tuple[float, float, float, float]) -> str:
    """A grade drawn from ``weights`` (outstanding, good, requires improvement, inadequate)."""
    cum = _CUM_CACHE.get(weights)
    if cum is None:
        cum = _cumulative(weights)
        _CUM_CACHE[weights] = cum
    u = child.rng.random()
    for code, edge in zip(GRADES, cum, strict=True):
        if u < edge:
            return code
    return GRADES[-1]


def audit_cases(
    child: ChildContext,
    team_id: str,
    start: dt.date,
    end: dt.date | None,
    *,
    params: QualityParams = PARAMS,
) -> None:
    """Simulate the case file audits of one holding segment of an open case.

    Audits arrive at random (a Poisson process at ``audits_per_case_year``)
    while ``team_id`` holds the case from ``start`` to ``end`` (None: still
    open at the window's end). Each is scheduled for its day, completed within
    the month it was scheduled in (or never, if the auditor did not get to it)
    and graded on completion. Completion dates after the window's end are left
    empty (the audit is still outstanding at the extract date).
    """
    window_end = child.window.end
    last = window_end if end is None or end > window_end else end
    if start > last:
        return
    rng = child.rng
    mean_gap = 365.25 / params.audits_per_case_year
    day = start + dt.timedelta(days=int(rng.expovariate(1.0 / mean_gap)))
    while day <= last:
        completed: dt.date | None = None
        grade: str | None = None
        if rng.random() < params.audit_completion:
            done = day + dt.timedelta(days=rng.randint(0, (_month_end(day) - day).days))
            if done <= window_end:
                completed = done
                grade = _grade(child, params.audit_grades)
        child.emit(
            "local_case_audits",
            audit_id=child.new_id("local_case_audits"),
            audit_person_id=child.person_id,
            audit_team_id=team_id,
            audit_scheduled_date=day,
            audit_completed_date=completed,
            audit_grade=grade,
        )
        day += dt.timedelta(days=1 + int(rng.expovariate(1.0 / mean_gap)))


def grade_document(
    child: ChildContext,
    document_type: str,
    day: dt.date,
    team_id: str,
    *,
    params: QualityParams = PARAMS,
) -> None:
    """Simulate the grading of one document put before a chair or IRO on ``day``.

    ``document_type`` is ``cp_social_work_report`` (the social work report to a
    child protection conference, graded by the chair at a share of
    conferences) or ``cic_care_plan`` (graded by the independent reviewing
    officer at a looked-after review). Documents graded after the window's end
    are not written.
    """
    if day > child.window.end:
        return
    if document_type == "cp_social_work_report":
        weights, share = params.cp_report_grades, params.cp_report_graded_share
    elif document_type == "cic_care_plan":
        weights, share = params.care_plan_grades, params.care_plan_graded_share
    else:
        raise ValueError(f"unknown graded document type {document_type!r}")
    if share < 1.0 and child.rng.random() >= share:
        return
    child.emit(
        "local_quality_gradings",
        grading_id=child.new_id("local_quality_gradings"),
        grading_person_id=child.person_id,
        grading_document_type=document_type,
        grading_date=day,
        grading_grade=_grade(child, weights),
        grading_team_id=team_id,
    )
