"""SCS Activity table indicators (ACT-01, ACT-03 to ACT-10) on one hand-built fixture.

ACT-02 (referrals) is tested with the referral indicators and ACT-11 (private
fostering cases) with private fostering. Every expected count is worked out by
hand from the rows added; the comments say how. Snapshots are taken at the end
of the month-end day: anything ending on the month end is no longer open.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from council import Council, Figure, d

Figures = Mapping[tuple[str, str, str, str], Figure]
"""One indicator's figures, keyed by (month, level, unit, cohort)."""


def _involvement(c: Council, iid: str, pid: str, role: str, team: str, start: str) -> None:
    c.add(
        "ssd_involvements",
        invo_involvements_id=iid,
        invo_professional_role_id=role,
        invo_professional_team=team,
        invo_person_id=pid,
        invo_involvement_start_date=d(start),
    )


def _assessment(c: Council, aid: str, pid: str, auth: str | None, team: str) -> None:
    c.add(
        "ssd_cin_assessments",
        cina_assessment_id=aid,
        cina_person_id=pid,
        cina_referral_id=f"R-{aid}",
        cina_assessment_start_date=d("2016-06-01"),
        cina_assessment_auth_date=d(auth) if auth else None,
        cina_assessment_team=team,
    )


def _cp_plan(c: Council, plan_id: str, pid: str, start: str, end: str | None = None) -> None:
    c.add(
        "ssd_cp_plans",
        cppl_cp_plan_id=plan_id,
        cppl_person_id=pid,
        cppl_cp_plan_start_date=d(start),
        cppl_cp_plan_end_date=d(end) if end else None,
    )


def _care(
    c: Council,
    eid: str,
    pid: str,
    start: str,
    reason: str,
    ceased: str | None = None,
    ceased_reason: str | None = None,
) -> None:
    c.add(
        "ssd_cla_episodes",
        clae_cla_episode_id=eid,
        clae_person_id=pid,
        clae_cla_episode_start_date=d(start),
        clae_cla_episode_start_reason=reason,
        clae_cla_episode_ceased_date=d(ceased) if ceased else None,
        clae_cla_episode_ceased_reason=ceased_reason,
        clae_cla_id=f"CLA-{pid}",
    )


@pytest.fixture(scope="module")
def council() -> Council:
    c = Council()
    for pid in "ABCDEFGV":
        c.child(pid, "2005-01-01")
    c.child("U", "2000-06-01", uasc_from="2015-01-01")
    # Allocations (case workers unless said otherwise).
    c.allocate("A", "T_DAR", "2016-01-01", "2016-08-15")  # A: Dartford, then Canterbury
    c.allocate("A", "T_CAN", "2016-08-15")
    c.allocate("B", "T_DAR", "2016-01-01", "2016-08-31")  # B: ends on 31 Aug
    _involvement(c, "PA-C", "C", "PA", "T_CL", "2016-01-01")  # C: personal adviser only
    _involvement(c, "PA-D", "D", "PA", "T_CL", "2016-01-01")  # D: personal adviser and
    c.allocate("D", "T_CIC_N", "2016-01-01")  # ... a case worker
    _involvement(c, "IRO-E", "E", "IRO", "T_IRO", "2016-01-01")  # E: reviewing officer only
    c.allocate("U", "T_UASC", "2015-01-01")
    c.allocate("F", "T_DAR", "2016-09-01")  # F: from 1 September
    # G and V have no allocation.

    # Assessments.
    _assessment(c, "AS1", "A", "2016-08-01", "T_DAR")
    _assessment(c, "AS2", "B", "2016-08-31", "T_CAN")
    _assessment(c, "AS3", "B", "2016-07-31", "T_DAR")
    _assessment(c, "AS4", "A", "2016-09-01", "T_DAR")
    _assessment(c, "AS5", "U", "2016-08-15", "T_UASC")
    _assessment(c, "AS6", "A", None, "T_DAR")

    # Child protection plans.
    _cp_plan(c, "CP1", "A", "2016-03-01")
    _cp_plan(c, "CP2", "B", "2016-02-01", "2016-08-31")  # ends on 31 Aug, with B's allocation
    _cp_plan(c, "CP3", "G", "2016-01-01")  # G: two overlapping plans
    _cp_plan(c, "CP4", "G", "2016-08-10")
    _cp_plan(c, "CP5", "D", "2016-08-31")  # starts on the month end
    _cp_plan(c, "CP6", "A", "2016-08-01", "2016-08-20")  # a short second plan for A
    _cp_plan(c, "CP7", "D", "2016-07-10", "2016-07-10")  # started and ended the same day

    # Care episodes.
    _care(c, "L1a", "A", "2016-06-01", "S", "2016-07-15", "X1")  # A: a placement change...
    _care(c, "L1b", "A", "2016-07-15", "P")  # ... within one period of care
    _care(c, "L2", "U", "2015-01-01", "S")
    _care(c, "L3", "B", "2016-01-01", "S", "2016-08-31", "E13")  # B leaves care on 31 Aug
    _care(c, "L4", "D", "2016-08-31", "S")  # D enters care on 31 Aug
    _care(c, "L5", "V", "2016-02-01", "S", "2016-07-10", None)  # ceased, no reason recorded
    return c


@pytest.fixture(scope="module")
def figures(council: Council) -> Mapping[str, Figures]:
    ids = ("ACT-01", "ACT-03", "ACT-04", "ACT-05", "ACT-06", "ACT-07", "ACT-08", "ACT-09", "ACT-10")
    return {i: council.figures(i, "2016-06", "2016-09") for i in ids}


def _value(figures: Figures, *key: str) -> float | None:
    return figures[key].value


def test_act01_caseloads(figures: Mapping[str, Figures]) -> None:
    f = figures["ACT-01"]
    # July: A, B (Dartford), C (personal adviser), D, U -> 5. E has only a reviewing officer.
    assert _value(f, "2016-07", "council", "KCC", "all") == 5
    assert _value(f, "2016-07", "team", "T_DAR", "all") == 2
    # August: B's allocation ended on 31 Aug -> A, C, D, U = 4 (3 excluding U).
    assert _value(f, "2016-08", "council", "KCC", "all") == 4
    assert _value(f, "2016-08", "council", "KCC", "exc_uasc") == 3
    assert f["2016-08", "council", "KCC", "all"].denominator is None
    assert _value(f, "2016-08", "team", "T_CAN", "all") == 1  # A after the transfer
    assert _value(f, "2016-08", "team", "T_DAR", "all") == 0
    # D counts once, with the case worker's team, not the personal adviser's.
    assert _value(f, "2016-08", "team", "T_CIC_N", "all") == 1
    assert _value(f, "2016-08", "team", "T_CL", "all") == 1  # C
    assert _value(f, "2016-08", "area", "AREA_CW", "all") == 2  # C (care leavers), U (UASC)
    # September: F allocated from 1 Sep -> 5.
    assert _value(f, "2016-09", "council", "KCC", "all") == 5


def test_act03_assessments(
    figures: Mapping[str, Figures],
) -> None:
    f = figures["ACT-03"]
    # Authorised in August: AS1 (1 Aug), AS2 (31 Aug), AS5 (UASC) -> 3; AS6 never authorised.
    assert _value(f, "2016-08", "council", "KCC", "all") == 3
    assert _value(f, "2016-08", "council", "KCC", "exc_uasc") == 2
    assert _value(f, "2016-08", "team", "T_CAN", "all") == 1  # AS2, by the completing team
    assert _value(f, "2016-07", "council", "KCC", "all") == 1  # AS3
    assert _value(f, "2016-09", "council", "KCC", "all") == 1  # AS4


def test_act04_cp_plans(figures: Mapping[str, Figures]) -> None:
    f = figures["ACT-04"]
    # 31 Jul: A (CP1, Dartford), B (CP2, Dartford), G (two plans, counted once) -> 3.
    assert _value(f, "2016-07", "council", "KCC", "all") == 3
    assert _value(f, "2016-07", "team", "T_DAR", "all") == 2
    # 31 Aug: A (Canterbury now), G, D (CP5 began 31 Aug); CP2 ended 31 Aug -> 3.
    assert _value(f, "2016-08", "council", "KCC", "all") == 3
    assert _value(f, "2016-08", "team", "T_CAN", "all") == 1
    assert _value(f, "2016-08", "team", "T_CIC_N", "all") == 1
    assert _value(f, "2016-08", "team", "UNALLOCATED", "all") == 1  # G
    assert _value(f, "2016-08", "council", "KCC", "exc_uasc") == 3


def test_act05_and_act06_cp_starts_and_ends(
    figures: Mapping[str, Figures],
) -> None:
    starts, ends = figures["ACT-05"], figures["ACT-06"]
    # Starts in August: CP4 (G, unallocated), CP5 (D, T_CIC_N), CP6 (A on 1 Aug, Dartford).
    assert _value(starts, "2016-08", "council", "KCC", "all") == 3
    assert _value(starts, "2016-08", "team", "T_DAR", "all") == 1
    assert _value(starts, "2016-08", "team", "UNALLOCATED", "all") == 1
    assert _value(starts, "2016-07", "council", "KCC", "all") == 1  # CP7
    # Ends in August: CP2 (B: last day 30 Aug, still Dartford, though B's allocation ended
    # on 31 Aug) and CP6 (A: last day 19 Aug, Canterbury since 15 Aug) -> 2.
    assert _value(ends, "2016-08", "council", "KCC", "all") == 2
    assert _value(ends, "2016-08", "team", "T_DAR", "all") == 1
    assert _value(ends, "2016-08", "team", "T_CAN", "all") == 1
    # CP7 started and ended on 10 Jul: its last day is its first, with D's worker.
    assert _value(ends, "2016-07", "council", "KCC", "all") == 1
    assert _value(ends, "2016-07", "team", "T_CIC_N", "all") == 1


def test_act07_and_act08_children_looked_after(
    figures: Mapping[str, Figures],
) -> None:
    total, uasc = figures["ACT-07"], figures["ACT-08"]
    # 31 Jul: A (two episodes, counted once), U, B -> 3 (V's care ceased 10 Jul).
    assert _value(total, "2016-07", "council", "KCC", "all") == 3
    assert _value(total, "2016-07", "team", "T_DAR", "all") == 2  # A and B
    # 31 Aug: A (Canterbury), U, D (entered 31 Aug); B left on 31 Aug -> 3.
    assert _value(total, "2016-08", "council", "KCC", "all") == 3
    assert _value(total, "2016-08", "council", "KCC", "exc_uasc") == 2
    assert _value(total, "2016-08", "team", "T_CAN", "all") == 1
    assert _value(total, "2016-08", "area", "AREA_CW", "all") == 1  # U
    # UASC looked after: U only; no excluding-UASC cohort.
    assert _value(uasc, "2016-08", "council", "KCC", "all") == 1
    assert _value(uasc, "2016-08", "team", "T_UASC", "all") == 1
    assert _value(uasc, "2016-08", "team", "T_DAR", "all") == 0
    assert ("2016-08", "council", "KCC", "exc_uasc") not in uasc


def test_act09_and_act10_care_starts_and_ends(
    figures: Mapping[str, Figures],
) -> None:
    starts, ends = figures["ACT-09"], figures["ACT-10"]
    # Starts: June A (1 Jun, Dartford); July none (A's 15 Jul episode is a placement change);
    # August D (31 Aug, T_CIC_N).
    assert _value(starts, "2016-06", "council", "KCC", "all") == 1
    assert _value(starts, "2016-06", "team", "T_DAR", "all") == 1
    assert _value(starts, "2016-07", "council", "KCC", "all") == 0
    assert _value(starts, "2016-08", "council", "KCC", "all") == 1
    assert _value(starts, "2016-08", "team", "T_CIC_N", "all") == 1
    # Ends: July none (A's X1 is not leaving care; V's ceased date has no reason);
    # August B (E13 on 31 Aug; last day in care 30 Aug, with Dartford).
    assert _value(ends, "2016-07", "council", "KCC", "all") == 0
    assert _value(ends, "2016-08", "council", "KCC", "all") == 1
    assert _value(ends, "2016-08", "team", "T_DAR", "all") == 1
    assert _value(ends, "2016-08", "council", "KCC", "exc_uasc") == 1
