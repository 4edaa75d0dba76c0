"""Children in need indicators (SCS-05 to SCS-07) on hand-built fixtures.

Every expected numerator and denominator is worked out by hand from the rows
the test adds; the comments say how. Snapshots are taken at the end of the
month-end day: something ending on the month end is no longer open.
"""

from __future__ import annotations

import pytest
from council import Council, d


def _referral(
    c: Council, rid: str, pid: str, day: str, close: str | None = None, team: str = "T_DAR"
) -> None:
    c.add(
        "ssd_cin_episodes",
        cine_referral_id=rid,
        cine_person_id=pid,
        cine_referral_date=d(day),
        cine_close_date=d(close) if close else None,
        cine_referral_team=team,
    )


def _assessment(c: Council, aid: str, rid: str, pid: str, auth: str, nfa: str | None) -> None:
    c.add(
        "ssd_cin_assessments",
        cina_assessment_id=aid,
        cina_person_id=pid,
        cina_referral_id=rid,
        cina_assessment_start_date=d(auth),
        cina_assessment_auth_date=d(auth),
        cina_assessment_outcome_nfa=nfa,
        cina_assessment_child_seen="Y",
    )


def _cin_plan(c: Council, plan_id: str, pid: str, start: str, end: str | None = None) -> None:
    c.add(
        "ssd_cin_plans",
        cinp_cin_plan_id=plan_id,
        cinp_referral_id=f"R-{pid}",
        cinp_person_id=pid,
        cinp_cin_plan_start_date=d(start),
        cinp_cin_plan_end_date=d(end) if end else None,
    )


def _involvement(c: Council, iid: str, pid: str, role: str, start: str, end: str | None) -> None:
    c.add(
        "ssd_involvements",
        invo_involvements_id=iid,
        invo_professional_role_id=role,
        invo_professional_team="T_IRO" if role == "IRO" else "T_CL",
        invo_person_id=pid,
        invo_involvement_start_date=d(start),
        invo_involvement_end_date=d(end) if end else None,
    )


class TestSCS05:
    """Children in need (assessed, not CP, not looked after) with a CIN plan, at the month end."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDEFGH":
            c.child(pid, "2010-01-01")
        c.child("U", "2001-01-01", uasc_from="2016-01-01")
        # A: assessed in need 15 Jul, CIN plan from 20 Jul -> in cohort with a plan (Jul, Aug).
        _referral(c, "RA", "A", "2016-06-01")
        _assessment(c, "AA", "RA", "A", "2016-07-15", "N")
        _cin_plan(c, "PA", "A", "2016-07-20")
        c.allocate("A", "T_DAR", "2016-06-01")
        # B: assessment authorised on 31 Aug itself -> in cohort at Aug (not Jul); no plan.
        _referral(c, "RB", "B", "2016-06-01", team="T_CAN")
        _assessment(c, "AB", "RB", "B", "2016-08-31", "N")
        c.allocate("B", "T_CAN", "2016-06-01")
        # C: assessment ended in no further action -> never a child in need case.
        _referral(c, "RC", "C", "2016-06-01")
        _assessment(c, "AC", "RC", "C", "2016-06-20", "Y")
        # D: assessed in need; on a CP plan from 1 Aug -> in cohort in Jul (no plan), not Aug.
        _referral(c, "RD", "D", "2016-04-01")
        _assessment(c, "AD", "RD", "D", "2016-05-01", "N")
        c.add(
            "ssd_cp_plans",
            cppl_cp_plan_id="CPD",
            cppl_person_id="D",
            cppl_cp_plan_start_date=d("2016-08-01"),
        )
        # E: CIN plan 15 Jun - 31 Aug; looked after from 31 Aug -> Jul: in cohort with a plan;
        #    Aug: looked after (and the plan has ended) -> out.
        _referral(c, "RE", "E", "2016-04-01")
        _assessment(c, "AE", "RE", "E", "2016-05-01", "N")
        _cin_plan(c, "PE", "E", "2016-06-15", "2016-08-31")
        c.add(
            "ssd_cla_episodes",
            clae_cla_episode_id="EE",
            clae_person_id="E",
            clae_cla_episode_start_date=d("2016-08-31"),
            clae_cla_episode_start_reason="S",
            clae_cla_id="CLA-E",
        )
        # F: referral closed on 31 Aug -> Jul: in cohort with a plan; Aug: closed.
        _referral(c, "RF", "F", "2016-04-01", close="2016-08-31")
        _assessment(c, "AF", "RF", "F", "2016-05-01", "N")
        _cin_plan(c, "PF", "F", "2016-06-15", "2016-08-31")
        # G: two open assessed referrals -> counted once; a plan; no allocated worker.
        _referral(c, "RG1", "G", "2016-05-01")
        _referral(c, "RG2", "G", "2016-06-01")
        _assessment(c, "AG1", "RG1", "G", "2016-06-20", "N")
        _assessment(c, "AG2", "RG2", "G", "2016-06-20", "N")
        _cin_plan(c, "PG", "G", "2016-07-01")
        # H: the assessment's no-further-action flag is empty -> not a child in need case.
        _referral(c, "RH", "H", "2016-04-01")
        _assessment(c, "AH", "RH", "H", "2016-05-01", None)
        _cin_plan(c, "PH", "H", "2016-06-01")
        # U (UASC): assessed in need 1 Jun, plan from 10 Jun, held by the UASC team.
        _referral(c, "RU", "U", "2016-05-01", team="T_UASC")
        _assessment(c, "AU", "RU", "U", "2016-06-01", "N")
        _cin_plan(c, "PU", "U", "2016-06-10")
        c.allocate("U", "T_UASC", "2016-05-01")
        return c

    def test_council(self, council: Council) -> None:
        figures = council.figures("SCS-05", "2016-07", "2016-08")
        # July: A (plan), D (no plan), E (plan), F (plan), G (plan), U (plan) -> 5 / 6.
        jul = figures["2016-07", "council", "KCC", "all"]
        assert (jul.numerator, jul.denominator) == (5, 6)
        # August: A (plan), B (no plan), G (plan), U (plan) -> 3 / 4.
        aug = figures["2016-08", "council", "KCC", "all"]
        assert (aug.numerator, aug.denominator) == (3, 4)
        assert aug.value == pytest.approx(75.0)

    def test_excluding_uasc(self, council: Council) -> None:
        fig = council.figure("SCS-05", "2016-08", cohort="exc_uasc")
        assert (fig.numerator, fig.denominator) == (2, 3)  # A, B, G

    def test_by_case_holding_team(self, council: Council) -> None:
        figures = council.figures("SCS-05", "2016-08")
        dar = figures["2016-08", "team", "T_DAR", "all"]
        assert (dar.numerator, dar.denominator) == (1, 1)  # A
        can = figures["2016-08", "team", "T_CAN", "all"]
        assert (can.numerator, can.denominator) == (0, 1)  # B
        # G has no allocated worker -> UNALLOCATED.
        unallocated = figures["2016-08", "team", "UNALLOCATED", "all"]
        assert (unallocated.numerator, unallocated.denominator) == (1, 1)
        cw = figures["2016-08", "area", "AREA_CW", "all"]
        assert (cw.numerator, cw.denominator) == (1, 1)  # U


class TestSCS06:
    """Children on a CIN plan for 28 days or more, seen in the 28 days to the month end."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in ("P1", "P2", "P3", "P4", "P6"):
            c.child(pid, "2010-01-01")
        c.child("P5", "2001-01-01", uasc_from="2016-01-01")

        def visit(vid: str, pid: str, day: str, seen: str) -> None:
            c.add(
                "ssd_cin_visits",
                cinv_cin_visit_id=vid,
                cinv_person_id=pid,
                cinv_cin_visit_date=d(day),
                cinv_cin_visit_seen=seen,
            )

        # The 28 days to 31 Aug 2016 are 4 Aug to 31 Aug; a plan must have started by 3 Aug.
        # P1: plan from 3 Aug (exactly 28 days) -> in cohort; seen 4 Aug -> seen.
        _cin_plan(c, "C1", "P1", "2016-08-03")
        visit("V1", "P1", "2016-08-04", "Y")
        c.allocate("P1", "T_DAR", "2016-08-03")
        # P2: plan from 4 Aug (27 days) -> not in cohort, though seen.
        _cin_plan(c, "C2", "P2", "2016-08-04")
        visit("V2", "P2", "2016-08-10", "Y")
        # P3: seen on 3 Aug (28 days before: outside), visited 20 Aug but not seen -> not seen.
        _cin_plan(c, "C3", "P3", "2016-01-01")
        visit("V3a", "P3", "2016-08-03", "Y")
        visit("V3b", "P3", "2016-08-20", "N")
        c.allocate("P3", "T_DAR", "2016-01-01")
        # P4: plan ended on 31 Aug -> not on a plan at the month end.
        _cin_plan(c, "C4", "P4", "2016-01-01", "2016-08-31")
        visit("V4", "P4", "2016-08-20", "Y")
        # P5 (UASC): two open plans -> counted once; seen on 31 Aug.
        _cin_plan(c, "C5a", "P5", "2016-01-01")
        _cin_plan(c, "C5b", "P5", "2016-05-01")
        visit("V5", "P5", "2016-08-31", "Y")
        c.allocate("P5", "T_UASC", "2016-01-01")
        # P6: next seen 1 Sep -> not seen in August's 28 days; moved from Dartford to
        #     Canterbury on 15 Aug.
        _cin_plan(c, "C6", "P6", "2016-01-01")
        visit("V6", "P6", "2016-09-01", "Y")
        c.allocate("P6", "T_DAR", "2016-01-01", "2016-08-15")
        c.allocate("P6", "T_CAN", "2016-08-15")
        return c

    def test_council(self, council: Council) -> None:
        # Cohort P1, P3, P5, P6; seen P1, P5 -> 2 / 4.
        fig = council.figure("SCS-06", "2016-08")
        assert (fig.numerator, fig.denominator) == (2, 4)
        assert fig.value == pytest.approx(50.0)

    def test_excluding_uasc(self, council: Council) -> None:
        fig = council.figure("SCS-06", "2016-08", cohort="exc_uasc")
        assert (fig.numerator, fig.denominator) == (1, 3)  # P1 of P1, P3, P6

    def test_by_team(self, council: Council) -> None:
        figures = council.figures("SCS-06", "2016-08")
        dar = figures["2016-08", "team", "T_DAR", "all"]
        assert (dar.numerator, dar.denominator) == (1, 2)  # P1 seen, P3 not
        can = figures["2016-08", "team", "T_CAN", "all"]
        assert (can.numerator, can.denominator) == (0, 1)  # P6, after the transfer
        east = figures["2016-08", "area", "AREA_E", "all"]
        assert east.denominator == 1


class TestSCS07:
    """Open cases (open referrals) with no allocated case worker or personal adviser."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDEFG":
            c.child(pid, "2010-01-01")
        c.child("U", "2001-01-01", uasc_from="2016-01-01")
        # A: allocated -> not counted.
        _referral(c, "RA", "A", "2016-01-01")
        c.allocate("A", "T_DAR", "2016-01-01")
        # B: allocation ended on 31 Aug -> unallocated at the end of 31 Aug (and in Sep).
        _referral(c, "RB", "B", "2016-01-01", team="T_CAN")
        c.allocate("B", "T_CAN", "2016-01-01", "2016-08-31")
        # C: only an independent reviewing officer -> unallocated.
        _referral(c, "RC", "C", "2016-01-01")
        _involvement(c, "IC", "C", "IRO", "2016-01-01", None)
        # D: a personal adviser -> allocated.
        _referral(c, "RD", "D", "2016-01-01")
        _involvement(c, "ID", "D", "PA", "2016-01-01", None)
        # E: two open referrals, no worker -> one case, against the later referral's team.
        _referral(c, "RE1", "E", "2016-01-01")
        _referral(c, "RE2", "E", "2016-06-01", team="T_CAN")
        # F: referral closed on 31 Aug -> no open case at the month end.
        _referral(c, "RF", "F", "2016-01-01", close="2016-08-31")
        # G: worker allocated from 1 Sep -> unallocated in Aug, allocated in Sep.
        _referral(c, "RG", "G", "2016-08-20")
        c.allocate("G", "T_DAR", "2016-09-01")
        # U (UASC): no worker.
        _referral(c, "RU", "U", "2016-01-01", team="T_UASC")
        return c

    def test_council(self, council: Council) -> None:
        figures = council.figures("SCS-07", "2016-08", "2016-09")
        aug = figures["2016-08", "council", "KCC", "all"]
        assert (aug.value, aug.denominator) == (5, None)  # B, C, E, G, U
        assert figures["2016-09", "council", "KCC", "all"].value == 4  # B, C, E, U
        assert figures["2016-08", "council", "KCC", "exc_uasc"].value == 4

    def test_by_referral_team(self, council: Council) -> None:
        figures = council.figures("SCS-07", "2016-08")
        assert figures["2016-08", "team", "T_CAN", "all"].value == 2  # B, E
        assert figures["2016-08", "team", "T_DAR", "all"].value == 2  # C, G
        assert figures["2016-08", "area", "AREA_CW", "all"].value == 1  # U
        assert figures["2016-08", "team", "T_CIC_N", "all"].value == 0
