"""Unaccompanied asylum-seeking children arriving in the county.

Kent is a port of entry: children arriving alone at Dover and the Channel
Tunnel, or found in lorries on the M20, become the county's responsibility.
Arrivals are a Poisson process with a rate that follows history: high in the
late 2000s, lower in 2011-13, rising from 2014, surging in the summer and
autumn of 2015 (Kent looked after about 800 asylum-seeking children in August
2016, 464 of them held by its SUASC service) and falling after the National
Transfer Scheme of July 2016 moved new arrivals to other authorities (264
still looked after in January 2018, with 874 former asylum-seeking care
leavers over 18).

Each child (mostly boys of 15-17, of the nationalities of the time) is
contacted and referred to the SUASC service the day they arrive, assessed,
accommodated under section 20 (:func:`~kpibook.synth.journeys.care.enter_care`)
and has an immigration status of UASC until 18. Those who stay to 18 become
care leavers; a young person's status as a former asylum-seeking child stays
on their record.

The referral closes when care ends, or once the arrival assessment is
authorised if that comes later (a child who turns 18 or is transferred to
another authority within weeks of arriving): the SUASC service holds the case
until then (DfE CIN census rules 8565 and 8867), with draws from a random
stream of the child's own for the purpose. A child whose care ends in death
(E2, closure RC2) has a date of death.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

from kpibook.model import codelist
from kpibook.synth.context import ChildContext, Shard
from kpibook.synth.journeys import cin
from kpibook.synth.journeys.care import enter_care_period
from kpibook.synth.journeys.care_common import Weighted, days
from kpibook.synth.journeys.casework import Case, outcome_json, work_ends
from kpibook.synth.journeys.frontdoor import contact_json
from kpibook.synth.journeys.people import dob_for_age

_REFERRAL_KEYS = (
    "SINGLE_ASSESSMENT_FLAG", "STRATEGY_DISCUSSION_FLAG", "CLA_REQUEST_FLAG",
    "NON_AGENCY_ADOPTION_FLAG", "PRIVATE_FOSTERING_FLAG", "CP_TRANSFER_IN_FLAG",
    "CP_CONFERENCE_FLAG", "CARE_LEAVER_FLAG", "OTHER_OUTCOMES_EXIST_FLAG",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class UascParams:
    """Arrivals and characteristics of asylum-seeking children (defaults are calibrated)."""

    arrivals: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2000, 1, 1), 30.0), (dt.date(2009, 7, 1), 24.0), (dt.date(2010, 7, 1), 15.0),
        (dt.date(2014, 1, 1), 22.0), (dt.date(2015, 1, 1), 45.0), (dt.date(2015, 7, 1), 120.0),
        (dt.date(2015, 11, 1), 42.0), (dt.date(2016, 7, 1), 26.0), (dt.date(2017, 1, 1), 16.0),
        (dt.date(2018, 1, 1), 16.0),
    )  # fmt: skip
    """Arrivals a month (scale 1) from each date until the next: with the ages below they
    keep about 800 asylum-seeking children in care in August 2016 (Kent: 798) and 25-30
    new ones a month after the National Transfer Scheme (Kent's SUASC service: 25)."""
    male: float = 0.92
    ages: tuple[tuple[int, float], ...] = (
        (13, 0.03), (14, 0.07), (15, 0.20), (16, 0.40), (17, 0.30),
    )  # fmt: skip
    """Age on arrival (as assessed). Most leave care at 18, so the ages set how long they
    stay: about a year and a half on average, which gives 35-40 leaving care a month in 2016
    (Kent's SUASC service: 36 in August 2016)."""
    first_of_january: float = 0.35
    """Chance the assessed date of birth is recorded as 1 January (common after an age
    assessment): those young people all turn 18, and most leave care, in January, so the
    other months see fewer leave (Kent's SUASC service: 36 in August 2016)."""
    nationalities: tuple[tuple[tuple[str, str], float], ...] = (
        (("Afghan", "AOTH"), 0.25), (("Eritrean", "BAFR"), 0.20), (("Albanian", "WOTH"), 0.11),
        (("Iraqi", "OOTH"), 0.10), (("Syrian", "OOTH"), 0.08), (("Sudanese", "BAFR"), 0.07),
        (("Vietnamese", "AOTH"), 0.05), (("Iranian", "OOTH"), 0.06), (("Ethiopian", "BAFR"), 0.04),
        (("Egyptian", "OOTH"), 0.02), (("Kuwaiti", "OOTH"), 0.01), (("Somali", "BAFR"), 0.01),
    )  # fmt: skip
    """Nationality and the DfE ethnicity code recorded with it."""
    sources: tuple[tuple[str, float], ...] = (("6", 0.60), ("7", 0.25), ("8", 0.15))
    """Who refers the child: police, another legal agency (Border Force), other."""
    districts: tuple[tuple[str, float], ...] = (
        ("D_ASH", 0.16), ("D_DOV", 0.14), ("D_SHE", 0.10), ("D_CAN", 0.12), ("D_THA", 0.10),
        ("D_SWA", 0.07), ("D_MAI", 0.10), ("D_TON", 0.04), ("D_TUN", 0.04), ("D_DAR", 0.05),
        ("D_GRA", 0.05), ("D_SEV", 0.03),
    )  # fmt: skip
    """District a child is placed in and whose team may later hold the case."""
    assessment_late: float = 0.25
    """Chance the child and family assessment runs past 45 working days (Kent: 75% in time)."""
    refugee: float = 0.45
    """Chance a young person has been granted refugee status by 18 (else still seeking asylum)."""


PARAMS = UascParams()
_AGES = Weighted(PARAMS.ages)
_NATIONALITY = Weighted(PARAMS.nationalities)
_SOURCES = Weighted(PARAMS.sources)
_DISTRICTS = Weighted(PARAMS.districts)
_NAMES_M = (
    "Ahmad", "Mohammad", "Ali", "Hamid", "Yonas", "Filmon", "Merhawi", "Ardit", "Klevis",
    "Karwan", "Omar", "Mustafa", "Abdullah", "Minh", "Reza", "Dawit", "Hassan", "Yusuf",
)  # fmt: skip
_NAMES_F = ("Senait", "Helen", "Mariam", "Fatima", "Luljeta", "Lan", "Zahra", "Ruta", "Amina")
_SURNAMES = (
    "Ahmadi", "Haile", "Tesfay", "Hoxha", "Krasniqi", "Hassan", "Rahimi", "Mohammadi",
    "Abdi", "Nguyen", "Tran", "Kebede", "Ibrahim", "Karimi", "Osman", "Berhane",
)  # fmt: skip
_CLOSE = {"E3": "RC5", "E2": "RC2"}
"""CIN closure reason for the ways an asylum-seeking child's care ends (else RC7)."""
_SOURCE_DESC = dict(codelist("referral_source").codes_at(dt.date(2016, 4, 1)))


def _rate(day: dt.date, params: UascParams) -> float:
    """Arrivals a month in force on ``day`` (piecewise constant)."""
    rate = params.arrivals[0][1]
    for start, value in params.arrivals:
        if start <= day:
            rate = value
    return rate


def _poisson(shard: Shard, mean: float) -> int:
    """A Poisson count (Knuth's method; the means here are small)."""
    limit = math.exp(-mean)
    n, p = 0, shard.rng.random()
    while p > limit:
        n += 1
        p *= shard.rng.random()
    return n


def simulate_uasc(shard: Shard, params: UascParams = PARAMS) -> None:
    """Simulate every asylum-seeking child arriving in the county, month by month."""
    window = shard.window
    month = window.sim_start.replace(day=1)
    while month <= window.end:
        nxt = (month + days(32)).replace(day=1)
        count = _poisson(shard, _rate(month, params) * shard.share)
        arrivals = sorted(
            month + days(shard.rng.randrange((nxt - month).days)) for _ in range(count)
        )
        for day in arrivals:
            if day <= window.end:
                _journey(shard, day, params)
        month = nxt


def _plus_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February becomes 1 March)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def _journey(shard: Shard, day: dt.date, params: UascParams) -> None:
    """One child's journey from arrival to the end of care (and care leaving)."""
    rng = shard.rng
    age = _AGES.draw(rng)
    dob = dob_for_age(rng, day, age)
    if rng.random() < params.first_of_january:
        dob = dt.date(day.year - age, 1, 1)
    sex = "M" if rng.random() < params.male else "F"
    if _plus_years(dob, 21) < shard.window.start:
        return  # everything about this child (care, care leaving) ends before the window
    child = shard.child(dob, sex, _DISTRICTS.draw(rng))
    rng = child.rng  # the rest of the journey draws from the child's own stream
    child.is_uasc = True
    (nationality, ethnicity) = _NATIONALITY.draw(rng)
    child.emit(
        "ssd_contacts",
        cont_contact_id=child.new_id("ssd_contacts"),
        cont_person_id=child.person_id,
        cont_contact_date=day,
        cont_contact_source_code=(source := _SOURCES.draw(rng)),
        cont_contact_source_desc=_SOURCE_DESC.get(source),
        cont_contact_outcome_json=contact_json("referral"),
    )
    referral_id = child.new_id("ssd_cin_episodes")
    case = Case(child, referral_id, "T_UASC")
    late = replace(cin.PARAMS, late=params.assessment_late)
    assessment = cin.sample_assessment(case, day, late)
    period = enter_care_period(child, day, referral_id, legal_status="V2", need_code="N8")
    cin.emit_assessment(case, assessment, "care", "N8")
    closed = _closure(child, case, period.exit_day)
    if period.exit_reason == "E2" and period.exit_day <= child.window.end:
        child.person["pers_death_date"] = period.exit_day
    child.emit(
        "ssd_cin_episodes",
        cine_referral_id=referral_id,
        cine_person_id=child.person_id,
        cine_referral_date=day,
        cine_cin_primary_need_code="N8",
        cine_referral_source_code=source,
        cine_referral_source_desc=_SOURCE_DESC.get(source),
        cine_referral_outcome_json=outcome_json(
            _REFERRAL_KEYS,
            frozenset(("SINGLE_ASSESSMENT_FLAG", "CLA_REQUEST_FLAG")),
            "NUMBER_OF_OUTCOMES",
            "COMMENTS",
        ),
        cine_referral_nfa="N",
        cine_close_reason=None if closed is None else _CLOSE.get(period.exit_reason, "RC7"),
        cine_close_date=closed,
        cine_referral_team="T_UASC",
        cine_referral_worker_id=case.worker(day),
    )
    _immigration(child, day, period.exit_day, period.exit_reason, params)
    names = _NAMES_M if sex == "M" else _NAMES_F
    child.person.update(
        pers_forename=names[rng.randrange(len(names))],
        pers_surname=_SURNAMES[rng.randrange(len(_SURNAMES))],
        pers_ethnicity=ethnicity,
        pers_nationality=nationality,
        pers_upn=None,
        pers_upn_unknown="UN2" if rng.random() < 0.7 else "UN4",
    )
    child.emit(
        "ssd_disability",
        disa_table_id=child.new_id("ssd_disability"),
        disa_person_id=child.person_id,
        disa_disability_code="NONE",
    )
    child.finish()


def _closure(child: ChildContext, case: Case, exit_day: dt.date) -> dt.date | None:
    """The referral's closure: when care ends, or when its work is done if later.

    None while open at the window's end. The SUASC service holds the case from
    the end of care until the closure.
    """
    window_end = child.window.end
    if exit_day > window_end:
        return None
    done = work_ends(child, case.referral_id)
    if done <= exit_day:
        return exit_day
    end = None if done > window_end else done
    child.hold_case(case.team_id, exit_day, end, case.referral_id, rng=child.stream("closure"))
    return end


def _immigration(
    child: ChildContext, day: dt.date, exit_day: dt.date, reason: str, params: UascParams
) -> None:
    """The UASC status spell (to 18, or to an earlier end of care), then the status after 18."""
    eighteen = child.birthday(18)
    end = eighteen if reason not in ("E15", "E3", "E8") else min(eighteen, exit_day)
    child.emit(
        "ssd_immigration_status",
        immi_immigration_status_id=child.new_id("ssd_immigration_status"),
        immi_person_id=child.person_id,
        immi_immigration_status_start_date=day,
        immi_immigration_status_end_date=child.open_end(end),
        immi_immigration_status="UASC",
    )
    if end == eighteen and exit_day >= eighteen and eighteen <= child.window.end:
        child.emit(
            "ssd_immigration_status",
            immi_immigration_status_id=child.new_id("ssd_immigration_status"),
            immi_person_id=child.person_id,
            immi_immigration_status_start_date=eighteen,
            immi_immigration_status_end_date=None,
            immi_immigration_status="REFUGEE" if child.rng.random() < params.refugee else "ASYLUM",
        )
