"""Health of children in care (SCS-23 to SCS-25, CIC-16, CIC-17) on hand-built fixtures.

Every expected numerator and denominator is worked out by hand from the rows
the test adds; the comments say how. The month is August 2016: month end
Wednesday 31 August 2016, Monday 29 August 2016 and Monday 31 August 2015
are bank holidays. 365 days before 31 Aug 2016 is 1 Sep 2015 (2016 is a
leap year); 183 days before is 1 Mar 2016; 91 days before is 1 Jun 2016.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from council import Council, Figure, d, library

Figures = Mapping[tuple[str, str, str, str], Figure]


def _in_care(c: Council, pid: str, start: str, end: str | None = None, *, cla: str = "") -> None:
    """A period of care with one placement and one episode (reason S)."""
    cla = cla or f"CLA-{pid}"
    c.add(
        "ssd_cla_placement",
        clap_cla_placement_id=f"PL-{cla}",
        clap_cla_id=cla,
        clap_person_id=pid,
        clap_cla_placement_start_date=d(start),
        clap_cla_placement_end_date=d(end) if end else None,
        clap_cla_placement_type="U4",
    )
    c.add(
        "ssd_cla_episodes",
        clae_cla_episode_id=f"E-{cla}",
        clae_person_id=pid,
        clae_cla_id=cla,
        clae_cla_placement_id=f"PL-{cla}",
        clae_cla_episode_start_date=d(start),
        clae_cla_episode_ceased_date=d(end) if end else None,
        clae_cla_episode_start_reason="S",
        clae_cla_episode_ceased_reason="E4A" if end else None,
        clae_entered_care_date=d(start),
    )


def _check(c: Council, pid: str, kind: str, day: str, status: str = "COMPLETED") -> None:
    n = len(c.rows["ssd_cla_health"]) + 1
    c.add(
        "ssd_cla_health",
        clah_health_check_id=f"H{n}",
        clah_person_id=pid,
        clah_health_check_type=kind,
        clah_health_check_date=d(day),
        clah_health_check_status=status,
    )


def _short_breaks(c: Council, pid: str, start: str) -> None:
    c.add(
        "ssd_legal_status",
        lega_legal_status_id=f"LS-{pid}",
        lega_person_id=pid,
        lega_legal_status="V3",
        lega_legal_status_start_date=d(start),
    )


def _nd(figures: Figures, unit: str = "KCC", cohort: str = "all") -> tuple[float, float | None]:
    level = "council" if unit == "KCC" else ("area" if unit.startswith("AREA") else "team")
    fig = figures["2016-08", level, unit, cohort]
    return fig.numerator, fig.denominator


class TestDentalChecks:
    """SCS-23 (in care 3 months+, check within 365 days) and SCS-23-DFE (LAIT 3)."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABDEGHVW":
            c.child(pid, "2008-01-01")
        c.child("C", "2015-09-01")  # under 1 on the month end
        c.child("F", "2001-01-01", uasc_from="2015-05-01")
        # A: check on 1 Sep 2015, exactly 365 days before -> out of date (local); inside
        # the DfE's 12 months (1 Sep 2015 to 31 Aug 2016) -> yes (DfE).
        _in_care(c, "A", "2015-01-01")
        _check(c, "A", "DENTAL", "2015-09-01")
        c.allocate("A", "T_CIC_N", "2015-01-01")
        # B: 2 Sep 2015 -> up to date in both.
        _in_care(c, "B", "2015-01-01")
        _check(c, "B", "DENTAL", "2015-09-02")
        c.allocate("B", "T_CIC_N", "2015-01-01")
        # C: a baby, no check -> counted up to date (local); in care under 12 months (DfE: out).
        _in_care(c, "C", "2015-10-01")
        # D: in care from 1 Jun 2016 (exactly 91 days); check before care -> no (local).
        _in_care(c, "D", "2016-06-01")
        _check(c, "D", "DENTAL", "2016-05-01")
        # E: in care from 2 Jun 2016, 90 days -> left out of both.
        _in_care(c, "E", "2016-06-02")
        _check(c, "E", "DENTAL", "2016-07-01")
        # F (UASC): check on the month end -> yes in both.
        _in_care(c, "F", "2015-05-01")
        _check(c, "F", "DENTAL", "2016-08-31")
        c.allocate("F", "T_UASC", "2015-05-01")
        # G: refused only -> no. H: the recent check is after the month end -> no.
        _in_care(c, "G", "2015-01-01")
        _check(c, "G", "DENTAL", "2016-05-01", status="REFUSED")
        _in_care(c, "H", "2015-01-01")
        _check(c, "H", "DENTAL", "2015-06-01")
        _check(c, "H", "DENTAL", "2016-09-05")
        # V: on short breaks (V3): counted locally (check in Jan 2016 -> yes), not by the DfE.
        _in_care(c, "V", "2015-01-01")
        _check(c, "V", "DENTAL", "2016-01-01")
        _short_breaks(c, "V", "2015-01-01")
        # W: in care from 1 Sep 2015, the DfE's 12 months' first day -> in its cohort; no check.
        _in_care(c, "W", "2015-09-01")
        # X: no entry date recorded; the period of care's first episode (Jan 2015), not
        # the current one (Jul 2016), is when care started -> in both; checked Jan 2016.
        c.child("X", "2008-01-01")
        for eid, start, end, reason in (
            ("EX1", "2015-01-01", "2016-07-01", "S"),
            ("EX2", "2016-07-01", None, "P"),
        ):
            c.add(
                "ssd_cla_episodes",
                clae_cla_episode_id=eid,
                clae_person_id="X",
                clae_cla_id="CX",
                clae_cla_placement_id=f"PL-{eid}",
                clae_cla_episode_start_date=d(start),
                clae_cla_episode_ceased_date=d(end) if end else None,
                clae_cla_episode_start_reason=reason,
            )
        _check(c, "X", "DENTAL", "2016-01-01")
        return c

    def test_local(self, council: Council) -> None:
        figures = council.figures("SCS-23", "2016-08")
        # A, B, C, D, F, G, H, V, W, X; up to date: B, C, F, V, X.
        assert _nd(figures) == (5, 10)
        assert _nd(figures, cohort="exc_uasc") == (4, 9)
        assert _nd(figures, "T_CIC_N") == (1, 2)
        assert _nd(figures, "AREA_CW") == (1, 1)

    def test_dfe(self, council: Council) -> None:
        figures = council.figures("SCS-23-DFE", "2016-08")
        # Looked after since 1 Sep 2015 or earlier, not V3: A, B, F, G, H, W, X; checked:
        # A, B, F, X.
        assert _nd(figures) == (4, 7)
        assert _nd(figures, cohort="exc_uasc") == (3, 6)
        assert _nd(figures, "T_CIC_N") == (2, 2)


class TestHealthAssessments:
    """SCS-24 (6 months under 5, 12 months from 5) and SCS-24-DFE (LAIT 3)."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        c.child("A", "2012-01-01").child("B", "2012-01-01")  # aged 4
        c.child("C", "2011-08-31")  # 5 on the month end
        for pid in ("D", "D2", "E", "G", "K"):
            c.child(pid, "2006-01-01")
        c.child("F", "2000-06-01", uasc_from="2015-05-01")
        for pid in ("A", "B", "C", "D", "D2", "E", "G"):
            _in_care(c, pid, "2015-01-01")
        # A (4): review on 1 Mar 2016, 183 days before -> out of date in both.
        _check(c, "A", "RHA", "2016-03-01")
        # B (4): 2 Mar 2016 -> up to date.
        _check(c, "B", "RHA", "2016-03-02")
        # C (5 today): 1 Jan 2016, within 12 months -> up to date.
        _check(c, "C", "RHA", "2016-01-01")
        # D (10): initial assessment 2 Sep 2015 -> up to date in both.
        _check(c, "D", "IHA", "2015-09-02")
        # D2 (10): 1 Sep 2015: 365 days before (local: no); the DfE's 12 months' first
        # day (DfE: yes).
        _check(c, "D2", "RHA", "2015-09-01")
        # E: refused in May 2016, last completed Aug 2015 -> no.
        _check(c, "E", "RHA", "2016-05-01", status="REFUSED")
        _check(c, "E", "RHA", "2015-08-01")
        # G: a dental check is not a health assessment -> no.
        _check(c, "G", "DENTAL", "2016-05-01")
        # F (UASC, 16): assessed on the month end -> yes.
        _in_care(c, "F", "2015-05-01")
        _check(c, "F", "RHA", "2016-08-31")
        c.allocate("F", "T_UASC", "2015-05-01")
        # K: in care from 1 May 2016 (over 91 days, under 12 months), IHA 20 May -> local yes;
        # not in the DfE cohort.
        _in_care(c, "K", "2016-05-01")
        _check(c, "K", "IHA", "2016-05-20")
        c.allocate("K", "T_DAR", "2016-05-01")
        return c

    def test_local(self, council: Council) -> None:
        figures = council.figures("SCS-24", "2016-08")
        # A, B, C, D, D2, E, F, G, K; up to date: B, C, D, F, K.
        assert _nd(figures) == (5, 9)
        assert _nd(figures, cohort="exc_uasc") == (4, 8)
        assert _nd(figures, "T_DAR") == (1, 1)

    def test_dfe(self, council: Council) -> None:
        figures = council.figures("SCS-24-DFE", "2016-08")
        # A, B, C, D, D2, E, F, G (K under 12 months); up to date: B, C, D, D2, F.
        assert _nd(figures) == (5, 8)
        assert _nd(figures, cohort="exc_uasc") == (4, 7)
        assert _nd(figures, "T_UASC") == (1, 1)


def _start(c: Council, pid: str, start: str, *, cla: str = "", end: str | None = None) -> None:
    _in_care(c, pid, start, end, cla=cla)


def _request(c: Council, pid: str, cla: str, day: str) -> None:
    n = len(c.rows["local_iha_requests"]) + 1
    c.add(
        "local_iha_requests",
        ihar_id=f"Q{n}",
        ihar_person_id=pid,
        ihar_cla_id=cla,
        ihar_request_date=d(day),
    )


class TestIhaRequests:
    """SCS-25: IHA requests within 5 working days of becoming looked after (R12M)."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDEG":
            c.child(pid, "2008-01-01")
        c.child("F", "2001-01-01", uasc_from="2016-03-01")
        # A: Mon 22 Aug, request Tue 30 Aug: 23, 24, 25, 26, (29 bank holiday), 30 = 5
        # working days -> in time. Team on the day: T_DAR (moved to T_CIC_N on 25 Aug).
        _start(c, "A", "2016-08-22")
        _request(c, "A", "CLA-A", "2016-08-30")
        c.allocate("A", "T_DAR", "2016-08-01", "2016-08-25")
        c.allocate("A", "T_CIC_N", "2016-08-25")
        # B: Mon 22 Aug, request Wed 31 Aug = 6 working days -> late.
        _start(c, "B", "2016-08-22")
        _request(c, "B", "CLA-B", "2016-08-31")
        c.allocate("B", "T_DAR", "2016-08-01")
        # C: 1 Sep 2015 (the window's first day), request the day before -> in time.
        _start(c, "C", "2015-09-01")
        _request(c, "C", "CLA-C", "2015-08-31")
        c.allocate("C", "T_CAN", "2015-08-01")
        # D: 31 Aug 2015, outside the window.
        _start(c, "D", "2015-08-31")
        _request(c, "D", "CLA-D", "2015-08-31")
        # E: no request -> late.
        _start(c, "E", "2016-01-04")
        # F (UASC): Tue 1 Mar, first of two requests Tue 8 Mar = 5 working days -> in time.
        _start(c, "F", "2016-03-01")
        _request(c, "F", "CLA-F", "2016-03-20")
        _request(c, "F", "CLA-F", "2016-03-08")
        c.allocate("F", "T_UASC", "2016-03-01")
        # G: one period of care with two episodes (S then P) counts once; same-day request.
        c.add(
            "ssd_cla_placement",
            clap_cla_placement_id="G1",
            clap_cla_id="CG",
            clap_person_id="G",
            clap_cla_placement_start_date=d("2016-05-03"),
            clap_cla_placement_end_date=d("2016-06-01"),
            clap_cla_placement_type="U6",
        )
        c.add(
            "ssd_cla_placement",
            clap_cla_placement_id="G2",
            clap_cla_id="CG",
            clap_person_id="G",
            clap_cla_placement_start_date=d("2016-06-01"),
            clap_cla_placement_type="U4",
        )
        for eid, plid, start, end, reason in (
            ("EG1", "G1", "2016-05-03", "2016-06-01", "S"),
            ("EG2", "G2", "2016-06-01", None, "P"),
        ):
            c.add(
                "ssd_cla_episodes",
                clae_cla_episode_id=eid,
                clae_person_id="G",
                clae_cla_id="CG",
                clae_cla_placement_id=plid,
                clae_cla_episode_start_date=d(start),
                clae_cla_episode_ceased_date=d(end) if end else None,
                clae_cla_episode_start_reason=reason,
                clae_entered_care_date=d("2016-05-03"),
            )
        _request(c, "G", "CG", "2016-05-03")
        c.allocate("G", "T_DAR", "2016-05-01")
        return c

    def test_figures(self, council: Council) -> None:
        figures = council.figures("SCS-25", "2016-08")
        # Starts in Sep 2015 - Aug 2016: A, B, C, E, F, G; in time: A, C, F, G.
        assert _nd(figures) == (4, 6)
        assert _nd(figures, cohort="exc_uasc") == (3, 5)
        assert _nd(figures, "T_DAR") == (2, 3)  # A, B, G
        assert _nd(figures, "T_CIC_N") == (0, 0)

    def test_rolling_three_months(self, council: Council) -> None:
        # June to August 2016: A (in time) and B (late).
        fig = council.figure("SCS-25:R3M", "2016-08")
        assert (fig.numerator, fig.denominator) == (1, 2)


class TestInitialHealthAssessments:
    """CIC-16: IHAs due in the rolling 12 months held within 20 working days."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDEGH":
            c.child(pid, "2008-01-01")
        c.child("F", "2001-01-01", uasc_from="2016-01-04")
        # A: Fri 29 Jul; 20th working day after is Fri 26 Aug; IHA that day -> in time.
        _start(c, "A", "2016-07-29")
        _check(c, "A", "IHA", "2016-08-26")
        c.allocate("A", "T_DAR", "2016-07-01")
        # B: Mon 1 Aug; due Tue 30 Aug (29 Aug bank holiday); IHA 31 Aug -> late. A
        # refused IHA does not count.
        _start(c, "B", "2016-08-01")
        _check(c, "B", "IHA", "2016-08-10", status="REFUSED")
        _check(c, "B", "IHA", "2016-08-31")
        c.allocate("B", "T_DAR", "2016-07-01")
        # C: Tue 2 Aug; due Wed 31 Aug (in the window); no IHA -> late.
        _start(c, "C", "2016-08-02")
        # D: Wed 3 Aug; due Thu 1 Sep -> not due in the window.
        _start(c, "D", "2016-08-03")
        # E: left care on 10 Jun 2016, before the IHA was due -> left out.
        _start(c, "E", "2016-06-01", end="2016-06-10")
        # F (UASC): Mon 4 Jan 2016, IHA 20 Jan -> in time.
        _start(c, "F", "2016-01-04")
        _check(c, "F", "IHA", "2016-01-20")
        # G: the only IHA is before this period of care -> late.
        _start(c, "G", "2016-03-01")
        _check(c, "G", "IHA", "2016-02-01")
        # H: Mon 3 Aug 2015; 31 Aug 2015 is a bank holiday, so due Tue 1 Sep 2015, the
        # window's first day; IHA 28 Aug 2015 -> in time.
        _start(c, "H", "2015-08-03")
        _check(c, "H", "IHA", "2015-08-28")
        return c

    def test_figures(self, council: Council) -> None:
        figures = council.figures("CIC-16", "2016-08")
        # Due in the window while in care: A, B, C, F, G, H; in time: A, F, H.
        assert _nd(figures) == (3, 6)
        assert _nd(figures, cohort="exc_uasc") == (2, 5)
        assert _nd(figures, "T_DAR") == (1, 2)


def test_cic17_health_history_is_external() -> None:
    indicator = library().get("CIC-17")
    assert indicator.external
    assert indicator.requires
