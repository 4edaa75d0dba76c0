"""Care leavers: eligibility, keeping in touch, accommodation, activity and pathway plans.

Under the Children (Leaving Care) Act 2000 a young person looked after for at
least 13 weeks after their 14th birthday, including some time after their
16th, is an *eligible* child while still in care at 16-17, a *relevant* child
if they leave care at 16-17, and a *former relevant* young person from 18 to
21. While in care their pathway plan is made and reviewed with the care plan
at their looked-after reviews; after care a personal adviser keeps in touch
(Kent's practice standard: at least every eight weeks), reviews the pathway
plan at least every six months (Care Leavers (England) Regulations 2010,
reg. 7) and records their accommodation (and whether it is suitable) and main
activity; the 903 care leaver return looks at each birthday from the 17th to
the 21st.

``ssd_care_leavers`` keeps the history: one row per looked-after review from
the time the child becomes eligible (and on the 17th birthday in care), then
one per contact or attempted contact after care and on each birthday to the
21st, each with the position as at that day (the date is in
``clea_care_leaver_latest_contact``). A young person's position at any date
is their latest row on or before it.

Calibrated to Kent, year to August 2016 (around each care leaver's 17th to
21st birthday): 67.1% in touch (75.3% excluding former asylum-seeking
children; 88.4% by January 2018 after closed cases were re-opened), 92.2% of
those in touch in suitable accommodation, 58.1% in education, employment or
training (51.2% excluding former asylum-seeking children); 91.2% of care
leavers in touch at the end of August 2016 with a pathway plan reviewed in the
last six months.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from kpibook.model import codelist
from kpibook.synth.context import ChildContext
from kpibook.synth.journeys.care_common import (
    Period,
    Weighted,
    by_date,
    days,
    gamma_days,
    pick_worker,
)
from kpibook.synth.roster import Worker

NOT_LEAVERS = frozenset(
    ("E11", "E12", "E2", "E3", "E41", "E45", "E46", "E47", "E48", "E15", "E16", "E7")
)
"""Ways of leaving care after which a young person is not a care leaver."""

LEAVER_TEAM = "T_CL18"
"""The care leaver service (personal advisers)."""
SIXTEEN_PLUS_TEAM = "T_LAC16"
"""The 16+ service, whose personal advisers work with eligible children in care."""


@dataclass(frozen=True, slots=True)
class LeaverParams:
    """Keeping in touch and outcomes of care leavers (defaults are calibrated)."""

    contact_mean_days: float = 56.0
    """Mean days between a personal adviser's contacts (or attempts) after care."""
    contact_shape: float = 4.0
    """Gamma shape of those intervals (fairly regular)."""
    at_leaving: float = 0.96
    """Chance the adviser is in touch at the first contact after the young person leaves care."""
    in_touch: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2015, 8, 1), 0.64), (dt.date(2016, 8, 1), 0.74), (dt.date(2017, 4, 1), 0.90),
        (dt.date(2017, 10, 1), 0.96),
    )  # fmt: skip
    """Long-run chance the service is in touch (re-opening exercise of 2016-17)."""
    uasc_in_touch_factor: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2016, 8, 1), 0.77), (dt.date(2017, 10, 1), 0.92),
    )  # fmt: skip
    """Multiplier of both chances for former asylum-seeking children (some go missing or are
    removed from the country at 18)."""
    resettle: float = 0.25
    """Chance, at each contact, that whether the service is in touch is settled afresh
    (otherwise it stays as it was: young people stay in or out of touch for months)."""
    not_in_touch: tuple[tuple[str, float], ...] = (("NO", 0.63), ("REFU", 0.20), ("NREQ", 0.17))
    """Why the service is not in touch (NREQ only from 19)."""
    abroad: float = 0.25
    """Chance a former asylum-seeking young person out of touch is known to have been removed
    from the country or gone abroad (half each); otherwise their residence is not known."""
    returned_home: float = 0.3
    """Chance a young person who went home before 18 and is out of touch is recorded RHOM."""
    deaths_per_year: float = 0.002
    """Deaths of care leavers a year."""
    accommodation: tuple[tuple[str, float], ...] = (
        ("D", 0.22), ("U", 0.22), ("E", 0.10), ("B", 0.13), ("Z", 0.08), ("T", 0.03),
        ("C", 0.02), ("K", 0.04), ("Y", 0.04), ("W", 0.02), ("X", 0.02), ("S", 0.01),
        ("V", 0.02),
    )  # fmt: skip
    """Accommodation of care leavers in touch (903 ACCOM letters)."""
    moves: float = 0.12
    """Chance a care leaver in touch has moved since the last contact."""
    unsuitable: tuple[tuple[str, float], ...] = (
        ("W", 0.85), ("X", 1.0), ("S", 1.0), ("V", 0.75), ("B", 0.05), ("K", 0.10),
    )  # fmt: skip
    """Chance an accommodation type is judged unsuitable (others: ``other_unsuitable``)."""
    other_unsuitable: float = 0.005
    eet: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2015, 8, 1), 0.48),
        (dt.date(2017, 12, 1), 0.46),
    )
    """Chance a citizen care leaver in touch is in education, employment or training."""
    uasc_eet: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2015, 8, 1), 0.66),
        (dt.date(2017, 12, 1), 0.76),
    )
    """Chance a former asylum-seeking care leaver in touch is in EET (mostly college)."""
    activity_changes: float = 0.15
    """Chance a young person's main activity has changed since the last contact."""
    eet_codes: tuple[tuple[str, float], ...] = (
        ("F2", 0.40), ("F1", 0.10), ("F3", 0.25), ("P2", 0.08), ("P3", 0.14), ("P1", 0.03),
    )  # fmt: skip
    """EET activity codes (F3/P3 split into F4/F5 and P4/P5 from 2022-23)."""
    neet_codes: tuple[tuple[str, float], ...] = (("G5", 0.72), ("G4", 0.12), ("G6", 0.16))
    review_lead_days: int = 45
    """An adviser reviews the pathway plan at the first contact this close to its due date
    (six months after the last review)."""
    review_missed: tuple[tuple[dt.date, float], ...] = (
        (dt.date(2016, 8, 1), 0.22), (dt.date(2017, 12, 1), 0.16),
    )  # fmt: skip
    """Chance a due review is not done at a contact (left to the next one)."""


PARAMS = LeaverParams()
_NOT = Weighted(PARAMS.not_in_touch)
_ACCOM = Weighted(PARAMS.accommodation)
_UNSUITABLE = dict(PARAMS.unsuitable)
_EET = Weighted(PARAMS.eet_codes)
_NEET = Weighted(PARAMS.neet_codes)
_ACTIVITY = codelist("care_leaver_activity")
_SPLIT = {"F3": ("F4", "F5"), "P3": ("P4", "P5")}
_WENT_HOME = frozenset(("E4A", "E4B", "E13"))
_UNKNOWN = frozenset(("R", "G", "H"))
"""Accommodation recorded for young people out of touch: not known, gone abroad, deported."""
_PLAN_DAYS = 182
"""A pathway plan is due for review six months after the last."""


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


@dataclass(slots=True)
class _Position:
    """A young person's position as last recorded (carried from row to row)."""

    touch: str = "YES"
    accommodation: str | None = None
    suitable: str | None = None
    activity: str = "0"
    review: dt.date | None = None
    """Latest pathway plan start or review."""
    adviser: Worker | None = None
    """Personal adviser from the roster, when no involvement names one."""


def simulate_care_leaver(period: Period, params: LeaverParams = PARAMS) -> None:
    """Write the care leaver history: rows while eligible in care, then contacts to 21."""
    if not is_care_leaver(period):
        return
    child = period.child
    eligible = max(period.start, child.birthday(14)) + days(91)
    eligible = max(eligible, child.birthday(16))
    pos = _Position()
    _eligible_rows(period, eligible, pos, params)
    if period.exit_day <= child.window.end:
        _after_care(period, pos, params)


def _eligible_rows(period: Period, eligible: dt.date, pos: _Position, params: LeaverParams) -> None:
    """Rows while an eligible child is in care: at each looked-after review and the 17th birthday.

    The pathway plan is made at the first review after the child becomes
    eligible and reviewed with the care plan at each review after it.
    """
    child = period.child
    end = min(period.exit_day - days(1), child.window.end)
    marks = {r for r in period.reviews if eligible <= r <= end}
    seventeen = child.birthday(17)
    if eligible <= seventeen <= end:
        marks.add(seventeen)
    reviews = set(period.reviews)
    for day in sorted(marks):
        if day in reviews:
            pos.review = day
        if pos.activity == "0" or child.rng.random() < params.activity_changes:
            pos.activity = _draw_activity(child.rng, period.uasc, day, params)
        team = period.team_on(day)
        worker = pick_worker(child, team, day)
        if team == SIXTEEN_PLUS_TEAM:
            adviser = worker
        else:
            if pos.adviser is None:
                pos.adviser = child.shard.roster.pick(SIXTEEN_PLUS_TEAM, day, child.rng)
            adviser = pos.adviser.professional_id
        _emit(period, day, "ELIGIBLE", pos, team, worker, adviser)
    pos.adviser = None
    last = max((r for r in period.reviews if r >= eligible), default=None)
    pos.review = last if last is not None else min(period.exit_day, child.window.end)


def _after_care(period: Period, pos: _Position, params: LeaverParams) -> None:
    """Contacts (or attempts) from leaving care to the 21st birthday, and the birthday rows.

    Whether the adviser is in touch carries on from contact to contact and
    is settled afresh now and then (it drifts towards the share of the time);
    the accommodation and activity of a young person in touch change now and
    then; the pathway plan is reviewed at a contact once it is nearly due.
    """
    child = period.child
    rng = child.rng
    exit_day = period.exit_day
    stop = min(child.birthday(21), child.window.end)
    birthdays = [b for b in (child.birthday(a) for a in range(17, 22)) if b >= exit_day]
    eighteen = child.birthday(18)
    went_home = period.exit_reason in _WENT_HOME and exit_day < eighteen
    staying_put = period.exit_reason == "E17"
    advisers = _pa_segments(period)
    day = exit_day if exit_day in birthdays else exit_day + days(_gap(rng, params))
    previous = exit_day
    first = True
    while day <= stop:
        gap = (day - previous).days
        if rng.random() < params.deaths_per_year * gap / 365.25:
            pos.touch = "DIED"
        elif first or rng.random() < params.resettle:
            chance = params.at_leaving if first else by_date(day, params.in_touch)
            pos.touch = _draw_touch(period, day, chance, went_home and day >= eighteen, params)
        first = False
        if pos.touch == "YES":
            _in_touch(period, day, pos, staying_put, params)
        elif pos.touch != "DIED" and pos.accommodation not in _UNKNOWN:
            pos.accommodation, pos.suitable, pos.activity = "R", None, "0"
            if period.uasc and rng.random() < params.abroad:
                pos.accommodation = "H" if rng.random() < 0.5 else "G"
        worker = _adviser(period, advisers, day, pos) if pos.touch != "DIED" else None
        eligibility = "RELEVANT" if day < eighteen else "FORMER_RELEVANT"
        _emit(period, day, eligibility, pos, LEAVER_TEAM, worker, worker)
        if pos.touch == "DIED":
            return
        previous = day
        day = day + days(_gap(rng, params))
        upcoming = next((b for b in birthdays if b > previous), None)
        if upcoming is not None and upcoming < day:
            day = upcoming


def _gap(rng: random.Random, params: LeaverParams) -> int:
    """Days to the adviser's next contact."""
    return gamma_days(rng, params.contact_mean_days, params.contact_shape, 7)


def _draw_touch(
    period: Period, day: dt.date, chance: float, home18: bool, params: LeaverParams
) -> str:
    """Whether the service is in touch on ``day`` (903 in-touch code), settled afresh."""
    rng = period.child.rng
    if period.uasc:
        chance *= by_date(day, params.uasc_in_touch_factor)
    if rng.random() < min(chance, 0.99):
        return "YES"
    if home18 and rng.random() < params.returned_home:
        return "RHOM"
    touch = _NOT.draw(rng)
    if touch == "NREQ" and period.child.age_on(day) < 19:
        touch = "NO"
    return touch


def _in_touch(
    period: Period, day: dt.date, pos: _Position, staying_put: bool, params: LeaverParams
) -> None:
    """Update the position of a young person in touch at a contact on ``day``."""
    rng = period.child.rng
    if pos.accommodation is None and staying_put:
        pos.accommodation, pos.suitable = "Z", "1"
    elif pos.accommodation is None or pos.accommodation in _UNKNOWN or rng.random() < params.moves:
        accom = _ACCOM.draw(rng)
        bad = _UNSUITABLE.get(accom, params.other_unsuitable)
        pos.accommodation, pos.suitable = accom, "2" if rng.random() < bad else "1"
    if pos.activity == "0" or rng.random() < params.activity_changes:
        pos.activity = _draw_activity(rng, period.uasc, day, params)
    due = pos.review + days(_PLAN_DAYS) if pos.review is not None else day
    if (due - day).days <= params.review_lead_days and rng.random() >= by_date(
        day, params.review_missed
    ):
        pos.review = day


def _pa_segments(period: Period) -> list[tuple[dt.date, dt.date | None, str]]:
    """The care leaver service's allocations of this young person (from the involvements)."""
    out: list[tuple[dt.date, dt.date | None, str]] = []
    for row in period.child.batch.rows("ssd_involvements"):
        if row["invo_professional_team"] == LEAVER_TEAM:
            start, end = row["invo_involvement_start_date"], row["invo_involvement_end_date"]
            assert isinstance(start, dt.date)
            out.append(
                (start, end if isinstance(end, dt.date) else None, str(row["invo_professional_id"]))
            )
    return out


def _adviser(
    period: Period,
    segments: list[tuple[dt.date, dt.date | None, str]],
    day: dt.date,
    pos: _Position,
) -> str:
    """The personal adviser on ``day``: the allocated one, else one kept until they leave."""
    found: str | None = None
    for start, end, worker in segments:
        if start <= day and (end is None or day <= end):
            found = worker
    if found is not None:
        return found
    if pos.adviser is None or pos.adviser.leave <= day:
        pos.adviser = period.child.shard.roster.pick(LEAVER_TEAM, day, period.child.rng)
    return pos.adviser.professional_id


def _emit(
    period: Period,
    day: dt.date,
    eligibility: str,
    pos: _Position,
    team: str,
    worker: str | None,
    adviser: str | None,
) -> None:
    """Write one row: the young person's position as at ``day``."""
    child = period.child
    dead = pos.touch == "DIED"
    in_care = eligibility == "ELIGIBLE"
    activity = pos.activity if pos.touch == "YES" else "0"
    if activity not in _ACTIVITY.codes_at(day):
        activity = _SPLIT[activity][1]
    child.emit(
        "ssd_care_leavers",
        clea_table_id=child.new_id("ssd_care_leavers"),
        clea_person_id=child.person_id,
        clea_care_leaver_eligibility=eligibility,
        clea_care_leaver_in_touch=pos.touch,
        clea_care_leaver_latest_contact=day,
        clea_care_leaver_accommodation=None if in_care or dead else _accommodation(pos, child, day),
        clea_care_leaver_accom_suitable=None if in_care or dead else pos.suitable,
        clea_care_leaver_activity=activity,
        clea_pathway_plan_review_date=None if dead else pos.review,
        clea_care_leaver_personal_advisor=None if dead else adviser,
        clea_care_leaver_allocated_team=team,
        clea_care_leaver_worker_id=worker,
    )


def _draw_activity(rng: random.Random, uasc: bool, day: dt.date, params: LeaverParams) -> str:
    """A main activity valid on ``day``: EET (F/P codes) or NEET (G codes)."""
    if rng.random() >= by_date(day, params.uasc_eet if uasc else params.eet):
        return _NEET.draw(rng)
    code = _EET.draw(rng)
    if code not in _ACTIVITY.codes_at(day):
        code = _SPLIT[code][0 if rng.random() < 0.3 else 1]
    return code


def _accommodation(pos: _Position, child: ChildContext, day: dt.date) -> str | None:
    """The accommodation type recorded on ``day``.

    Staying put (Z, with former foster carers) begins at 18: a younger care
    leaver living with them is in supported lodgings (E; DfE rule 3001).
    """
    if pos.accommodation == "Z" and child.age_on(day) < 18:
        return "E"
    return pos.accommodation
