"""What the generator writes about an episode of need passes the DfE CIN census rules.

Rules 8565 and 8867 (errors): an episode closes on or after every assessment
start and authorisation, CIN plan start and end, enquiry start, conference and
CP plan end in it, and never while an assessment or plan is still open.
Queries 8569Q (a referral with no further action closes the day it is made),
8863Q (no assessment starts while another of the episode's is open) and 8585Q
(closure reason RC2, died, only with a date of death).

A district shard and the county's asylum-seeking children are simulated over a
short window. The same shards simulated with the generator's waiting switched
off (closing when the plan, care or childhood ends, whatever is open) break the
rules: so the fixtures exercise what is tested.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from kpibook.synth.context import ChildContext, Shard, Window
from kpibook.synth.geography import district
from kpibook.synth.journeys import referral, uasc
from kpibook.synth.journeys.care import CareExit
from kpibook.synth.journeys.frontdoor import simulate_district
from kpibook.synth.roster import Roster, build_roster

WINDOW = Window(sim_start=dt.date(2012, 4, 1), start=dt.date(2015, 4, 1), end=dt.date(2016, 9, 30))
OPEN = dt.date.max

WORK = (
    ("ssd_cin_assessments", "cina_referral_id", ("cina_assessment_start_date",),
     ("cina_assessment_auth_date",)),
    ("ssd_cin_plans", "cinp_referral_id", ("cinp_cin_plan_start_date",),
     ("cinp_cin_plan_end_date",)),
    ("ssd_s47_enquiry", "s47e_referral_id", ("s47e_s47_start_date",), ()),
    ("ssd_initial_cp_conference", "icpc_referral_id", ("icpc_icpc_date",), ()),
    ("ssd_cp_plans", "cppl_referral_id", ("cppl_cp_plan_start_date",), ("cppl_cp_plan_end_date",)),
)  # fmt: skip
"""Table, referral column, dates on or before the closure, end dates (empty: still open)."""


@pytest.fixture(scope="module")
def roster() -> Roster:
    return build_roster(3, WINDOW.sim_start, WINDOW.end, 1.0)


def _district(roster: Roster) -> Shard:
    shard = Shard(1, 3, WINDOW, district("D_THA"), 1.0, roster)
    simulate_district(shard)
    return shard


def _county(roster: Roster) -> Shard:
    shard = Shard(12, 3, WINDOW, None, 0.4, roster)
    uasc.simulate_uasc(shard)
    return shard


@pytest.fixture(scope="module")
def shards(roster: Roster) -> dict[str, Shard]:
    return {"district": _district(roster), "county": _county(roster)}


@pytest.fixture(scope="module")
def unwaiting(roster: Roster) -> dict[str, Shard]:
    """The same shards with episodes closing whatever work is open (as before the fix)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(referral, "work_ends", lambda child, ref: dt.date.min)
        mp.setattr(referral, "assessed_by", lambda child, ref: dt.date.min)
        mp.setattr(uasc, "work_ends", lambda child, ref: dt.date.min)
        return {"district": _district(roster), "county": _county(roster)}


def _day(value: object) -> dt.date:
    assert isinstance(value, dt.date)
    return value


def _work(shard: Shard) -> dict[str, list[tuple[str, dt.date]]]:
    """Every dated piece of work per referral: (what, day), OPEN for a missing end date."""
    out: dict[str, list[tuple[str, dt.date]]] = defaultdict(list)
    for table, ref, dated, ending in WORK:
        for row in shard.batch.rows(table):
            key = str(row[ref])
            for column in dated:
                out[key].append((column, _day(row[column])))
            for column in ending:
                value = row[column]
                out[key].append((column, OPEN if value is None else _day(value)))
    return out


def breaches(shard: Shard) -> dict[str, list[str]]:
    """The rows that break each rule, by rule."""
    found: dict[str, list[str]] = defaultdict(list)
    work = _work(shard)
    deaths = {r["pers_person_id"]: r["pers_death_date"] for r in shard.batch.rows("ssd_person")}
    for ep in shard.batch.rows("ssd_cin_episodes"):
        ref = str(ep["cine_referral_id"])
        closed = ep["cine_close_date"]
        if closed is None:
            continue
        for what, day in work[ref]:
            if day == OPEN:
                found["8867 closed with work open"].append(f"{ref} {what}")
            elif day > _day(closed):
                found["8565 work after closure"].append(f"{ref} {what} {day} > {closed}")
        if ep["cine_referral_nfa"] == "Y" and closed != ep["cine_referral_date"]:
            found["8569Q no further action closed later"].append(ref)
        if ep["cine_close_reason"] == "RC2" and deaths[ep["cine_person_id"]] is None:
            found["8585Q died with no date of death"].append(ref)
    assessments: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for row in shard.batch.rows("ssd_cin_assessments"):
        auth = row["cina_assessment_auth_date"]
        assessments[str(row["cina_referral_id"])].append(
            (_day(row["cina_assessment_start_date"]), OPEN if auth is None else _day(auth))
        )
    for ref, spans in assessments.items():
        spans.sort()
        authorised = dt.date.min
        for start, auth in spans:
            if start <= authorised:
                found["8863Q assessment while another is open"].append(ref)
            authorised = max(authorised, auth)
    return dict(found)


@pytest.mark.parametrize("which", ["district", "county"])
def test_episodes_pass_the_census_rules(shards: dict[str, Shard], which: str) -> None:
    episodes = list(shards[which].batch.rows("ssd_cin_episodes"))
    assert len(episodes) > 100
    assert breaches(shards[which]) == {}


def test_without_waiting_for_the_work_the_rules_break(unwaiting: dict[str, Shard]) -> None:
    district_breaches = breaches(unwaiting["district"])
    county_breaches = breaches(unwaiting["county"])
    assert district_breaches.get("8565 work after closure")
    assert district_breaches.get("8863Q assessment while another is open")
    assert county_breaches.get("8565 work after closure")


def test_referrals_with_no_further_action_close_the_day_they_are_made(
    shards: dict[str, Shard],
) -> None:
    nfa = [
        e
        for e in shards["district"].batch.rows("ssd_cin_episodes")
        if e["cine_referral_nfa"] == "Y"
    ]
    assert len(nfa) > 20
    assert all(e["cine_close_date"] == e["cine_referral_date"] for e in nfa)
    assert all(e["cine_close_reason"] == "RC7" for e in nfa)


def test_children_who_die_in_care_have_a_date_of_death(roster: Roster) -> None:
    """Deaths are rare (none in the shards above): every period of care ends in death here."""

    def dies(child: ChildContext, day: dt.date, referral_id: str, **_: object) -> CareExit:
        child.hold_case("T_THM", day, day + dt.timedelta(days=20), referral_id)
        return CareExit(day + dt.timedelta(days=20), "E2")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(referral, "enter_care", dies)
        shard = _district(roster)
    deaths = {r["pers_person_id"]: r["pers_death_date"] for r in shard.batch.rows("ssd_person")}
    died = [e for e in shard.batch.rows("ssd_cin_episodes") if e["cine_close_reason"] == "RC2"]
    assert len(died) > 5
    for ep in died:
        assert _day(deaths[ep["cine_person_id"]]) <= _day(ep["cine_close_date"])
    assert sum(d is not None for d in deaths.values()) == len(died)
    assert breaches(shard) == {}


def test_the_case_is_held_until_the_episode_closes(shards: dict[str, Shard]) -> None:
    """The referral's holding segments reach from the referral to the closure, with no gap,
    also when the closure waits for an assessment after care ended."""
    waited = 0
    for shard in shards.values():
        held: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        for r in shard.batch.rows("ssd_involvements"):
            if r["invo_referral_id"] is not None:
                end = r["invo_involvement_end_date"]
                held[str(r["invo_referral_id"])].append(
                    (_day(r["invo_involvement_start_date"]), OPEN if end is None else _day(end))
                )
        care_ends: dict[object, list[dt.date]] = defaultdict(list)
        for r in shard.batch.rows("ssd_cla_episodes"):
            if r["clae_cla_episode_ceased_date"] is not None:
                care_ends[r["clae_referral_id"]].append(_day(r["clae_cla_episode_ceased_date"]))
        for ep in shard.batch.rows("ssd_cin_episodes"):
            ref = str(ep["cine_referral_id"])
            opened = _day(ep["cine_referral_date"])
            closed = ep["cine_close_date"]
            until = WINDOW.end if closed is None else _day(closed)
            if until == opened:
                continue
            segments = sorted(held[ref])
            assert segments and segments[0][0] == opened, ref
            reach = segments[0][1]
            for start, end in segments[1:]:
                assert start <= reach, ref
                reach = max(reach, end)
            assert reach >= until, ref
            if closed is not None and care_ends[ep["cine_referral_id"]]:
                waited += max(care_ends[ep["cine_referral_id"]]) < until
    assert waited > 0
