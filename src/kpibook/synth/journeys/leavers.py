"""Care leavers: eligibility, keeping in touch, accommodation, activity and pathway plans.

Under the Children (Leaving Care) Act 2000 a young person looked after for at
least 13 weeks after their 14th birthday, including some time after their
16th, is an *eligible* child while still in care at 16-17, a *relevant* child
if they leave care at 16-17, and a *former relevant* young person from 18 to
21. The council keeps in touch through a personal adviser, reviews their
pathway plan every six months, and records their accommodation (and whether
it is suitable) and their main activity around each birthday (the 903 care
leaver return covers the 17th to 21st birthdays).

Each row written here describes the young person around one birthday, in
birthday order; a young person still open to the service at the extract date
gets one more row with their current position. Calibrated to Kent, year to
August 2016: 67.1% in touch (75.3% excluding former asylum-seeking children;
88.4% by January 2018 after closed cases were re-opened), 92.2% of those in
touch in suitable accommodation, 58.1% in education, employment or training
(51.2% excluding former asylum-seeking children); 91.2% with a pathway plan
updated in the last six months.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from kpibook.model import codelist
from kpibook.synth.journeys.care_common import Period, Weighted, by_date, days, pick_worker

NOT_LEAVERS = frozenset(
    ("E11", "E12", "E2", "E3", "E41", "E45", "E46", "E47", "E48", "E15", "E16", "E7")
)
"""Ways of leaving care after which a young person is not a care leaver."""


@dataclass(frozen=True, slots=True)
class LeaverParams:
    """Keeping in touch and outcomes of care leavers (defaults are calibrated)."""

    in_touch: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2015, 8, 1), 0.74), (dt.date(2016, 8, 1), 0.86), (dt.date(2017, 10, 1), 0.96),
    )  # fmt: skip
    """Chance the service is in touch around a birthday (re-opening exercise of 2016-17)."""
    uasc_in_touch_factor: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2016, 8, 1), 0.80), (dt.date(2017, 10, 1), 0.92),
    )  # fmt: skip
    """Multiplier for former asylum-seeking children (some long-term missing or removed)."""
    not_in_touch: tuple[tuple[str, float], ...] = (
        ("NO", 0.62), ("REFU", 0.20), ("NREQ", 0.17), ("DIED", 0.01),
    )  # fmt: skip
    accommodation: tuple[tuple[str, float], ...] = (
        ("D", 0.22), ("U", 0.22), ("E", 0.10), ("B", 0.13), ("Z", 0.08), ("T", 0.03),
        ("C", 0.02), ("K", 0.04), ("Y", 0.04), ("W", 0.02), ("X", 0.02), ("S", 0.01),
        ("V", 0.02),
    )  # fmt: skip
    """Accommodation of care leavers in touch (903 ACCOM letters)."""
    unsuitable: tuple[tuple[str, float], ...] = (
        ("W", 0.85), ("X", 1.0), ("S", 1.0), ("V", 0.75), ("B", 0.05), ("K", 0.10),
    )  # fmt: skip
    """Chance an accommodation type is judged unsuitable (others: ``other_unsuitable``)."""
    other_unsuitable: float = 0.005
    eet: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2015, 8, 1), 0.53),
        (dt.date(2017, 12, 1), 0.50),
    )
    """Chance a citizen care leaver in touch is in education, employment or training."""
    uasc_eet: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2015, 8, 1), 0.62),
        (dt.date(2017, 12, 1), 0.74),
    )
    """Chance a former asylum-seeking care leaver in touch is in EET (mostly college)."""
    eet_codes: tuple[tuple[str, float], ...] = (
        ("F2", 0.40), ("F1", 0.10), ("F3", 0.25), ("P2", 0.08), ("P3", 0.14), ("P1", 0.03),
    )  # fmt: skip
    """EET activity codes (F3/P3 split into F4/F5 and P4/P5 from 2022-23)."""
    neet_codes: tuple[tuple[str, float], ...] = (("G5", 0.72), ("G4", 0.12), ("G6", 0.16))
    pathway_on_time: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2016, 8, 1), 0.97), (dt.date(2017, 12, 1), 0.98),
    )  # fmt: skip
    """Chance the pathway plan has been reviewed in the last six months."""


PARAMS = LeaverParams()
_NOT = Weighted(PARAMS.not_in_touch)
_ACCOM = Weighted(PARAMS.accommodation)
_UNSUITABLE = dict(PARAMS.unsuitable)
_EET = Weighted(PARAMS.eet_codes)
_NEET = Weighted(PARAMS.neet_codes)
_SPLIT = {"F3": ("F4", "F5"), "P3": ("P4", "P5")}


def is_care_leaver(period: Period) -> bool:
    """Looked after 13 weeks since 14, some of it after 16, and not adopted, SGO, transferred..."""
    child = period.child
    if period.exit_reason in NOT_LEAVERS:
        return False
    since14 = max(period.start, child.birthday(14))
    return period.exit_day > child.birthday(16) and (period.exit_day - since14).days >= 91


def holds_to_21(period: Period) -> bool:
    """Whether the care leaver service takes the case on when the child leaves care at 18."""
    return is_care_leaver(period) and period.exit_day == period.child.birthday(18)


def simulate_care_leaver(period: Period, params: LeaverParams = PARAMS) -> None:
    """Write the care leaver rows (17th to 21st birthdays, and the current position)."""
    if not is_care_leaver(period):
        return
    child = period.child
    end = child.window.end
    qualified = max(period.start, child.birthday(14)) + days(91)
    went_home = period.exit_reason in ("E4A", "E4B", "E13")
    returned_home = went_home and period.exit_day < child.birthday(18)
    gone = False
    last_contact: dt.date | None = None
    for age in range(17, 22):
        day = child.birthday(age)
        if day > end:
            break
        if day < qualified or (age == 17 and day < period.start):
            continue
        gone, last_contact = _row(period, day, age, gone, last_contact, returned_home, params)
    if child.birthday(18) <= end < child.birthday(21) and period.exit_day <= end and not gone:
        day = end - days(child.rng.randint(0, 20))
        _row(period, day, child.age_on(day), gone, last_contact, returned_home, params)


def _row(
    period: Period,
    day: dt.date,
    age: int,
    gone: bool,
    last_contact: dt.date | None,
    returned_home: bool,
    params: LeaverParams,
) -> tuple[bool, dt.date | None]:
    """Write one row; returns (died, latest contact) for the rows that follow."""
    child = period.child
    rng = child.rng
    in_care = period.start <= day < period.exit_day
    uasc = period.uasc
    if in_care:
        eligibility, touch = "ELIGIBLE", "YES"
    else:
        eligibility = "RELEVANT" if age < 18 else "FORMER_RELEVANT"
        chance = by_date(day, params.in_touch)
        if uasc:
            chance *= by_date(day, params.uasc_in_touch_factor)
        if returned_home and age >= 18 and rng.random() < 0.3:
            touch = "RHOM"
        elif rng.random() < min(chance, 0.99):
            touch = "YES"
        else:
            touch = _NOT.draw(rng)
            if touch == "NREQ" and age < 19:
                touch = "NO"
    if touch == "YES":
        last_contact = day - days(rng.randint(0, 45))
    elif last_contact is None and touch != "DIED":
        last_contact = day - days(rng.randint(90, 400))
    accom: str | None = None
    suitable: str | None = None
    activity = "0"
    if touch == "YES" and not in_care:
        accom = _ACCOM.draw(rng)
        bad = _UNSUITABLE.get(accom, params.other_unsuitable)
        suitable = "2" if rng.random() < bad else "1"
    elif touch in ("NO", "REFU") and not in_care:
        accom = "R"
        if uasc and rng.random() < 0.25:
            accom = "H" if rng.random() < 0.5 else "G"
    if touch == "YES":
        eet = by_date(day, params.uasc_eet if uasc else params.eet)
        activity = _activity(rng, rng.random() < eet, day)
    on_time = by_date(day, params.pathway_on_time) * (1.0 if touch == "YES" else 0.85)
    base = min(day, child.window.end)
    review = base - days(rng.randint(0, 170) if rng.random() < on_time else rng.randint(185, 420))
    team = period.team_on(day) if in_care else "T_CL18"
    worker = pick_worker(child, team, base) if touch != "DIED" else None
    adviser = worker if age >= 18 or team == "T_LAC16" else pick_worker(child, "T_LAC16", base)
    child.emit(
        "ssd_care_leavers",
        clea_table_id=child.new_id("ssd_care_leavers"),
        clea_person_id=child.person_id,
        clea_care_leaver_eligibility=eligibility,
        clea_care_leaver_in_touch=touch,
        clea_care_leaver_latest_contact=min(last_contact, base) if last_contact else None,
        clea_care_leaver_accommodation=accom,
        clea_care_leaver_accom_suitable=suitable,
        clea_care_leaver_activity=activity,
        clea_pathway_plan_review_date=max(review, period.start) if touch != "DIED" else None,
        clea_care_leaver_personal_advisor=adviser if touch != "DIED" else None,
        clea_care_leaver_allocated_team=team,
        clea_care_leaver_worker_id=worker,
    )
    return touch == "DIED", last_contact


def _activity(rng: random.Random, eet: bool, day: dt.date) -> str:
    """An activity code valid on ``day``: EET or NEET (F3/P3 split from 2022-23)."""
    if not eet:
        return _NEET.draw(rng)
    code = _EET.draw(rng)
    if code not in codelist("care_leaver_activity").codes_at(day):
        code = _SPLIT[code][0 if rng.random() < 0.3 else 1]
    return code
