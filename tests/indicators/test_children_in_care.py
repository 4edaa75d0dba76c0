"""Children in care indicators (SCS-17 to SCS-22, SCS-27) on hand-built fixtures.

Every expected numerator and denominator is worked out by hand from the rows
the test adds; the comments say how. The month is August 2016 (month end
Wednesday 31 August; Monday 29 August is a bank holiday) unless a test says
otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from council import Council, Figure, d

Figures = Mapping[tuple[str, str, str, str], Figure]


def _placement(
    c: Council,
    plid: str,
    pid: str,
    cla: str,
    start: str,
    end: str | None = None,
    *,
    kind: str = "U4",
    provider: str = "PR1",
    distance: float | None = None,
    postcode: str | None = None,
) -> None:
    c.add(
        "ssd_cla_placement",
        clap_cla_placement_id=plid,
        clap_cla_id=cla,
        clap_person_id=pid,
        clap_cla_placement_start_date=d(start),
        clap_cla_placement_end_date=d(end) if end else None,
        clap_cla_placement_type=kind,
        clap_cla_placement_provider=provider,
        clap_cla_placement_distance=distance,
        clap_cla_placement_postcode=postcode,
    )


def _episode(
    c: Council,
    eid: str,
    pid: str,
    cla: str,
    plid: str,
    start: str,
    end: str | None = None,
    *,
    reason: str = "S",
    entered: str | None = None,
    ceased: str | None = None,
) -> None:
    c.add(
        "ssd_cla_episodes",
        clae_cla_episode_id=eid,
        clae_person_id=pid,
        clae_cla_id=cla,
        clae_cla_placement_id=plid,
        clae_cla_episode_start_date=d(start),
        clae_cla_episode_ceased_date=d(end) if end else None,
        clae_cla_episode_start_reason=reason,
        clae_cla_episode_ceased_reason=ceased if ceased else ("X1" if end else None),
        clae_entered_care_date=d(entered) if entered else None,
    )


def _in_care(
    c: Council,
    pid: str,
    start: str,
    *,
    kind: str = "U4",
    provider: str = "PR1",
    distance: float | None = None,
    postcode: str | None = None,
    end: str | None = None,
) -> None:
    """A period of care with one placement and one episode (ids from the child's id)."""
    _placement(
        c,
        f"PL-{pid}",
        pid,
        f"CLA-{pid}",
        start,
        end,
        kind=kind,
        provider=provider,
        distance=distance,
        postcode=postcode,
    )
    _episode(
        c,
        f"E-{pid}",
        pid,
        f"CLA-{pid}",
        f"PL-{pid}",
        start,
        end,
        entered=start,
        ceased="E8" if end else None,
    )


def _legal(c: Council, pid: str, status: str, start: str) -> None:
    c.add(
        "ssd_legal_status",
        lega_legal_status_id=f"LS-{pid}-{status}",
        lega_person_id=pid,
        lega_legal_status=status,
        lega_legal_status_start_date=d(start),
    )


def _nd(figures: Figures, unit: str, cohort: str = "all") -> tuple[float, float | None]:
    fig = figures["2016-08", "council" if unit == "KCC" else _level(unit), unit, cohort]
    return fig.numerator, fig.denominator


def _level(unit: str) -> str:
    return "area" if unit.startswith("AREA") else "team"


class TestPlacementStability:
    """SCS-17 (every placement record) and SCS-17-DFE (placements from 903 episodes)."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABEFG":
            c.child(pid, "2008-01-01")
        c.child("C", "2001-01-01", uasc_from="2015-10-01")
        c.child("D", "2008-01-01")
        # A: three placements; the first ended on 1 Sep 2015, the window's first day,
        # so it counts -> 3 placements in both versions.
        _placement(c, "A1", "A", "CA", "2015-01-01", "2015-09-01", kind="U6")
        _placement(c, "A2", "A", "CA", "2015-09-01", "2016-03-01", kind="U6")
        _placement(c, "A3", "A", "CA", "2016-03-01", kind="U4")
        _episode(c, "EA1", "A", "CA", "A1", "2015-01-01", "2015-09-01", entered="2015-01-01")
        _episode(c, "EA2", "A", "CA", "A2", "2015-09-01", "2016-03-01", reason="P")
        _episode(c, "EA3", "A", "CA", "A3", "2016-03-01", reason="P")
        c.allocate("A", "T_CIC_N", "2015-01-01")
        # B: the first placement ended 31 Aug 2015 (before the window); the second ended
        # and the third began on the month end -> 2 placements in the window.
        _placement(c, "B1", "B", "CB", "2015-01-01", "2015-08-31")
        _placement(c, "B2", "B", "CB", "2015-08-31", "2016-08-31")
        _placement(c, "B3", "B", "CB", "2016-08-31")
        _episode(c, "EB1", "B", "CB", "B1", "2015-01-01", "2015-08-31")
        _episode(c, "EB2", "B", "CB", "B2", "2015-08-31", "2016-08-31", reason="P")
        _episode(c, "EB3", "B", "CB", "B3", "2016-08-31", reason="P")
        c.allocate("B", "T_CAN", "2015-01-01")
        # C (UASC): an earlier period of care inside the window, then a new one with two
        # placements -> 3.
        _in_care(c, "C", "2015-10-01", end="2015-12-01")
        _placement(c, "C2", "C", "CC2", "2016-02-01", "2016-05-01", kind="U6")
        _placement(c, "C3", "C", "CC2", "2016-05-01", kind="H5", provider="PR4")
        _episode(c, "EC2", "C", "CC2", "C2", "2016-02-01", "2016-05-01")
        _episode(c, "EC3", "C", "CC2", "C3", "2016-05-01", reason="P")
        c.allocate("C", "T_UASC", "2015-10-01")
        # D: three placements but left care on the month end -> not in care.
        _placement(c, "D1", "D", "CD", "2016-01-01", "2016-03-01")
        _placement(c, "D2", "D", "CD", "2016-03-01", "2016-05-01")
        _placement(c, "D3", "D", "CD", "2016-05-01", "2016-08-31")
        _episode(c, "ED1", "D", "CD", "D1", "2016-01-01", "2016-03-01")
        _episode(c, "ED2", "D", "CD", "D2", "2016-03-01", "2016-05-01", reason="P")
        _episode(c, "ED3", "D", "CD", "D3", "2016-05-01", "2016-08-31", reason="P", ceased="E4A")
        # E: U6, then U4 with the same carers (T), then placed for adoption with them
        # (T into A5): 3 placement records (local); the DfE does not count the move to
        # A5 -> 2 placements.
        _placement(c, "E1", "E", "CE", "2015-06-01", "2016-01-01", kind="U6")
        _placement(c, "E2", "E", "CE", "2016-01-01", "2016-06-01", kind="U4")
        _placement(c, "E3", "E", "CE", "2016-06-01", kind="A5")
        _episode(c, "EE1", "E", "CE", "E1", "2015-06-01", "2016-01-01")
        _episode(c, "EE2", "E", "CE", "E2", "2016-01-01", "2016-06-01", reason="T")
        _episode(c, "EE3", "E", "CE", "E3", "2016-06-01", reason="T")
        c.allocate("E", "T_DAR", "2015-06-01")
        # F: a placement that began and ended on 1 Jan 2016 (under 24 hours), then two
        # more: 3 records (local); the DfE leaves the same-day one out -> 2.
        _placement(c, "F1", "F", "CF", "2016-01-01", "2016-01-01", kind="U6")
        _placement(c, "F2", "F", "CF", "2016-01-01", "2016-04-01", kind="U6")
        _placement(c, "F3", "F", "CF", "2016-04-01", kind="U6")
        _episode(c, "EF1", "F", "CF", "F1", "2016-01-01", "2016-01-01")
        _episode(c, "EF2", "F", "CF", "F2", "2016-01-01", "2016-04-01", reason="P")
        _episode(c, "EF3", "F", "CF", "F3", "2016-04-01", reason="P")
        c.allocate("F", "T_CIC_N", "2016-01-01")
        # G: on a series of short breaks (V3): in Kent's count, left out by the DfE.
        _in_care(c, "G", "2016-02-01")
        _legal(c, "G", "V3", "2016-02-01")
        c.allocate("G", "T_CAN", "2016-02-01")
        return c

    def test_local(self, council: Council) -> None:
        figures = council.figures("SCS-17", "2016-08")
        # In care: A, B, C, E, F, G (D left on the month end). 3+: A, C, E, F.
        assert _nd(figures, "KCC") == (4, 6)
        assert _nd(figures, "KCC", "exc_uasc") == (3, 5)
        # Teams at the month end: T_CIC_N holds A and F; area North: A, E, F.
        assert _nd(figures, "T_CIC_N") == (2, 2)
        assert _nd(figures, "AREA_N") == (3, 3)
        assert _nd(figures, "AREA_E") == (0, 2)

    def test_dfe(self, council: Council) -> None:
        figures = council.figures("SCS-17-DFE", "2016-08")
        # G (V3) left out: A, B, C, E, F. 3+: A and C only (E and F have 2).
        assert _nd(figures, "KCC") == (2, 5)
        assert _nd(figures, "KCC", "exc_uasc") == (1, 4)
        assert _nd(figures, "T_UASC") == (1, 1)


class TestLongTermStability:
    """SCS-18 (current placement record) and SCS-18-DFE (same carers, 913 days)."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        # Month end 31 Aug 2016: 2 years before is 31 Aug 2014; 30 months before is
        # 28 Feb 2014; 913 days before is 2 Mar 2014.
        for pid in "HIJMN":
            c.child(pid, "2005-01-01")
        c.child("P", "2005-01-01")
        c.child("K", "2000-08-31")  # 16 on the month end: too old
        c.child("L", "2000-09-01")  # 15 on the month end
        c.child("O", "2001-06-01", uasc_from="2013-06-01")
        # H: new carers from 31 Aug 2014, exactly 2 years -> stable in both.
        _placement(c, "H1", "H", "CH", "2013-01-01", "2014-08-31", kind="U6")
        _placement(c, "H2", "H", "CH", "2014-08-31")
        _episode(c, "EH1", "H", "CH", "H1", "2013-01-01", "2014-08-31", entered="2013-01-01")
        _episode(c, "EH2", "H", "CH", "H2", "2014-08-31", reason="P", entered="2013-01-01")
        c.allocate("H", "T_CIC_N", "2013-01-01")
        # I: in care since 28 Feb 2014 (exactly 30 months; within 913 days too), placed
        # since 1 Sep 2014 -> not stable in either.
        _placement(c, "I2", "I", "CLA-I", "2014-09-01")
        _placement(c, "I1", "I", "CLA-I", "2014-02-28", "2014-09-01", kind="U6")
        _episode(c, "EI1", "I", "CLA-I", "I1", "2014-02-28", "2014-09-01", entered="2014-02-28")
        _episode(c, "EI2", "I", "CLA-I", "I2", "2014-09-01", reason="P", entered="2014-02-28")
        c.allocate("I", "T_CIC_N", "2014-02-28")
        # J: in care since 1 Mar 2014: under 30 months (local: out) but more than 913
        # days (DfE: in), same placement since then -> DfE stable.
        _in_care(c, "J", "2014-03-01")
        c.allocate("J", "T_DAR", "2014-03-01")
        # K: 16 on the month end -> out of both. L: 15, placed since 2010 -> stable.
        _in_care(c, "K", "2010-01-01")
        _in_care(c, "L", "2010-01-01")
        c.allocate("L", "T_CAN", "2010-01-01")
        # M: placed for adoption (A6, new carers) on 1 Jun 2016 after foster carers since
        # May 2013 -> stable in both (DfE: adoptive + previous placement >= 2 years).
        _placement(c, "M1", "M", "CM", "2013-05-01", "2016-06-01", kind="U6")
        _placement(c, "M2", "M", "CM", "2016-06-01", kind="A6")
        _episode(c, "EM1", "M", "CM", "M1", "2013-05-01", "2016-06-01", entered="2013-05-01")
        _episode(c, "EM2", "M", "CM", "M2", "2016-06-01", reason="P", entered="2013-05-01")
        # P: the same, but the placement before adoption started on 1 Jan 2015 -> local
        # stable (any adoption placement), DfE not.
        _placement(c, "P1", "P", "CP", "2013-05-01", "2015-01-01", kind="U6")
        _placement(c, "P2", "P", "CP", "2015-01-01", "2016-06-01", kind="U6")
        _placement(c, "P3", "P", "CP", "2016-06-01", kind="A6")
        _episode(c, "EP1", "P", "CP", "P1", "2013-05-01", "2015-01-01", entered="2013-05-01")
        _episode(c, "EP2", "P", "CP", "P2", "2015-01-01", "2016-06-01", reason="P")
        _episode(c, "EP3", "P", "CP", "P3", "2016-06-01", reason="P")
        # N: same carers since Jan 2013, placement type changed to long-term (T) in June
        # 2015 -> local not stable (new record), DfE stable (same carers).
        _placement(c, "N1", "N", "CN", "2013-01-01", "2015-06-01", kind="U6")
        _placement(c, "N2", "N", "CN", "2015-06-01", kind="U4")
        _episode(c, "EN1", "N", "CN", "N1", "2013-01-01", "2015-06-01", entered="2013-01-01")
        _episode(c, "EN2", "N", "CN", "N2", "2015-06-01", reason="T", entered="2013-01-01")
        # O (UASC): in care since June 2013, placed since Jan 2016 -> not stable.
        _placement(c, "O1", "O", "CO", "2013-06-01", "2016-01-01", kind="U6")
        _placement(c, "O2", "O", "CO", "2016-01-01", kind="U6")
        _episode(c, "EO1", "O", "CO", "O1", "2013-06-01", "2016-01-01", entered="2013-06-01")
        _episode(c, "EO2", "O", "CO", "O2", "2016-01-01", reason="P", entered="2013-06-01")
        c.allocate("O", "T_UASC", "2013-06-01")
        return c

    def test_local(self, council: Council) -> None:
        figures = council.figures("SCS-18", "2016-08")
        # Denominator H, I, L, M, N, O, P (J under 30 months, K 16); stable H, L, M, P.
        assert _nd(figures, "KCC") == (4, 7)
        assert _nd(figures, "KCC", "exc_uasc") == (4, 6)
        assert _nd(figures, "T_CIC_N") == (1, 2)  # H stable, I not
        assert _nd(figures, "T_CAN") == (1, 1)  # L

    def test_dfe(self, council: Council) -> None:
        figures = council.figures("SCS-18-DFE", "2016-08")
        # Denominator adds J (913 days): H, I, J, L, M, N, O, P; stable H, J, L, M, N.
        assert _nd(figures, "KCC") == (5, 8)
        assert _nd(figures, "KCC", "exc_uasc") == (5, 7)
        assert _nd(figures, "T_DAR") == (1, 1)  # J


class TestFosterCare:
    """SCS-19: foster placements with the council's carers or relatives and friends."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDFG":
            c.child(pid, "2008-01-01")
        c.child("E", "2001-01-01", uasc_from="2015-01-01")
        _in_care(c, "A", "2015-01-01", kind="U4", provider="PR1")  # in-house: yes
        _in_care(c, "B", "2015-01-01", kind="U6", provider="PR4")  # agency: no
        _in_care(c, "C", "2015-01-01", kind="U3", provider="PR4")  # relatives: yes
        _in_care(c, "D", "2015-01-01", kind="K2", provider="PR1")  # not fostering
        _in_care(c, "E", "2015-01-01", kind="U6", provider="PR1")  # UASC, in-house: yes
        _in_care(c, "F", "2015-01-01", kind="U5", provider="PR2")  # another council: no
        # G: in-house foster care until the month end, then a children's home.
        _placement(c, "G1", "G", "CG", "2015-01-01", "2016-08-31", kind="U4")
        _placement(c, "G2", "G", "CG", "2016-08-31", kind="K2", provider="PR4")
        _episode(c, "EG1", "G", "CG", "G1", "2015-01-01", "2016-08-31")
        _episode(c, "EG2", "G", "CG", "G2", "2016-08-31", reason="P")
        c.allocate("A", "T_CIC_N", "2015-01-01").allocate("B", "T_CIC_N", "2015-01-01")
        c.allocate("E", "T_UASC", "2015-01-01")
        return c

    def test_figures(self, council: Council) -> None:
        figures = council.figures("SCS-19", "2016-08")
        # Foster care: A, B, C, E, F; own carers or relatives: A, C, E.
        assert _nd(figures, "KCC") == (3, 5)
        assert _nd(figures, "KCC", "exc_uasc") == (2, 4)
        assert _nd(figures, "T_CIC_N") == (1, 2)
        # C and F have no allocation: unallocated.
        assert figures["2016-08", "team", "UNALLOCATED", "all"].denominator == 2


class TestDistance:
    """SCS-20 (within 20 miles, not relatives) and SCS-20-DFE (over 20 miles and outside)."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDEGH":
            c.child(pid, "2008-01-01")
        c.child("F", "2001-01-01", uasc_from="2015-01-01")
        c.add("local_postcode_districts", postcode="CT1 1AA", district_id="D_CAN")
        # A: exactly 20 miles, outside the area -> within 20 (local); not over 20 (DfE).
        _in_care(c, "A", "2015-01-01", distance=20.0, postcode="ME1 1AA")
        # B: 20.1 miles outside the area -> not within (local); over 20 and outside (DfE).
        _in_care(c, "B", "2015-01-01", distance=20.1, postcode="ME1 1AA", kind="U6")
        # C: relatives 50 miles away inside the area -> left out (local); inside (DfE).
        _in_care(c, "C", "2015-01-01", distance=50.0, postcode="CT1 1AA", kind="U1")
        # D: no distance; E: unknown (999.9) -> left out (local); not counted far (DfE).
        _in_care(c, "D", "2015-01-01", postcode="SE1 1AA")
        _in_care(c, "E", "2015-01-01", distance=999.9, postcode="SE1 1AA")
        # F (UASC): 25 miles, outside -> not within (local); far and outside (DfE).
        _in_care(c, "F", "2015-01-01", distance=25.0, postcode="SE1 1AA", kind="H5")
        # G: with parents, 0 miles -> within.
        _in_care(c, "G", "2015-01-01", distance=0.0, postcode="CT1 1AA", kind="P1")
        # H: short breaks (V4), 30 miles outside -> within? no (local); left out (DfE).
        _in_care(c, "H", "2015-01-01", distance=30.0, postcode="SE1 1AA", kind="K2")
        _legal(c, "H", "V4", "2015-01-01")
        c.allocate("A", "T_CIC_N", "2015-01-01").allocate("B", "T_CAN", "2015-01-01")
        return c

    def test_local(self, council: Council) -> None:
        figures = council.figures("SCS-20", "2016-08")
        # Known distance, not relatives: A, B, F, G, H; within 20 miles: A, G.
        assert _nd(figures, "KCC") == (2, 5)
        assert _nd(figures, "KCC", "exc_uasc") == (2, 4)
        assert _nd(figures, "T_CIC_N") == (1, 1)
        assert _nd(figures, "AREA_E") == (0, 1)

    def test_dfe(self, council: Council) -> None:
        figures = council.figures("SCS-20-DFE", "2016-08")
        # Everyone but H (V4): A, B, C, D, E, F, G; far and outside: B, F.
        assert _nd(figures, "KCC") == (2, 7)
        assert _nd(figures, "KCC", "exc_uasc") == (1, 6)
        assert _nd(figures, "T_CAN") == (1, 1)


class TestReviewParticipation:
    """SCS-21: reviews in the rolling 12 months at which the child took part."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        c.child("A", "2008-01-01").child("B", "2014-01-01")
        c.child("U", "2001-01-01", uasc_from="2015-01-01")
        c.allocate("A", "T_DAR", "2014-01-01", "2016-03-01")
        c.allocate("A", "T_CIC_N", "2016-03-01")
        c.allocate("U", "T_UASC", "2015-01-01")
        reviews = [
            # (id, child, date, participation, cancelled)
            ("R1", "A", "2015-08-31", "PN1", None),  # before the window
            ("R2", "A", "2015-09-01", "PN1", "N"),  # first day: took part (T_DAR)
            ("R3", "A", "2016-08-31", "PN7", None),  # last day: did not (T_CIC_N)
            ("R4", "A", "2016-05-01", "PN1", "Y"),  # cancelled: left out
            ("R5", "B", "2016-05-01", "PN0", None),  # under 4: left out
            ("R6", "B", "2016-06-01", None, None),  # no code: left out
            ("R7", "U", "2016-06-01", "PN6", None),  # UASC, views conveyed
        ]
        for rid, pid, day, code, cancelled in reviews:
            c.add(
                "ssd_cla_reviews",
                clar_cla_review_id=rid,
                clar_cla_id=f"CLA-{pid}",
                clar_cla_person_id=pid,
                clar_cla_review_due_date=d(day),
                clar_cla_review_date=d(day),
                clar_cla_review_participation=code,
                clar_cla_review_cancelled=cancelled,
            )
        return c

    def test_figures(self, council: Council) -> None:
        figures = council.figures("SCS-21", "2016-08")
        # R2, R3, R7 count; R2 and R7 took part.
        assert _nd(figures, "KCC") == (2, 3)
        assert _nd(figures, "KCC", "exc_uasc") == (1, 2)
        # The team on the day of each review: R2 T_DAR, R3 T_CIC_N.
        assert _nd(figures, "T_DAR") == (1, 1)
        assert _nd(figures, "T_CIC_N") == (0, 1)

    def test_rolling_three_months(self, council: Council) -> None:
        # June to August 2016: R3 (no) and R7 (yes).
        fig = council.figure("SCS-21:R3M", "2016-08")
        assert (fig.numerator, fig.denominator) == (1, 2)


def _review(c: Council, rid: str, pid: str, cla: str, held: str, due: str, **extra: str) -> None:
    c.add(
        "ssd_cla_reviews",
        clar_cla_review_id=rid,
        clar_cla_id=cla,
        clar_cla_person_id=pid,
        clar_cla_review_date=d(held),
        clar_cla_review_due_date=d(due),
        **extra,
    )


class TestReviewsInTime:
    """SCS-22: the latest review held on time and the next not yet overdue."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDEFGIJ":
            c.child(pid, "2008-01-01")
        c.child("H", "2001-01-01", uasc_from="2015-01-01")
        # A: four reviews, all on time; the latest (20 Mar 2016) + 6 months is after the
        # month end -> in time.
        _in_care(c, "A", "2015-01-05")
        for i, (held, due) in enumerate(
            [
                ("2015-01-20", "2015-02-02"),
                ("2015-04-10", "2015-04-20"),
                ("2015-10-05", "2015-10-10"),
                ("2016-03-20", "2016-04-05"),
            ]
        ):
            _review(c, f"RA{i}", "A", "CLA-A", held, due)
        c.allocate("A", "T_CIC_N", "2015-01-05")
        # B: an earlier review was late, the latest was on time -> in time.
        _in_care(c, "B", "2015-01-01")
        _review(c, "RB1", "B", "CLA-B", "2015-01-20", "2015-01-10")
        _review(c, "RB2", "B", "CLA-B", "2015-07-01", "2015-07-20")
        _review(c, "RB3", "B", "CLA-B", "2016-01-01", "2016-01-15")
        _review(c, "RB4", "B", "CLA-B", "2016-06-30", "2016-07-01")
        c.allocate("B", "T_CIC_N", "2015-01-01")
        # C: the latest review (10 Jul 2016) was held after its due date -> not in time.
        _in_care(c, "C", "2015-01-01")
        _review(c, "RC1", "C", "CLA-C", "2015-01-20", "2015-01-29")
        _review(c, "RC2", "C", "CLA-C", "2015-04-15", "2015-04-20")
        _review(c, "RC3", "C", "CLA-C", "2016-01-10", "2016-01-15")
        _review(c, "RC4", "C", "CLA-C", "2016-07-10", "2016-07-01")
        # D: latest review 29 Feb 2016 (third): + 6 months = 29 Aug 2016 -> overdue.
        _in_care(c, "D", "2015-06-01")
        _review(c, "RD1", "D", "CLA-D", "2015-06-20", "2015-06-29")
        _review(c, "RD2", "D", "CLA-D", "2015-09-10", "2015-09-20")
        _review(c, "RD3", "D", "CLA-D", "2016-02-29", "2016-03-10")
        # E: one review, 31 May 2016: + 3 months = 31 Aug 2016, the month end -> in time.
        _in_care(c, "E", "2016-05-03")
        _review(c, "RE1", "E", "CLA-E", "2016-05-31", "2016-05-31")
        # F: in care from Mon 1 Aug 2016, no review: 21 working days to 31 Aug (bank
        # holiday on 29 Aug) -> due, overdue.
        _in_care(c, "F", "2016-08-01")
        # G: from Tue 2 Aug: 20 working days -> not yet due, left out.
        _in_care(c, "G", "2016-08-02")
        # H (UASC): on time throughout.
        _in_care(c, "H", "2015-06-01")
        _review(c, "RH1", "H", "CLA-H", "2015-06-25", "2015-06-29")
        _review(c, "RH2", "H", "CLA-H", "2015-09-20", "2015-09-25")
        _review(c, "RH3", "H", "CLA-H", "2016-03-15", "2016-03-20")
        c.allocate("H", "T_UASC", "2015-06-01")
        # I: a cancelled review after its due date is ignored; the re-arranged one, held
        # earlier, is on time.
        _in_care(c, "I", "2015-06-01")
        _review(c, "RI1", "I", "CLA-I", "2015-06-10", "2015-06-29")
        _review(c, "RI2", "I", "CLA-I", "2015-09-05", "2015-09-10")
        _review(c, "RI3", "I", "CLA-I", "2016-03-06", "2016-03-05", clar_cla_review_cancelled="Y")
        _review(c, "RI4", "I", "CLA-I", "2016-03-04", "2016-03-05")
        # J: reviews of an earlier period of care (the latest on 1 Jul 2016) do not count
        # for the current one, which began Fri 15 Jul 2016 (32 working days before the
        # month end) and has had no review -> overdue.
        _placement(c, "J1", "J", "CJ1", "2015-06-01", "2016-07-15")
        _episode(c, "EJ1", "J", "CJ1", "J1", "2015-06-01", "2016-07-15", ceased="E4A")
        _review(c, "RJ1", "J", "CJ1", "2015-06-20", "2015-06-29")
        _review(c, "RJ2", "J", "CJ1", "2015-09-10", "2015-09-20")
        _review(c, "RJ3", "J", "CJ1", "2016-03-01", "2016-03-10")
        _review(c, "RJ4", "J", "CJ1", "2016-07-01", "2016-07-10")
        _placement(c, "J2", "J", "CJ2", "2016-07-15")
        _episode(c, "EJ2", "J", "CJ2", "J2", "2016-07-15", entered="2016-07-15")
        return c

    def test_figures(self, council: Council) -> None:
        figures = council.figures("SCS-22", "2016-08")
        # Due a review: A, B, C, D, E, F, H, I, J (not G). In time: A, B, E, H, I.
        assert _nd(figures, "KCC") == (5, 9)
        assert _nd(figures, "KCC", "exc_uasc") == (4, 8)
        assert _nd(figures, "T_CIC_N") == (2, 2)
        assert _nd(figures, "T_UASC") == (1, 1)


class TestSameWorker:
    """SCS-27: in care 18 months or more, same social worker for the last 12 months."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDEG":
            c.child(pid, "2008-01-01")
        c.child("F", "2001-01-01", uasc_from="2015-01-01")
        # 18 months before 31 Aug 2016 is 29 Feb 2016 - 1 year = 28 Feb 2015 (entry on
        # or before it); 12 months before is 31 Aug 2015.
        _in_care(c, "A", "2014-06-01")
        c.allocate("A", "T_CIC_N", "2015-08-31", worker="W1")  # exactly 12 months
        _in_care(c, "B", "2014-06-01")
        c.allocate("B", "T_CAN", "2015-09-01", worker="W2")  # a day short
        # C: the same worker moved team in January 2016: one run since Jan 2015.
        _in_care(c, "C", "2014-06-01")
        c.allocate("C", "T_DAR", "2015-01-01", "2016-01-01", worker="W3")
        c.allocate("C", "T_CIC_N", "2016-01-01", worker="W3")
        # D: the same worker again after a two-week gap: the run restarts in December.
        _in_care(c, "D", "2014-06-01")
        c.allocate("D", "T_DAR", "2015-01-01", "2015-12-01", worker="W4")
        c.allocate("D", "T_DAR", "2015-12-15", worker="W4")
        # E: in care from 1 Mar 2015, under 18 months -> left out.
        _in_care(c, "E", "2015-03-01")
        c.allocate("E", "T_DAR", "2015-03-01", worker="W6")
        # F (UASC): in care from 28 Feb 2015 (exactly 18 months), same worker since.
        _in_care(c, "F", "2015-02-28")
        c.allocate("F", "T_UASC", "2015-02-28", worker="W5")
        # G: no allocation -> not the same worker; counts as unallocated.
        _in_care(c, "G", "2014-06-01")
        return c

    def test_figures(self, council: Council) -> None:
        figures = council.figures("SCS-27", "2016-08")
        # In care 18 months+: A, B, C, D, F, G; same worker 12 months: A, C, F.
        assert _nd(figures, "KCC") == (3, 6)
        assert _nd(figures, "KCC", "exc_uasc") == (2, 5)
        assert _nd(figures, "T_CIC_N") == (2, 2)  # A, C (C's team at the month end)
        assert _nd(figures, "T_DAR") == (0, 1)  # D
        assert figures["2016-08", "team", "UNALLOCATED", "all"].denominator == 1
