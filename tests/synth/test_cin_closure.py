"""How the generator closes child in need episodes (the DfE CIN census rule 2990 and
query 8873Q): RC8 and RC9 only straight after an assessment with nothing else.

A district shard is simulated over a short window; closed episodes are checked
against the work recorded in them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict

import pytest

from kpibook.synth.context import Shard, Window
from kpibook.synth.geography import district
from kpibook.synth.journeys.frontdoor import simulate_district
from kpibook.synth.roster import build_roster

WINDOW = Window(sim_start=dt.date(2012, 4, 1), start=dt.date(2015, 4, 1), end=dt.date(2016, 9, 30))
AFTER_ASSESSMENT = frozenset(("RC8", "RC9"))


@pytest.fixture(scope="module")
def shard() -> Shard:
    shard = Shard(
        1, 3, WINDOW, district("D_SWA"), 0.5, build_roster(3, WINDOW.sim_start, WINDOW.end, 1.0)
    )
    simulate_district(shard)
    return shard


def _rows(shard: Shard, table: str) -> list[dict[str, object]]:
    return list(shard.batch.rows(table))


def _by_referral(shard: Shard, table: str, ref: str) -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = defaultdict(list)
    for r in _rows(shard, table):
        out[str(r[ref])].append(r)
    return out


def _episodes(shard: Shard, least: int = 500) -> list[dict[str, object]]:
    rows = _rows(shard, "ssd_cin_episodes")
    assert len(rows) > least
    return rows


def test_closed_after_assessment_only_when_nothing_else_happened(shard: Shard) -> None:
    assessments = _by_referral(shard, "ssd_cin_assessments", "cina_referral_id")
    others = [
        _by_referral(shard, table, ref)
        for table, ref in (
            ("ssd_cin_plans", "cinp_referral_id"),
            ("ssd_cp_plans", "cppl_referral_id"),
            ("ssd_s47_enquiry", "s47e_referral_id"),
            ("ssd_initial_cp_conference", "icpc_referral_id"),
        )
    ]
    seen = 0
    for ep in _episodes(shard):
        if ep["cine_close_reason"] not in AFTER_ASSESSMENT:
            continue
        seen += 1
        ref = str(ep["cine_referral_id"])
        assert assessments[ref], ref
        assert all(not table[ref] for table in others), ref
    assert seen > 100


def test_referrals_with_no_further_action_are_not_closed_after_assessment(shard: Shard) -> None:
    nfa = [ep for ep in _episodes(shard) if ep["cine_referral_nfa"] == "Y"]
    assert nfa
    for ep in nfa:
        assert ep["cine_close_reason"] not in AFTER_ASSESSMENT


def test_no_factors_only_when_the_episode_closes_after_the_assessment(shard: Shard) -> None:
    episode = {
        str(r["cina_assessment_id"]): str(r["cina_referral_id"])
        for r in _rows(shard, "ssd_cin_assessments")
    }
    reason = {str(r["cine_referral_id"]): r["cine_close_reason"] for r in _episodes(shard)}
    none_found = [
        r
        for r in _rows(shard, "ssd_assessment_factors")
        if "21" in json.loads(str(r["cinf_assessment_factors_json"]))
    ]
    assert none_found
    for r in none_found:
        assert reason[episode[str(r["cinf_assessment_id"])]] in (*AFTER_ASSESSMENT, None)
