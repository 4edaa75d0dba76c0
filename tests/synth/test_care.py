"""Children in care: the structure of simulated periods of care (903 episodes and the rest)."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

import pytest

from kpibook.model import codelist
from kpibook.synth.context import ChildContext, Shard
from kpibook.synth.geography import district
from kpibook.synth.journeys.care import CareExit, enter_care
from kpibook.synth.journeys.care_common import by_date
from kpibook.synth.journeys.locations import district_postcode
from kpibook.synth.roster import Roster, build_roster
from kpibook.synth.run import window_for

WINDOW = window_for(dt.date(2013, 4, 1), dt.date(2016, 8, 31))
LEGAL = ("V2", "V2", "V2", "C1", "C1", "L1", "L2", "J1")


@dataclass
class Case:
    """One simulated child: the context, when care started and how it ended."""

    child: ChildContext
    entries: list[dt.date]
    exits: list[CareExit]

    def exits_days(self) -> list[dt.date]:
        """Days the child's periods of care ended (within the window)."""
        return [e.day for e in self.exits if e.day is not None]


@pytest.fixture(scope="module")
def roster() -> Roster:
    return build_roster(11, WINDOW.sim_start, WINDOW.end, 1.0)


def _children(roster: Roster, n: int = 220) -> list[Case]:
    """Children of all ages entering care at random days, some of them twice."""
    shard = Shard(0, 11, WINDOW, district("D_MAI"), 1.0, roster)
    rng = random.Random(3)
    span = (WINDOW.end - WINDOW.sim_start).days
    cases: list[Case] = []
    for i in range(n):
        day = WINDOW.sim_start + dt.timedelta(days=rng.randrange(span))
        dob = day - dt.timedelta(days=rng.randrange(0, 18 * 365 - 30))
        child = shard.child(dob, "M" if i % 2 else "F", "D_MAI")
        child.disabled = i % 17 == 0
        child.home_postcode = district_postcode(rng, district("D_MAI").ons_code)
        case = Case(child, [], [])
        while day <= WINDOW.end and child.age_on(day) < 18:
            legal = LEGAL[rng.randrange(len(LEGAL))]
            exit_ = enter_care(child, day, f"R{i}", legal_status=legal, need_code="N1")
            case.entries.append(day)
            case.exits.append(exit_)
            if exit_.day is None or rng.random() < 0.7:
                break
            day = exit_.day + dt.timedelta(days=rng.randint(30, 400))
        cases.append(case)
    return cases


@pytest.fixture(scope="module")
def cases(roster: Roster) -> list[Case]:
    return _children(roster)


def _d(value: object) -> dt.date:
    assert isinstance(value, dt.date)
    return value


def _rows(case: Case, table: str) -> list[dict[str, object]]:
    return list(case.child.batch.rows(table))


def _episodes_by_period(case: Case) -> Iterator[list[dict[str, object]]]:
    periods: dict[object, list[dict[str, object]]] = defaultdict(list)
    for row in _rows(case, "ssd_cla_episodes"):
        periods[row["clae_cla_id"]].append(row)
    for rows in periods.values():
        yield sorted(rows, key=lambda r: _d(r["clae_cla_episode_start_date"]))


def test_episodes_tile_each_period_with_x1(cases: list[Case]) -> None:
    for case in cases:
        for eps in _episodes_by_period(case):
            first = eps[0]
            assert first["clae_cla_episode_start_reason"] == "S"
            entered = _d(first["clae_entered_care_date"])
            assert entered == first["clae_cla_episode_start_date"]
            for a, b in pairwise(eps):
                assert a["clae_cla_episode_ceased_date"] == b["clae_cla_episode_start_date"]
                assert a["clae_cla_episode_ceased_reason"] == "X1"
                assert b["clae_cla_episode_start_reason"] in ("L", "P", "T", "B", "U")
                assert _d(a["clae_cla_episode_start_date"]) < _d(b["clae_cla_episode_start_date"])
            last = eps[-1]
            end = last["clae_cla_episode_ceased_date"]
            reason = last["clae_cla_episode_ceased_reason"]
            if end is None:
                assert reason is None
            else:
                assert reason in codelist("reason_episode_ceased").codes_at(_d(end))
                assert reason != "X1"
            for row in eps:
                assert row["clae_entered_care_date"] == entered


def test_one_open_care_episode_at_a_time(cases: list[Case]) -> None:
    for case in cases:
        spans = sorted(
            (_d(r["clae_cla_episode_start_date"]), r["clae_cla_episode_ceased_date"])
            for r in _rows(case, "ssd_cla_episodes")
        )
        for (_, end), (start, _) in pairwise(spans):
            assert end is not None and _d(end) <= start


def test_care_exit_matches_the_last_episode(cases: list[Case]) -> None:
    for case in cases:
        periods = list(_episodes_by_period(case))
        assert len(periods) == len(case.exits)
        by_start = {_d(eps[0]["clae_cla_episode_start_date"]): eps for eps in periods}
        for day, exit_ in zip(case.entries, case.exits, strict=True):
            last = by_start[day][-1]
            assert exit_.day == last["clae_cla_episode_ceased_date"]
            assert exit_.reason == last["clae_cla_episode_ceased_reason"]


def test_placements_cover_their_episodes(cases: list[Case]) -> None:
    types = codelist("placement_type")
    for case in cases:
        placements = {r["clap_cla_placement_id"]: r for r in _rows(case, "ssd_cla_placement")}
        for r in placements.values():
            start = _d(r["clap_cla_placement_start_date"])
            assert r["clap_cla_placement_type"] in types.codes_at(start)
            end = r["clap_cla_placement_end_date"]
            assert end is None or _d(end) >= start
            reason = r["clap_cla_placement_change_reason"]
            assert reason is None or (end is not None and _d(end) >= dt.date(2016, 4, 1))
            assert isinstance(r["clap_cla_placement_postcode"], str)
            distance = r["clap_cla_placement_distance"]
            assert isinstance(distance, float) and 0 <= distance < 300
        for eps in _episodes_by_period(case):
            for row in eps:
                p = placements[row["clae_cla_placement_id"]]
                assert p["clap_cla_id"] == row["clae_cla_id"]
                assert _d(p["clap_cla_placement_start_date"]) <= _d(
                    row["clae_cla_episode_start_date"]
                )
                p_end, e_end = p["clap_cla_placement_end_date"], row["clae_cla_episode_ceased_date"]
                if p_end is not None:
                    assert e_end is not None and _d(e_end) <= _d(p_end)


def _period_spans(case: Case) -> list[tuple[dt.date, dt.date]]:
    """(start, end) of each period; end is the window end for periods still open."""
    spans = []
    for eps in _episodes_by_period(case):
        end = eps[-1]["clae_cla_episode_ceased_date"]
        spans.append(
            (_d(eps[0]["clae_cla_episode_start_date"]), WINDOW.end if end is None else _d(end))
        )
    return spans


def _within(spans: list[tuple[dt.date, dt.date]], day: dt.date) -> bool:
    return any(s <= day <= e for s, e in spans)


def test_legal_statuses_reviews_and_visits_fall_within_care(cases: list[Case]) -> None:
    legal_codes = codelist("legal_status").all_codes
    for case in cases:
        spans = _period_spans(case)
        for r in _rows(case, "ssd_legal_status"):
            assert r["lega_legal_status"] in legal_codes
            start = _d(r["lega_legal_status_start_date"])
            assert _within(spans, start)
            end = r["lega_legal_status_end_date"]
            assert end is None or (start < _d(end) and _within(spans, _d(end)))
        for r in _rows(case, "ssd_cla_reviews"):
            assert _within(spans, _d(r["clar_cla_review_date"]))
        for r in _rows(case, "ssd_cla_visits"):
            assert _within(spans, _d(r["clav_cla_visit_date"]))
        for r in _rows(case, "ssd_cla_health"):
            assert _within(spans, _d(r["clah_health_check_date"]))


def test_nothing_is_dated_after_the_window(cases: list[Case]) -> None:
    for case in cases:
        for table in case.child.batch.tables:
            for row in case.child.batch.rows(table):
                for value in row.values():
                    if isinstance(value, dt.date):
                        assert value <= WINDOW.end, table
                        assert value >= case.child.dob, table


def test_case_is_held_without_gaps_from_entry(cases: list[Case]) -> None:
    for case in cases:
        rows = sorted(
            (r for r in _rows(case, "ssd_involvements") if r["invo_professional_role_id"] == "CW"),
            key=lambda r: _d(r["invo_involvement_start_date"]),
        )
        assert _d(rows[0]["invo_involvement_start_date"]) == case.entries[0]
        for a, b in pairwise(rows):
            end = a["invo_involvement_end_date"]
            assert end is not None
            # a new period of care may start after a gap (the caller held the case meanwhile)
            assert (
                _d(end) == b["invo_involvement_start_date"]
                or b["invo_involvement_start_date"] in case.entries
            )


def test_first_review_is_due_within_20_working_days(cases: list[Case]) -> None:
    from kpibook.model.workdays import working_days_between

    for case in cases:
        by_period: dict[object, list[dict[str, object]]] = defaultdict(list)
        for r in _rows(case, "ssd_cla_reviews"):
            by_period[r["clar_cla_id"]].append(r)
        for eps in _episodes_by_period(case):
            reviews = sorted(
                by_period[eps[0]["clae_cla_id"]], key=lambda r: _d(r["clar_cla_review_date"])
            )
            if reviews and reviews[0]["clar_cla_review_due_date"] is not None:
                start = _d(eps[0]["clae_cla_episode_start_date"])
                due = _d(reviews[0]["clar_cla_review_due_date"])
                assert working_days_between(start, due) == 20


def test_by_date_interpolates_between_dated_points() -> None:
    points = ((dt.date(2015, 1, 1), 0.2), (dt.date(2015, 1, 11), 0.4))
    assert by_date(dt.date(2014, 6, 1), points) == 0.2
    assert by_date(dt.date(2015, 1, 6), points) == pytest.approx(0.3)
    assert by_date(dt.date(2016, 1, 1), points) == 0.4


def test_same_seed_gives_the_same_periods(roster: Roster) -> None:
    a = [list(c.child.batch.rows("ssd_cla_episodes")) for c in _children(roster, 25)]
    b = [list(c.child.batch.rows("ssd_cla_episodes")) for c in _children(roster, 25)]
    assert a == b


def test_periods_still_open_at_the_window_end_have_no_exit(cases: list[Case]) -> None:
    open_exits = [e for c in cases for e in c.exits if e.day is None]
    assert open_exits, "some periods should still be open at the window's end"
    assert all(e.reason is None for e in open_exits)


def test_new_episode_reasons_follow_the_carers(cases: list[Case]) -> None:
    for case in cases:
        placements = {r["clap_cla_placement_id"]: r for r in _rows(case, "ssd_cla_placement")}
        for eps in _episodes_by_period(case):
            for a, b in pairwise(eps):
                pa, pb = (
                    placements[a["clae_cla_placement_id"]],
                    placements[b["clae_cla_placement_id"]],
                )
                reason = b["clae_cla_episode_start_reason"]
                if reason == "L":
                    assert pa is pb
                else:
                    assert pa is not pb
                if reason in ("T", "U"):
                    assert pa["clap_cla_placement_postcode"] == pb["clap_cla_placement_postcode"]


def test_care_leavers_are_held_by_the_care_leaver_service_to_21(cases: list[Case]) -> None:
    seen = 0
    for case in cases:
        child = case.child
        eighteen = child.birthday(18)
        if eighteen not in case.exits_days():
            continue
        pa = [r for r in _rows(case, "ssd_involvements") if r["invo_professional_team"] == "T_CL18"]
        leaver_rows = _rows(case, "ssd_care_leavers")
        if not pa:
            continue
        seen += 1
        assert all(r["invo_professional_role_id"] == "PA" for r in pa)
        assert min(_d(r["invo_involvement_start_date"]) for r in pa) == eighteen
        ends = [r["invo_involvement_end_date"] for r in pa]
        assert None in ends or max(_d(e) for e in ends) == child.birthday(21)
        assert leaver_rows
        for r in leaver_rows:
            assert r["clea_care_leaver_eligibility"] in ("ELIGIBLE", "RELEVANT", "FORMER_RELEVANT")
    assert seen > 0


def _leaver_history(case: Case) -> list[tuple[dt.date, dict[str, object]]]:
    """The care leaver rows of a child, by date (single-period children only)."""
    if len(case.entries) > 1:
        return []
    rows = _rows(case, "ssd_care_leavers")
    return sorted(((_d(r["clea_care_leaver_latest_contact"]), r) for r in rows), key=lambda x: x[0])


def test_care_leaver_rows_are_a_dated_history(cases: list[Case]) -> None:
    rank = {"ELIGIBLE": 0, "RELEVANT": 1, "FORMER_RELEVANT": 2}
    seen = 0
    for case in cases:
        history = _leaver_history(case)
        if not history:
            continue
        seen += 1
        child = case.child
        days = [day for day, _ in history]
        assert len(set(days)) == len(days), "one row per day"
        assert days[-1] <= min(child.birthday(21), WINDOW.end)
        ranks = [rank[str(r["clea_care_leaver_eligibility"])] for _, r in history]
        assert ranks == sorted(ranks)
        start, end = _period_spans(case)[0]
        for day, r in history:
            eligibility = r["clea_care_leaver_eligibility"]
            if eligibility == "ELIGIBLE":
                assert child.birthday(16) <= day < end and day >= start
                assert r["clea_care_leaver_accommodation"] is None
            else:
                assert day >= end and case.exits_days() == [end]
                assert (day < child.birthday(18)) == (eligibility == "RELEVANT")
            review = r["clea_pathway_plan_review_date"]
            assert review is None or _d(review) <= day
            if r["clea_care_leaver_in_touch"] == "YES" and eligibility != "ELIGIBLE":
                assert r["clea_care_leaver_accommodation"] not in (None, "R", "G", "H")
                assert r["clea_care_leaver_accom_suitable"] in ("1", "2")
    assert seen > 0


def test_care_leavers_have_a_recent_row_at_any_date(cases: list[Case]) -> None:
    seen = 0
    for case in cases:
        after = [
            (d, r)
            for d, r in _leaver_history(case)
            if r["clea_care_leaver_eligibility"] != "ELIGIBLE"
        ]
        if not after:
            continue
        seen += 1
        days = [case.exits_days()[0]] + [d for d, _ in after]
        assert max((b - a).days for a, b in pairwise(days)) <= 200
        if after[-1][1]["clea_care_leaver_in_touch"] != "DIED":
            assert (min(case.child.birthday(21), WINDOW.end) - days[-1]).days <= 200
    assert seen > 0


def test_every_period_of_care_has_an_iro_from_its_start(cases: list[Case]) -> None:
    """An independent reviewing officer is allocated from the day care starts, without gaps."""
    for case in cases:
        rows = sorted(
            (r for r in _rows(case, "ssd_involvements") if r["invo_professional_role_id"] == "IRO"),
            key=lambda r: _d(r["invo_involvement_start_date"]),
        )
        assert rows, "no IRO allocated"
        assert _d(rows[0]["invo_involvement_start_date"]) == case.entries[0]
        assert {r["invo_professional_team"] for r in rows} == {"T_IRO"}
        for a, b in pairwise(rows):
            assert a["invo_involvement_end_date"] is not None
            assert (
                _d(a["invo_involvement_end_date"]) == b["invo_involvement_start_date"]
                or b["invo_involvement_start_date"] in case.entries
            )
