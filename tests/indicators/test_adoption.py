"""Adoption and permanence indicators on hand-built fixtures.

Every expected numerator and denominator is worked out by hand from the rows
the test adds; the comments say how. August 2016's rolling 12 months run from
1 September 2015 to 31 August 2016; the DfE adoption scorecard variants are
reported at March over the three financial years to 31 March.
"""

from __future__ import annotations

from typing import Any

import pytest
from council import Council, d


def _episode(
    c: Council,
    eid: str,
    pid: str,
    cla: str,
    start: str,
    ceased: str | None = None,
    reason: str | None = None,
    *,
    entered: str | None = None,
) -> None:
    c.add(
        "ssd_cla_episodes",
        clae_cla_episode_id=eid,
        clae_person_id=pid,
        clae_cla_id=cla,
        clae_cla_episode_start_date=d(start),
        clae_cla_episode_start_reason="S",
        clae_cla_episode_ceased_date=d(ceased) if ceased else None,
        clae_cla_episode_ceased_reason=reason,
        clae_entered_care_date=d(entered) if entered else None,
    )


def _perm(c: Council, rid: str, pid: str, cla: str | None, **dates: Any) -> None:
    """An ssd_permanence row; date columns are given as text, the rest as is."""
    values = {
        k: (d(v) if k.endswith("_date") and isinstance(v, str) else v) for k, v in dates.items()
    }
    c.add("ssd_permanence", perm_table_id=rid, perm_person_id=pid, perm_cla_id=cla, **values)


def _pair(fig: Any) -> tuple[float, float | None]:
    return (fig.numerator, fig.denominator)


class TestSCS28:
    """Agency decisions within 4 calendar months of becoming looked after."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDE":
            c.child(pid, "2014-01-01")
        c.child("U", "2001-01-01", uasc_from="2015-12-01")
        # A: looked after 31 Oct 2015; 4 months later is 29 Feb 2016 (leap year) and the
        # decision is on that day -> within.
        _episode(c, "EA", "A", "CA", "2015-10-31")
        _perm(c, "PA", "A", "CA", perm_adm_decision_date="2016-02-29")
        c.allocate("A", "T_CIC_N", "2015-10-31")
        # B: looked after 1 Nov 2015; the limit is 1 Mar 2016; decided 2 Mar -> not within.
        #    Case held by T_CAN until 1 Mar 2016 (end exclusive), nothing after: the last
        #    team to hold it is T_CAN.
        _episode(c, "EB", "B", "CB", "2015-11-01")
        _perm(c, "PB", "B", "CB", perm_adm_decision_date="2016-03-02")
        c.allocate("B", "T_CAN", "2015-11-01", "2016-03-01")
        # C: came into care 1 Jun 2015 (first episode has no entered-care date, the second
        #    carries it); decided 1 Sep 2015 (first day of the window) -> within 4 months.
        #    Transferred from T_DAR to T_CIC_N on the day of the decision.
        _episode(c, "EC1", "C", "CC", "2015-06-01", "2015-09-15", "X1")
        _episode(c, "EC2", "C", "CC", "2015-09-15", entered="2015-06-01")
        _perm(c, "PC", "C", "CC", perm_adm_decision_date="2015-09-01")
        c.allocate("C", "T_DAR", "2015-06-01")
        c.allocate("C", "T_CIC_N", "2015-09-01")
        # D: decision on 31 Aug 2015, the day before the window.
        _episode(c, "ED", "D", "CD", "2015-06-01")
        _perm(c, "PD", "D", "CD", perm_adm_decision_date="2015-08-31")
        # E: decision with no period of care recorded -> cannot be timed, left out; and an
        #    SGO row (no decision date) -> not a decision.
        _perm(c, "PE", "E", None, perm_adm_decision_date="2016-01-01")
        _perm(
            c,
            "PE2",
            "E",
            None,
            perm_permanence_order_date="2016-01-01",
            perm_permanence_order_type="SGO",
        )
        # U (UASC): looked after 10 Jan 2016, decided 31 Aug 2016 (last day) -> not within.
        _episode(c, "EU", "U", "CU", "2016-01-10")
        _perm(c, "PU", "U", "CU", perm_adm_decision_date="2016-08-31")
        c.allocate("U", "T_UASC", "2016-01-10")
        return c

    def test_council(self, council: Council) -> None:
        # In window: A (yes), B (no), C (yes), U (no) -> 2 / 4.
        fig = council.figure("SCS-28")
        assert _pair(fig) == (2, 4)
        assert fig.value == pytest.approx(50.0)

    def test_excluding_uasc(self, council: Council) -> None:
        assert _pair(council.figure("SCS-28", cohort="exc_uasc")) == (2, 3)

    def test_teams(self, council: Council) -> None:
        # T_CIC_N: A and C (C moved there on the decision day); T_CAN: B (last team).
        assert _pair(council.figure("SCS-28", unit="T_CIC_N")) == (2, 2)
        assert _pair(council.figure("SCS-28", unit="T_CAN")) == (0, 1)
        assert _pair(council.figure("SCS-28", unit="T_DAR")) == (0, 0)
        assert _pair(council.figure("SCS-28", unit="AREA_CW")) == (0, 1)

    def test_rolling_three_months(self, council: Council) -> None:
        # Jun-Aug 2016: only U's decision.
        assert _pair(council.figure("SCS-28:R3M")) == (0, 1)


class TestSCS29:
    """Days from becoming looked after to moving in with the adoptive family."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDEFG":
            c.child(pid, "2012-01-01")
        c.child("U", "2013-01-01", uasc_from="2015-02-01")

        def adopted(pid: str, entered: str, placed: str | None, order: str, **more: Any) -> None:
            _episode(c, f"E{pid}", pid, f"C{pid}", entered, order, "E11")
            _perm(
                c,
                f"P{pid}",
                pid,
                f"C{pid}",
                perm_placed_for_adoption_date=placed,
                perm_permanence_order_date=order,
                perm_permanence_order_type="ADOPTION",
                **more,
            )

        # A: 1 Jan 2015 -> placed 1 Oct 2015 = 273 days; order 15 Mar 2016.
        adopted("A", "2015-01-01", "2015-10-01", "2016-03-15")
        c.allocate("A", "T_ADO", "2015-09-01")
        # B: 30 Jun 2014 -> placed 28 Dec 2015 = 546 days; order 31 Aug 2016 (last day).
        adopted("B", "2014-06-30", "2015-12-28", "2016-08-31")
        c.allocate("B", "T_CIC_N", "2014-06-30")
        # C: adopted by foster carers. 1 Apr 2013 -> placed for adoption 1 Sep 2015 = 883
        #    days (SCS-29); moved in with those carers as foster carers 1 Jan 2014 = 275
        #    days (A10). Order 30 Nov 2015.
        adopted(
            "C",
            "2013-04-01",
            "2015-09-01",
            "2015-11-30",
            perm_adopted_by_carer_flag="Y",
            perm_placed_foster_carer_date="2014-01-01",
        )
        c.allocate("C", "T_ADO", "2013-04-01")
        # F: fostering for adoption, no foster-carer date but an FFA placement date.
        #    1 Jan 2015 -> placed 1 Jun 2015 = 151 days (SCS-29); -> FFA 1 Mar 2015 = 59
        #    days (A10). Order 1 Dec 2015.
        adopted(
            "F",
            "2015-01-01",
            "2015-06-01",
            "2015-12-01",
            perm_adopted_by_carer_flag="Y",
            perm_placed_ffa_cp_date="2015-03-01",
        )
        # U (UASC): 1 Feb 2015 -> placed 1 Aug 2015 = 181 days; order 31 Jan 2016.
        adopted("U", "2015-02-01", "2015-08-01", "2016-01-31")
        c.allocate("U", "T_UASC", "2015-02-01")
        # D: 1 Jan 2012 -> placed 1 Jan 2013 = 366 days (leap year); order 1 Apr 2013 (first
        #    day of the DfE 3-year window to Mar 2016; before the Aug 2016 window).
        adopted("D", "2012-01-01", "2013-01-01", "2013-04-01")
        # E: order 31 Mar 2013, the day before the 3-year window.
        adopted("E", "2012-01-01", "2012-10-01", "2013-03-31")
        # G: adoption order with no date placed -> left out; and an SGO -> not adopted.
        adopted("G", "2014-01-01", None, "2016-02-01")
        _perm(
            c,
            "PG2",
            "G",
            "CG",
            perm_placed_for_adoption_date="2015-01-01",
            perm_permanence_order_date="2016-02-01",
            perm_permanence_order_type="SGO",
        )
        return c

    def test_council(self, council: Council) -> None:
        # Orders Sep 2015-Aug 2016: A 273 + B 546 + C 883 + F 151 + U 181 = 2034 / 5.
        fig = council.figure("SCS-29")
        assert _pair(fig) == (2034, 5)
        assert fig.value == pytest.approx(406.8)

    def test_excluding_uasc(self, council: Council) -> None:
        assert _pair(council.figure("SCS-29", cohort="exc_uasc")) == (1853, 4)

    def test_teams(self, council: Council) -> None:
        # T_ADO: A 273 + C 883; F has no allocation -> unallocated.
        assert _pair(council.figure("SCS-29", unit="T_ADO")) == (1156, 2)
        assert _pair(council.figure("SCS-29", unit="UNALLOCATED")) == (151, 1)
        assert _pair(council.figure("SCS-29", unit="AREA_N")) == (546, 1)

    def test_dfe_a10_three_years_to_march(self, council: Council) -> None:
        # Orders 1 Apr 2013 - 31 Mar 2016: A 273, C 275 (foster carers), D 366, F 59 (FFA),
        # U 181 = 1154 / 5. B (Aug 2016) and E (31 Mar 2013) are outside.
        fig = council.figure("SCS-29-DFE", "2016-03")
        assert _pair(fig) == (1154, 5)
        assert fig.value == pytest.approx(230.8)
        assert _pair(council.figure("SCS-29-DFE", "2016-03", cohort="exc_uasc")) == (973, 4)

    def test_dfe_reported_at_march_only(self, council: Council) -> None:
        months = {key[0] for key in council.figures("SCS-29-DFE", "2016-01", "2016-08")}
        assert months == {"2016-03"}


class TestSCS30:
    """Days from placement order to match, children matched in the window."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDE":
            c.child(pid, "2014-01-01")
        c.child("U", "2014-01-01", uasc_from="2014-06-01")
        # A: order 1 Jun 2015, matched 1 Sep 2015 (first day of window) = 92 days.
        _perm(
            c,
            "PA",
            "A",
            "CA",
            perm_placement_order_date="2015-06-01",
            perm_matched_date="2015-09-01",
        )
        c.allocate("A", "T_ADO", "2015-01-01")
        # B: matched 20 May 2016, before the placement order of 30 May 2016 -> 0 days.
        _perm(
            c,
            "PB",
            "B",
            "CB",
            perm_placement_order_date="2016-05-30",
            perm_matched_date="2016-05-20",
        )
        c.allocate("B", "T_ADO", "2015-01-01")
        # C: order 25 Dec 2015, matched 31 Aug 2016 (last day) = 250 days.
        _perm(
            c,
            "PC",
            "C",
            "CC",
            perm_placement_order_date="2015-12-25",
            perm_matched_date="2016-08-31",
        )
        c.allocate("C", "T_CIC_N", "2015-01-01")
        # D: matched 31 Aug 2015, before the window.
        _perm(
            c,
            "PD",
            "D",
            "CD",
            perm_placement_order_date="2015-01-01",
            perm_matched_date="2015-08-31",
        )
        # E: matched without a placement order (placed with consent) -> not counted.
        _perm(c, "PE", "E", "CE", perm_matched_date="2016-01-01")
        # U (UASC): order 1 Jan 2016, matched 1 Mar 2016 = 60 days (2016 is a leap year).
        _perm(
            c,
            "PU",
            "U",
            "CU",
            perm_placement_order_date="2016-01-01",
            perm_matched_date="2016-03-01",
        )
        return c

    def test_council(self, council: Council) -> None:
        # A 92 + B 0 + C 250 + U 60 = 402 / 4.
        fig = council.figure("SCS-30")
        assert _pair(fig) == (402, 4)
        assert fig.value == pytest.approx(100.5)

    def test_excluding_uasc(self, council: Council) -> None:
        assert _pair(council.figure("SCS-30", cohort="exc_uasc")) == (342, 3)

    def test_teams(self, council: Council) -> None:
        assert _pair(council.figure("SCS-30", unit="T_ADO")) == (92, 2)
        assert _pair(council.figure("SCS-30", unit="T_CIC_N")) == (250, 1)

    def test_rolling_three_months(self, council: Council) -> None:
        # Jun-Aug 2016: C only.
        assert _pair(council.figure("SCS-30:R3M")) == (250, 1)


class TestSCS30DfE:
    """A2: placement order to match, children adopted in the three years to March."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "PQRST":
            c.child(pid, "2012-01-01")
        c.child("U", "2012-01-01", uasc_from="2013-01-01")

        def row(pid: str, po: str | None, matched: str, placed: str | None, order: str) -> None:
            _perm(
                c,
                f"X{pid}",
                pid,
                f"C{pid}",
                perm_placement_order_date=po,
                perm_matched_date=matched,
                perm_placed_for_adoption_date=placed,
                perm_permanence_order_date=order,
                perm_permanence_order_type="ADOPTION",
            )

        # P: order 1 Jan 2013 -> match 1 Mar 2013 = 59 days; adopted 1 Apr 2013 (first day).
        row("P", "2013-01-01", "2013-03-01", "2013-03-20", "2013-04-01")
        c.allocate("P", "T_ADO", "2012-06-01")
        # Q: matched before the placement order -> 0 days; adopted 31 Mar 2016 (last day).
        row("Q", "2015-06-01", "2015-05-01", "2015-06-10", "2016-03-31")
        # R: 1 Jan 2014 -> 1 Apr 2014 = 90 days; adopted 1 Apr 2016 (next year's window).
        row("R", "2014-01-01", "2014-04-01", "2014-05-01", "2016-04-01")
        # S: no placement order -> excluded.
        row("S", None, "2014-02-01", "2014-03-01", "2014-10-01")
        # T: never placed for adoption before the order -> excluded.
        row("T", "2014-01-01", "2014-06-01", None, "2015-01-01")
        # U (UASC): 1 Jul 2014 -> 29 Sep 2014 = 90 days; adopted 1 Jun 2015.
        row("U", "2014-07-01", "2014-09-29", "2014-10-15", "2015-06-01")
        return c

    def test_march_2016(self, council: Council) -> None:
        # P 59 + Q 0 + U 90 = 149 / 3.
        fig = council.figure("SCS-30-DFE", "2016-03")
        assert _pair(fig) == (149, 3)
        assert _pair(council.figure("SCS-30-DFE", "2016-03", cohort="exc_uasc")) == (59, 2)
        assert _pair(council.figure("SCS-30-DFE", "2016-03", unit="T_ADO")) == (59, 1)

    def test_march_2017(self, council: Council) -> None:
        # 1 Apr 2014 - 31 Mar 2017: Q 0 + R 90 + U 90 = 180 / 3 (P has dropped out).
        assert _pair(council.figure("SCS-30-DFE", "2017-03")) == (180, 3)


class TestLeavingCare:
    """SCS-31, CIC-22, CIC-23 and CIC-24: how children left care in the window."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDEFG":
            c.child(pid, "2008-01-01")
        c.child("U", "1998-06-01", uasc_from="2015-01-01")
        # A adopted (E11) on 1 Sep 2015, first day of the window.
        _episode(c, "EA", "A", "CA", "2013-01-01", "2015-09-01", "E11")
        c.allocate("A", "T_ADO", "2014-01-01")
        # B adopted (E12) on 31 Aug 2016, last day; the allocation ends that day (end
        # exclusive) but T_CIC_N is still the last team to hold the case.
        _episode(c, "EB", "B", "CB", "2013-01-01", "2016-08-31", "E12")
        c.allocate("B", "T_CIC_N", "2013-01-01", "2016-08-31")
        # C special guardianship (E45), D special guardianship (E48).
        _episode(c, "EC", "C", "CC", "2014-01-01", "2016-01-15", "E45")
        c.allocate("C", "T_CIC_N", "2014-01-01")
        _episode(c, "ED", "D", "CD", "2014-01-01", "2016-03-01", "E48")
        c.allocate("D", "T_CAN", "2014-01-01")
        # E went home (E4A) on 1 Apr 2016, came back and left again (E13) on 20 Jul 2016:
        # two periods of care ending, both counted.
        _episode(c, "EE1", "E", "CE1", "2015-01-01", "2016-04-01", "E4A")
        _episode(c, "EE2", "E", "CE2", "2016-05-01", "2016-07-20", "E13")
        # F: an X1 end only closes an episode for the next one -> not leaving care.
        _episode(c, "EF1", "F", "CF", "2015-01-01", "2016-05-30", "X1")
        _episode(c, "EF2", "F", "CF", "2016-05-30")
        # G adopted on 31 Aug 2015, the day before the window.
        _episode(c, "EG", "G", "CG", "2013-01-01", "2015-08-31", "E11")
        # U (UASC) left care at 18 (E8) on 1 Jun 2016.
        _episode(c, "EU", "U", "CU", "2015-01-01", "2016-06-01", "E8")
        c.allocate("U", "T_UASC", "2015-01-01")
        return c

    def test_scs31_adopted(self, council: Council) -> None:
        # Leavers: A, B, C, D, E twice, U = 7; adopted A, B = 2.
        assert _pair(council.figure("SCS-31")) == (2, 7)
        fig = council.figure("SCS-31", cohort="exc_uasc")
        assert _pair(fig) == (2, 6)
        assert fig.value == pytest.approx(100 * 2 / 6)
        assert _pair(council.figure("SCS-31", unit="T_CIC_N")) == (1, 2)
        assert _pair(council.figure("SCS-31", unit="AREA_CW")) == (1, 2)

    def test_scs31_rolling_three_months(self, council: Council) -> None:
        # Jun-Aug 2016: B (adopted), E's second leaving, U -> 1 / 3.
        assert _pair(council.figure("SCS-31:R3M")) == (1, 3)

    def test_cic22_and_cic23_sgo(self, council: Council) -> None:
        # SGO: C and D -> 2 of 7 leavers, 2 of 6 excluding UASC; CIC-23 is the same query.
        assert _pair(council.figure("CIC-22")) == (2, 7)
        assert _pair(council.figure("CIC-22", cohort="exc_uasc")) == (2, 6)
        assert _pair(council.figure("CIC-23")) == (2, 7)
        assert _pair(council.figure("CIC-23", cohort="exc_uasc")) == (2, 6)
        assert _pair(council.figure("CIC-23", unit="T_CAN")) == (1, 1)

    def test_cic24_adopted_or_sgo(self, council: Council) -> None:
        # A, B, C, D -> 4 of 7; 4 of 6 excluding UASC.
        assert _pair(council.figure("CIC-24")) == (4, 7)
        assert _pair(council.figure("CIC-24", cohort="exc_uasc")) == (4, 6)
        assert _pair(council.figure("CIC-24", unit="AREA_N")) == (2, 2)


class TestCIC20:
    """Children in sibling groups placed for adoption together."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDEF":
            c.child(pid, "2012-01-01")
        c.child("U", "2012-01-01", uasc_from="2015-01-01")

        def placed(
            pid: str, group: str, together: int | None, apart: int | None, day: str | None
        ) -> None:
            _perm(
                c,
                f"P{pid}",
                pid,
                f"C{pid}",
                perm_part_of_sibling_group=group,
                perm_siblings_placed_together=together,
                perm_siblings_placed_apart=apart,
                perm_placed_for_adoption_date=day,
            )

        placed("A", "1", 2, 0, "2015-09-01")  # together, first day -> yes
        c.allocate("A", "T_ADO", "2015-01-01")
        placed("B", "1", 1, 2, "2016-02-29")  # two siblings placed apart -> no
        c.allocate("B", "T_ADO", "2015-01-01")
        placed("C", "1", 3, None, "2016-08-31")  # none recorded apart, last day -> yes
        placed("D", "0", 1, 0, "2016-01-01")  # not in a sibling group -> not counted
        placed("E", "1", 2, 0, "2015-08-31")  # before the window
        placed("F", "1", 2, 0, None)  # not placed yet
        placed("U", "1", 2, 1, "2016-06-01")  # UASC, one sibling apart -> no
        return c

    def test_council(self, council: Council) -> None:
        # A, B, C, U placed; A and C with all their siblings -> 2 / 4.
        assert _pair(council.figure("CIC-20")) == (2, 4)
        assert _pair(council.figure("CIC-20", cohort="exc_uasc")) == (2, 3)
        assert _pair(council.figure("CIC-20", unit="T_ADO")) == (1, 2)


class TestCIC21:
    """Children looked after with a current agency decision, not yet placed."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDEFGHI":
            c.child(pid, "2012-01-01")
        c.child("U", "2000-01-01", uasc_from="2015-01-01")
        for pid in "ABCDEH":
            _episode(c, f"E{pid}", pid, f"C{pid}", "2015-01-01")
        for pid in "ABC":
            c.allocate(pid, "T_CIC_N", "2015-01-01")
        # A: decision 1 Mar 2016, nothing since -> waiting.
        _perm(c, "PA", "A", "CA", perm_adm_decision_date="2016-03-01")
        # B: decision 1 Feb 2016, placed for adoption 31 Aug 2016 -> placed by the Aug month
        #    end, still waiting at the end of July.
        _perm(
            c,
            "PB",
            "B",
            "CB",
            perm_adm_decision_date="2016-02-01",
            perm_placed_for_adoption_date="2016-08-31",
        )
        # C: decision on 31 Aug 2016 itself -> waiting in August, not in July.
        _perm(c, "PC", "C", "CC", perm_adm_decision_date="2016-08-31")
        # D: decision reversed on 1 Jun 2016 -> not waiting in July or August.
        _perm(
            c,
            "PD",
            "D",
            "CD",
            perm_adm_decision_date="2016-01-01",
            perm_decision_reversed_date="2016-06-01",
        )
        # E: looked after, no adoption decision.
        # F: decision in an earlier period of care (CF1, ended with a return home); now in
        #    a new period (CF2) -> not waiting.
        _episode(c, "EF1", "F", "CF1", "2013-01-01", "2014-01-01", "E4A")
        _episode(c, "EF2", "F", "CF2", "2015-06-01")
        _perm(c, "PF", "F", "CF1", perm_adm_decision_date="2013-06-01")
        # G: decision, placed 1 Jul 2016, adopted (left care) 31 Aug 2016 -> in care at the
        #    end of July (placed, so not waiting), not in care at the end of August.
        _episode(c, "EG", "G", "CG", "2015-01-01", "2016-08-31", "E11")
        _perm(
            c,
            "PG",
            "G",
            "CG",
            perm_adm_decision_date="2016-05-01",
            perm_placed_for_adoption_date="2016-07-01",
        )
        # H: decision with no period of care recorded -> matched to the child: waiting.
        _perm(c, "PH", "H", None, perm_adm_decision_date="2016-04-01")
        # I: episode change (X1) on 31 Aug 2016: looked after once, not twice.
        _episode(c, "EI1", "I", "CI", "2015-05-01", "2016-08-31", "X1")
        _episode(c, "EI2", "I", "CI", "2016-08-31")
        # U (UASC): looked after, no decision.
        _episode(c, "EU", "U", "CU", "2015-01-01")
        return c

    def test_august(self, council: Council) -> None:
        # Looked after 31 Aug: A B C D E F H I U = 9; waiting A, C, H = 3.
        fig = council.figure("CIC-21")
        assert _pair(fig) == (3, 9)
        assert fig.value == pytest.approx(100 * 3 / 9)
        assert _pair(council.figure("CIC-21", cohort="exc_uasc")) == (3, 8)
        # T_CIC_N holds A, B, C: A and C waiting.
        assert _pair(council.figure("CIC-21", unit="T_CIC_N")) == (2, 3)

    def test_july(self, council: Council) -> None:
        # Looked after 31 Jul: A B C D E F G H I U = 10; waiting A, B, H = 3.
        assert _pair(council.figure("CIC-21", "2016-07")) == (3, 10)


class TestCIC21OverlappingEpisodes:
    """A child with two open episodes in different periods of care counts once."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "JK":
            c.child(pid, "2012-01-01")
        # J: open episodes in CJ1 (from 1 Jan 2015) and CJ2 (from 1 Jan 2016), a data
        #    error; the decision belongs to CJ1, the earlier-starting period -> counted
        #    once, in CJ2 (the later-starting episode): not waiting.
        _episode(c, "EJ1", "J", "CJ1", "2015-01-01")
        _episode(c, "EJ2", "J", "CJ2", "2016-01-01")
        _perm(c, "PJ", "J", "CJ1", perm_adm_decision_date="2016-03-01")
        # K: the same, with the decision in the later-starting period CK2 -> waiting.
        _episode(c, "EK1", "K", "CK1", "2015-01-01")
        _episode(c, "EK2", "K", "CK2", "2016-02-01")
        _perm(c, "PK", "K", "CK2", perm_adm_decision_date="2016-03-01")
        return c

    def test_august(self, council: Council) -> None:
        # Looked after 31 Aug 2016: J and K, once each; waiting: K only.
        assert _pair(council.figure("CIC-21")) == (1, 2)


def test_cic19_is_external() -> None:
    from council import library

    indicator = library().get("CIC-19")
    assert indicator.external
    assert "ssd_cla_care_plan.lacp_cla_care_plan_start_date" in indicator.requires
