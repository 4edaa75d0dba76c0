"""Child protection indicators (SCS-10 to SCS-16, CYPF-01) on hand-built fixtures.

Every expected numerator and denominator is worked out by hand from the rows
the test adds; the comments say how. Working days: Monday to Friday except
England and Wales bank holidays, counted after the earlier date up to and
including the later one. Bank holidays used here: Mon 2015-08-31, Fri
2015-12-25, Mon 2015-12-28, Fri 2016-01-01, Mon 2016-05-30, Mon 2016-08-29.
"""

from __future__ import annotations

import pytest
from council import Council, Figure, d

# ---------------------------------------------------------------------------------------
# Row builders


def _plan(c: Council, plan: str, pid: str, start: str, end: str | None = None) -> None:
    c.add(
        "ssd_cp_plans",
        cppl_cp_plan_id=plan,
        cppl_person_id=pid,
        cppl_cp_plan_start_date=d(start),
        cppl_cp_plan_end_date=d(end) if end else None,
        cppl_cp_plan_initial_category="NEG",
    )


def _visit(c: Council, visit: str, plan: str, pid: str, day: str) -> None:
    c.add(
        "ssd_cp_visits",
        cppv_cp_visit_id=visit,
        cppv_person_id=pid,
        cppv_cp_plan_id=plan,
        cppv_cp_visit_date=d(day),
    )


def _review(c: Council, review: str, plan: str, pid: str, day: str, due: str | None) -> None:
    c.add(
        "ssd_cp_reviews",
        cppr_cp_review_id=review,
        cppr_person_id=pid,
        cppr_cp_plan_id=plan,
        cppr_cp_review_date=d(day),
        cppr_cp_review_due=d(due) if due else None,
    )


def _s47(
    c: Council,
    s47: str,
    pid: str,
    start: str,
    end: str | None,
    outcome: str | None = None,
    team: str = "T_DAR",
) -> None:
    c.add(
        "ssd_s47_enquiry",
        s47e_s47_enquiry_id=s47,
        s47e_person_id=pid,
        s47e_s47_start_date=d(start),
        s47e_s47_end_date=d(end) if end else None,
        s47e_s47_outcome_json=outcome,
        s47e_s47_completed_by_team=team,
    )


def _icpc(
    c: Council,
    icpc: str,
    pid: str,
    s47_start: str,
    day: str,
    *,
    team: str = "T_DAR",
    transfer_in: str | None = "N",
) -> None:
    """An initial conference and the section 47 enquiry (started ``s47_start``) before it."""
    _s47(c, f"S-{icpc}", pid, s47_start, s47_start, team=team)
    c.add(
        "ssd_initial_cp_conference",
        icpc_icpc_id=icpc,
        icpc_s47_enquiry_id=f"S-{icpc}",
        icpc_person_id=pid,
        icpc_icpc_transfer_in=transfer_in,
        icpc_icpc_date=d(day),
        icpc_icpc_outcome_cp_flag="Y",
        icpc_icpc_team=team,
    )


def _pair(fig: Figure) -> tuple[float, float | None]:
    return (fig.numerator, fig.denominator)


SEEN = '{"CHILD_SEEN_FLAG":"Y","NFA_FLAG":"N"}'
NOT_SEEN = '{"CHILD_SEEN_FLAG":"N","NFA_FLAG":"N"}'


# ---------------------------------------------------------------------------------------
# SCS-10: current plans lasting 18 months or more (snapshot)


class TestSCS10:
    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDE":
            c.child(pid, "2008-01-01")
        c.child("U", "2000-06-01", uasc_from="2014-01-01")
        # A: started 2015-02-28, exactly 18 months before 31 Aug 2016 (31 Aug minus 18
        #    months = 28 Feb 2015) -> counts.
        _plan(c, "P1", "A", "2015-02-28")
        c.allocate("A", "T_DAR", "2015-01-01")
        # B: started 2015-03-01, a day short -> not 18 months. Moved from T_DAR to T_CAN
        #    on 2016-08-15, so it is T_CAN's at the month end.
        _plan(c, "P2", "B", "2015-03-01")
        c.allocate("B", "T_DAR", "2015-01-01", "2016-08-15")
        c.allocate("B", "T_CAN", "2016-08-15", worker="W2")
        # C: ended on 31 Aug 2016 itself -> not open at the August month end (open in July).
        _plan(c, "P3", "C", "2014-01-01", "2016-08-31")
        c.allocate("C", "T_DAR", "2013-01-01")
        # D: ends 1 Sep 2016, so open at the month end; 18 months+; no allocation.
        _plan(c, "P4", "D", "2014-06-01", "2016-09-01")
        # U (UASC): open since 2014 -> counts.
        _plan(c, "P5", "U", "2014-01-01")
        c.allocate("U", "T_UASC", "2014-01-01")
        # E: starts in September -> not open in August.
        _plan(c, "P6", "E", "2016-09-01")
        return c

    def test_council(self, council: Council) -> None:
        # Open at 31 Aug: A (yes), B (no), D (yes), U (yes) -> 3 / 4.
        fig = council.figure("SCS-10", "2016-08")
        assert _pair(fig) == (3, 4)
        assert fig.value == pytest.approx(75.0)

    def test_previous_month(self, council: Council) -> None:
        # 31 Jul 2016 (18 months back: 31 Jan 2015): A, B not yet; C, D, U yes -> 3 / 5.
        assert _pair(council.figure("SCS-10", "2016-07")) == (3, 5)

    def test_excluding_uasc(self, council: Council) -> None:
        assert _pair(council.figure("SCS-10", "2016-08", cohort="exc_uasc")) == (2, 3)

    def test_teams(self, council: Council) -> None:
        figures = council.figures("SCS-10", "2016-08")
        assert _pair(figures["2016-08", "team", "T_DAR", "all"]) == (1, 1)  # A
        assert _pair(figures["2016-08", "team", "T_CAN", "all"]) == (0, 1)  # B, after the move
        assert _pair(figures["2016-08", "team", "UNALLOCATED", "all"]) == (1, 1)  # D
        assert _pair(figures["2016-08", "area", "AREA_E", "all"]) == (0, 1)
        assert _pair(figures["2016-08", "area", "AREA_CW", "all"]) == (1, 1)  # U


# ---------------------------------------------------------------------------------------
# SCS-11: CP visits within 10 working days (current plans, counts visits)


class TestSCS11:
    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCD":
            c.child(pid, "2008-01-01")
        c.child("U", "2001-06-01", uasc_from="2016-01-01")
        c.allocate("A", "T_DAR", "2016-01-01")
        c.allocate("B", "T_CAN", "2016-01-01")
        c.allocate("C", "T_DAR", "2016-01-01")
        c.allocate("U", "T_UASC", "2016-01-01")
        # A: plan from Fri 2016-07-01.
        _plan(c, "PA", "A", "2016-07-01")
        _visit(c, "VA1", "PA", "A", "2016-07-15")  # 10 wd after the start -> in time
        _visit(c, "VA2", "PA", "A", "2016-08-01")  # 11 wd after 07-15 -> late
        _visit(c, "VA3", "PA", "A", "2016-08-12")  # 9 wd -> in time
        _visit(c, "VA4", "PA", "A", "2016-08-26")  # 10 wd -> in time
        _visit(c, "VA5", "PA", "A", "2016-09-09")  # after the August month end
        # B: plan from Tue 2016-08-16; visit Wed 08-31 is 11 weekdays later but the bank
        #    holiday on Mon 08-29 makes it 10 working days -> in time. A second visit the
        #    same day is 0 working days after the first -> in time.
        _plan(c, "PB", "B", "2016-08-16")
        _visit(c, "VB1", "PB", "B", "2016-08-31")
        _visit(c, "VB2", "PB", "B", "2016-08-31")
        # C: plan 2016-06-01 to 2016-08-20 (ended: not current at the end of August).
        _plan(c, "PC", "C", "2016-06-01", "2016-08-20")
        _visit(c, "VC1", "PC", "C", "2016-06-15")  # 10 wd -> in time
        _visit(c, "VC2", "PC", "C", "2016-07-01")  # 12 wd -> late
        # U (UASC): plan from Mon 2016-08-01, visit Fri 08-19 is 14 wd -> late.
        _plan(c, "PU", "U", "2016-08-01")
        _visit(c, "VU1", "PU", "U", "2016-08-19")
        # D: plan open at the month end but no visit yet -> nothing to count.
        _plan(c, "PD", "D", "2016-08-30")
        return c

    def test_council(self, council: Council) -> None:
        # A 3 of 4 visits in time, B 2 of 2, U 0 of 1; C's plan has ended -> 5 / 7.
        assert _pair(council.figure("SCS-11", "2016-08")) == (5, 7)

    def test_previous_month(self, council: Council) -> None:
        # 31 Jul: A 1 of 1 (07-15), C 1 of 2 (C's plan still open) -> 2 / 3.
        assert _pair(council.figure("SCS-11", "2016-07")) == (2, 3)

    def test_excluding_uasc(self, council: Council) -> None:
        assert _pair(council.figure("SCS-11", "2016-08", cohort="exc_uasc")) == (5, 6)

    def test_teams(self, council: Council) -> None:
        figures = council.figures("SCS-11", "2016-08")
        assert _pair(figures["2016-08", "team", "T_DAR", "all"]) == (3, 4)  # A only
        assert _pair(figures["2016-08", "team", "T_CAN", "all"]) == (2, 2)  # B
        assert _pair(figures["2016-08", "area", "AREA_CW", "all"]) == (0, 1)  # U


# ---------------------------------------------------------------------------------------
# SCS-12 and SCS-12-DFE: CP reviews within timescale (snapshot)


class TestSCS12:
    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDEFGH":
            c.child(pid, "2008-01-01")
        c.child("U", "2001-06-01", uasc_from="2016-01-01")
        for pid in "ACDEFGH":
            c.allocate(pid, "T_DAR", "2015-01-01")
        c.allocate("B", "T_CAN", "2015-01-01")
        c.allocate("U", "T_UASC", "2016-01-01")
        # A: both reviews held before their recorded due dates; by the DfE rule the first
        #    (04-08) is within 3 months of 01-10 and the second (08-05) within 6 months of
        #    it; next due 2017-02-05.
        _plan(c, "PA", "A", "2016-01-10")
        _review(c, "RA1", "PA", "A", "2016-04-08", "2016-04-10")
        _review(c, "RA2", "PA", "A", "2016-08-05", "2016-10-08")
        # B: first review late (09-05, due 09-01), second in time: once late, stays out.
        _plan(c, "PB", "B", "2015-06-01")
        _review(c, "RB1", "PB", "B", "2015-09-05", "2015-09-01")
        _review(c, "RB2", "PB", "B", "2016-03-01", "2016-03-05")
        # C: started 2016-06-01, no review yet: not in SCS-12 (no review), not in the DfE
        #    one (3 months from 06-01 is 09-01, after the month end).
        _plan(c, "PC", "C", "2016-06-01")
        # D: plan ended 2016-07-01 -> not current in July or August.
        _plan(c, "PD", "D", "2016-01-01", "2016-07-01")
        _review(c, "RD1", "PD", "D", "2016-04-01", "2016-04-01")
        # U (UASC): first review held on 31 Aug (the month end, so it counts), due 08-01
        #    -> late in both.
        _plan(c, "PU", "U", "2016-05-01")
        _review(c, "RU1", "PU", "U", "2016-08-31", "2016-08-01")
        # E: review with no recorded due date (not late for SCS-12); by the DfE rule it is
        #    on the last allowed day (3 months from 02-01 is 05-01) -> in time.
        _plan(c, "PE", "E", "2016-02-01")
        _review(c, "RE1", "PE", "E", "2016-05-01", None)
        # F: started 2016-05-31, exactly 3 months before 31 Aug -> in the DfE denominator;
        #    its first review is due on 31 Aug itself, so not overdue yet -> in time.
        _plan(c, "PF", "F", "2016-05-31")
        # G: started 2016-04-15, no review: first review was due 2016-07-15 -> overdue
        #    (DfE: out of timescale; SCS-12: not counted, no review yet).
        _plan(c, "PG", "G", "2016-04-15")
        # H: review on time 2016-01-01 (due 01-01), next due by 2016-07-01 but none held:
        #    SCS-12 still counts H in time (every review held was on time); the DfE rule
        #    does not.
        _plan(c, "PH", "H", "2015-10-01")
        _review(c, "RH1", "PH", "H", "2016-01-01", "2016-01-01")
        return c

    def test_local_council(self, council: Council) -> None:
        # Current plans with a review by 31 Aug: A (in), B (out), U (out), E (in),
        # H (in) -> 3 / 5.
        assert _pair(council.figure("SCS-12", "2016-08")) == (3, 5)

    def test_local_previous_month(self, council: Council) -> None:
        # 31 Jul: A (review 04-08 only, in), B (out), E (in), H (in); U not reviewed
        # yet; D ended -> 3 / 4.
        assert _pair(council.figure("SCS-12", "2016-07")) == (3, 4)

    def test_local_excluding_uasc_and_teams(self, council: Council) -> None:
        assert _pair(council.figure("SCS-12", "2016-08", cohort="exc_uasc")) == (3, 4)
        figures = council.figures("SCS-12", "2016-08")
        assert _pair(figures["2016-08", "team", "T_DAR", "all"]) == (3, 3)  # A, E, H
        assert _pair(figures["2016-08", "team", "T_CAN", "all"]) == (0, 1)  # B
        assert _pair(figures["2016-08", "area", "AREA_CW", "all"]) == (0, 1)  # U

    def test_dfe_council(self, council: Council) -> None:
        # On a plan 3 months+ at 31 Aug (started by 31 May): A (in), B (out), U (out),
        # E (in), F (in), G (out, overdue), H (out, overdue) -> 3 / 7.
        assert _pair(council.figure("SCS-12-DFE", "2016-08")) == (3, 7)

    def test_dfe_previous_month(self, council: Council) -> None:
        # 31 Jul (started by 30 Apr): A (in), B (out), E (in, next due 11-01),
        # G (out: due 07-15), H (out: due 07-01); U, F too recent; D ended -> 2 / 5.
        assert _pair(council.figure("SCS-12-DFE", "2016-07")) == (2, 5)

    def test_dfe_excluding_uasc_and_teams(self, council: Council) -> None:
        assert _pair(council.figure("SCS-12-DFE", "2016-08", cohort="exc_uasc")) == (3, 6)
        figures = council.figures("SCS-12-DFE", "2016-08")
        # T_DAR: A, E, F in; G, H out.
        assert _pair(figures["2016-08", "team", "T_DAR", "all"]) == (3, 5)
        assert _pair(figures["2016-08", "area", "AREA_E", "all"]) == (0, 1)  # B


# ---------------------------------------------------------------------------------------
# SCS-13 and SCS-13-24M: second or subsequent plans (rolling 12 months)


class TestSCS13:
    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDEFG":
            c.child(pid, "2005-01-01")
            if pid != "B":
                c.allocate(pid, "T_DAR", "2010-01-01")
        c.child("U", "2000-06-01", uasc_from="2014-06-01")
        c.allocate("U", "T_UASC", "2014-06-01")
        # B moves from T_DAR to T_CAN on the day the new plan starts -> T_CAN's.
        c.allocate("B", "T_DAR", "2010-01-01", "2016-08-31")
        c.allocate("B", "T_CAN", "2016-08-31", worker="W2")
        # Window for August 2016: 2015-09-01 to 2016-08-31.
        # A: previous plan ended 2013-01-01, 1,104 days before -> ever yes, 24M no.
        _plan(c, "P1", "A", "2012-01-01", "2013-01-01")
        _plan(c, "P2", "A", "2016-01-10")
        # B: previous plan ended 2014-09-01, exactly 730 days before 2016-08-31 (the
        #    window's last day) -> ever yes, 24M yes.
        _plan(c, "P3", "B", "2014-01-01", "2014-09-01")
        _plan(c, "P4", "B", "2016-08-31")
        # C: previous ended 2014-08-30, 731 days before 2016-08-30 -> ever yes, 24M no.
        _plan(c, "P5", "C", "2013-01-01", "2014-08-30")
        _plan(c, "P6", "C", "2016-08-30")
        # D: first plan ever on 2015-09-01 (window's first day) -> no; second plan
        #    2016-03-01, two months after the first ended -> ever yes, 24M yes.
        _plan(c, "P7", "D", "2015-09-01", "2016-01-01")
        _plan(c, "P8", "D", "2016-03-01")
        # E: first plan 2015-08-31, before the window -> not counted.
        _plan(c, "P9", "E", "2015-08-31")
        # U (UASC): previous ended 2015-06-01 -> ever yes, 24M yes.
        _plan(c, "P10", "U", "2015-01-01", "2015-06-01")
        _plan(c, "P11", "U", "2015-10-01")
        # F: the earlier plan (2015-06-01, before the window) never ended -> the new one
        #    is a repeat either way.
        _plan(c, "P12", "F", "2015-06-01")
        _plan(c, "P13", "F", "2016-02-01")
        # G: two plans starting the same day: neither started before the other -> no.
        _plan(c, "P14", "G", "2016-04-01")
        _plan(c, "P15", "G", "2016-04-01")
        return c

    # Starts in the window: P2, P4, P6, P7, P8, P11, P13, P14, P15 = 9.

    def test_ever_council(self, council: Council) -> None:
        # Repeats ever: P2, P4, P6, P8, P11, P13 -> 6 / 9.
        fig = council.figure("SCS-13", "2016-08")
        assert _pair(fig) == (6, 9)
        assert fig.value == pytest.approx(100 * 6 / 9)

    def test_within_24_months_council(self, council: Council) -> None:
        # Within 730 days: P4, P8, P11, P13 -> 4 / 9.
        assert _pair(council.figure("SCS-13-24M", "2016-08")) == (4, 9)

    def test_excluding_uasc(self, council: Council) -> None:
        # U's P11 leaves both.
        assert _pair(council.figure("SCS-13", "2016-08", cohort="exc_uasc")) == (5, 8)
        assert _pair(council.figure("SCS-13-24M", "2016-08", cohort="exc_uasc")) == (3, 8)

    def test_teams(self, council: Council) -> None:
        ever = council.figures("SCS-13", "2016-08")
        # T_DAR: P2, P6, P7, P8, P13, P14, P15; repeats P2, P6, P8, P13.
        assert _pair(ever["2016-08", "team", "T_DAR", "all"]) == (4, 7)
        assert _pair(ever["2016-08", "team", "T_CAN", "all"]) == (1, 1)  # B's P4
        assert _pair(ever["2016-08", "area", "AREA_N", "all"]) == (4, 7)
        within = council.figures("SCS-13-24M", "2016-08")
        assert _pair(within["2016-08", "team", "T_DAR", "all"]) == (2, 7)  # P8, P13

    def test_rolling_three_months(self, council: Council) -> None:
        # Jun-Aug 2016: P4 (repeat both ways) and P6 (ever only).
        assert _pair(council.figure("SCS-13:R3M", "2016-08")) == (2, 2)
        assert _pair(council.figure("SCS-13-24M:R3M", "2016-08")) == (1, 2)


# ---------------------------------------------------------------------------------------
# SCS-14: plans lasting 2 years or more at de-registration (rolling 12 months)


class TestSCS14:
    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDEF":
            c.child(pid, "2005-01-01")
        c.child("U", "2000-06-01", uasc_from="2013-06-01")
        # A: 2014-08-31 to 2016-08-30 is 730 days (> 729) -> 2 years. The case moved to the
        #    children in care team on the day the plan ended; the plan counts for the team
        #    holding it on its last day (08-29): T_DAR.
        _plan(c, "P1", "A", "2014-08-31", "2016-08-30")
        c.allocate("A", "T_DAR", "2014-01-01", "2016-08-30")
        c.allocate("A", "T_CIC_N", "2016-08-30", worker="W2")
        # B: 2014-09-01 to 2016-08-30 is 729 days -> not 2 years.
        _plan(c, "P2", "B", "2014-09-01", "2016-08-30")
        c.allocate("B", "T_CAN", "2014-01-01")
        # C: ended on the window's first day, after 2.7 years -> counts; no allocation.
        _plan(c, "P3", "C", "2013-01-01", "2015-09-01")
        # D: ends 2016-09-01, after the window; E: ended 2015-08-31, before it.
        _plan(c, "P4", "D", "2014-01-01", "2016-09-01")
        _plan(c, "P5", "E", "2013-01-01", "2015-08-31")
        # F: still open -> not counted.
        _plan(c, "P6", "F", "2013-01-01")
        # U (UASC): 2014-01-01 to 2016-03-01 (790 days) -> counts.
        _plan(c, "P7", "U", "2014-01-01", "2016-03-01")
        c.allocate("U", "T_UASC", "2013-06-01")
        return c

    def test_council(self, council: Council) -> None:
        # Ended Sep 2015-Aug 2016: P1 (yes), P2 (no), P3 (yes), P7 (yes) -> 3 / 4.
        assert _pair(council.figure("SCS-14", "2016-08")) == (3, 4)

    def test_excluding_uasc(self, council: Council) -> None:
        assert _pair(council.figure("SCS-14", "2016-08", cohort="exc_uasc")) == (2, 3)

    def test_teams(self, council: Council) -> None:
        figures = council.figures("SCS-14", "2016-08")
        assert _pair(figures["2016-08", "team", "T_DAR", "all"]) == (1, 1)  # A
        assert _pair(figures["2016-08", "team", "T_CIC_N", "all"]) == (0, 0)
        assert _pair(figures["2016-08", "team", "T_CAN", "all"]) == (0, 1)  # B
        assert _pair(figures["2016-08", "team", "UNALLOCATED", "all"]) == (1, 1)  # C

    def test_rolling_three_months(self, council: Council) -> None:
        # Jun-Aug 2016: P1 (yes) and P2 (no).
        assert _pair(council.figure("SCS-14:R3M", "2016-08")) == (1, 2)


# ---------------------------------------------------------------------------------------
# SCS-15: children seen at section 47 enquiries (rolling 12 months)


class TestSCS15:
    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCD":
            c.child(pid, "2005-01-01")
        c.child("U", "2000-06-01", uasc_from="2015-06-01")
        _s47(c, "S1", "A", "2015-08-20", "2015-09-01", SEEN)  # window's first day, seen
        _s47(c, "S2", "A", "2016-08-20", "2016-08-31", NOT_SEEN)  # last day, not seen
        _s47(c, "S3", "B", "2015-08-20", "2015-08-31", SEEN, team="T_CAN")  # before window
        # No CHILD_SEEN_FLAG in the outcome -> not seen.
        _s47(c, "S4", "B", "2016-02-15", "2016-02-29", '{"NFA_FLAG":"Y"}', team="T_CAN")
        _s47(c, "S5", "U", "2016-04-20", "2016-05-01", SEEN, team="T_UASC")
        _s47(c, "S6", "C", "2016-08-25", None, SEEN)  # not finished -> not counted
        _s47(c, "S7", "C", "2016-08-25", "2016-09-01", SEEN)  # after the window
        _s47(c, "S8", "D", "2016-03-01", "2016-03-15", None)  # no outcome at all
        return c

    def test_council(self, council: Council) -> None:
        # Completed in the window: S1 (seen), S2, S4, S5 (seen), S8 -> 2 / 5.
        assert _pair(council.figure("SCS-15", "2016-08")) == (2, 5)

    def test_excluding_uasc(self, council: Council) -> None:
        assert _pair(council.figure("SCS-15", "2016-08", cohort="exc_uasc")) == (1, 4)

    def test_teams(self, council: Council) -> None:
        figures = council.figures("SCS-15", "2016-08")
        assert _pair(figures["2016-08", "team", "T_DAR", "all"]) == (1, 3)  # S1, S2, S8
        assert _pair(figures["2016-08", "team", "T_CAN", "all"]) == (0, 1)  # S4
        assert _pair(figures["2016-08", "area", "AREA_CW", "all"]) == (1, 1)  # S5

    def test_rolling_three_months(self, council: Council) -> None:
        # Jun-Aug 2016: S2 only.
        assert _pair(council.figure("SCS-15:R3M", "2016-08")) == (0, 1)


# ---------------------------------------------------------------------------------------
# SCS-16: initial conferences within 15 working days of the S47 start (rolling 12 months)


class TestSCS16:
    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDEFGH":
            c.child(pid, "2005-01-01")
        c.child("U", "2000-06-01", uasc_from="2015-06-01")
        # A: Fri 2016-05-13 -> Mon 2016-06-06: 16 weekdays, less Mon 05-30 = 15 -> in time.
        _icpc(c, "I2", "A", "2016-05-13", "2016-06-06")
        # B: same start, Tue 06-07: 16 working days -> late.
        _icpc(c, "I3", "B", "2016-05-13", "2016-06-07", team="T_CAN")
        # C: Fri 2015-12-18 -> Mon 2016-01-11 over Christmas: 13 working days -> in time.
        _icpc(c, "I4", "C", "2015-12-18", "2016-01-11")
        # D: transfer in -> left out (it would be late).
        _icpc(c, "I5", "D", "2016-01-04", "2016-03-01", transfer_in="Y")
        # E: conference dated before the enquiry started -> left out.
        _icpc(c, "I6", "E", "2016-04-10", "2016-04-05")
        # U (UASC): Mon 2016-08-01 -> Mon 08-22: 15 working days -> in time.
        _icpc(c, "I7", "U", "2016-08-01", "2016-08-22", team="T_UASC")
        # F: Mon 2015-08-10 -> Tue 2015-09-01 (window's first day): 16 weekdays, less
        #    Mon 2015-08-31 = 15 -> in time.
        _icpc(c, "I8", "F", "2015-08-10", "2015-09-01")
        # G: conference 2015-08-28, before the window.
        _icpc(c, "I9", "G", "2015-08-10", "2015-08-28")
        # H: no transfer-in flag recorded (counts); Fri 2016-07-01 -> Mon 07-25: 16 -> late.
        _icpc(c, "I10", "H", "2016-07-01", "2016-07-25", transfer_in=None)
        return c

    def test_council(self, council: Council) -> None:
        # In the window: I2 (in), I3 (late), I4 (in), I7 (in), I8 (in), I10 (late) -> 4 / 6.
        assert _pair(council.figure("SCS-16", "2016-08")) == (4, 6)

    def test_excluding_uasc(self, council: Council) -> None:
        assert _pair(council.figure("SCS-16", "2016-08", cohort="exc_uasc")) == (3, 5)

    def test_teams(self, council: Council) -> None:
        figures = council.figures("SCS-16", "2016-08")
        assert _pair(figures["2016-08", "team", "T_DAR", "all"]) == (3, 4)  # I2, I4, I8, I10
        assert _pair(figures["2016-08", "team", "T_CAN", "all"]) == (0, 1)  # I3
        assert _pair(figures["2016-08", "area", "AREA_CW", "all"]) == (1, 1)  # I7

    def test_rolling_three_months(self, council: Council) -> None:
        # Jun-Aug 2016: I2 (in), I3 (late), I7 (in), I10 (late).
        assert _pair(council.figure("SCS-16:R3M", "2016-08")) == (2, 4)


# ---------------------------------------------------------------------------------------
# CYPF-01: children on a CP plan per 10,000 children aged 0-17


class TestCYPF01:
    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        c.add("local_postcode_districts", postcode="DA1 1AA", district_id="D_DAR")
        c.add("local_postcode_districts", postcode="DA2 2BB", district_id="D_DAR")
        c.add("local_postcode_districts", postcode="CT1 1AA", district_id="D_CAN")
        # Population: 2015 estimate 2,000 (D_DAR) + 3,000 (D_CAN); 2016 estimate
        # 1,500 + 1,000 (D_DAR, ages 0 and 17) and 4,000 (D_CAN); an age-18 row that must
        # be ignored; a 2017 estimate not yet in force in 2016.
        for year, district, age, n in (
            (2015, "D_DAR", 5, 2000),
            (2015, "D_CAN", 5, 3000),
            (2016, "D_DAR", 0, 1500),
            (2016, "D_DAR", 17, 1000),
            (2016, "D_DAR", 18, 50000),
            (2016, "D_CAN", 10, 4000),
            (2017, "D_DAR", 0, 9999),
            (2017, "D_CAN", 0, 9999),
        ):
            c.add(
                "local_population",
                population_year=year,
                district_id=district,
                age=age,
                population=n,
            )
        n = 0

        def home(pid: str, postcode: str, start: str, end: str | None = None) -> None:
            nonlocal n
            n += 1
            c.add(
                "ssd_address",
                addr_table_id=f"AD{n}",
                addr_person_id=pid,
                addr_address_type="HOME",
                addr_address_postcode=postcode,
                addr_address_start_date=d(start),
                addr_address_end_date=d(end) if end else None,
            )

        for pid in "ABCDE":
            c.child(pid, "2008-01-01")
        c.child("U", "2001-06-01", uasc_from="2016-01-01")
        # A: on a plan since 2015-06-01, lives in Dartford.
        _plan(c, "PA", "A", "2015-06-01")
        home("A", "DA1 1AA", "2010-01-01")
        # B: plan from 2016-08-01; moved from Canterbury to Dartford on 2016-08-15.
        _plan(c, "PB", "B", "2016-08-01")
        home("B", "CT1 1AA", "2010-01-01", "2016-08-15")
        home("B", "DA2 2BB", "2016-08-15")
        # C: two overlapping plans (a recording slip) -> one child; Canterbury.
        _plan(c, "PC1", "C", "2016-01-01")
        _plan(c, "PC2", "C", "2016-02-01")
        home("C", "CT1 1AA", "2010-01-01")
        # D: home postcode not in the lookup -> council only (district UNKNOWN).
        _plan(c, "PD", "D", "2016-03-01")
        home("D", "ZZ9 9ZZ", "2010-01-01")
        # U (UASC): Canterbury.
        _plan(c, "PU", "U", "2016-04-01")
        home("U", "CT1 1AA", "2016-01-01")
        # E: plan ended 2016-08-31 -> on a plan in December 2015, not in August 2016.
        _plan(c, "PE", "E", "2015-01-01", "2016-08-31")
        home("E", "DA1 1AA", "2010-01-01")
        return c

    def test_council(self, council: Council) -> None:
        # 31 Aug 2016: A, B, C, D, U = 5 children; 2016 population 2,500 + 4,000 = 6,500.
        fig = council.figure("CYPF-01", "2016-08")
        assert _pair(fig) == (5, 6500)
        assert fig.value == pytest.approx(10000 * 5 / 6500)

    def test_earlier_population_year(self, council: Council) -> None:
        # 31 Dec 2015: A and E on plans; 2015 population 5,000 -> 4.0 per 10,000.
        fig = council.figure("CYPF-01", "2015-12")
        assert _pair(fig) == (2, 5000)
        assert fig.value == pytest.approx(4.0)

    def test_excluding_uasc(self, council: Council) -> None:
        # U leaves the numerator; the population stays.
        assert _pair(council.figure("CYPF-01", "2016-08", cohort="exc_uasc")) == (4, 6500)

    def test_districts_and_areas(self, council: Council) -> None:
        figures = council.figures("CYPF-01", "2016-08")
        # D_DAR: A and B (after her move) over 2,500 -> 8.0.
        dar = figures["2016-08", "district", "D_DAR", "all"]
        assert _pair(dar) == (2, 2500)
        assert dar.value == pytest.approx(8.0)
        # D_CAN: C and U over 4,000 -> 5.0.
        assert figures["2016-08", "district", "D_CAN", "all"].value == pytest.approx(5.0)
        # D: no known district.
        assert _pair(figures["2016-08", "district", "UNKNOWN", "all"]) == (1, 0)
        # Areas follow their districts: AREA_N holds D_DAR, AREA_E holds D_CAN.
        assert _pair(figures["2016-08", "area", "AREA_N", "all"]) == (2, 2500)
        assert _pair(figures["2016-08", "area", "AREA_E", "all"]) == (2, 4000)
        assert _pair(figures["2016-08", "area", "AREA_CW", "all"]) == (0, 0)
        # No team figures for this indicator.
        assert not any(level == "team" for (_m, level, _u, _c) in figures)
