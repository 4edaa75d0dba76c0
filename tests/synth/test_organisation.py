"""The organisation tables: hierarchy, population, staff, workforce and foster carers."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from kpibook.synth.context import Window
from kpibook.synth.geography import DISTRICTS, TEAMS
from kpibook.synth.organisation import month_ends, organisation_batch
from kpibook.synth.roster import Roster, build_roster
from kpibook.synth.run import window_for
from kpibook.synth.sink import Batch

WINDOW = window_for(dt.date(2015, 4, 1), dt.date(2016, 9, 30))


@pytest.fixture(scope="module")
def roster() -> Roster:
    return build_roster(3, WINDOW.sim_start, WINDOW.end, 1.0)


@pytest.fixture(scope="module")
def batch(roster: Roster) -> Batch:
    return organisation_batch(3, WINDOW, roster, 1.0)


def test_every_parent_is_a_unit_and_every_team_is_there(batch: Batch) -> None:
    units = {r["org_unit_id"]: r for r in batch.rows("local_org_units")}
    depts = {r["dept_team_id"]: r for r in batch.rows("ssd_department")}
    assert units.keys() == depts.keys()
    assert {t.team_id for t in TEAMS} <= units.keys()
    assert Counter(r["org_level"] for r in units.values())["council"] == 1
    for row in units.values():
        assert row["parent_id"] is None or row["parent_id"] in units
        assert (row["team_type"] is not None) == (row["org_level"] == "team")
    for row in depts.values():
        assert row["dept_team_parent_id"] is None or row["dept_team_parent_id"] in depts


def test_team_districts_follow_the_geography(batch: Batch) -> None:
    pairs = {(r["team_id"], r["district_id"]) for r in batch.rows("local_team_districts")}
    assert ("T_WEA", "D_TON") in pairs
    assert ("T_WEA", "D_TUN") in pairs
    assert ("T_THM", "D_THA") in pairs
    assert len(pairs) == sum(len(d.cswt_ids) for d in DISTRICTS)


def test_population_covers_every_year_district_and_age(batch: Batch) -> None:
    rows = list(batch.rows("local_population"))
    years = range(WINDOW.sim_start.year, WINDOW.end.year + 1)
    assert len(rows) == len(years) * len(DISTRICTS) * 18
    total_2016 = sum(int(str(r["population"])) for r in rows if r["population_year"] == 2016)
    assert total_2016 == pytest.approx(sum(d.children_2016 for d in DISTRICTS), rel=0.001)


def test_every_roster_worker_is_a_professional(batch: Batch, roster: Roster) -> None:
    ids = [r["prof_professional_id"] for r in batch.rows("ssd_professionals")]
    assert ids == [w.professional_id for w in roster.workers]
    for row in batch.rows("ssd_professionals"):
        agency = row["prof_agency_worker_flag"] == "Y"
        assert (row["prof_staff_id"] is None) == agency


def test_workforce_every_month_end_and_team_adds_up(batch: Batch) -> None:
    rows = list(batch.rows("local_workforce"))
    ends = month_ends(WINDOW.start, WINDOW.end)
    assert len(ends) == 18
    assert len(rows) == len(ends) * len(TEAMS)
    for r in rows:
        posts, perm, agency, vacant = (
            float(str(r[k])) for k in ("posts_fte", "permanent_qsw_fte", "agency_fte", "vacant_fte")
        )
        assert vacant >= 0
        assert perm + agency + vacant <= posts + 0.25  # rounding to 0.1 per measure
        assert float(str(r["caseholding_sw_fte"])) <= posts + 0.05


def test_foster_carers_are_approved_before_they_stop_and_supervised(batch: Batch) -> None:
    rows = list(batch.rows("local_foster_carers"))
    assert rows
    for r in rows:
        approved, stopped = r["approval_date"], r["deregistration_date"]
        assert isinstance(approved, dt.date) and approved <= WINDOW.end
        assert stopped is None or (isinstance(stopped, dt.date) and approved <= stopped)
        assert stopped is None or stopped >= WINDOW.start
        assert r["team_id"] in ("T_FOST_E", "T_FOST_W")


def test_same_seed_same_rows(roster: Roster, batch: Batch) -> None:
    again = organisation_batch(3, WINDOW, build_roster(3, WINDOW.sim_start, WINDOW.end, 1.0), 1.0)
    for table in batch.tables:
        assert list(again.rows(table)) == list(batch.rows(table)), table


def test_month_ends() -> None:
    assert month_ends(dt.date(2016, 1, 15), dt.date(2016, 3, 31)) == [
        dt.date(2016, 1, 31),
        dt.date(2016, 2, 29),
        dt.date(2016, 3, 31),
    ]
    assert month_ends(dt.date(2016, 1, 1), dt.date(2016, 1, 30)) == []


@pytest.mark.parametrize("scale", [0.05, 1.0])
def test_someone_is_always_in_post_and_staying(scale: float) -> None:
    import random

    small = build_roster(11, WINDOW.sim_start, WINDOW.end, scale)
    rng = random.Random(0)
    for team in TEAMS:
        day = WINDOW.sim_start
        while day < WINDOW.end:
            worker = small.pick(team.team_id, day, rng)
            assert worker.team_id == team.team_id
            assert worker.start <= day < worker.leave, (team.team_id, day)
            day += dt.timedelta(days=9)


def test_window_type() -> None:
    assert isinstance(WINDOW, Window)
