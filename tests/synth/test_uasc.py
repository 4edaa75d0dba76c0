"""Unaccompanied asylum-seeking children: arrival, referral, care and status."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from kpibook.synth.context import Shard
from kpibook.synth.journeys.uasc import simulate_uasc
from kpibook.synth.roster import Roster, build_roster
from kpibook.synth.run import window_for

WINDOW = window_for(dt.date(2015, 4, 1), dt.date(2016, 8, 31))


@pytest.fixture(scope="module")
def roster() -> Roster:
    return build_roster(4, WINDOW.sim_start, WINDOW.end, 1.0)


def _shard(roster: Roster) -> Shard:
    shard = Shard(12, 4, WINDOW, None, 0.15, roster)
    simulate_uasc(shard)
    return shard


@pytest.fixture(scope="module")
def county(roster: Roster) -> Shard:
    return _shard(roster)


def _d(value: object) -> dt.date:
    assert isinstance(value, dt.date)
    return value


def _by_person(shard: Shard, table: str, key: str) -> dict[object, list[dict[str, object]]]:
    out: dict[object, list[dict[str, object]]] = defaultdict(list)
    for row in shard.batch.rows(table):
        out[row[key]].append(row)
    return out


def test_every_child_is_referred_to_the_suasc_service_and_comes_into_care(county: Shard) -> None:
    persons = {r["pers_person_id"]: r for r in county.batch.rows("ssd_person")}
    assert len(persons) > 20
    referrals = _by_person(county, "ssd_cin_episodes", "cine_person_id")
    contacts = _by_person(county, "ssd_contacts", "cont_person_id")
    episodes = _by_person(county, "ssd_cla_episodes", "clae_person_id")
    for pid, person in persons.items():
        (ref,) = referrals[pid]
        assert ref["cine_referral_team"] == "T_UASC"
        arrival = _d(ref["cine_referral_date"])
        assert [c["cont_contact_date"] for c in contacts[pid]] == [arrival]
        assert min(_d(e["clae_cla_episode_start_date"]) for e in episodes[pid]) == arrival
        first = min(episodes[pid], key=lambda e: _d(e["clae_cla_episode_start_date"]))
        assert first["clae_cla_episode_start_reason"] == "S"
        assert person["pers_nationality"] not in (None, "British")
        dob = _d(person["pers_dob"])
        assert _eighteenth_birthday(dob) > arrival


def _eighteenth_birthday(dob: dt.date) -> dt.date:
    """The 18th birthday; children born on 29 February turn 18 on 1 March."""
    try:
        return dob.replace(year=dob.year + 18)
    except ValueError:
        return dt.date(dob.year + 18, 3, 1)


def test_uasc_status_runs_from_arrival_to_18_at_most(county: Shard) -> None:
    persons = {r["pers_person_id"]: r for r in county.batch.rows("ssd_person")}
    statuses = _by_person(county, "ssd_immigration_status", "immi_person_id")
    referrals = _by_person(county, "ssd_cin_episodes", "cine_person_id")
    for pid, person in persons.items():
        uasc = [s for s in statuses[pid] if s["immi_immigration_status"] == "UASC"]
        assert len(uasc) == 1
        assert (
            uasc[0]["immi_immigration_status_start_date"] == referrals[pid][0]["cine_referral_date"]
        )
        end = uasc[0]["immi_immigration_status_end_date"]
        dob = _d(person["pers_dob"])
        eighteen = dob.replace(year=dob.year + 18) if (dob.month, dob.day) != (2, 29) else None
        if end is not None and eighteen is not None:
            assert _d(end) <= eighteen


def test_mostly_older_boys(county: Shard) -> None:
    persons = list(county.batch.rows("ssd_person"))
    boys = sum(1 for p in persons if p["pers_sex"] == "M")
    assert boys / len(persons) > 0.75


def test_same_seed_gives_the_same_children(roster: Roster, county: Shard) -> None:
    again = _shard(roster)
    for table in ("ssd_person", "ssd_cla_episodes", "ssd_cla_placement", "ssd_involvements"):
        assert list(again.batch.rows(table)) == list(county.batch.rows(table))
