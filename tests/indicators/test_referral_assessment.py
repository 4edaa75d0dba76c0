"""Referral and assessment indicators on hand-built fixtures.

Every expected numerator and denominator is worked out by hand from the rows
the test adds; the comments say how.
"""

from __future__ import annotations

import pytest
from council import Council, d


def _referral(c: Council, rid: str, pid: str, day: str, team: str = "T_DAR") -> None:
    c.add(
        "ssd_cin_episodes",
        cine_referral_id=rid,
        cine_person_id=pid,
        cine_referral_date=d(day),
        cine_referral_team=team,
    )


class TestSCS01:
    """Re-referrals within 12 months (365 days), rolling 12 months."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        c.child("A", "2010-01-01").child("B", "2011-01-01").child(
            "U", "2000-06-01", uasc_from="2015-01-01"
        )
        # A: 2015-09-01 (first in window; previous 2015-03-01 is 184 days before -> repeat),
        #    2016-08-31 (364 days after 2015-09-01 -> repeat).
        _referral(c, "R1", "A", "2015-03-01")
        _referral(c, "R2", "A", "2015-09-01")
        _referral(c, "R3", "A", "2016-08-31")
        # B: 2015-08-31 is outside the Sep 2015-Aug 2016 window; 2016-08-30 is 365 days
        #    after it (2016 is a leap year) -> repeat at exactly the boundary.
        _referral(c, "R4", "B", "2015-08-31", team="T_CAN")
        _referral(c, "R5", "B", "2016-08-30", team="T_CAN")
        # U (UASC): one referral in the window, 366 days after the previous -> not a repeat.
        _referral(c, "R6", "U", "2015-01-01", team="T_UASC")
        _referral(c, "R7", "U", "2016-01-02", team="T_UASC")
        return c

    def test_council(self, council: Council) -> None:
        # In window: R2 (repeat), R3 (repeat), R5 (repeat), R7 (not) -> 3 / 4.
        fig = council.figure("SCS-01", "2016-08")
        assert (fig.numerator, fig.denominator) == (3, 4)
        assert fig.value == pytest.approx(75.0)

    def test_excluding_uasc(self, council: Council) -> None:
        fig = council.figure("SCS-01", "2016-08", cohort="exc_uasc")
        assert (fig.numerator, fig.denominator) == (3, 3)

    def test_by_team_and_area(self, council: Council) -> None:
        figures = council.figures("SCS-01", "2016-08")
        assert (
            figures["2016-08", "team", "T_DAR", "all"].numerator,
            figures["2016-08", "team", "T_DAR", "all"].denominator,
        ) == (2, 2)
        assert figures["2016-08", "area", "AREA_E", "all"].denominator == 1
        assert figures["2016-08", "area", "AREA_CW", "all"].numerator == 0
        # A team with no referrals still gets a row, with no value.
        assert figures["2016-08", "team", "T_CIC_N", "all"].value is None

    def test_rolling_three_months(self, council: Council) -> None:
        # Jun-Aug 2016: R3 and R5, both repeats.
        fig = council.figure("SCS-01:R3M", "2016-08")
        assert (fig.numerator, fig.denominator) == (2, 2)


def test_act02_referrals_in_the_month() -> None:
    c = Council()
    c.child("A", "2010-01-01").child("U", "2000-06-01", uasc_from="2016-01-01")
    _referral(c, "R1", "A", "2016-07-31")  # July: not August
    _referral(c, "R2", "A", "2016-08-01")  # first day of the month
    _referral(c, "R3", "A", "2016-08-31", team="T_CAN")  # last day
    _referral(c, "R4", "U", "2016-08-15", team="T_UASC")
    _referral(c, "R5", "A", "2016-09-01")  # September
    figures = c.figures("ACT-02", "2016-07", "2016-09")
    assert figures["2016-08", "council", "KCC", "all"].value == 3
    assert figures["2016-08", "council", "KCC", "all"].denominator is None
    assert figures["2016-08", "council", "KCC", "exc_uasc"].value == 2
    assert figures["2016-07", "council", "KCC", "all"].value == 1
    assert figures["2016-08", "team", "T_CAN", "all"].value == 1
    # Counts are zero, not missing, where nothing happened.
    assert figures["2016-08", "team", "T_CIC_N", "all"].value == 0


def _assessment(
    c: Council,
    aid: str,
    pid: str,
    start: str,
    auth: str | None,
    team: str = "T_DAR",
    seen: str | None = "Y",
) -> None:
    c.add(
        "ssd_cin_assessments",
        cina_assessment_id=aid,
        cina_person_id=pid,
        cina_referral_id=f"R-{aid}",
        cina_assessment_start_date=d(start),
        cina_assessment_auth_date=d(auth) if auth else None,
        cina_assessment_team=team,
        cina_assessment_child_seen=seen,
    )


class TestSCS02AndSCS04:
    """Assessments within 45 working days, and child seen at assessment (rolling 12 months).

    Working days are counted by hand: the start day is day 0; weekends and bank
    holidays (Mon 30 May 2016, Mon 29 Aug 2016, Fri 25 Dec 2015, Mon 28 Dec 2015,
    Fri 1 Jan 2016) are skipped.
    """

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        c.child("A", "2010-01-01").child("B", "2011-01-01").child(
            "U", "2000-06-01", uasc_from="2015-06-01"
        )
        # AS1: starts on the bank holiday Mon 30 May 2016; 31 May is day 1, Fri 1 Jul is
        #      day 24, Fri 29 Jul day 44, Mon 1 Aug day 45 -> in time (exactly 45). Seen.
        _assessment(c, "AS1", "A", "2016-05-30", "2016-08-01")
        # AS2: same start, authorised Tue 2 Aug = day 46 -> late. Child not seen.
        _assessment(c, "AS2", "A", "2016-05-30", "2016-08-02", seen="N")
        # AS3: starts Mon 16 Nov 2015; Thu 24 Dec is day 28, 25 and 28 Dec and 1 Jan are bank
        #      holidays, Thu 31 Dec is day 31, Fri 15 Jan day 41, Thu 21 Jan day 45 -> in time.
        _assessment(c, "AS3", "B", "2015-11-16", "2016-01-21", team="T_CAN")
        # AS4: same start, authorised Fri 22 Jan = day 46 -> late. Child-seen flag empty.
        _assessment(c, "AS4", "B", "2015-11-16", "2016-01-22", team="T_CAN", seen=None)
        # AS5 (UASC): started and authorised on 31 Aug 2016 -> day 0, in time. Seen.
        _assessment(c, "AS5", "U", "2016-08-31", "2016-08-31", team="T_UASC")
        # Outside the Sep 2015 - Aug 2016 window: authorised 31 Aug 2015, 1 Sep 2016, never.
        _assessment(c, "AS6", "A", "2015-08-03", "2015-08-31")
        _assessment(c, "AS7", "B", "2016-08-25", "2016-09-01", team="T_CAN")
        _assessment(c, "AS8", "B", "2016-08-25", None, team="T_CAN")
        return c

    def test_scs02_council(self, council: Council) -> None:
        # In window: AS1 (in), AS2 (late), AS3 (in), AS4 (late), AS5 (in) -> 3 / 5.
        fig = council.figure("SCS-02", "2016-08")
        assert (fig.numerator, fig.denominator) == (3, 5)
        assert fig.value == pytest.approx(60.0)

    def test_scs02_excluding_uasc(self, council: Council) -> None:
        # Without AS5 -> 2 / 4.
        fig = council.figure("SCS-02", "2016-08", cohort="exc_uasc")
        assert (fig.numerator, fig.denominator) == (2, 4)

    def test_scs02_by_team_and_area(self, council: Council) -> None:
        figures = council.figures("SCS-02", "2016-08")
        dar = figures["2016-08", "team", "T_DAR", "all"]
        assert (dar.numerator, dar.denominator) == (1, 2)  # AS1 in, AS2 late
        east = figures["2016-08", "area", "AREA_E", "all"]
        assert (east.numerator, east.denominator) == (1, 2)  # AS3 in, AS4 late
        cw = figures["2016-08", "area", "AREA_CW", "all"]
        assert (cw.numerator, cw.denominator) == (1, 1)  # AS5

    def test_scs02_rolling_three_months(self, council: Council) -> None:
        # Jun-Aug 2016: AS1 (in), AS2 (late), AS5 (in) -> 2 / 3.
        fig = council.figure("SCS-02:R3M", "2016-08")
        assert (fig.numerator, fig.denominator) == (2, 3)

    def test_scs04_council(self, council: Council) -> None:
        # Seen: AS1, AS3, AS5; not seen: AS2 (N), AS4 (empty flag) -> 3 / 5.
        fig = council.figure("SCS-04", "2016-08")
        assert (fig.numerator, fig.denominator) == (3, 5)

    def test_scs04_excluding_uasc_and_team(self, council: Council) -> None:
        fig = council.figure("SCS-04", "2016-08", cohort="exc_uasc")
        assert (fig.numerator, fig.denominator) == (2, 4)
        can = council.figure("SCS-04", "2016-08", unit="T_CAN")
        assert (can.numerator, can.denominator) == (1, 2)  # AS3 seen, AS4 not


class TestSCS03:
    """Assessments in progress at the month end for more than 45 working days."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        c.child("A", "2010-01-01").child("B", "2011-01-01").child(
            "U", "2000-06-01", uasc_from="2015-06-01"
        )
        # Counting back from Wed 31 Aug 2016 (Mon 29 Aug is a bank holiday): the working
        # days after Tue 28 Jun up to 31 Aug are 45; after Mon 27 Jun, 46.
        _assessment(c, "O1", "A", "2016-06-28", None)  # 45 at 31 Aug -> not yet out
        _assessment(c, "O2", "A", "2016-06-27", None)  # 46 -> out of timescale
        # O3: authorised on the month end itself -> no longer in progress.
        _assessment(c, "O3", "B", "2016-06-27", "2016-08-31", team="T_CAN")
        # O4: authorised the day after the month end -> still in progress at 31 Aug, 46.
        _assessment(c, "O4", "B", "2016-06-27", "2016-09-01", team="T_CAN")
        # O5 (UASC): open since Mon 4 Jan 2016 -> far past 45 at July, August, September.
        _assessment(c, "O5", "U", "2016-01-04", None, team="T_UASC")
        _assessment(c, "O6", "B", "2016-09-01", None, team="T_CAN")  # not started in Aug
        return c

    def test_council(self, council: Council) -> None:
        figures = council.figures("SCS-03", "2016-07", "2016-09")
        # July: only O5 (O2 and O4 had run 24 working days by 31 Jul).
        assert figures["2016-07", "council", "KCC", "all"].value == 1
        # August: O2, O4, O5.
        aug = figures["2016-08", "council", "KCC", "all"]
        assert (aug.value, aug.denominator) == (3, None)
        # September: O1 (now well past 45), O2, O5; O4 was authorised on 1 Sep; O6 has run
        # 21 working days.
        assert figures["2016-09", "council", "KCC", "all"].value == 3

    def test_excluding_uasc_and_teams(self, council: Council) -> None:
        figures = council.figures("SCS-03", "2016-08")
        assert figures["2016-08", "council", "KCC", "exc_uasc"].value == 2  # O2, O4
        assert figures["2016-08", "team", "T_DAR", "all"].value == 1  # O2
        assert figures["2016-08", "team", "T_CAN", "all"].value == 1  # O4
        assert figures["2016-08", "area", "AREA_CW", "all"].value == 1  # O5
        assert figures["2016-08", "team", "T_CIC_N", "all"].value == 0
