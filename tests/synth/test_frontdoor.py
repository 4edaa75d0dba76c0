"""The district front door: contacts, referrals, assessments, CIN and child protection.

One district shard is simulated over a short window; the tests check the
structural invariants of what it writes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise
from typing import Any

import pytest

from kpibook.model import codelist
from kpibook.model.workdays import add_months, working_days_between
from kpibook.synth.context import Shard, Window
from kpibook.synth.geography import district
from kpibook.synth.journeys.casework import uniform_int
from kpibook.synth.journeys.frontdoor import simulate_district
from kpibook.synth.journeys.people import dob_for_age, upn
from kpibook.synth.roster import Roster, build_roster
from kpibook.synth.sink import COLUMNS

WINDOW = Window(sim_start=dt.date(2012, 4, 1), start=dt.date(2015, 4, 1), end=dt.date(2016, 9, 30))
FAR = dt.date(2999, 1, 1)


@pytest.fixture(scope="module")
def roster() -> Roster:
    return build_roster(3, WINDOW.sim_start, WINDOW.end, 1.0)


@pytest.fixture(scope="module")
def shard(roster: Roster) -> Shard:
    shard = Shard(1, 3, WINDOW, district("D_THA"), 0.5, roster)
    simulate_district(shard)
    return shard


def _rows(shard: Shard, table: str) -> list[dict[str, object]]:
    return list(shard.batch.rows(table))


def _day(value: object) -> dt.date:
    assert isinstance(value, dt.date)
    return value


def _end(value: object) -> dt.date:
    return FAR if value is None else _day(value)


def test_every_table_of_the_front_door_is_written(shard: Shard) -> None:
    for table in (
        "ssd_person", "ssd_address", "ssd_contacts", "ssd_early_help_episodes",
        "ssd_cin_episodes", "ssd_cin_assessments", "ssd_assessment_factors", "ssd_cin_plans",
        "ssd_cin_visits", "ssd_s47_enquiry", "ssd_initial_cp_conference", "ssd_cp_plans",
        "ssd_cp_visits", "ssd_cp_reviews", "ssd_involvements",
    ):  # fmt: skip
        assert shard.batch.count(table) > 0, table


def test_nothing_after_the_window_or_before_birth(shard: Shard) -> None:
    dob = {r["pers_person_id"]: _day(r["pers_dob"]) for r in _rows(shard, "ssd_person")}
    for r in _rows(shard, "ssd_contacts"):
        assert dob[str(r["cont_person_id"])] <= _day(r["cont_contact_date"]) <= WINDOW.end
    for r in _rows(shard, "ssd_cin_episodes"):
        assert dob[str(r["cine_person_id"])] <= _day(r["cine_referral_date"]) <= WINDOW.end
        assert _end(r["cine_close_date"]) >= _day(r["cine_referral_date"])


def test_codes_come_from_the_code_lists(shard: Shard) -> None:
    sources = codelist("referral_source").all_codes
    for r in _rows(shard, "ssd_cin_episodes"):
        assert r["cine_referral_source_code"] in sources
        assert r["cine_cin_primary_need_code"] in codelist("primary_need").all_codes
        reason = r["cine_close_reason"]
        assert (reason is None) == (r["cine_close_date"] is None)
        assert reason is None or reason in codelist("cin_closure_reason").all_codes
    for r in _rows(shard, "ssd_cp_plans"):
        assert r["cppl_cp_plan_initial_category"] in codelist("abuse_category").all_codes
    for r in _rows(shard, "ssd_contacts"):
        assert r["cont_contact_source_code"] in sources
        body = json.loads(str(r["cont_contact_outcome_json"]))
        assert {"NEW_REFERRAL_FLAG", "NFA_FLAG", "NUMBER_OF_OUTCOMES", "COMMENTS"} <= body.keys()


def test_assessments_are_authorised_after_they_start(shard: Shard) -> None:
    rows = _rows(shard, "ssd_cin_assessments")
    done = [r for r in rows if r["cina_assessment_auth_date"] is not None]
    assert done
    for r in done:
        start, auth = _day(r["cina_assessment_start_date"]), _day(r["cina_assessment_auth_date"])
        assert auth >= start
        assert r["cina_assessment_child_seen"] in ("Y", "N")
    factors = {r["cinf_assessment_id"] for r in _rows(shard, "ssd_assessment_factors")}
    assert factors == {r["cina_assessment_id"] for r in done}
    in_time = sum(
        working_days_between(
            _day(r["cina_assessment_start_date"]), _day(r["cina_assessment_auth_date"])
        )
        <= 45
        for r in done
    )
    assert 0.8 < in_time / len(done) < 0.97


def test_work_sits_inside_its_referral(shard: Shard) -> None:
    referrals = {
        r["cine_referral_id"]: (_day(r["cine_referral_date"]), _end(r["cine_close_date"]))
        for r in _rows(shard, "ssd_cin_episodes")
    }
    for table, ref, start, end in (
        ("ssd_cin_plans", "cinp_referral_id", "cinp_cin_plan_start_date", "cinp_cin_plan_end_date"),
        ("ssd_cp_plans", "cppl_referral_id", "cppl_cp_plan_start_date", "cppl_cp_plan_end_date"),
        ("ssd_s47_enquiry", "s47e_referral_id", "s47e_s47_start_date", "s47e_s47_end_date"),
    ):
        for r in _rows(shard, table):
            opened, closed = referrals[str(r[ref])]
            assert opened <= _day(r[start]) <= _end(r[end]), table
            if table != "ssd_s47_enquiry":
                assert _end(r[end]) <= closed, table


def test_cp_visits_and_reviews_fall_within_the_plan(shard: Shard) -> None:
    plans = {
        r["cppl_cp_plan_id"]: (_day(r["cppl_cp_plan_start_date"]), _end(r["cppl_cp_plan_end_date"]))
        for r in _rows(shard, "ssd_cp_plans")
    }
    for r in _rows(shard, "ssd_cp_visits"):
        start, end = plans[str(r["cppv_cp_plan_id"])]
        assert start < _day(r["cppv_cp_visit_date"]) <= end
    reviews: dict[str, list[dt.date]] = defaultdict(list)
    for r in _rows(shard, "ssd_cp_reviews"):
        start, end = plans[str(r["cppr_cp_plan_id"])]
        held = _day(r["cppr_cp_review_date"])
        assert start < held <= end
        due = r["cppr_cp_review_due"]
        assert due is None or held <= _day(due)
        reviews[str(r["cppr_cp_plan_id"])].append(held)
    for plan_id, days in reviews.items():
        days.sort()
        assert days[0] <= add_months(plans[plan_id][0], 3)
        for a, b in pairwise(days):
            assert b <= add_months(a, 6)


def test_conferences_follow_their_enquiry(shard: Shard) -> None:
    s47 = {r["s47e_s47_enquiry_id"]: r for r in _rows(shard, "ssd_s47_enquiry")}
    plans = {r["cppl_cp_plan_id"] for r in _rows(shard, "ssd_cp_plans")}
    for r in _rows(shard, "ssd_initial_cp_conference"):
        enquiry = s47[str(r["icpc_s47_enquiry_id"])]
        assert _day(r["icpc_icpc_date"]) >= _day(enquiry["s47e_s47_start_date"])
        assert (r["icpc_cp_plan_id"] is not None) == (r["icpc_icpc_outcome_cp_flag"] == "Y")
        assert r["icpc_cp_plan_id"] is None or r["icpc_cp_plan_id"] in plans
    for r in s47.values():
        seen = json.loads(str(r["s47e_s47_outcome_json"]))["CHILD_SEEN_FLAG"]
        assert seen in ("Y", "N")


def test_an_open_referral_is_always_held(shard: Shard) -> None:
    """While a referral is open, its holding segments follow each other with no gap."""
    held: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for r in _rows(shard, "ssd_involvements"):
        if r["invo_referral_id"] is not None:
            start = _day(r["invo_involvement_start_date"])
            end = min(_end(r["invo_involvement_end_date"]), WINDOW.end)
            held[str(r["invo_referral_id"])].append((start, end))
    checked = 0
    for r in _rows(shard, "ssd_cin_episodes"):
        opened = _day(r["cine_referral_date"])
        closed = min(_end(r["cine_close_date"]), WINDOW.end)
        segments = sorted(held.get(str(r["cine_referral_id"]), []))
        if closed == opened:
            continue
        assert segments, r
        assert segments[0][0] == opened
        reach = segments[0][1]
        for start, end in segments[1:]:
            assert start <= reach
            reach = max(reach, end)
        assert reach >= closed
        checked += 1
    assert checked > 100


def test_teams_are_the_districts_or_the_disability_team(shard: Shard) -> None:
    teams = {r["cine_referral_team"] for r in _rows(shard, "ssd_cin_episodes")}
    assert teams <= {"T_THM", "T_THR", "T_DIS_E"}
    assert {"T_THM", "T_THR"} <= teams


def test_the_same_seed_gives_the_same_rows(roster: Roster) -> None:
    window = Window(dt.date(2015, 1, 1), dt.date(2015, 7, 1), dt.date(2015, 12, 31))
    runs = []
    for _ in range(2):
        s = Shard(4, 11, window, district("D_DOV"), 0.3, roster)
        simulate_district(s)
        runs.append([list(s.batch.rows(t)) for t in sorted(s.batch.tables)])
    assert runs[0] == runs[1]


def _rows_by_child(shard: Shard, generated: set[str]) -> dict[str, list[tuple[object, ...]]]:
    """Each child's rows, with the ids the shard numbered left out.

    Ids are numbered across the shard's children (one counter per kind), so a
    child with one more review shifts the ids of later children's reviews;
    every other value of a row belongs to its child.
    """
    out: dict[str, list[tuple[object, ...]]] = defaultdict(list)
    for table in sorted(shard.batch.tables):
        names = COLUMNS[table]
        person = [i for i, name in enumerate(names) if name.endswith("person_id")]
        if len(person) != 1:
            continue  # organisation tables, and assessment factors (joined by assessment id)
        for row in shard.batch.rows(table):
            values = tuple(row[name] for name in names)
            child = str(values[person[0]])
            out[child].append((table, *("#" if v in generated else v for v in values)))
    return out


def test_each_child_draws_from_a_stream_of_its_own(
    roster: Roster, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Changing a process rate changes only the journeys of the children it touches.

    The same shard is simulated with the summer dip in plan endings at review
    conferences and without it: the children whose records differ are exactly
    children with a review conference in August (later children's draws do not
    shift, as they would with one random stream for the shard).
    """
    from kpibook.synth.journeys import protection, referral

    window = Window(dt.date(2012, 1, 1), dt.date(2014, 4, 1), dt.date(2016, 9, 30))
    runs = []
    for factor in (protection.PARAMS.summer_end_factor, 1.0):
        params = replace(protection.PARAMS, summer_end_factor=factor)

        def cp_plan(*args: Any, _params: protection.ProtectionParams = params) -> Any:
            return protection.cp_plan(*args, params=_params)

        monkeypatch.setattr(referral, "cp_plan", cp_plan)
        s = Shard(6, 5, window, district("D_DOV"), 0.5, roster)
        generated: set[str] = set()
        counter = s.ids.next

        def numbered(
            kind: str, _next: Callable[[str], str] = counter, _seen: set[str] = generated
        ) -> str:
            _seen.add(value := _next(kind))
            return value

        s.ids.next = numbered  # type: ignore[method-assign]
        simulate_district(s)
        august = {
            str(r["cppr_person_id"])
            for r in s.batch.rows("ssd_cp_reviews")
            if _day(r["cppr_cp_review_date"]).month == 8
        }
        runs.append((_rows_by_child(s, generated), august))
    (before, august_before), (after, august_after) = runs
    assert before.keys() == after.keys()
    changed = {child for child in before if before[child] != after[child]}
    assert changed, "removing the summer dip changed no plan"
    assert changed <= august_before | august_after
    assert len(changed) < len(before) / 20


def test_dates_of_birth_match_the_age_at_contact() -> None:
    import random

    rng = random.Random(1)
    day = dt.date(2016, 2, 29)
    for age in range(18):
        for _ in range(50):
            dob = dob_for_age(rng, day, age)
            years = day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
            assert years == age


def test_upns_carry_a_valid_check_letter() -> None:
    import random

    rng = random.Random(2)
    letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
    for year in (2005, 2012, 2017):
        value = upn(rng, year)
        assert len(value) == 13 and value[1:4] == "886"
        total = sum(int(ch) * w for w, ch in enumerate(value[1:], start=2))
        assert value[0] == letters[total % 23]


def test_helpers() -> None:
    import random

    rng = random.Random(3)
    draws = {uniform_int(rng, 2, 5) for _ in range(500)}
    assert draws == {2, 3, 4, 5}
    assert add_months(dt.date(2016, 1, 31), 1) == dt.date(2016, 2, 29)
    assert add_months(dt.date(2016, 11, 30), 3) == dt.date(2017, 2, 28)
