"""Care leaver indicators on hand-built fixtures.

Every expected numerator and denominator is worked out by hand from the rows
the test adds; the comments say how. ``ssd_care_leavers`` holds one row per
contact or birthday; a young person's position on a day is their latest row
on or before it. August 2016's rolling 12 months run from 1 September 2015
to 31 August 2016.
"""

from __future__ import annotations

from typing import Any

import pytest
from council import Council, d

FR = "FORMER_RELEVANT"


def _row(
    c: Council,
    rid: str,
    pid: str,
    day: str,
    touch: str,
    *,
    elig: str = FR,
    accom: str | None = None,
    suitable: str | None = None,
    activity: str | None = None,
    review: str | None = None,
    team: str = "T_CL",
) -> None:
    c.add(
        "ssd_care_leavers",
        clea_table_id=rid,
        clea_person_id=pid,
        clea_care_leaver_eligibility=elig,
        clea_care_leaver_in_touch=touch,
        clea_care_leaver_latest_contact=d(day),
        clea_care_leaver_accommodation=accom,
        clea_care_leaver_accom_suitable=suitable,
        clea_care_leaver_activity=activity,
        clea_pathway_plan_review_date=d(review) if review else None,
        clea_care_leaver_allocated_team=team,
    )


def _pair(fig: Any) -> tuple[float, float | None]:
    return (fig.numerator, fig.denominator)


class TestAroundTheBirthday:
    """SCS-32, 33, 34 (17th-21st birthdays) and their DfE variants (19th-21st)."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        # L1: 19th birthday 10 Mar 2016; looked at as at 10 Apr 2016 -> the birthday row:
        #     in touch, suitable, NEET (G5). The row of 11 Apr comes too late.
        c.child("L1", "1997-03-10")
        _row(c, "L1-a", "L1", "2016-01-05", "YES", accom="D", suitable="1", activity="F2")
        _row(c, "L1-b", "L1", "2016-03-10", "YES", accom="U", suitable="1", activity="G5")
        _row(c, "L1-c", "L1", "2016-04-11", "NO", accom="R", activity="0")
        # L2: 18th birthday 15 Aug 2016: the August figure cannot look a month ahead and
        #     uses the position at 31 Aug: the row of that day, not in touch. September's
        #     figure uses the position at 15 Sep: in touch again (row of 10 Sep).
        c.child("L2", "1998-08-15")
        _row(c, "L2-a", "L2", "2016-08-15", "YES", accom="Z", suitable="1", activity="F3")
        _row(c, "L2-b", "L2", "2016-08-31", "NO", accom="R", activity="0")
        _row(c, "L2-c", "L2", "2016-09-10", "YES", accom="Z", suitable="1", activity="F3")
        # L3: 20th birthday 1 Sep 2015 (first day of the window), as at 1 Oct 2015. Two rows
        #     on 20 Sep 2015: the later id (L3-b) wins -> in touch, B&B unsuitable, P3 (EET).
        #     21st birthday 1 Sep 2016: in September's window, as at 30 Sep 2016 -> L3-b.
        c.child("L3", "1995-09-01")
        _row(c, "L3-a", "L3", "2015-09-20", "NO", accom="R", activity="0")
        _row(c, "L3-b", "L3", "2015-09-20", "YES", accom="W", suitable="2", activity="P3")
        # L4: 17th birthday 1 Feb 2016 while still in care (eligible) -> not a care leaver.
        c.child("L4", "1999-02-01")
        _row(c, "L4-a", "L4", "2016-01-20", "YES", elig="ELIGIBLE", activity="F2")
        # L5: 20th birthday 30 Jun 2016; died (row of 1 May 2016).
        c.child("L5", "1996-06-30")
        _row(c, "L5-a", "L5", "2016-05-01", "DIED")
        # L6 (UASC): 18th birthday 25 Dec 2015, as at 25 Jan 2016 -> in touch, suitable,
        #     F2; the row names the UASC team.
        c.child("L6", "1997-12-25", uasc_from="2014-01-01")
        _row(
            c,
            "L6-a",
            "L6",
            "2015-12-25",
            "YES",
            accom="D",
            suitable="1",
            activity="F2",
            team="T_UASC",
        )
        # L7: 20th birthday 31 Jan 2016; one month on is 29 Feb 2016, the day of its row:
        #     refuses contact, residence not known.
        c.child("L7", "1996-01-31")
        _row(c, "L7-a", "L7", "2016-02-29", "REFU", accom="R", activity="0")
        # L8: 20th birthday 11 Nov 2015; returned home (RHOM).
        c.child("L8", "1995-11-11")
        _row(c, "L8-a", "L8", "2015-11-01", "RHOM", accom="B", activity="0")
        # L9: 20th birthday 5 Apr 2016 but no row on or before 5 May 2016 -> not counted.
        c.child("L9", "1996-04-05")
        _row(c, "L9-a", "L9", "2016-05-06", "YES", accom="U", suitable="1", activity="F1")
        # L10 (UASC): 19th birthday 1 Jul 2016, as at 1 Aug 2016 -> not in touch.
        c.child("L10", "1997-07-01", uasc_from="2014-01-01")
        _row(c, "L10-a", "L10", "2016-06-01", "NO", accom="R", activity="0")
        return c

    # Cohort for August 2016 (17th-21st birthdays): L1 YES, L2 NO, L3 YES, L5 DIED, L6 YES
    # (UASC), L7 REFU, L8 RHOM, L10 NO (UASC) = 8.

    def test_scs32_in_touch(self, council: Council) -> None:
        fig = council.figure("SCS-32")
        assert _pair(fig) == (3, 8)
        assert fig.value == pytest.approx(37.5)
        # Without L6 and L10: L1, L3 in touch of 6.
        assert _pair(council.figure("SCS-32", cohort="exc_uasc")) == (2, 6)
        assert _pair(council.figure("SCS-32", unit="T_CL")) == (2, 7)
        assert _pair(council.figure("SCS-32", unit="T_UASC")) == (1, 1)

    def test_scs32_september(self, council: Council) -> None:
        # Sep 2016 window (1 Oct 2015 - 30 Sep 2016): L1 YES, L2 YES (as at 15 Sep), L3 YES
        # (21st birthday, as at 30 Sep), L5, L6 YES, L7, L8, L10 -> 4 / 8.
        assert _pair(council.figure("SCS-32", "2016-09")) == (4, 8)

    def test_scs32_rolling_three_months(self, council: Council) -> None:
        # Jun-Aug 2016 birthdays: L2 (NO), L5 (DIED), L10 (NO) -> 0 / 3.
        assert _pair(council.figure("SCS-32:R3M")) == (0, 3)

    def test_scs33_suitable_of_in_touch(self, council: Council) -> None:
        # In touch: L1 (suitable), L3 (unsuitable), L6 (suitable) -> 2 / 3.
        assert _pair(council.figure("SCS-33")) == (2, 3)
        assert _pair(council.figure("SCS-33", cohort="exc_uasc")) == (1, 2)
        assert _pair(council.figure("SCS-33", unit="T_UASC")) == (1, 1)

    def test_scs34_eet_of_in_touch(self, council: Council) -> None:
        # In touch: L1 (G5, NEET), L3 (P3), L6 (F2) -> 2 / 3.
        assert _pair(council.figure("SCS-34")) == (2, 3)
        assert _pair(council.figure("SCS-34", cohort="exc_uasc")) == (1, 2)
        assert _pair(council.figure("SCS-34", unit="T_CL")) == (1, 2)

    # DfE cohort (19th-21st birthdays): L1 (19), L3 (20), L5 (20, died), L7 (20), L8 (20,
    # RHOM), L10 (19, UASC); L2 and L6 are 18; L9 has no position.

    def test_scs32_dfe_not_in_touch(self, council: Council) -> None:
        # Without DIED (L5) and RHOM (L8): L1, L3, L7, L10; not in touch (NO): L10 -> 1 / 4.
        # REFU (L7) is neither.
        assert _pair(council.figure("SCS-32-DFE")) == (1, 4)
        assert _pair(council.figure("SCS-32-DFE", cohort="exc_uasc")) == (0, 3)

    def test_scs33_dfe_suitable(self, council: Council) -> None:
        # Also without residence not known (L7, L10: R): L1 (suitable), L3 (not) -> 1 / 2.
        assert _pair(council.figure("SCS-33-DFE")) == (1, 2)
        assert _pair(council.figure("SCS-33-DFE", unit="T_CL")) == (1, 2)

    def test_scs34_dfe_eet(self, council: Council) -> None:
        # L1, L3, L7, L10 (not in touch stay in); EET: L3 (P3) -> 1 / 4.
        assert _pair(council.figure("SCS-34-DFE")) == (1, 4)
        assert _pair(council.figure("SCS-34-DFE", cohort="exc_uasc")) == (1, 3)


class TestSCS35:
    """Care leavers in touch with a pathway plan reviewed in the last 6 months."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in ("P1", "P2", "P3", "P4", "P7", "P8", "P10"):
            c.child(pid, "1997-01-01")
        # P1: contact on the month end; plan reviewed 1 Mar 2016, after 29 Feb -> yes.
        _row(c, "P1-a", "P1", "2016-08-31", "YES", review="2016-03-01")
        # P2: reviewed 29 Feb 2016, exactly 6 months before 31 Aug -> not in the 6 months.
        _row(c, "P2-a", "P2", "2016-06-01", "YES", review="2016-02-29")
        # P3: latest contact 31 Aug 2015, not in the 12 months to 31 Aug 2016 -> left out.
        _row(c, "P3-a", "P3", "2015-08-31", "YES", review="2015-08-31")
        # P4: contact 1 Sep 2015 (in the 12 months); plan reviewed then -> no.
        _row(c, "P4-a", "P4", "2015-09-01", "YES", review="2015-09-01")
        # P5: 21 on 31 Aug 2016 -> left out.
        c.child("P5", "1995-08-31")
        _row(c, "P5-a", "P5", "2016-08-01", "YES", review="2016-08-01")
        # P6: 20 at the month end (21 the next day); reviewed 1 Jul 2016 -> yes.
        c.child("P6", "1995-09-01")
        _row(c, "P6-a", "P6", "2016-07-01", "YES", review="2016-07-01")
        # P7: in touch in May, not in touch at the latest contact (20 Aug) -> left out in
        #     August; in July the May row holds: in touch, reviewed 1 May -> yes.
        _row(c, "P7-a", "P7", "2016-05-01", "YES", review="2016-05-01")
        _row(c, "P7-b", "P7", "2016-08-20", "NO", review="2016-05-01")
        # P8: still in care (eligible) -> left out.
        _row(c, "P8-a", "P8", "2016-08-01", "YES", elig="ELIGIBLE", review="2016-08-01")
        # P9 (UASC): relevant (17), reviewed 1 Apr 2016 -> yes; UASC team.
        c.child("P9", "1999-01-01", uasc_from="2015-01-01")
        _row(
            c,
            "P9-a",
            "P9",
            "2016-04-01",
            "YES",
            elig="RELEVANT",
            review="2016-04-01",
            team="T_UASC",
        )
        # P10: first row after the month end -> no position at 31 Aug.
        _row(c, "P10-a", "P10", "2016-09-01", "YES", review="2016-09-01")
        return c

    def test_council(self, council: Council) -> None:
        # Denominator P1, P2, P4, P6, P9 = 5; reviewed in 6 months P1, P6, P9 = 3.
        fig = council.figure("SCS-35")
        assert _pair(fig) == (3, 5)
        assert fig.value == pytest.approx(60.0)
        assert _pair(council.figure("SCS-35", cohort="exc_uasc")) == (2, 4)
        assert _pair(council.figure("SCS-35", unit="T_UASC")) == (1, 1)
        assert _pair(council.figure("SCS-35", unit="AREA_CW")) == (3, 5)

    def test_july(self, council: Council) -> None:
        # 31 Jul 2016: P2 (reviewed 29 Feb, after 31 Jan -> yes), P3 (contact 31 Aug 2015
        # is now within 12 months; review too old -> no), P4 (no), P6 (yes), P7 (the May
        # row: yes), P9 (yes); P1, P5 and P10 have no row yet -> 4 / 6.
        assert _pair(council.figure("SCS-35", "2016-07")) == (4, 6)


class TestCIC30:
    """Current care leavers living with former foster carers (staying put)."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in ("S1", "S2", "S3", "S4", "S7", "S9"):
            c.child(pid, "1998-01-01")
        _row(c, "S1-a", "S1", "2016-08-01", "YES", accom="Z", suitable="1")  # staying put
        _row(c, "S2-a", "S2", "2016-08-01", "YES", accom="D", suitable="1")
        _row(c, "S3-a", "S3", "2016-03-01", "NO", accom="R")
        _row(c, "S4-a", "S4", "2016-05-01", "DIED")  # died -> not current
        c.child("S5", "1999-01-01")
        _row(c, "S5-a", "S5", "2016-06-01", "YES", elig="RELEVANT", accom="E", suitable="1")
        c.child("S6", "1995-08-31")  # 21 on the month end -> not current
        _row(c, "S6-a", "S6", "2016-08-01", "YES", accom="Z", suitable="1")
        _row(c, "S7-a", "S7", "2016-08-01", "YES", elig="ELIGIBLE")  # still in care
        c.child("S8", "1998-01-01", uasc_from="2015-01-01")
        _row(c, "S8-a", "S8", "2016-02-01", "YES", accom="Z", suitable="1", team="T_UASC")
        # S9 lived with former foster carers in January, moved on by the month end.
        _row(c, "S9-a", "S9", "2016-01-01", "YES", accom="Z", suitable="1")
        _row(c, "S9-b", "S9", "2016-08-31", "YES", accom="U", suitable="1")
        return c

    def test_council(self, council: Council) -> None:
        # Current: S1, S2, S3, S5, S8, S9 = 6; staying put S1, S8 = 2.
        fig = council.figure("CIC-30")
        assert _pair(fig) == (2, 6)
        assert _pair(council.figure("CIC-30", cohort="exc_uasc")) == (1, 5)
        assert _pair(council.figure("CIC-30", unit="T_UASC")) == (1, 1)

    def test_july(self, council: Council) -> None:
        # 31 Jul: S1, S2, S6 (rows in August) not yet known; S3, S5, S8, S9 (still Z) current;
        # S4 died -> staying put S8, S9 of 4.
        assert _pair(council.figure("CIC-30", "2016-07")) == (2, 4)


class TestTwentyFirstBirthday:
    """CIC-30 and SCS-35 stop counting a care leaver on their 21st birthday (age_at)."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        # Q1: born 29 Feb 1996 -> 21 on 1 Mar 2017 (2017 has no 29 February): 20 on
        #     28 Feb 2017, 21 on 31 Mar 2017.
        c.child("Q1", "1996-02-29")
        # Q2: born 28 Feb 1996 -> 21 on the month end 28 Feb 2017 itself.
        c.child("Q2", "1996-02-28")
        # Q3: born 31 Mar 1996 -> 20 on 28 Feb 2017, 21 on the month end 31 Mar 2017.
        c.child("Q3", "1996-03-31")
        for pid in ("Q1", "Q2", "Q3"):
            # In touch, staying put, pathway plan reviewed at the contact.
            _row(c, f"{pid}-a", pid, "2017-01-15", "YES", accom="Z", review="2017-01-15")
        return c

    def test_january(self, council: Council) -> None:
        # 31 Jan 2017: all three are 20 -> 3 / 3 for both.
        assert _pair(council.figure("CIC-30", "2017-01")) == (3, 3)
        assert _pair(council.figure("SCS-35", "2017-01")) == (3, 3)

    def test_february(self, council: Council) -> None:
        # 28 Feb 2017: Q1 and Q3 are 20; Q2 turned 21 that day -> 2 / 2.
        assert _pair(council.figure("CIC-30", "2017-02")) == (2, 2)
        assert _pair(council.figure("SCS-35", "2017-02")) == (2, 2)

    def test_march(self, council: Council) -> None:
        # 31 Mar 2017: Q1 (21 since 1 Mar), Q2 and Q3 (21 that day) are all 21 -> none.
        assert _pair(council.figure("CIC-30", "2017-03")) == (0, 0)
        assert _pair(council.figure("SCS-35", "2017-03")) == (0, 0)
