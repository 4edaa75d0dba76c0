"""Private fostering indicators (SCS-08, ACT-11) on a hand-built fixture.

Every expected figure is worked out by hand from the rows added; the comments
say how. An arrangement ending on the month end is not current at it.
"""

from __future__ import annotations

import pytest
from council import Council, d


def _arrangement(c: Council, pf_id: str, pid: str, start: str, end: str | None, team: str) -> None:
    c.add(
        "local_private_fostering",
        pf_id=pf_id,
        pf_person_id=pid,
        pf_notification_date=d(start),
        pf_start_date=d(start),
        pf_end_date=d(end) if end else None,
        pf_team_id=team,
    )


def _visit(c: Council, vid: str, pf_id: str, pid: str, due: str, held: str | None) -> None:
    c.add(
        "local_private_fostering_visits",
        pfv_id=vid,
        pfv_pf_id=pf_id,
        pfv_person_id=pid,
        pfv_due_date=d(due),
        pfv_visit_date=d(held) if held else None,
    )


@pytest.fixture
def council() -> Council:
    c = Council()
    c.child("A", "2002-01-01").child("B", "2003-01-01").child("C", "2004-01-01")
    c.child("U", "2001-01-01", uasc_from="2016-01-01")
    # PF1 (Dartford), current from 1 Mar 2016.
    _arrangement(c, "PF1", "A", "2016-03-01", None, "T_DAR")
    _visit(c, "V1", "PF1", "A", "2016-03-08", "2016-03-08")  # held on the due date: in time
    _visit(c, "V2", "PF1", "A", "2016-04-19", "2016-04-25")  # late
    _visit(c, "V3", "PF1", "A", "2016-06-06", "2016-06-01")  # early: in time
    _visit(c, "V4", "PF1", "A", "2016-07-18", None)  # due, never held: out of time
    _visit(c, "V5", "PF1", "A", "2016-09-05", "2016-09-01")  # not due until September
    # PF2 (Canterbury): 1 Jan to 31 Aug 2016 -> current at July's end, not August's.
    _arrangement(c, "PF2", "B", "2016-01-01", "2016-08-31", "T_CAN")
    _visit(c, "V6", "PF2", "B", "2016-01-08", "2016-01-07")  # in time
    _visit(c, "V7", "PF2", "B", "2016-02-19", "2016-02-19")  # in time
    # PF3 (Canterbury, UASC child): begins on 31 Aug -> current at August's end; its
    # first visit, due and held on 31 Aug, is in time.
    _arrangement(c, "PF3", "U", "2016-08-31", None, "T_CAN")
    _visit(c, "V8", "PF3", "U", "2016-08-31", "2016-08-31")
    # PF4 begins 1 Sep 2016.
    _arrangement(c, "PF4", "C", "2016-09-01", None, "T_DAR")
    _visit(c, "V9", "PF4", "C", "2016-09-08", None)
    return c


class TestSCS08:
    def test_council(self, council: Council) -> None:
        figures = council.figures("SCS-08", "2016-07", "2016-08")
        # July: PF1's V1 (in), V2 (late), V3 (in), V4 (not held) and PF2's V6, V7 (in) -> 4 / 6.
        jul = figures["2016-07", "council", "KCC", "all"]
        assert (jul.numerator, jul.denominator) == (4, 6)
        # August: PF2 has ended; PF1 V1-V4 (2 in time) and PF3 V8 (in time) -> 3 / 5.
        aug = figures["2016-08", "council", "KCC", "all"]
        assert (aug.numerator, aug.denominator) == (3, 5)
        assert aug.value == pytest.approx(60.0)

    def test_excluding_uasc(self, council: Council) -> None:
        fig = council.figure("SCS-08", "2016-08", cohort="exc_uasc")
        assert (fig.numerator, fig.denominator) == (2, 4)  # PF1 only

    def test_by_team(self, council: Council) -> None:
        figures = council.figures("SCS-08", "2016-08")
        dar = figures["2016-08", "team", "T_DAR", "all"]
        assert (dar.numerator, dar.denominator) == (2, 4)
        east = figures["2016-08", "area", "AREA_E", "all"]
        assert (east.numerator, east.denominator) == (1, 1)  # PF3


def test_act11_private_fostering_cases(council: Council) -> None:
    figures = council.figures("ACT-11", "2016-07", "2016-09")
    assert figures["2016-07", "council", "KCC", "all"].value == 2  # PF1, PF2
    aug = figures["2016-08", "council", "KCC", "all"]
    assert (aug.value, aug.denominator) == (2, None)  # PF1, PF3 (PF2 ended on 31 Aug)
    assert figures["2016-09", "council", "KCC", "all"].value == 3  # PF1, PF3, PF4
    assert figures["2016-08", "council", "KCC", "exc_uasc"].value == 1  # PF1
    assert figures["2016-08", "team", "T_CAN", "all"].value == 1  # PF3
    assert figures["2016-07", "team", "T_CAN", "all"].value == 1  # PF2
    assert figures["2016-08", "team", "T_CIC_N", "all"].value == 0
