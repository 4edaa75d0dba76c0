"""One referral to children's social care, from the day it is made to the day it closes.

A referral opens a child in need episode (``ssd_cin_episodes``), held by the
child's district children's social work team (or the area's disabled
children's team) from the referral until it closes. The episode moves
between the stages Working Together 2015 sets out:

* a few referrals close with no further action before any assessment (RC7:
  RC8 and RC9 are for closures after an assessment);
* otherwise a child and family assessment starts within days; where there is
  reasonable cause to suspect significant harm a strategy discussion starts a
  section 47 enquiry at once (:mod:`~kpibook.synth.journeys.protection`);
* the assessment ends in no further action (RC8), a step down to early help
  (RC9), a child in need plan (:mod:`~kpibook.synth.journeys.cin`), a section
  47 enquiry or, rarely, care;
* child protection plans end in a step down to a CIN plan, closure, care or a
  move to another authority; CIN plans end in closure, a section 47 enquiry,
  care or a move;
* a child who comes into care is looked after by
  :func:`kpibook.synth.journeys.care.enter_care`, which holds the case while
  the child is in care; when the child returns home the district team holds
  the case again, otherwise the referral closes with the reason matching how
  care ended (adopted RC1, died RC2, child arrangements order RC3, special
  guardianship RC4, another authority RC5, adult services RC6, other RC7).

RC8 and RC9 are used only for an episode that ends straight after its
assessment with nothing else (no CIN plan, enquiry, conference or CP plan);
every other ending of that kind is RC7, including a step down to early help
after a plan or an enquiry with no further action.

An episode closes on or after the last day of its work (DfE CIN census rules
8565 and 8867): when a plan, care or the child's 18th birthday ends it while an
assessment is still being authorised (a return-home assessment, an assessment
running alongside an enquiry), the holding team keeps the case open until the
authorisation. The extra days of holding draw from a random stream of their own
(``child.stream("closure")``), so the child's other draws stay as they were. A
referral with no further action closes the day it is made (query 8569Q), and
an assessment never starts while another of the episode's is open (query
8863Q). A child who dies (care ends E2, closure RC2) has a date of death.

The episode row is written when the episode ends, with its closure date and
reason; an episode still open at the window's end has neither.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from kpibook.model.workdays import add_working_days
from kpibook.synth.journeys.care import enter_care
from kpibook.synth.journeys.casework import (
    ONE_DAY,
    SOURCE_DESC,
    Case,
    Closure,
    Journey,
    assessed_by,
    draw,
    hazard_day,
    outcome_json,
    uniform_int,
    weighted,
    work_ends,
    yn,
)
from kpibook.synth.journeys.cin import cin_plan, emit_assessment, plan_length, sample_assessment
from kpibook.synth.journeys.protection import cp_plan, s47_enquiry
from kpibook.synth.journeys.quality import audit_cases


@dataclass(frozen=True, slots=True)
class ReferralParams:
    """Branching chances and hazards of a referral's journey (defaults are calibrated)."""

    referral_nfa: float = 0.04
    """Chance a referral closes with no further action before any assessment (RC7)."""
    nfa_close_days: tuple[int, int] = (0, 7)
    """A draw kept from the days a no-further-action referral used to stay open (uniform):
    it closes the day it is made, and keeping the draw keeps the child's later draws."""
    needs: tuple[tuple[str, float], ...] = (
        ("N0", 0.005), ("N1", 0.55), ("N2", 0.01), ("N3", 0.04), ("N4", 0.16), ("N5", 0.12),
        ("N6", 0.04), ("N7", 0.005), ("N8", 0.03), ("N9", 0.04),
    )  # fmt: skip
    """Primary need at referral (CIN census shape: abuse or neglect most common)."""
    needs_disabled: tuple[tuple[str, float], ...] = (
        ("N2", 0.85), ("N1", 0.08), ("N4", 0.04), ("N5", 0.03),
    )  # fmt: skip
    """Primary need of disabled children's referrals."""
    emergency_care: float = 0.008
    """Chance the child has to come into care on the day of referral (police protection etc.)."""
    emergency_legal: tuple[tuple[str, float], ...] = (("L1", 0.45), ("L2", 0.10), ("V2", 0.45))
    """Legal status of an emergency admission: police protection, EPO or section 20."""
    assessed_legal: tuple[tuple[str, float], ...] = (("V2", 0.6), ("C1", 0.4))
    """Legal status of a child coming into care at the end of an assessment."""
    protection_legal: tuple[tuple[str, float], ...] = (("C1", 0.65), ("V2", 0.35))
    """Legal status of a child on a protection plan coming into care (mostly care proceedings)."""
    cin_legal: tuple[tuple[str, float], ...] = (("V2", 0.7), ("C1", 0.3))
    """Legal status of a child on a CIN plan coming into care."""
    s47_at_referral_n1: float = 0.34
    """Chance a referral for abuse or neglect starts a section 47 enquiry at once."""
    s47_at_referral_other: float = 0.06
    """Chance any other referral starts a section 47 enquiry at once."""
    s47_at_referral_disabled: float = 0.02
    """Chance a disabled child's referral starts a section 47 enquiry at once."""
    icpc_after_referral_s47: float = 0.29
    """Chance an enquiry started at referral leads to an initial conference."""
    icpc_after_later_s47: float = 0.28
    """Chance an enquiry started later in the episode leads to an initial conference."""
    known_cp_factor: float = 3.0
    """Multiplier of the chance of an enquiry at referral for a child who had a plan before
    (agencies and the front door know the history)."""
    known_cp_icpc_factor: float = 1.3
    """Multiplier of the chance an enquiry leads to a conference, for a child with a past plan."""
    outcomes: tuple[tuple[str, float], ...] = (
        ("nfa", 0.44), ("early_help", 0.22), ("cin", 0.28), ("s47", 0.05), ("care", 0.01),
    )  # fmt: skip
    """Outcome of an assessment with no enquiry running alongside."""
    outcomes_disabled: tuple[tuple[str, float], ...] = (
        ("nfa", 0.15), ("early_help", 0.05), ("cin", 0.79), ("s47", 0.01),
    )  # fmt: skip
    """Outcome of a disabled child's assessment."""
    cin_after_s47: float = 0.6
    """Chance a child whose enquiry led to no plan goes on to a CIN plan (else the case closes)."""
    step_down: float = 0.7
    """Chance a child whose protection plan ends at review steps down to a CIN plan."""
    post_care_cin: float = 0.8
    """Chance a child returning home from care is supported on a CIN plan."""
    close_lag_days: tuple[int, int] = (0, 21)
    """Days from the end of the work to the closure of the episode (uniform)."""
    close_rc9: float = 0.3
    """Chance a CIN plan ends with a step down to early help (closed RC7: RC9 is for
    a closure straight after an assessment) rather than closure."""
    cin_s47_per_year: float = 0.12
    """Hazard (per year on a CIN plan) of new concerns leading to a section 47 enquiry."""
    cin_care_per_year: float = 0.032
    """Hazard (per year on a CIN plan) of coming into care."""
    disabled_s47_per_year: float = 0.01
    """Hazard (per year) of a section 47 enquiry for a disabled child on a CIN plan."""
    disabled_care_per_year: float = 0.01
    """Hazard (per year) of a disabled child on a CIN plan coming into care."""
    moved_per_year: float = 0.03
    """Hazard (per year on a CIN plan) that the family moves to another authority (RC5)."""
    no_plan: float = 0.03
    """Chance a child assessed as in need is supported without a CIN plan."""
    no_plan_mean_days: float = 75.0
    """Mean days such a case stays open before it closes (exponential)."""
    plan_lag_mean_days: float = 4.0
    """Mean days from the decision that a child needs a plan to the plan's start."""


PARAMS = ReferralParams()
_NEEDS = weighted(PARAMS.needs)
_NEEDS_DISABLED = weighted(PARAMS.needs_disabled)
_OUTCOMES = weighted(PARAMS.outcomes)
_OUTCOMES_DISABLED = weighted(PARAMS.outcomes_disabled)
_LEGAL = {
    "emergency": weighted(PARAMS.emergency_legal),
    "assessed": weighted(PARAMS.assessed_legal),
    "protection": weighted(PARAMS.protection_legal),
    "cin": weighted(PARAMS.cin_legal),
}

CLOSE_FOR_CARE_EXIT: dict[str, str] = {
    "E11": "RC1", "E12": "RC1", "E2": "RC2", "E3": "RC5", "E41": "RC3", "E43": "RC4",
    "E44": "RC4", "E45": "RC4", "E46": "RC4", "E47": "RC4", "E48": "RC4", "E7": "RC6",
}  # fmt: skip
"""903 reason episode ceased -> CIN closure reason, for exits that end the episode."""
RETURN_HOME: frozenset[str] = frozenset(("E4A", "E4B", "E13", "E8", "E14"))
"""903 reasons after which a child under 18 lives at home again, still supported."""

_REFERRAL_KEYS = (
    "SINGLE_ASSESSMENT_FLAG", "STRATEGY_DISCUSSION_FLAG", "CLA_REQUEST_FLAG",
    "NON_AGENCY_ADOPTION_FLAG", "PRIVATE_FOSTERING_FLAG", "CP_TRANSFER_IN_FLAG",
    "CP_CONFERENCE_FLAG", "CARE_LEAVER_FLAG", "OTHER_OUTCOMES_EXIST_FLAG",
)  # fmt: skip


class _Episode:
    """The state of one referral while it is simulated."""

    def __init__(self, j: Journey, case: Case, day: dt.date, need: str, params: ReferralParams):
        self.j = j
        self.case = case
        self.child = j.child
        self.rng = j.child.rng
        self.need = need
        self.p = params
        self.hold_start: dt.date | None = day
        self.care_exit: dt.date | None = None
        self.flags: set[str] = set()
        self.legal = "V2"
        self.plan: tuple[str, str | None] = ("", None)
        self.protected = False

    def hold(self, end: dt.date | None, *, handover: bool = False) -> None:
        """End the current holding segment on ``end`` (None: still held at the window's end).

        A segment of no length is still written for a referral opened and
        closed on the same day, but not when care takes the case over
        (``handover``) or gave it back that day: the care holding covers it.
        """
        start = self.hold_start
        if start is None:
            return
        self.hold_start = None
        if end is not None and (
            end < start or (end == start and (handover or start == self.care_exit))
        ):
            return
        team = self.case.team_id
        self.child.hold_case(team, start, end, self.case.referral_id)
        audit_cases(self.child, team, start, end)

    def wait_for_work(self, closure: Closure) -> Closure | None:
        """Keep the episode open until its work is done (None: open at the window's end).

        Called once the holding up to ``closure.day`` is written: the team holds
        the case on to the last day of the episode's work, with draws from a
        stream of the child's own for the purpose.
        """
        child = self.child
        done = work_ends(child, self.case.referral_id)
        if done <= closure.day:
            return closure
        end = None if done > child.window.end else done
        child.hold_case(
            self.case.team_id,
            closure.day,
            end,
            self.case.referral_id,
            rng=child.stream("closure"),
        )
        return None if end is None else replace(closure, day=end)

    def lag(self, day: dt.date) -> dt.date:
        return day + dt.timedelta(days=uniform_int(self.rng, *self.p.close_lag_days))

    def run(self, state: str, t: dt.date) -> Closure | None:
        """Follow the episode from ``state`` at ``t`` until it closes (None: open at the end)."""
        window_end = self.child.window.end
        while True:
            if t > window_end or state == "stop":
                return None
            if state.startswith("close:"):
                reason, _, tag = state[6:].partition(":")
                early_help = reason == "RC9" or tag == "eh"
                return Closure(t, reason, self.protected, early_help=early_help)
            if t >= self.j.adult:  # children's services end at 18
                return Closure(t, "RC6" if self.child.disabled else "RC7", self.protected)
            if state == "care":
                state, t = self._care(t)
            elif state == "cp":
                state, t = self._cp(t)
            elif state == "s47":
                state, t = self._s47(t, self.p.icpc_after_later_s47, assessing=False)
            else:
                state, t = self._cin(t, state[4:])

    def initial(self, day: dt.date) -> tuple[str, dt.date]:
        """The first assessment, with an enquiry or emergency care when needed."""
        p, rng, case = self.p, self.rng, self.case
        self.flags.add("SINGLE_ASSESSMENT_FLAG")
        if rng.random() < p.emergency_care * self.j.risk:
            self.flags.add("CLA_REQUEST_FLAG")
            emit_assessment(case, sample_assessment(case, day), "care", self.need)
            self.legal = draw(self.child, _LEGAL["emergency"])
            return "care", day
        a = sample_assessment(case, add_working_days(day, uniform_int(rng, 0, 3)))
        if self.child.disabled:
            p_s47 = p.s47_at_referral_disabled
        else:
            p_s47 = p.s47_at_referral_n1 if self.need == "N1" else p.s47_at_referral_other
            if self.j.cp_plans:
                p_s47 *= p.known_cp_factor
        if rng.random() < p_s47:
            self.flags.add("STRATEGY_DISCUSSION_FLAG")
            state, t = self._s47(day, p.icpc_after_referral_s47, assessing=True)
            if state == "cp":
                self.flags.add("CP_CONFERENCE_FLAG")
                emit_assessment(case, a, "s47", self.need)
                return state, t
            if state == "stop":
                emit_assessment(case, a, "s47", self.need)
                return state, t
            t = max(t, a.auth)
            if rng.random() < p.cin_after_s47:
                emit_assessment(case, a, "cin", self.need)
                return "cin:after_s47", t
            emit_assessment(case, a, "nfa", self.need, after_enquiry=True)
            return "close:RC7", self.lag(t)
        outcome = draw(self.child, _OUTCOMES_DISABLED if self.child.disabled else _OUTCOMES)
        emit_assessment(case, a, outcome, self.need)
        if outcome == "nfa":
            return "close:RC8", self.lag(a.auth)
        if outcome == "early_help":
            return "close:RC9", self.lag(a.auth)
        if outcome == "care":
            self.legal = draw(self.child, _LEGAL["assessed"])
            return "care", a.auth
        if outcome == "s47":
            return "s47", a.auth
        return ("cin:disabled" if self.child.disabled else "cin:assessed"), a.auth

    def _s47(self, t: dt.date, p_icpc: float, *, assessing: bool) -> tuple[str, dt.date]:
        if self.j.cp_plans:
            p_icpc = min(0.9, p_icpc * self.p.known_cp_icpc_factor)
        res = s47_enquiry(self.case, t, p_icpc, self.j.adult, assessing=assessing)
        if res.icpc is not None and res.icpc > self.child.window.end:
            return "stop", res.icpc
        if res.plan_id is not None and res.icpc is not None:
            self.plan = (res.plan_id, res.icpc_id)
            return "cp", res.icpc
        if assessing:
            return "after_s47", res.end
        if self.rng.random() < self.p.cin_after_s47:
            return "cin:after_s47", res.end
        return "close:RC7", self.lag(res.end)

    def _cp(self, t: dt.date) -> tuple[str, dt.date]:
        plan_id, icpc_id = self.plan
        self.j.cp_plans += 1
        self.protected = True
        end = cp_plan(self.case, t, plan_id, icpc_id, self.j.adult)
        if end.cause == "review":
            if self.rng.random() < self.p.step_down:
                return "cin:step_down", end.day
            return "close:RC7", self.lag(end.day)
        if end.cause == "care":
            self.legal = draw(self.child, _LEGAL["protection"])
            return "care", end.day
        if end.cause == "moved":
            return "close:RC5", end.day
        return ("close:RC6" if self.child.disabled else "close:RC7"), end.day

    def _cin(self, t: dt.date, kind: str) -> tuple[str, dt.date]:
        p, rng = self.p, self.rng
        if kind == "assessed" and rng.random() < p.no_plan:
            return "close:RC7", t + dt.timedelta(
                days=1 + int(rng.expovariate(1 / p.no_plan_mean_days))
            )
        start = t + dt.timedelta(days=int(rng.expovariate(1 / p.plan_lag_mean_days)))
        natural = start + dt.timedelta(days=plan_length(self.case, kind))
        disabled = self.child.disabled
        risk = self.j.risk
        s47_rate = p.disabled_s47_per_year if disabled else p.cin_s47_per_year * risk
        care_rate = p.disabled_care_per_year if disabled else p.cin_care_per_year * risk
        end, cause = max(t, min(natural, self.j.adult)), "natural"
        for rate, why in ((s47_rate, "s47"), (care_rate, "care"), (p.moved_per_year, "moved")):
            when = hazard_day(self.child, t, rate)
            if when < end:
                end, cause = when, why
        last_assessed = cin_plan(self.case, start, end, self.need) if end > start else t
        if cause == "s47":
            return "s47", end
        if cause == "care":
            self.legal = draw(self.child, _LEGAL["cin"])
            return "care", end
        if cause == "moved":
            return "close:RC5", max(end, last_assessed)
        if end >= self.j.adult:
            return ("close:RC6" if disabled else "close:RC7"), max(end, last_assessed)
        closed = max(self.lag(end), last_assessed)
        return ("close:RC7:eh" if rng.random() < p.close_rc9 else "close:RC7"), closed

    def _care(self, t: dt.date) -> tuple[str, dt.date]:
        self.hold(t, handover=True)
        exit_ = enter_care(
            self.child, t, self.case.referral_id, legal_status=self.legal, need_code=self.need
        )
        if exit_.day is None or exit_.day > self.child.window.end:
            return "stop", t
        day = exit_.day
        self.hold_start = self.care_exit = day
        reason = exit_.reason or "E8"
        closing = CLOSE_FOR_CARE_EXIT.get(reason)
        if closing is not None:
            return f"close:{closing}", day
        if reason in RETURN_HOME and day < self.j.adult:
            if self.rng.random() < self.p.post_care_cin:
                # A return-home assessment sets out the support the child needs (once
                # the assessment made as the child came into care is authorised).
                a = sample_assessment(self.case, self._assessing_from(day))
                emit_assessment(self.case, a, "cin", self.need)
                return "cin:post_care", day
            return "close:RC7", self.lag(day)
        return "close:RC7", day

    def _assessing_from(self, day: dt.date) -> dt.date:
        """``day``, or the day after the episode's assessments so far are authorised."""
        done = assessed_by(self.child, self.case.referral_id)
        if done < day:
            return day
        return min(done, self.child.window.end) + ONE_DAY


def run_referral(
    j: Journey, day: dt.date, source: str, params: ReferralParams = PARAMS
) -> Closure | None:
    """Simulate a referral made on ``day`` and write its rows.

    Returns how it closed, or None if it is still open at the window's end
    (the child's journey then stops).
    """
    child = j.child
    rng = child.rng
    case = Case(child, child.new_id("ssd_cin_episodes"), j.team_id)
    need = draw(child, _NEEDS_DISABLED if child.disabled else _NEEDS)
    ep = _Episode(j, case, day, need, params)
    nfa = rng.random() < params.referral_nfa
    if nfa:
        # Closed the day it is made; the draw of the closure day (0 to 7 days later,
        # before DfE query 8569Q) is kept so the child's later draws stay as they were.
        uniform_int(rng, *params.nfa_close_days)
        state, t = "close:RC7", day
    else:
        state, t = ep.initial(day)
    closure = ep.run(state, t)
    if closure is not None and closure.day > child.window.end:
        closure = None
    ep.hold(None if closure is None else closure.day)
    if closure is not None:
        closure = ep.wait_for_work(closure)
    if closure is not None and closure.reason == "RC2":
        child.person["pers_death_date"] = ep.care_exit or closure.day  # care ended E2
    child.emit(
        "ssd_cin_episodes",
        cine_referral_id=case.referral_id,
        cine_person_id=child.person_id,
        cine_referral_date=day,
        cine_cin_primary_need_code=need,
        cine_referral_source_code=source,
        cine_referral_source_desc=SOURCE_DESC.get(source),
        cine_referral_outcome_json=outcome_json(
            _REFERRAL_KEYS, frozenset(ep.flags), "NUMBER_OF_OUTCOMES", "COMMENTS"
        ),
        cine_referral_nfa=yn(nfa),
        cine_close_reason=None if closure is None else closure.reason,
        cine_close_date=None if closure is None else closure.day,
        cine_referral_team=j.team_id,
        cine_referral_worker_id=case.worker(day),
    )
    if closure is None:
        child.touch(child.window.end)
    return closure
