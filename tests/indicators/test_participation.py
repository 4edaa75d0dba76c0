"""CIC-29, complaints by children in care, on a hand-built fixture."""

from __future__ import annotations

from council import Council, d


def _complaint(c: Council, cid: str, pid: str, day: str, by_cic: str, team: str) -> None:
    c.add(
        "local_complaints",
        complaint_id=cid,
        complaint_person_id=pid,
        complaint_received_date=d(day),
        complaint_by_child_in_care=by_cic,
        complaint_team_id=team,
    )


def test_cic29_complaints_by_children_in_care_in_the_month() -> None:
    c = Council()
    c.child("A", "2005-01-01").child("U", "2001-03-01", uasc_from="2016-06-01")
    _complaint(c, "C1", "A", "2017-12-31", "Y", "T_CIC_N")  # December: not January
    _complaint(c, "C2", "A", "2018-01-01", "Y", "T_CIC_N")  # first day of January
    _complaint(c, "C3", "A", "2018-01-31", "Y", "T_DAR")  # last day
    _complaint(c, "C4", "A", "2018-01-15", "N", "T_CIC_N")  # not made by a child in care
    _complaint(c, "C5", "U", "2018-01-20", "Y", "T_UASC")  # a UASC child
    figures = c.figures("CIC-29", "2017-12", "2018-01")
    # January: C2, C3 and C5 -> 3; excluding UASC: C2 and C3 -> 2.
    assert figures["2018-01", "council", "KCC", "all"].value == 3
    assert figures["2018-01", "council", "KCC", "exc_uasc"].value == 2
    assert figures["2017-12", "council", "KCC", "all"].value == 1
    assert figures["2018-01", "team", "T_CIC_N", "all"].value == 1
    assert figures["2018-01", "area", "AREA_N", "all"].value == 2  # T_CIC_N and T_DAR
    assert figures["2018-01", "area", "AREA_CW", "all"].value == 1
