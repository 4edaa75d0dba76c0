"""Children in need: child and family assessments, CIN plans and CIN visits.

Models the single (child and family) assessment of Working Together 2015
(completed and authorised within 45 working days of its start; Kent 89.9%),
with the child seen (Kent 98.3%) and the factors identified at its end
(CIN census assessment factor codes); and the child in need plan that
follows when the child needs services, with the social worker's visits
(Kent looks for a visit at least every 4 weeks; 81.0% of children on a plan
seen in the last 28 days).

Children on long-running plans (disabled children especially) are
re-assessed about once a year, which is why Kent completes more assessments
(16,833 in the year to Aug 2016) than it receives referrals (15,921).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from functools import cache

from kpibook.model.workdays import add_working_days
from kpibook.synth.journeys.casework import Case, outcome_json, yn

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class CinParams:
    """Rates and durations of assessment and child in need work (defaults are calibrated)."""

    start_wd: tuple[int, int] = (0, 3)
    """Working days from referral to the assessment's start (uniform)."""
    in_time_wd: tuple[float, float, float] = (4.0, 45.0, 38.0)
    """Working days to authorisation when done in time: triangular (low, high, mode)."""
    late: float = 0.095
    """Chance the authorisation slips past 45 working days."""
    late_mean_wd: float = 6.25
    """Mean working days beyond the 45th for a late authorisation (geometric)."""
    child_seen: float = 0.983
    """Chance the child is seen during the assessment (Kent 98.3%)."""
    no_factors: float = 0.22
    """Chance an assessment ending in no further action finds no factors (code 21)."""
    extra_factors_mean: float = 1.1
    """Mean number of factors identified beyond the first (exponential, rounded down)."""
    plan_median_assessed: float = 90.0
    """Median days of a CIN plan made after an assessment."""
    plan_median_after_s47: float = 100.0
    """Median days of a CIN plan made after a section 47 enquiry that led to no plan."""
    plan_median_step_down: float = 90.0
    """Median days of a CIN plan stepping down from a child protection plan."""
    plan_median_post_care: float = 150.0
    """Median days of a CIN plan supporting a child who has returned home from care."""
    plan_median_disabled: float = 2700.0
    """Median days of a disabled child's CIN plan (long-term support, short breaks)."""
    plan_sigma: float = 0.6
    """Log-normal spread of CIN plan lengths."""
    reassess_days: float = 365.0
    """A child on a CIN plan is re-assessed after about this many days, and then yearly."""
    visit_min_days: int = 12
    """Minimum days between CIN visits."""
    visit_extra_mean_days: float = 12.5
    """Mean extra days (exponential) beyond the minimum between CIN visits."""
    visit_seen: float = 0.93
    """Chance the child is seen at a CIN visit."""
    visit_seen_alone: float = 0.5
    """Chance a child seen (aged 5+) is seen on their own."""
    visit_bedroom: float = 0.3
    """Chance the child's bedroom is seen at a CIN visit."""


PARAMS = CinParams()


@dataclass(frozen=True, slots=True)
class Assessment:
    """A sampled assessment: start, authorisation and whether the child was seen."""

    start: dt.date
    auth: dt.date
    seen: bool


def sample_assessment(case: Case, start: dt.date, params: CinParams = PARAMS) -> Assessment:
    """Sample the working days an assessment starting on ``start`` takes to authorise."""
    rng = case.child.rng
    if rng.random() < params.late:
        wd = 46 + int(rng.expovariate(1 / params.late_mean_wd))
    else:
        lo, hi, mode = params.in_time_wd
        wd = round(rng.triangular(lo, hi, mode))
    return Assessment(start, add_working_days(start, wd), rng.random() < params.child_seen)


_ASSESS_KEYS = (
    "NFA_FLAG", "NFA_S47_END_FLAG", "STRATEGY_DISCUSSION_FLAG", "CLA_REQUEST_FLAG",
    "PRIVATE_FOSTERING_FLAG", "LEGAL_ACTION_FLAG", "PROV_OF_SERVICES_FLAG", "PROV_OF_SB_CARE_FLAG",
    "SPECIALIST_ASSESSMENT_FLAG", "REFERRAL_TO_OTHER_AGENCY_FLAG", "OTHER_ACTIONS_FLAG",
    "OTHER_OUTCOMES_EXIST_FLAG",
)  # fmt: skip

OUTCOME_FLAGS: dict[str, frozenset[str]] = {
    "nfa": frozenset(("NFA_FLAG",)),
    "early_help": frozenset(("REFERRAL_TO_OTHER_AGENCY_FLAG",)),
    "cin": frozenset(("PROV_OF_SERVICES_FLAG",)),
    "s47": frozenset(("STRATEGY_DISCUSSION_FLAG",)),
    "care": frozenset(("CLA_REQUEST_FLAG",)),
}
"""Assessment outcome -> the SSD outcome flags set."""

FACTORS_BY_NEED: dict[str, tuple[str, ...]] = {
    "N0": ("20",),
    "N1": ("16A", "17A", "3A", "3B", "2B", "1B", "4B"),
    "N2": ("5A", "6A", "7A"),
    "N3": ("4B", "6B", "5B", "7A"),
    "N4": ("3B", "4B", "2B", "1B", "20"),
    "N5": ("3A", "3B", "4B", "2B", "1B", "20"),
    "N6": ("14A", "10A", "11A", "13A", "2A", "1A", "4A", "15A"),
    "N7": ("20", "4B"),
    "N8": ("8B", "20", "7A"),
    "N9": ("20",),
}
"""CIN census assessment factor codes plausible for each primary need."""


def _factor_key(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return int(digits), code[len(digits) :]


@cache
def factors_json(codes: tuple[str, ...]) -> str:
    """The factors as the SSD's JSON array, in numeric-then-letter order."""
    return json.dumps(sorted(set(codes), key=_factor_key), separators=(",", ":"))


def emit_assessment(
    case: Case,
    a: Assessment,
    outcome: str,
    need: str,
    params: CinParams = PARAMS,
    *,
    after_enquiry: bool = False,
) -> None:
    """Write an assessment (and its factors, once authorised) with the given outcome.

    An assessment ending in no further action (or early help) may find no
    factors (code 21), unless it ran alongside a section 47 enquiry
    (``after_enquiry``): that one records the need's first factor.
    """
    child = case.child
    rng = child.rng
    if a.start > child.window.end:
        return
    assessment_id = child.new_id("ssd_cin_assessments")
    auth = child.open_end(a.auth)
    # Columns in ssd_cin_assessments order.
    child.emit_row(
        "ssd_cin_assessments",
        (
            assessment_id,
            child.person_id,
            case.referral_id,
            a.start,
            yn(a.seen),
            auth,
            None
            if auth is None
            else outcome_json(
                _ASSESS_KEYS, OUTCOME_FLAGS[outcome], "TOTAL_NO_OF_OUTCOMES", "COMMENTS"
            ),
            None if auth is None else yn(outcome in ("nfa", "early_help")),
            case.team_id,
            case.worker(a.start),
        ),
    )
    if auth is None:
        return
    if outcome in ("nfa", "early_help") and rng.random() < params.no_factors:
        codes: tuple[str, ...] = (FACTORS_BY_NEED[need][0],) if after_enquiry else ("21",)
    else:
        pool = FACTORS_BY_NEED[need]
        codes = tuple(
            pool[int(rng.random() * len(pool))]
            for _ in range(1 + int(rng.expovariate(1 / params.extra_factors_mean)))
        )
    child.emit_row(
        "ssd_assessment_factors",
        (child.new_id("ssd_assessment_factors"), assessment_id, factors_json(codes)),
    )


def plan_length(case: Case, kind: str, params: CinParams = PARAMS) -> int:
    """Days a CIN plan of ``kind`` would run if nothing else happened (log-normal)."""
    median: float = getattr(params, f"plan_median_{kind}")
    return max(14, int(median * math.exp(case.child.rng.gauss(0.0, params.plan_sigma))))


def cin_plan(
    case: Case,
    start: dt.date,
    end: dt.date,
    need: str,
    params: CinParams = PARAMS,
) -> dt.date:
    """Write a CIN plan from ``start`` to ``end`` with its visits and yearly re-assessments.

    ``end`` after the window's end leaves the plan open. Returns the day the
    last re-assessment was authorised (``start`` if none was made).
    """
    child = case.child
    window_end = child.window.end
    last = start
    if start > window_end:
        return last
    child.emit(
        "ssd_cin_plans",
        cinp_cin_plan_id=child.new_id("ssd_cin_plans"),
        cinp_referral_id=case.referral_id,
        cinp_person_id=child.person_id,
        cinp_cin_plan_start_date=start,
        cinp_cin_plan_end_date=child.open_end(end),
        cinp_cin_plan_team=case.team_id,
        cinp_cin_plan_worker_id=case.worker(start),
    )
    stop = min(end, window_end + ONE_DAY)
    _visits(case, start, stop, params)
    review = start + dt.timedelta(days=int(params.reassess_days))
    while review < stop:
        a = sample_assessment(case, review, params)
        emit_assessment(case, a, "cin", need, params)
        last = a.auth
        review = a.auth + dt.timedelta(days=int(params.reassess_days))
    return last


def _visits(case: Case, start: dt.date, stop: dt.date, params: CinParams) -> None:
    """CIN visits from ``start`` until before ``stop``, about every four weeks."""
    child = case.child
    rng = child.rng
    emit_row = child.emit_row
    new_id = child.new_id
    person = child.person_id
    five = child.birthday(5)
    day = start
    lo, mean = params.visit_min_days, params.visit_extra_mean_days
    while True:
        day = day + dt.timedelta(days=lo + int(rng.expovariate(1 / mean)))
        if day >= stop:
            return
        seen = rng.random() < params.visit_seen
        alone = seen and day >= five and rng.random() < params.visit_seen_alone
        # Columns in ssd_cin_visits order: id, person, date, seen, seen alone, bedroom.
        emit_row(
            "ssd_cin_visits",
            (
                new_id("ssd_cin_visits"),
                person,
                day,
                "Y" if seen else "N",
                "Y" if alone else "N",
                "Y" if rng.random() < params.visit_bedroom else "N",
            ),
        )
