"""Education of children in care (SCS-26, CIC-11 to CIC-15) on hand-built fixtures.

Every expected numerator and denominator is worked out by hand from the rows
the test adds; the comments say how. The month is August 2016 (month end
31 August 2016; 6 months before is 29 February 2016, 12 months before is
31 August 2015).
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from council import Council, Figure, d, library

Figures = Mapping[tuple[str, str, str, str], Figure]


def _in_care(c: Council, pid: str, start: str) -> None:
    """A period of care with one placement and one episode (reason S), still open."""
    c.add(
        "ssd_cla_placement",
        clap_cla_placement_id=f"PL-{pid}",
        clap_cla_id=f"CLA-{pid}",
        clap_person_id=pid,
        clap_cla_placement_start_date=d(start),
        clap_cla_placement_type="U4",
    )
    c.add(
        "ssd_cla_episodes",
        clae_cla_episode_id=f"E-{pid}",
        clae_person_id=pid,
        clae_cla_id=f"CLA-{pid}",
        clae_cla_placement_id=f"PL-{pid}",
        clae_cla_episode_start_date=d(start),
        clae_cla_episode_start_reason="S",
        clae_entered_care_date=d(start),
    )


def _nd(figures: Figures, unit: str = "KCC", cohort: str = "all") -> tuple[float, float | None]:
    level = "council" if unit == "KCC" else ("area" if unit.startswith("AREA") else "team")
    fig = figures["2016-08", level, unit, cohort]
    return fig.numerator, fig.denominator


class TestPersonalEducationPlans:
    """SCS-26: children in care aged 5-16 with a PEP in the last 6 months."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        c.child("A", "2011-08-31")  # 5 on the month end
        c.child("B", "2000-01-01")  # 16
        c.child("C", "1999-08-31")  # 17: too old
        c.child("D", "2011-09-01")  # 4: too young
        c.child("E", "2001-01-01", uasc_from="2015-01-01")  # 15
        c.child("F", "2008-01-01").child("G", "2008-01-01")
        for pid in "ABCDEFG":
            _in_care(c, pid, "2014-01-01")
        peps = [
            ("A", "2016-03-01"),  # after 29 Feb 2016 -> in the 6 months
            ("B", "2016-02-29"),  # exactly 6 months before -> not
            ("C", "2016-08-01"),
            ("D", "2016-08-01"),
            ("E", "2016-08-31"),  # on the month end -> yes
            ("G", "2016-09-01"),  # after the month end -> not
        ]
        for i, (pid, day) in enumerate(peps):
            c.add(
                "local_pep",
                pep_id=f"P{i}",
                pep_person_id=pid,
                pep_date=d(day),
                pep_status="updated",
            )
        c.allocate("A", "T_CIC_N", "2014-01-01").allocate("B", "T_CIC_N", "2014-01-01")
        c.allocate("E", "T_UASC", "2015-01-01")
        return c

    def test_figures(self, council: Council) -> None:
        figures = council.figures("SCS-26", "2016-08")
        # Aged 5-16: A, B, E, F, G; PEP in the 6 months: A, E.
        assert _nd(figures) == (2, 5)
        assert _nd(figures, cohort="exc_uasc") == (1, 4)
        assert _nd(figures, "T_CIC_N") == (1, 2)
        assert _nd(figures, "AREA_CW") == (1, 1)


class TestNeet:
    """CIC-13: in care 12 months+, aged 16-18, latest recorded activity NEET."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        c.child("A", "2000-08-31")  # 16 on the month end
        c.child("B", "1999-01-01").child("C", "1999-01-01").child("G", "2000-01-01")
        c.child("D", "2000-09-01")  # 15: too young
        c.child("E", "1999-01-01")
        c.child("F", "1999-03-01", uasc_from="2015-01-01")
        for pid in "ABDFG":
            _in_care(c, pid, "2014-01-01")
        _in_care(c, "C", "2015-03-01")
        _in_care(c, "E", "2015-09-01")  # under 12 months -> left out
        rows = [
            ("A", "2016-01-01", "F2"),
            ("A", "2016-07-01", "G5"),  # latest: NEET
            ("B", "2016-01-01", "G4"),
            ("B", "2016-08-31", "F2"),  # latest, on the month end: in education
            ("C", "2015-01-01", "G6"),  # before this period of care -> not counted
            ("D", "2016-07-01", "G5"),
            ("E", "2016-07-01", "G5"),
            ("F", "2016-05-01", "G4"),  # UASC: NEET
            ("G", "2016-09-01", "G5"),  # after the month end -> nothing recorded
        ]
        for i, (pid, day, activity) in enumerate(rows):
            c.add(
                "ssd_care_leavers",
                clea_table_id=f"CL{i}",
                clea_person_id=pid,
                clea_care_leaver_eligibility="ELIGIBLE",
                clea_care_leaver_in_touch="YES",
                clea_care_leaver_latest_contact=d(day),
                clea_care_leaver_activity=activity,
            )
        c.allocate("A", "T_CIC_N", "2014-01-01").allocate("B", "T_CIC_N", "2014-01-01")
        return c

    def test_figures(self, council: Council) -> None:
        figures = council.figures("CIC-13", "2016-08")
        # Aged 16-18, in care since 31 Aug 2015 or earlier: A, B, C, F, G; NEET: A, F.
        assert _nd(figures) == (2, 5)
        assert _nd(figures, cohort="exc_uasc") == (1, 4)
        assert _nd(figures, "T_CIC_N") == (1, 2)


@pytest.mark.parametrize("indicator_id", ["CIC-11", "CIC-12", "CIC-14", "CIC-15"])
def test_school_data_is_external(indicator_id: str) -> None:
    # Exclusions, reduced timetables, SEN status and EHCP dates are not in the data model.
    indicator = library().get(indicator_id)
    assert indicator.external
    assert indicator.requires
