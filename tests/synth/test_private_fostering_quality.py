"""Private fostering arrangements and quality assurance (audits and gradings)."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest

from kpibook.synth.context import Shard
from kpibook.synth.geography import district
from kpibook.synth.journeys.private_fostering import simulate_private_fostering
from kpibook.synth.journeys.quality import audit_cases, grade_document
from kpibook.synth.roster import Roster, build_roster
from kpibook.synth.run import window_for

WINDOW = window_for(dt.date(2014, 4, 1), dt.date(2016, 9, 30))


@pytest.fixture(scope="module")
def roster() -> Roster:
    return build_roster(5, WINDOW.sim_start, WINDOW.end, 1.0)


@pytest.fixture(scope="module")
def thanet(roster: Roster) -> Shard:
    shard = Shard(0, 5, WINDOW, district("D_THA"), 1.0, roster)
    simulate_private_fostering(shard)
    return shard


def test_arrangements_are_held_by_the_district_team(thanet: Shard) -> None:
    rows = list(thanet.batch.rows("local_private_fostering"))
    assert rows
    for r in rows:
        assert r["pf_team_id"] in ("T_THM", "T_THR")
        assert r["pf_worker_id"] is not None
        end = r["pf_end_date"]
        assert end is None or (isinstance(end, dt.date) and end >= WINDOW.start)
    persons = {r["pers_person_id"]: r for r in thanet.batch.rows("ssd_person")}
    assert {r["pf_person_id"] for r in rows} <= persons.keys()
    involved = {r["invo_person_id"] for r in thanet.batch.rows("ssd_involvements")}
    assert {r["pf_person_id"] for r in rows} <= involved


def test_children_are_under_16_and_live_in_the_district(thanet: Shard) -> None:
    persons = {r["pers_person_id"]: r for r in thanet.batch.rows("ssd_person")}
    for r in thanet.batch.rows("local_private_fostering"):
        dob = persons[r["pf_person_id"]]["pers_dob"]
        start = r["pf_start_date"]
        assert isinstance(dob, dt.date) and isinstance(start, dt.date)
        sixteenth = dob.replace(
            year=dob.year + 16, day=28 if (dob.month, dob.day) == (2, 29) else dob.day
        )
        assert dob < start < sixteenth
    postcodes = [r["addr_address_postcode"] for r in thanet.batch.rows("ssd_address")]
    assert postcodes and all(str(p).startswith("CT") for p in postcodes)


def _day(value: object) -> dt.date:
    assert isinstance(value, dt.date)
    return value


def test_visits_follow_the_regulations(thanet: Shard) -> None:
    arrangements = {r["pf_id"]: r for r in thanet.batch.rows("local_private_fostering")}
    visits: dict[object, list[dict[str, object]]] = {}
    for v in thanet.batch.rows("local_private_fostering_visits"):
        visits.setdefault(v["pfv_pf_id"], []).append(v)
    assert visits.keys() <= arrangements.keys()
    for pf_id, rows in visits.items():
        pf = arrangements[pf_id]
        begin = max(_day(pf["pf_start_date"]), _day(pf["pf_notification_date"]))
        assert _day(rows[0]["pfv_due_date"]) == begin + dt.timedelta(days=7)
        for before, after in pairwise(rows):
            gap = _day(after["pfv_due_date"]) - _day(before["pfv_visit_date"])
            assert gap in (dt.timedelta(days=42), dt.timedelta(days=84))
        for v in rows:
            assert _day(v["pfv_due_date"]) <= WINDOW.end


def test_audits_fall_within_the_segment_and_are_graded_once_completed(roster: Roster) -> None:
    shard = Shard(1, 5, WINDOW, district("D_DAR"), 1.0, roster)
    child = shard.child(dt.date(2008, 5, 1), "F", "D_DAR")
    start, end = dt.date(2012, 1, 1), dt.date(2015, 1, 1)
    for _ in range(100):
        audit_cases(child, "T_DAR", start, end)
        audit_cases(child, "T_DAR", dt.date(2016, 1, 1), None)
    rows = list(child.batch.rows("local_case_audits"))
    assert 10 < len(rows) < 60  # about 0.076 per case-year x 375 case-years: 28
    for r in rows:
        due = r["audit_scheduled_date"]
        assert isinstance(due, dt.date)
        assert start <= due <= end or dt.date(2016, 1, 1) <= due <= WINDOW.end
        done = r["audit_completed_date"]
        assert (done is None) == (r["audit_grade"] is None)
        if isinstance(done, dt.date):
            assert due <= done <= WINDOW.end and (done.year, done.month) == (due.year, due.month)


def test_gradings(roster: Roster) -> None:
    shard = Shard(2, 5, WINDOW, district("D_DAR"), 1.0, roster)
    child = shard.child(dt.date(2008, 5, 1), "M", "D_DAR")
    grade_document(child, "cic_care_plan", dt.date(2016, 1, 4), "T_CIC_N")
    grade_document(child, "cp_social_work_report", WINDOW.end + dt.timedelta(days=1), "T_DAR")
    rows = list(child.batch.rows("local_quality_gradings"))
    assert len(rows) == 1
    assert rows[0]["grading_grade"] in ("outstanding", "good", "requires_improvement", "inadequate")
    with pytest.raises(ValueError, match="unknown"):
        grade_document(child, "minutes", dt.date(2016, 1, 4), "T_DAR")
