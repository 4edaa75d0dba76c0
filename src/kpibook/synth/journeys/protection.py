"""Child protection: section 47 enquiries, initial conferences, plans, visits and reviews.

Models the process in Working Together to Safeguard Children (2015):

* a strategy discussion starts a **section 47 enquiry**; the child is seen
  during the enquiry (Kent 98.4%), and the enquiry is authorised after a
  sampled number of working days;
* where concerns are substantiated an **initial child protection conference**
  (ICPC) is held, due within 15 working days of the strategy discussion
  (``icpc_icpc_target_date``; Kent 85.5% held in time), and usually puts the
  child on a **child protection plan**;
* the social worker visits the child on a plan at least every 10 working days
  (Kent's standard; 90.3% of visits in time);
* the plan is **reviewed** at a conference within 3 months of the ICPC and then
  at intervals of no more than 6 months (every review is held on or before the
  day it falls due; Kent 100%). Each review decides whether the plan
  continues: plans end at a review (de-registration), or when the child comes
  into care, moves to another authority or turns 18.

The conference chair grades the social work report at every conference
(:func:`kpibook.synth.journeys.quality.grade_document`).

Local convention: the SSD has no "child seen" field for section 47
enquiries, so kpibook records it as an extra key ``CHILD_SEEN_FLAG`` (Y/N) in
``s47e_s47_outcome_json``; the other keys are the SSD's.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache

from kpibook.model.workdays import add_months, add_working_days
from kpibook.synth.journeys.casework import (
    ONE_DAY,
    Case,
    draw,
    hazard_day,
    outcome_json,
    uniform_int,
    weighted,
    working_day_on_or_before,
    yn,
)
from kpibook.synth.journeys.quality import grade_document


@dataclass(frozen=True, slots=True)
class ProtectionParams:
    """Rates and durations of the child protection process (defaults are calibrated)."""

    s47_wd: tuple[int, int] = (4, 15)
    """Working days from strategy discussion to the enquiry's authorisation (uniform)."""
    s47_child_seen: float = 0.984
    """Chance the child is seen during the enquiry (Kent 98.4%)."""
    s47_services: float = 0.6
    """Chance an enquiry with no conference (and no assessment running) ends in services
    rather than no further action."""
    icpc_in_time: float = 0.86
    """Chance the conference is convened within 15 working days of the strategy discussion."""
    icpc_wd: tuple[int, int] = (7, 15)
    """Working days to a conference convened in time (uniform)."""
    icpc_late_mean_wd: float = 4.0
    """Mean working days beyond the 15th for a conference held late (geometric)."""
    icpc_plan: float = 0.93
    """Chance an initial conference makes a plan (Kent 1,275 plans / 1,368 ICPCs)."""
    categories: tuple[tuple[str, float], ...] = (
        ("NEG", 0.42), ("EMO", 0.36), ("PHY", 0.09), ("SAB", 0.05), ("MUL", 0.08),
    )  # fmt: skip
    """Initial category of abuse and its weights (Kent 2016 shape: neglect and emotional abuse)."""
    category_change: float = 0.06
    """Chance a review changes the plan's latest category."""
    review_end: tuple[float, ...] = (0.13, 0.50, 0.45, 0.88, 0.95)
    """Chance the k-th review (3 months, then 6-monthly) ends the plan; the last repeats."""
    summer_end_factor: float = 0.28
    """Multiplier of the end chance at reviews in the school summer holiday (Aug), when
    schools cannot report to the conference and chairs tend to continue the plan (Kent
    ended 48 plans in August 2016; seeds 1-20 average 49.7: docs/synthetic-council.md)."""
    review_early_days: tuple[int, int] = (0, 14)
    """Days before the due date a review is held (uniform, then back to a working day)."""
    care_per_year: float = 0.15
    """Hazard (per year on a plan) that the child comes into care (the plan then ends)."""
    moved_per_year: float = 0.04
    """Hazard (per year on a plan) that the family moves to another authority (RC5)."""
    visit_late: float = 0.10
    """Chance the next visit is later than 10 working days after the previous one."""
    visit_wd: tuple[int, int] = (6, 10)
    """Working days between visits made in time (uniform)."""
    visit_late_wd: tuple[int, int] = (11, 16)
    """Working days between visits made late (uniform)."""
    visit_seen: float = 0.95
    """Chance the child is seen at a visit."""
    visit_seen_alone: float = 0.6
    """Chance a child seen (aged 5+) is seen on their own."""
    visit_bedroom: float = 0.45
    """Chance the child's bedroom is seen at a visit."""
    participation: tuple[tuple[str, float], ...] = (
        ("PN1", 0.30), ("PN2", 0.05), ("PN4", 0.05), ("PN5", 0.15), ("PN6", 0.28), ("PN7", 0.17),
    )  # fmt: skip
    """Participation codes at review for children aged 4+ (under 4s are PN0)."""
    quorate: float = 0.97
    """Chance a review conference is quorate."""


PARAMS = ProtectionParams()


@dataclass(frozen=True, slots=True)
class S47Result:
    """What a section 47 enquiry led to."""

    end: dt.date
    """Authorisation of the enquiry (or the conference day, if earlier)."""
    icpc: dt.date | None
    """Day of the initial conference, if one was held."""
    icpc_id: str | None
    plan_id: str | None
    """Id of the plan the conference made, if any (its row is written by :func:`cp_plan`)."""


@dataclass(frozen=True, slots=True)
class PlanEnd:
    """How a protection plan ended: ``review`` (de-registered), ``care``, ``moved``, ``adult``."""

    day: dt.date
    cause: str


_S47_KEYS = (
    "NFA_FLAG", "LEGAL_ACTION_FLAG", "PROV_OF_SERVICES_FLAG", "PROV_OF_SB_CARE_FLAG",
    "CP_CONFERENCE_FLAG", "NFA_CONTINUE_SINGLE_FLAG", "MONITOR_FLAG", "OTHER_OUTCOMES_EXIST_FLAG",
)  # fmt: skip
_ICPC_KEYS = (
    "NFA_FLAG", "REFERRAL_TO_OTHER_AGENCY_FLAG", "SINGLE_ASSESSMENT_FLAG", "PROV_OF_SERVICES_FLAG",
    "CP_FLAG", "OTHER_OUTCOMES_EXIST_FLAG",
)  # fmt: skip
_CATEGORIES = weighted(PARAMS.categories)
_PARTICIPATION = weighted(PARAMS.participation)


@cache
def _s47_json(outcome: str, seen: bool) -> str:
    """The enquiry's outcome JSON, with kpibook's ``CHILD_SEEN_FLAG`` key."""
    body = json.loads(
        outcome_json(_S47_KEYS, frozenset((outcome,)), "TOTAL_NO_OF_OUTCOMES", "OUTCOME_COMMENTS")
    )
    body["CHILD_SEEN_FLAG"] = yn(seen)
    return json.dumps(body, separators=(",", ":"))


def s47_enquiry(
    case: Case,
    start: dt.date,
    p_icpc: float,
    adult: dt.date,
    *,
    assessing: bool,
    params: ProtectionParams = PARAMS,
) -> S47Result:
    """Simulate a section 47 enquiry starting at a strategy discussion on ``start``.

    With chance ``p_icpc`` the concerns are substantiated and an initial
    conference is held (due 15 working days after ``start``), which makes a
    plan with chance ``icpc_plan`` (no conference is held for a child who
    turns 18 (``adult``) first). ``assessing``: a single assessment is
    running alongside (the enquiry's "continue with assessment" outcome).
    Writes the enquiry and conference rows (the plan row is written by
    :func:`cp_plan`).
    """
    child, rng = case.child, case.child.rng
    end = add_working_days(start, uniform_int(rng, *params.s47_wd))
    icpc: dt.date | None = None
    if rng.random() < p_icpc:
        if rng.random() < params.icpc_in_time:
            wd = uniform_int(rng, *params.icpc_wd)
        else:
            wd = 16 + int(rng.expovariate(1 / params.icpc_late_mean_wd))
        icpc = add_working_days(start, wd)
        if icpc >= adult:
            icpc = None
    if icpc is not None:
        end = min(end, icpc)
        outcome = "CP_CONFERENCE_FLAG"
    elif assessing:
        outcome = "NFA_CONTINUE_SINGLE_FLAG"
    else:
        outcome = "PROV_OF_SERVICES_FLAG" if rng.random() < params.s47_services else "NFA_FLAG"
    seen = rng.random() < params.s47_child_seen
    s47_id = child.new_id("ssd_s47_enquiry")
    child.emit(
        "ssd_s47_enquiry",
        s47e_s47_enquiry_id=s47_id,
        s47e_referral_id=case.referral_id,
        s47e_person_id=child.person_id,
        s47e_s47_start_date=start,
        s47e_s47_end_date=child.open_end(end),
        s47e_s47_nfa=yn(outcome == "NFA_FLAG"),
        s47e_s47_outcome_json=_s47_json(outcome, seen),
        s47e_s47_completed_by_team=case.team_id,
        s47e_s47_completed_by_worker_id=case.worker(start),
    )
    if icpc is None or icpc > child.window.end:
        return S47Result(end, icpc, None, None)
    plan = rng.random() < params.icpc_plan
    icpc_id = child.new_id("ssd_initial_cp_conference")
    plan_id = child.new_id("ssd_cp_plans") if plan else None
    target = add_working_days(start, 15)
    on = frozenset(("CP_FLAG",)) if plan else frozenset(("PROV_OF_SERVICES_FLAG",))
    child.emit(
        "ssd_initial_cp_conference",
        icpc_icpc_id=icpc_id,
        icpc_icpc_meeting_id=child.new_id("meeting"),
        icpc_s47_enquiry_id=s47_id,
        icpc_person_id=child.person_id,
        icpc_cp_plan_id=plan_id,
        icpc_referral_id=case.referral_id,
        icpc_icpc_transfer_in="N",
        icpc_icpc_target_date=target if target <= child.window.end else None,
        icpc_icpc_date=icpc,
        icpc_icpc_outcome_cp_flag=yn(plan),
        icpc_icpc_outcome_json=outcome_json(_ICPC_KEYS, on, "TOTAL_NO_OF_OUTCOMES", "COMMENTS"),
        icpc_icpc_team=case.team_id,
        icpc_icpc_worker_id=case.worker(icpc),
    )
    grade_document(child, "cp_social_work_report", icpc, case.team_id)
    return S47Result(end, icpc, icpc_id, plan_id)


def cp_plan(
    case: Case,
    start: dt.date,
    plan_id: str,
    icpc_id: str | None,
    adult: dt.date,
    params: ProtectionParams = PARAMS,
) -> PlanEnd:
    """Simulate a child protection plan from its initial conference on ``start``.

    The plan ends at the earliest of: a review conference deciding it should
    end, the child coming into care, the family moving away, or the child's
    18th birthday (``adult``). Writes the plan, its visits and its reviews.
    """
    child, rng, window_end = case.child, case.child.rng, case.child.window.end
    care = hazard_day(child, start, params.care_per_year)
    moved = hazard_day(child, start, params.moved_per_year)
    end = PlanEnd(adult, "adult")
    if care < end.day:
        end = PlanEnd(care, "care")
    if moved < end.day:
        end = PlanEnd(moved, "moved")
    initial = draw(child, _CATEGORIES)
    latest = initial
    # Reviews: first due 3 months after the ICPC, then 6 months after each review.
    due = add_months(start, 3)
    k = 0
    while due < end.day and due <= window_end + dt.timedelta(days=200):
        held = working_day_on_or_before(
            due - dt.timedelta(days=uniform_int(rng, *params.review_early_days))
        )
        held = max(held, start + ONE_DAY)
        if held >= end.day:
            break
        if held > window_end:
            break
        p_end = params.review_end[min(k, len(params.review_end) - 1)]
        if held.month == 8:
            p_end *= params.summer_end_factor
        finish = rng.random() < p_end
        if not finish and rng.random() < params.category_change:
            latest = draw(child, _CATEGORIES)
        age = child.age_on(held)
        child.emit(
            "ssd_cp_reviews",
            cppr_cp_review_id=child.new_id("ssd_cp_reviews"),
            cppr_person_id=child.person_id,
            cppr_cp_plan_id=plan_id,
            cppr_cp_review_due=due if due <= window_end else None,
            cppr_cp_review_date=held,
            cppr_cp_review_meeting_id=child.new_id("meeting"),
            cppr_cp_review_outcome_continue_cp=yn(not finish),
            cppr_cp_review_quorate="Y" if rng.random() < params.quorate else "N",
            cppr_cp_review_participation="PN0" if age < 4 else draw(child, _PARTICIPATION),
        )
        grade_document(child, "cp_social_work_report", held, case.team_id)
        if finish:
            end = PlanEnd(held, "review")
            break
        due = add_months(held, 6)
        k += 1
    _visits(case, plan_id, start, min(end.day, window_end + ONE_DAY), params)
    child.emit(
        "ssd_cp_plans",
        cppl_cp_plan_id=plan_id,
        cppl_referral_id=case.referral_id,
        cppl_icpc_id=icpc_id,
        cppl_person_id=child.person_id,
        cppl_cp_plan_start_date=start,
        cppl_cp_plan_end_date=child.open_end(end.day),
        cppl_cp_plan_ola="N",
        cppl_cp_plan_initial_category=initial,
        cppl_cp_plan_latest_category=latest,
    )
    return end


def _visits(
    case: Case, plan_id: str, start: dt.date, stop: dt.date, params: ProtectionParams
) -> None:
    """Statutory visits from ``start`` until before ``stop`` (mostly within 10 working days)."""
    child = case.child
    rng = child.rng
    day = start
    person = child.person_id
    five = child.birthday(5)
    emit_row = child.emit_row
    new_id = child.new_id
    while True:
        if rng.random() < params.visit_late:
            day = add_working_days(day, uniform_int(rng, *params.visit_late_wd))
        else:
            day = add_working_days(day, uniform_int(rng, *params.visit_wd))
        if day >= stop:
            return
        seen = rng.random() < params.visit_seen
        alone = seen and day >= five and rng.random() < params.visit_seen_alone
        # Columns in ssd_cp_visits order: id, person, plan, date, seen, seen alone, bedroom.
        emit_row(
            "ssd_cp_visits",
            (
                new_id("ssd_cp_visits"),
                person,
                plan_id,
                day,
                "Y" if seen else "N",
                "Y" if alone else "N",
                "Y" if rng.random() < params.visit_bedroom else "N",
            ),
        )
