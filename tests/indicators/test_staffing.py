"""Staffing indicators (posts and caseloads, FTE based) on hand-built fixtures.

Every expected numerator and denominator is worked out by hand from the rows
the test adds; the comments say how. These measures count posts, cases and
households, not children's records, so they have no excluding-UASC cohort.
Teams (tests/indicators/council.py): T_DAR and T_CAN are children's social
work teams, T_CIC_N children in care, T_UASC, T_ADO (adoption), T_CL (care
leavers), T_FOST (fostering), T_IRO (reviewing officers).
"""

from __future__ import annotations

from typing import Any

import pytest
from council import Council, d

# (team, posts, permanent QSW, agency, vacant, case-holding social workers) at 31 Aug 2016
_AUGUST = (
    ("T_DAR", 10.0, 7.5, 1.5, 1.0, 9.0),
    ("T_CAN", 8.0, 6.0, 2.0, 0.0, 7.5),
    ("T_CIC_N", 6.0, 5.0, 0.5, 0.5, 5.0),
    ("T_UASC", 4.0, 2.0, 2.0, 0.0, 4.0),
    ("T_ADO", 2.0, 2.0, 0.0, 0.0, 2.0),
    ("T_CL", 3.0, 2.5, 0.5, 0.0, 3.0),
    ("T_FOST", 5.0, 4.0, 1.0, 0.0, 4.5),  # not a case-holding team for SCS-41/42
    ("T_IRO", 3.0, 3.0, 0.0, 0.0, 2.5),  # nor is this
)


def _workforce(c: Council, month_end: str, rows: tuple[tuple[Any, ...], ...]) -> None:
    for team, posts, perm, agency, vacant, sw in rows:
        c.add(
            "local_workforce",
            month_end=d(month_end),
            team_id=team,
            posts_fte=posts,
            permanent_qsw_fte=perm,
            agency_fte=agency,
            vacant_fte=vacant,
            caseholding_sw_fte=sw,
        )


def _pair(fig: Any) -> tuple[float, float | None]:
    return (fig.numerator, fig.denominator)


@pytest.fixture
def council() -> Council:
    c = Council()
    _workforce(c, "2016-08-31", _AUGUST)
    # July: only T_DAR reported (10 posts, 5 permanent, 4 agency, 8 social workers).
    _workforce(c, "2016-07-31", (("T_DAR", 10.0, 5.0, 4.0, 1.0, 8.0),))
    return c


class TestPosts:
    """SCS-41, SCS-42 and CIC-31: shares of funded posts (FTE)."""

    def test_scs41_permanent_qsw(self, council: Council) -> None:
        # Case-holding teams (not T_FOST, T_IRO): permanent 7.5+6+5+2+2+2.5 = 25 of posts
        # 10+8+6+4+2+3 = 33.
        fig = council.figure("SCS-41")
        assert _pair(fig) == pytest.approx((25.0, 33.0))
        assert fig.value == pytest.approx(100 * 25 / 33)
        assert _pair(council.figure("SCS-41", unit="T_DAR")) == pytest.approx((7.5, 10.0))
        # North area: T_DAR and T_CIC_N.
        assert _pair(council.figure("SCS-41", unit="AREA_N")) == pytest.approx((12.5, 16.0))
        assert _pair(council.figure("SCS-41", unit="T_FOST")) == (0, 0)

    def test_scs41_month_by_month(self, council: Council) -> None:
        figures = council.figures("SCS-41", "2016-07", "2016-08")
        assert _pair(figures["2016-07", "council", "KCC", "all"]) == pytest.approx((5.0, 10.0))
        assert ("2016-08", "council", "KCC", "exc_uasc") not in figures

    def test_scs42_agency(self, council: Council) -> None:
        # Agency 1.5+2+0.5+2+0+0.5 = 6.5 of 33.
        assert _pair(council.figure("SCS-42")) == pytest.approx((6.5, 33.0))
        assert _pair(council.figure("SCS-42", unit="T_UASC")) == pytest.approx((2.0, 4.0))
        assert _pair(council.figure("SCS-42", "2016-07")) == pytest.approx((4.0, 10.0))

    def test_cic31_cic_teams(self, council: Council) -> None:
        # Children in care teams only: T_CIC_N 5 of 6.
        assert _pair(council.figure("CIC-31")) == pytest.approx((5.0, 6.0))
        assert _pair(council.figure("CIC-31", unit="AREA_CW")) == (0, 0)


class TestCaseloads:
    """SCS-43 (CIC teams) and SCS-44 (CSWTs): children held per social worker (FTE)."""

    @pytest.fixture
    def cases(self, council: Council) -> Council:
        c = council
        c.child("c1", "2010-01-01").allocate("c1", "T_CIC_N", "2016-01-01")
        c.child("c2", "2010-01-01").allocate("c2", "T_CIC_N", "2016-08-31")  # from the day
        # c3's allocation ends on the month end (end exclusive): not held at 31 Aug.
        c.child("c3", "2010-01-01").allocate("c3", "T_CIC_N", "2016-01-01", "2016-08-31")
        # c4 moved from T_DAR to T_CIC_N on 1 May 2016 (the new allocation ends the old).
        c.child("c4", "2010-01-01").allocate("c4", "T_DAR", "2015-01-01")
        c.allocate("c4", "T_CIC_N", "2016-05-01", worker="W2")
        c.child("d1", "2010-01-01").allocate("d1", "T_DAR", "2016-01-01")
        c.child("d2", "2010-01-01").allocate("d2", "T_DAR", "2016-02-01")
        c.child("e1", "2010-01-01").allocate("e1", "T_CAN", "2016-03-01")
        c.child("u1", "2000-01-01", uasc_from="2015-01-01").allocate("u1", "T_UASC", "2015-06-01")
        return c

    def test_scs43_cic_teams(self, cases: Council) -> None:
        # T_CIC_N holds c1, c2, c4 = 3; CIC social workers 5.0 FTE.
        fig = cases.figure("SCS-43")
        assert _pair(fig) == pytest.approx((3.0, 5.0))
        assert fig.value == pytest.approx(0.6)
        assert _pair(cases.figure("SCS-43", unit="T_CIC_N")) == pytest.approx((3.0, 5.0))

    def test_scs44_cswts(self, cases: Council) -> None:
        # T_DAR holds d1, d2 (c4 has moved on); T_CAN holds e1: 3 children / (9 + 7.5) FTE.
        assert _pair(cases.figure("SCS-44")) == pytest.approx((3.0, 16.5))
        assert _pair(cases.figure("SCS-44", unit="T_DAR")) == pytest.approx((2.0, 9.0))
        assert _pair(cases.figure("SCS-44", unit="AREA_E")) == pytest.approx((1.0, 7.5))

    def test_scs44_july(self, cases: Council) -> None:
        # 31 Jul: T_DAR holds d1, d2 (c4 left in May); T_CAN's e1 has no FTE row in July.
        assert _pair(cases.figure("SCS-44", "2016-07")) == pytest.approx((3.0, 8.0))


def test_scs45_fostering_caseload(council: Council) -> None:
    c = council

    def household(hid: str, approved: str, deregistered: str | None = None) -> None:
        c.add(
            "local_foster_carers",
            household_id=hid,
            carer_type="connected_person" if hid == "h5" else "in_house",
            approval_date=d(approved),
            deregistration_date=d(deregistered) if deregistered else None,
            team_id="T_FOST",
        )

    household("h1", "2010-01-01")
    household("h2", "2016-08-31")  # approved on the month end: counts
    household("h3", "2012-01-01", "2016-08-31")  # deregistered on the month end: does not
    household("h4", "2016-09-01")  # approved after
    household("h5", "2015-01-01", "2016-09-30")  # connected person, still approved
    # h1, h2, h5 = 3 households / 4.5 fostering social workers.
    fig = c.figure("SCS-45")
    assert _pair(fig) == pytest.approx((3.0, 4.5))
    assert _pair(c.figure("SCS-45", unit="T_FOST")) == pytest.approx((3.0, 4.5))
    assert _pair(c.figure("SCS-45", unit="T_DAR")) == (0, 0)


def test_cic32_iro_caseload(council: Council) -> None:
    c = council
    for pid, start, ceased in (
        ("k1", "2015-01-01", None),
        ("k2", "2016-08-31", None),  # came into care on the month end
        ("k3", "2014-01-01", None),
        ("k4", "2015-01-01", "2016-08-31"),  # left care on the month end
    ):
        c.child(pid, "2008-01-01")
        c.add(
            "ssd_cla_episodes",
            clae_cla_episode_id=f"E{pid}",
            clae_person_id=pid,
            clae_cla_id=f"C{pid}",
            clae_cla_episode_start_date=d(start),
            clae_cla_episode_ceased_date=d(ceased) if ceased else None,
            clae_cla_episode_ceased_reason="E4A" if ceased else None,
        )
    # k1 has an IRO allocation in T_IRO; k2 and k3 have none recorded.
    c.add(
        "ssd_involvements",
        invo_involvements_id="IRO1",
        invo_professional_id="IRO-A",
        invo_professional_role_id="IRO",
        invo_professional_team="T_IRO",
        invo_person_id="k1",
        invo_involvement_start_date=d("2015-01-05"),
    )
    # Looked after at 31 Aug: k1, k2, k3 = 3 / T_IRO's 2.5 FTE.
    fig = c.figure("CIC-32")
    assert _pair(fig) == pytest.approx((3.0, 2.5))
    assert fig.value == pytest.approx(1.2)
    assert _pair(c.figure("CIC-32", unit="T_IRO")) == pytest.approx((1.0, 2.5))
    unallocated = c.figure("CIC-32", unit="UNALLOCATED")
    assert _pair(unallocated) == (2, 0)
    assert unallocated.value is None
