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
