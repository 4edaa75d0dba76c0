"""The district front door: contacts, early help and referrals, child by child.

Children not known before come to the front door (Kent's Central Referral
Unit) as a Poisson process over days: a rate per 10,000 children of each
age, highest for babies and raised for teenagers, applied to the district's
child population (times the shard's share of demand). Each child's journey
is then simulated to its end, one contact after another:

* a **contact** (``ssd_contacts``) from a source (police, schools, health...)
  ends in no further action or advice, an **early help** episode
  (``ssd_early_help_episodes``) or a **referral** to the district team
  (:func:`~kpibook.synth.journeys.referral.run_referral`);
* contacts from schools in the school holidays come in when term starts, and
  professional contacts made at a weekend reach the front door on the next
  working day;
* early help escalates to social care for some families (a step-up contact
  from early help, source 5D);
* after each contact, episode or referral closes the family may come back:
  the chance rises with the family's level of need (a gamma-distributed
  frailty, fixed per child) and the time to the next contact mixes an early
  spell (soon after closure, the re-referral window) with a long tail.
  Re-referrals within 12 months (Kent 22.3%) emerge from this process.

The journey ends when the child turns 18, is adopted or dies, moves away, or
is still open at the window's end.
"""

from __future__ import annotations

import datetime as dt
import json
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from math import exp

from kpibook.model.workdays import is_working_day
from kpibook.synth.context import ChildContext, Shard
from kpibook.synth.geography import AGE_PROFILE, DISABILITY_TEAM_FOR_AREA, District
from kpibook.synth.journeys.casework import SOURCE_DESC, Journey, draw, uniform_int, weighted, yn
from kpibook.synth.journeys.people import home_postcodes, new_child, write_person
from kpibook.synth.journeys.referral import run_referral
from kpibook.synth.postcodes import Postcode

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class FrontDoorParams:
    """Arrival, contact and re-contact rates (defaults are calibrated)."""

    first_contacts_per_10k: float = 560.0
    """Children not known before contacting the front door, per 10,000 children per year,
    at an age whose relative rate (``age_rate``) is 1."""
    age_rate: tuple[float, ...] = (
        3.0, 1.4, 1.2, 1.1, 1.1, 1.0, 0.95, 0.9, 0.85, 0.8, 0.8, 0.85, 0.95, 1.1, 1.2, 1.15,
        1.0, 0.8,
    )  # fmt: skip
    """Relative first-contact rate by age 0-17 (babies and teenagers highest)."""
    district_need: tuple[tuple[str, float], ...] = (
        ("D_DAR", 0.89), ("D_GRA", 0.94), ("D_SEV", 0.76), ("D_CAN", 1.05), ("D_SWA", 1.18),
        ("D_THA", 1.40), ("D_ASH", 0.87), ("D_DOV", 1.33), ("D_SHE", 1.10), ("D_MAI", 0.88),
        ("D_TON", 0.81), ("D_TUN", 0.81),
    )  # fmt: skip
    """Relative demand per child by district (population-weighted mean 1): Kent's referrals
    per child by team in Aug 2016, shrunk a quarter of the way to 1 for one month's noise.
    Deprived coastal districts (Thanet, Dover, Swale) need more help than West Kent."""
    population_growth: float = 0.006
    """Yearly growth of the child population around its mid-2016 size."""
    sources: tuple[tuple[str, float], ...] = (
        ("6", 0.28), ("2A", 0.16), ("2B", 0.02), ("3A", 0.03), ("3B", 0.03), ("3C", 0.01),
        ("3D", 0.02), ("3E", 0.04), ("3F", 0.05), ("4", 0.02), ("5A", 0.04), ("5B", 0.03),
        ("5C", 0.02), ("1A", 0.07), ("1B", 0.01), ("1C", 0.01), ("1D", 0.02), ("7", 0.02),
        ("8", 0.04), ("9", 0.02), ("10", 0.01),
    )  # fmt: skip
    """Who makes contacts (CIN census referral source codes) and their weights."""
    holiday_deferral: float = 0.85
    """Chance a school's concern arising in the school holidays is raised when term starts."""
    summer_advance: float = 0.35
    """Chance a school's concern that would arise in the summer holiday is raised in the last
    two weeks of the summer term instead (schools act before children leave for six weeks)."""
    referral: float = 0.195
    """Chance a contact about a child of average need becomes a referral (scaled by need^0.5,
    at most 0.95)."""
    referral_disabled: float = 0.55
    """Chance a contact about a disabled child becomes a referral (disabled children's team)."""
    referral_next_day: float = 0.4
    """Chance the front door passes a contact to the district team the next day (else same day)."""
    referral_step_up: float = 0.85
    """Chance a step-up contact from early help becomes a referral."""
    early_help: float = 0.25
    """Chance a contact not referred is passed to early help."""
    advice: float = 0.4
    """Chance a contact closed with no further action was given advice."""
    eh_start_days: tuple[int, int] = (3, 21)
    """Days from contact (or step-down) to the start of early help (uniform)."""
    eh_median_days: float = 130.0
    """Median length of an early help episode (Kent's 20-week service standard)."""
    eh_sigma: float = 0.5
    """Log-normal spread of early help episode lengths."""
    eh_escalate: float = 0.09
    """Chance early help for a family of average need escalates to social care (scaled by
    need^0.5, at most 0.6)."""
    eh_goals_achieved: float = 0.7
    """Chance early help that does not escalate closes with its goals achieved."""
    risk_shape: float = 0.6
    """Shape of the gamma distribution of families' level of need (mean 1)."""
    return_after_referral: float = 1.6
    """Re-contact intensity after a referral closes (chance = 1 - exp(-intensity x need))."""
    return_after_cp: float = 5.5
    """Re-contact intensity after a referral in which the child was on a protection plan."""
    return_after_early_help: float = 1.2
    """Re-contact intensity after early help ends."""
    return_after_contact: float = 1.1
    """Re-contact intensity after a contact closed at the front door."""
    recontact_early: float = 0.62
    """Share of re-contacts that come soon after closure."""
    recontact_early_mean_days: float = 80.0
    """Mean days to an early re-contact."""
    recontact_late_mean_days: float = 800.0
    """Mean days to a later re-contact."""


PARAMS = FrontDoorParams()
_SOURCES = weighted(PARAMS.sources)
SCHOOL_SOURCES = frozenset(("2A", "2B", "3C"))
ANY_DAY_SOURCES = frozenset(("6", "1A", "1B", "1C", "1D", "3E", "9", "10"))
"""Sources that contact the front door at weekends and on bank holidays too."""
_CONTACT_KEYS = (
    "NEW_REFERRAL_FLAG", "EXISTING_REFERRAL_FLAG", "CP_ENQUIRY_FLAG", "NFA_FLAG",
    "NON_AGENCY_ADOPTION_FLAG", "PRIVATE_FOSTERING_FLAG", "ADVICE_FLAG", "MISSING_FLAG",
    "OLA_CP_FLAG", "OTHER_OUTCOMES_EXIST_FLAG",
)  # fmt: skip
GONE = frozenset(("RC1", "RC2", "RC5", "RC6"))
"""Closure reasons after which the child does not come back (adopted, died, moved, adult)."""


@cache
def contact_json(outcome: str) -> str:
    """The SSD contact outcome JSON for ``referral``, ``early_help``, ``advice`` or ``nfa``."""
    on = {
        "referral": ("NEW_REFERRAL_FLAG",),
        "early_help": ("OTHER_OUTCOMES_EXIST_FLAG",),
        "advice": ("ADVICE_FLAG", "NFA_FLAG"),
        "nfa": ("NFA_FLAG",),
    }[outcome]
    body: dict[str, object] = {k: yn(k in on) for k in _CONTACT_KEYS}
    body["NUMBER_OF_OUTCOMES"] = len(on)
    body["COMMENTS"] = ""
    return json.dumps(body, separators=(",", ":"))


def home_team(child: ChildContext, district: District) -> str:
    """The team that holds the child's referrals.

    Disabled children: the area's disabled children's team. Thanet: Margate
    (CT7, CT8, CT9 postcodes) or Ramsgate (the rest). Otherwise the district's team.
    """
    if child.disabled:
        return DISABILITY_TEAM_FOR_AREA[district.area_id]
    if len(district.cswt_ids) > 1:
        outward = child.home_postcode.postcode.split(" ")[0] if child.home_postcode else ""
        return district.cswt_ids[0] if outward in ("CT7", "CT8", "CT9") else district.cswt_ids[1]
    return district.cswt_ids[0]


def _holiday_end(day: dt.date) -> dt.date | None:
    """The first day of term if ``day`` is in a school holiday (summer, Christmas), else None."""
    m, d = day.month, day.day
    if (m == 7 and d >= 23) or m == 8 or (m == 9 and d < 4):
        return dt.date(day.year, 9, 5)
    if m == 12 and d >= 21:
        return dt.date(day.year + 1, 1, 5)
    if m == 1 and d < 5:
        return dt.date(day.year, 1, 5)
    return None


def _arrival_day(
    child: ChildContext, day: dt.date, after: dt.date, source: str, params: FrontDoorParams
) -> dt.date:
    """The day a contact reaches the front door (school holidays, weekends).

    ``after``: the contact cannot come before the family's previous involvement ended.
    """
    if source in SCHOOL_SOURCES:
        term = _holiday_end(day)
        rng = child.rng
        if term is not None and term.month == 9 and rng.random() < params.summer_advance:
            earlier = dt.date(day.year, 7, 8) + dt.timedelta(days=uniform_int(rng, 0, 14))
            if earlier > after:
                term, day = None, earlier
        if term is not None and rng.random() < params.holiday_deferral:
            day = term + dt.timedelta(days=uniform_int(rng, 0, 10))
    if source not in ANY_DAY_SOURCES:
        while not is_working_day(day):
            day += ONE_DAY
    return day


def simulate_district(shard: Shard, params: FrontDoorParams = PARAMS) -> None:
    """Simulate the children of the shard's district from ``sim_start`` to the window's end.

    New children arrive year by year as a Poisson process (rate per 10,000
    children by age, times the population, the district's relative need and
    ``shard.share``); each child's whole journey is simulated as they arrive.
    """
    district = shard.district
    assert district is not None
    rng = shard.rng
    window = shard.window
    postcodes = home_postcodes(shard)
    weights = [AGE_PROFILE[a] * params.age_rate[a] for a in range(18)]
    total = sum(weights)
    cum_age = [x / total for x in accumulate(weights)]
    # First contacts per year at the 2016 population (age-weighted rate x children).
    need = dict(params.district_need).get(district.district_id, 1.0)
    per_year = (
        params.first_contacts_per_10k / 10_000 * district.children_2016 * total / sum(AGE_PROFILE)
    ) * need
    t = window.sim_start
    while t <= window.end:
        year_end = min(dt.date(t.year, 12, 31), window.end)
        growth = (1 + params.population_growth) ** (t.year - 2016)
        per_day = per_year * growth * shard.share / 365.25
        clock = 0.0
        while True:
            clock += rng.expovariate(per_day)
            day = t + dt.timedelta(days=int(clock))
            if day > year_end:
                break
            age = min(bisect_right(cum_age, rng.random()), 17)
            if (window.start - day).days > (22 - age) * 365.25:
                continue  # 21 before the window opens: nothing of theirs is in the extract
            _journey(shard, district, day, age, postcodes, params)
        t = year_end + ONE_DAY


def _journey(
    shard: Shard,
    district: District,
    day: dt.date,
    age: int,
    postcodes: tuple[Postcode, ...],
    params: FrontDoorParams,
) -> None:
    """Simulate one child from their first contact to the end of their journey."""
    child = new_child(shard, day, age, postcodes)
    rng = child.rng
    window_end = child.window.end
    adult = child.birthday(18)
    j = Journey(
        child,
        home_team(child, district),
        adult,
        rng.gammavariate(params.risk_shape, 1 / params.risk_shape),
    )
    first = day
    after = day - ONE_DAY
    source = draw(child, _SOURCES)
    codes, cum = _SOURCES
    last_code = len(codes) - 1
    random = rng.random
    expovariate = rng.expovariate
    while True:
        day = _arrival_day(child, day, after, source, params)
        if day > window_end or day >= adult:
            break
        ended, intensity, step_up = _contact(j, day, source, params)
        if ended is None:
            break
        after = ended
        if step_up is not None:
            day, source = step_up, "5D"
            continue
        if random() >= 1.0 - exp(-intensity * j.risk):
            break
        if random() < params.recontact_early:
            gap = expovariate(1 / params.recontact_early_mean_days)
        else:
            gap = expovariate(1 / params.recontact_late_mean_days)
        day = after + dt.timedelta(days=1 + int(gap))
        source = codes[min(bisect_right(cum, random()), last_code)]  # draw(child, _SOURCES)
    if child.latest >= child.window.start and child.dob <= window_end:
        write_person(child, first)
    child.finish()


def _contact(
    j: Journey, day: dt.date, source: str, params: FrontDoorParams
) -> tuple[dt.date | None, float, dt.date | None]:
    """Simulate one contact and what it leads to.

    Returns (the day the family's involvement ended, or None if the journey
    stops; the re-contact intensity; the day of a step-up contact, if early
    help escalates).
    """
    child = j.child
    rng = child.rng
    if source == "5D":
        p_ref = params.referral_step_up
    elif child.disabled:
        p_ref = params.referral_disabled
    else:
        p_ref = min(0.95, params.referral * j.risk**0.5)
    if rng.random() < p_ref:
        outcome = "referral"
    elif rng.random() < params.early_help:
        outcome = "early_help"
    else:
        outcome = "advice" if rng.random() < params.advice else "nfa"
    # Columns in ssd_contacts order: id, person, date, source code and description, outcome.
    child.emit_row(
        "ssd_contacts",
        (
            child.new_id("ssd_contacts"),
            child.person_id,
            day,
            source,
            SOURCE_DESC.get(source),
            contact_json(outcome),
        ),
    )
    if outcome == "referral":
        next_day = day + ONE_DAY
        late = rng.random() < params.referral_next_day
        late = late and next_day <= child.window.end and next_day < j.adult
        ref_day = next_day if late else day
        closure = run_referral(j, ref_day, source)
        if closure is None or closure.reason in GONE:
            return None, 0.0, None
        if closure.early_help:
            start = closure.day + dt.timedelta(days=uniform_int(rng, 0, 14))
            end, step_up = early_help(j, start, params)
            return end, params.return_after_early_help, step_up
        again = params.return_after_cp if closure.protected else params.return_after_referral
        return closure.day, again, None
    if outcome == "early_help":
        start = day + dt.timedelta(days=uniform_int(rng, *params.eh_start_days))
        end, step_up = early_help(j, start, params)
        return end, params.return_after_early_help, step_up
    return day, params.return_after_contact, None


def early_help(
    j: Journey, start: dt.date, params: FrontDoorParams = PARAMS
) -> tuple[dt.date | None, dt.date | None]:
    """Simulate an early help episode from ``start``.

    Returns (its end, or None if still open at the window's end; the end
    again if it escalated to social care, else None).
    """
    child = j.child
    rng = child.rng
    if start > child.window.end or start >= j.adult:
        return None, None
    end = start + dt.timedelta(
        days=max(14, int(params.eh_median_days * exp(rng.gauss(0, params.eh_sigma))))
    )
    end = min(end, j.adult)
    escalated = rng.random() < min(0.6, params.eh_escalate * j.risk**0.5)
    if escalated:
        reason = "Escalated to social care"
    else:
        reason = (
            "Goals achieved" if rng.random() < params.eh_goals_achieved else "No further action"
        )
    closed = child.open_end(end)
    # Columns in ssd_early_help_episodes order: id, person, start, end, reason, end reason,
    # organisation, worker.
    child.emit_row(
        "ssd_early_help_episodes",
        (
            child.new_id("ssd_early_help_episodes"),
            child.person_id,
            start,
            closed,
            "Family support",
            None if closed is None else reason,
            "Early Help and Preventative Services",
            None,
        ),
    )
    if closed is None:
        return None, None
    return end, (end if escalated and end < j.adult else None)
