"""Missing children indicators (SCS-09, CIC-25 to CIC-28) on one hand-built fixture.

Every expected figure is worked out by hand from the rows added; the comments
say how. Working days skip weekends and bank holidays (Fri 25 Dec 2015,
Mon 28 Dec 2015, Mon 29 Aug 2016); the day the child came back is day 0.
"""

from __future__ import annotations

import pytest
from council import Council, d


def _missing(c: Council, mid: str, pid: str, start: str, end: str | None) -> None:
    c.add(
        "ssd_missing",
        miss_table_id=mid,
        miss_person_id=pid,
        miss_missing_episode_start_date=d(start),
        miss_missing_episode_type="M",
        miss_missing_episode_end_date=d(end) if end else None,
    )


def _interview(c: Council, mid: str, pid: str, offered: str, completed: str | None) -> None:
    c.add(
        "local_return_interviews",
        rhi_id=f"RHI-{mid}",
        rhi_missing_id=mid,
        rhi_person_id=pid,
        rhi_offered_date=d(offered),
        rhi_completed_date=d(completed) if completed else None,
        rhi_outcome="completed" if completed else "declined",
    )


def _care(c: Council, pid: str, start: str, end: str | None) -> None:
    c.add(
        "ssd_cla_episodes",
        clae_cla_episode_id=f"E-{pid}",
        clae_person_id=pid,
        clae_cla_episode_start_date=d(start),
        clae_cla_episode_start_reason="S",
        clae_cla_episode_ceased_date=d(end) if end else None,
        clae_cla_episode_ceased_reason="E13" if end else None,
        clae_cla_id=f"CLA-{pid}",
    )


@pytest.fixture
def council() -> Council:
    c = Council()
    c.child("A", "2002-01-01").child("B", "2003-01-01").child("C", "2004-01-01")
    c.child("U", "2000-06-01", uasc_from="2015-06-01")
    # A looked after throughout (children in care team, North).
    _care(c, "A", "2015-01-01", None)
    c.allocate("A", "T_CIC_N", "2015-01-01")
    # B looked after 1 Jan - 10 Aug 2016; case moved Dartford -> Canterbury on 5 Aug.
    _care(c, "B", "2016-01-01", "2016-08-10")
    c.allocate("B", "T_DAR", "2016-01-01", "2016-08-05")
    c.allocate("B", "T_CAN", "2016-08-05")
    # C never looked after (Canterbury).
    c.allocate("C", "T_CAN", "2016-01-01")
    # U (UASC) looked after from 1 Jun 2015 (UASC team).
    _care(c, "U", "2015-06-01", None)
    c.allocate("U", "T_UASC", "2015-06-01")

    # M1 A: back Fri 26 Aug; interview Thu 1 Sep = day 3 (Mon 29 Aug bank holiday) -> in time.
    _missing(c, "M1", "A", "2016-08-26", "2016-08-26")
    _interview(c, "M1", "A", "2016-08-26", "2016-09-01")
    # M2 A: 25-26 Aug; interview Fri 2 Sep = day 4 -> late, but completed.
    _missing(c, "M2", "A", "2016-08-25", "2016-08-26")
    _interview(c, "M2", "A", "2016-08-26", "2016-09-02")
    # M3 B: 4-8 Aug (4 days: longer than 48 hours); no interview. Looked after on 4 Aug;
    #    case held by Dartford on 4 Aug, by Canterbury on 8 Aug.
    _missing(c, "M3", "B", "2016-08-04", "2016-08-08")
    # M4 C (not looked after): Fri 10 Jun, interview Mon 13 Jun = day 1 -> in time.
    _missing(c, "M4", "C", "2016-06-10", "2016-06-10")
    _interview(c, "M4", "C", "2016-06-10", "2016-06-13")
    # M5 U: Thu 24 Dec 2015; interview Thu 31 Dec = day 3 (25 and 28 Dec holidays) -> in time.
    _missing(c, "M5", "U", "2015-12-24", "2015-12-24")
    _interview(c, "M5", "U", "2015-12-24", "2015-12-31")
    # M6 A: back 31 Aug 2015 -> before the Sep 2015 - Aug 2016 window.
    _missing(c, "M6", "A", "2015-08-30", "2015-08-31")
    _interview(c, "M6", "A", "2015-08-31", "2015-09-01")
    # M7 A: went missing 31 Aug 2016, not back -> no interview due; a long episode.
    _missing(c, "M7", "A", "2016-08-31", None)
    # M8 B: went missing 10 Aug, the day care ended -> not a child in care's episode.
    #    Interview on the day of return -> in time.
    _missing(c, "M8", "B", "2016-08-10", "2016-08-12")
    _interview(c, "M8", "B", "2016-08-12", "2016-08-12")
    # M9 U: 1-3 Aug (2 days: not counted as longer than 48 hours); interview declined.
    _missing(c, "M9", "U", "2016-08-01", "2016-08-03")
    _interview(c, "M9", "U", "2016-08-03", None)
    # M10 U: 1-4 Jul (3 days: longer); interview Thu 7 Jul = day 3 -> in time.
    _missing(c, "M10", "U", "2016-07-01", "2016-07-04")
    _interview(c, "M10", "U", "2016-07-04", "2016-07-07")
    return c


class TestSCS09:
    """Return interviews within 3 working days, all children, rolling 12 months."""

    def test_council(self, council: Council) -> None:
        # Ended Sep 2015 - Aug 2016: M1 y, M2 n, M3 n, M4 y, M5 y, M8 y, M9 n, M10 y -> 5 / 8.
        fig = council.figure("SCS-09", "2016-08")
        assert (fig.numerator, fig.denominator) == (5, 8)
        assert fig.value == pytest.approx(62.5)

    def test_excluding_uasc(self, council: Council) -> None:
        fig = council.figure("SCS-09", "2016-08", cohort="exc_uasc")
        assert (fig.numerator, fig.denominator) == (3, 5)  # without M5, M9, M10

    def test_by_team_on_return(self, council: Council) -> None:
        figures = council.figures("SCS-09", "2016-08")
        can = figures["2016-08", "team", "T_CAN", "all"]
        assert (can.numerator, can.denominator) == (2, 3)  # M3 n, M4 y, M8 y
        cic = figures["2016-08", "team", "T_CIC_N", "all"]
        assert (cic.numerator, cic.denominator) == (1, 2)  # M1 y, M2 n
        cw = figures["2016-08", "area", "AREA_CW", "all"]
        assert (cw.numerator, cw.denominator) == (2, 3)  # M5 y, M9 n, M10 y

    def test_rolling_three_months(self, council: Council) -> None:
        # Ended Jun-Aug 2016: M1 y, M2 n, M3 n, M4 y, M8 y, M9 n, M10 y -> 4 / 7.
        fig = council.figure("SCS-09:R3M", "2016-08")
        assert (fig.numerator, fig.denominator) == (4, 7)


class TestCIC25AndCIC26:
    """Return interviews for children in care: within 3 working days, and at all."""

    def test_cic25(self, council: Council) -> None:
        # Children in care's episodes ended in the window: M1, M2, M3, M5, M9, M10 (M4: C not
        # looked after; M8: began the day B's care ended). Within 3 days: M1, M5, M10 -> 3 / 6.
        fig = council.figure("CIC-25", "2016-08")
        assert (fig.numerator, fig.denominator) == (3, 6)
        exc = council.figure("CIC-25", "2016-08", cohort="exc_uasc")
        assert (exc.numerator, exc.denominator) == (1, 3)  # M1 of M1, M2, M3
        can = council.figure("CIC-25", "2016-08", unit="T_CAN")
        assert (can.numerator, can.denominator) == (0, 1)  # M3, B back on 8 Aug

    def test_cic26(self, council: Council) -> None:
        # Completed at any time: M1, M2 (late), M5, M10 -> 4 / 6.
        fig = council.figure("CIC-26", "2016-08")
        assert (fig.numerator, fig.denominator) == (4, 6)
        exc = council.figure("CIC-26", "2016-08", cohort="exc_uasc")
        assert (exc.numerator, exc.denominator) == (2, 3)
        cic = council.figure("CIC-26", "2016-08", unit="T_CIC_N")
        assert (cic.numerator, cic.denominator) == (2, 2)


def test_cic27_children_in_care_missing_in_the_month(council: Council) -> None:
    figures = council.figures("CIC-27", "2015-08", "2016-08")
    # August 2016: A (M1, M2, M7), B (M3), U (M9); M8 was not while looked after -> 3.
    aug = figures["2016-08", "council", "KCC", "all"]
    assert (aug.value, aug.denominator) == (3, None)
    assert figures["2016-08", "council", "KCC", "exc_uasc"].value == 2
    # B's episode began on 4 Aug, while Dartford held the case.
    assert figures["2016-08", "team", "T_DAR", "all"].value == 1
    assert figures["2016-08", "team", "T_CAN", "all"].value == 0
    assert figures["2016-08", "team", "T_CIC_N", "all"].value == 1  # A once
    assert figures["2016-07", "council", "KCC", "all"].value == 1  # U (M10)
    assert figures["2016-06", "council", "KCC", "all"].value == 0  # M4: C not looked after
    assert figures["2015-12", "council", "KCC", "all"].value == 1  # U (M5)
    assert figures["2015-08", "council", "KCC", "all"].value == 1  # A (M6)


def test_cic28_long_episodes_started_in_the_month(council: Council) -> None:
    figures = council.figures("CIC-28", "2016-07", "2016-08")
    # August: M3 (4 days) and M7 (not back); not M1 (0), M2 (1), M9 (2 days), M8 (not in
    # care) -> 2.
    aug = figures["2016-08", "council", "KCC", "all"]
    assert (aug.value, aug.denominator) == (2, None)
    assert figures["2016-08", "council", "KCC", "exc_uasc"].value == 2
    assert figures["2016-08", "team", "T_DAR", "all"].value == 1  # M3, began 4 Aug
    assert figures["2016-08", "team", "T_CIC_N", "all"].value == 1  # M7
    # July: M10 (3 days).
    assert figures["2016-07", "council", "KCC", "all"].value == 1
    assert figures["2016-07", "area", "AREA_CW", "all"].value == 1
