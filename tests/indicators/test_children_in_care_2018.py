"""Children in Care scorecard (January 2018) context and other measures on hand-built fixtures.

CIC-01 to CIC-10 and CIC-18. Every expected numerator and denominator is
worked out by hand from the rows the test adds; the comments say how.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from council import Council, Figure, d, library

Figures = Mapping[tuple[str, str, str, str], Figure]


def _in_care(
    c: Council,
    pid: str,
    start: str,
    end: str | None = None,
    *,
    cla: str = "",
    kind: str = "U4",
    provider: str = "PR1",
    postcode: str | None = None,
) -> None:
    """A period of care with one placement and one episode (reason S)."""
    cla = cla or f"CLA-{pid}"
    c.add(
        "ssd_cla_placement",
        clap_cla_placement_id=f"PL-{cla}",
        clap_cla_id=cla,
        clap_person_id=pid,
        clap_cla_placement_start_date=d(start),
        clap_cla_placement_end_date=d(end) if end else None,
        clap_cla_placement_type=kind,
        clap_cla_placement_provider=provider,
        clap_cla_placement_postcode=postcode,
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


def _home(c: Council, pid: str, postcode: str, start: str, end: str | None = None) -> None:
    n = len(c.rows["ssd_address"]) + 1
    c.add(
        "ssd_address",
        addr_table_id=f"AD{n}",
        addr_person_id=pid,
        addr_address_type="HOME",
        addr_address_start_date=d(start),
        addr_address_end_date=d(end) if end else None,
        addr_address_postcode=postcode,
    )


def _nd(
    figures: Figures, unit: str = "KCC", cohort: str = "all", month: str = "2016-08"
) -> tuple[float, float | None]:
    if unit == "KCC":
        level = "council"
    elif unit.startswith("AREA"):
        level = "area"
    elif unit.startswith("D_") or unit == "UNKNOWN":
        level = "district"
    else:
        level = "team"
    fig = figures[month, level, unit, cohort]
    return fig.numerator, fig.denominator


class TestRatePer10000:
    """CIC-01 (headline excluding UASC) and CIC-02 (including UASC): same figures."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        c.add("local_postcode_districts", postcode="CT1 1AA", district_id="D_CAN")
        c.add("local_postcode_districts", postcode="DA1 1AA", district_id="D_DAR")
        for year, district, age, population in (
            (2015, "D_DAR", 0, 100),  # an older estimate: not used
            (2016, "D_DAR", 0, 5000),
            (2016, "D_DAR", 17, 5000),
            (2016, "D_CAN", 5, 10000),
            (2017, "D_DAR", 0, 6000),
            (2017, "D_CAN", 0, 19000),
        ):
            c.add(
                "local_population",
                population_year=year,
                district_id=district,
                age=age,
                population=population,
            )
        for pid in "ABDEF":
            c.child(pid, "2008-01-01")
        c.child("C", "2001-01-01", uasc_from="2016-05-01")
        # A: lives in Canterbury, in care since 2015.
        _home(c, "A", "CT1 1AA", "2010-01-01")
        _in_care(c, "A", "2015-01-01")
        # B: Dartford, in care January to November 2016.
        _home(c, "B", "DA1 1AA", "2010-01-01")
        _in_care(c, "B", "2016-01-01", "2016-12-01")
        # C (UASC): no home address -> district unknown.
        _in_care(c, "C", "2016-05-01")
        # D: not in care.
        _home(c, "D", "DA1 1AA", "2010-01-01")
        # E: moved from Dartford to Canterbury in May 2016, in care from June -> Canterbury.
        _home(c, "E", "DA1 1AA", "2010-01-01", "2016-05-01")
        _home(c, "E", "CT1 1AA", "2016-05-01")
        _in_care(c, "E", "2016-06-01")
        # F: home address recorded from September 2016 only -> unknown in August,
        # Dartford in January 2017.
        _home(c, "F", "DA1 1AA", "2016-09-01")
        _in_care(c, "F", "2015-01-01")
        return c

    def test_cic01(self, council: Council) -> None:
        figures = council.figures("CIC-01", "2016-08", "2017-01")
        # August 2016: in care A, B, C, E, F; 2016 population 5000 + 5000 + 10000 = 20000.
        assert _nd(figures) == (5, 20000)
        assert figures["2016-08", "council", "KCC", "all"].value == pytest.approx(2.5)
        # Excluding UASC: C out, the population stays.
        assert _nd(figures, cohort="exc_uasc") == (4, 20000)
        assert figures["2016-08", "council", "KCC", "exc_uasc"].value == pytest.approx(2.0)
        # Districts: Canterbury A and E of 10000; Dartford B of 10000; C and F unknown.
        assert _nd(figures, "D_CAN") == (2, 10000)
        assert _nd(figures, "D_DAR") == (1, 10000)
        assert _nd(figures, "UNKNOWN") == (2, 0)
        assert figures["2016-08", "district", "UNKNOWN", "all"].value is None
        assert _nd(figures, "UNKNOWN", "exc_uasc") == (1, 0)
        # January 2017: B has left; F now in Dartford; 2017 population 6000 + 19000.
        assert _nd(figures, month="2017-01") == (4, 25000)
        assert _nd(figures, "D_DAR", month="2017-01") == (1, 6000)
        # No area or team breakdown.
        assert not [k for k in figures if k[1] in ("area", "team")]

    def test_cic02(self, council: Council) -> None:
        figures = council.figures("CIC-02", "2016-08")
        assert _nd(figures) == (5, 20000)
        assert figures["2016-08", "council", "KCC", "all"].value == pytest.approx(2.5)
        assert library().get("CIC-02").headline_cohort.value == "all"
        assert library().get("CIC-01").headline_cohort.value == "exc_uasc"


def test_cic03_number_in_care() -> None:
    c = Council()
    for pid in "ABD":
        c.child(pid, "2008-01-01")
    c.child("U", "2001-01-01", uasc_from="2016-01-01")
    _in_care(c, "A", "2016-08-31")  # came into care on the month end: counts
    _in_care(c, "B", "2016-01-01", "2016-08-31")  # left on the month end: does not
    _in_care(c, "D", "2015-01-01")
    _in_care(c, "U", "2016-01-01")
    c.allocate("D", "T_CIC_N", "2015-01-01").allocate("U", "T_UASC", "2016-01-01")
    figures = c.figures("CIC-03", "2016-07", "2016-08")
    assert figures["2016-08", "council", "KCC", "all"].value == 3  # A, D, U
    assert figures["2016-08", "council", "KCC", "all"].denominator is None
    assert figures["2016-08", "council", "KCC", "exc_uasc"].value == 2
    assert figures["2016-07", "council", "KCC", "all"].value == 3  # B, D, U
    assert figures["2016-08", "team", "T_CIC_N", "all"].value == 1
    assert figures["2016-08", "team", "UNALLOCATED", "all"].value == 1  # A
    assert figures["2016-08", "team", "T_DAR", "all"].value == 0


def _iro(c: Council, pid: str, worker: str, start: str, end: str | None = None) -> None:
    n = len(c.rows["ssd_involvements"]) + 1
    c.add(
        "ssd_involvements",
        invo_involvements_id=f"IRO{n}",
        invo_professional_id=worker,
        invo_professional_role_id="IRO",
        invo_professional_team="T_IRO",
        invo_person_id=pid,
        invo_involvement_start_date=d(start),
        invo_involvement_end_date=d(end) if end else None,
    )


class TestSameIro:
    """CIC-05: in care 18 months or more, same IRO for the last 12 months."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        for pid in "ABCDEG":
            c.child(pid, "2008-01-01")
        c.child("F", "2001-01-01", uasc_from="2015-01-01")
        # Month end 31 Aug 2016: in care from 28 Feb 2015 or earlier; IRO since
        # 31 Aug 2015 or earlier.
        _in_care(c, "A", "2014-06-01")
        _iro(c, "A", "I1", "2015-08-31")  # exactly 12 months
        c.allocate("A", "T_CIC_N", "2014-06-01")
        _in_care(c, "B", "2014-06-01")
        _iro(c, "B", "I2", "2015-09-01")  # a day short
        # C: the same IRO recorded twice, back to back -> one run since Jan 2015.
        _in_care(c, "C", "2014-06-01")
        _iro(c, "C", "I3", "2015-01-01", "2016-01-01")
        _iro(c, "C", "I3", "2016-01-01")
        # D: a new IRO from Feb 2016 takes over from one left open.
        _in_care(c, "D", "2014-06-01")
        _iro(c, "D", "I4", "2015-01-01")
        _iro(c, "D", "I5", "2016-02-01")
        # E: in care from 1 Mar 2015 -> left out.
        _in_care(c, "E", "2015-03-01")
        _iro(c, "E", "I6", "2015-03-01")
        # F (UASC): in care and the same IRO since 28 Feb 2015.
        _in_care(c, "F", "2015-02-28")
        _iro(c, "F", "I7", "2015-02-28")
        # G: a social worker but no IRO -> not counted; team T_DAR.
        _in_care(c, "G", "2014-06-01")
        c.allocate("G", "T_DAR", "2014-06-01", worker="W9")
        return c

    def test_figures(self, council: Council) -> None:
        figures = council.figures("CIC-05", "2016-08")
        # A, B, C, D, F, G; same IRO for 12 months: A, C, F.
        assert _nd(figures) == (3, 6)
        assert _nd(figures, cohort="exc_uasc") == (2, 5)
        # Counted against the case-holding team, not the IRO service.
        assert _nd(figures, "T_CIC_N") == (1, 1)
        assert _nd(figures, "T_DAR") == (0, 1)
        assert _nd(figures, "T_IRO") == (0, 0)


def test_cic06_returning_within_24_months() -> None:
    c = Council()
    for pid in "ABCDF":
        c.child(pid, "2008-01-01")
    c.child("E", "2001-01-01", uasc_from="2015-10-01")
    # Financial year to date for August 2016: 1 Apr 2016 to 31 Aug 2016.
    # A: previous care ended 1 May 2014, back on 1 May 2016: exactly 24 months -> yes.
    _in_care(c, "A", "2013-01-01", "2014-05-01", cla="A1")
    _in_care(c, "A", "2016-05-01", cla="A2")
    c.allocate("A", "T_DAR", "2016-01-01")
    # B: previous care ended 30 Apr 2014 -> no.
    _in_care(c, "B", "2013-01-01", "2014-04-30", cla="B1")
    _in_care(c, "B", "2016-05-01", cla="B2")
    c.allocate("B", "T_DAR", "2016-01-01")
    # C: first time in care, 1 Apr 2016 -> no.
    _in_care(c, "C", "2016-04-01")
    # D: started 31 Mar 2016, last financial year -> left out.
    _in_care(c, "D", "2016-03-31")
    # E (UASC): previous care ended 1 Jan 2016, back on the month end -> yes.
    _in_care(c, "E", "2015-10-01", "2016-01-01", cla="E1")
    _in_care(c, "E", "2016-08-31", cla="E2")
    # F: left care on 1 Jun 2016 and came back the same day -> yes.
    _in_care(c, "F", "2016-04-15", "2016-06-01", cla="F1")
    _in_care(c, "F", "2016-06-01", cla="F2")
    figures = c.figures("CIC-06", "2016-08")
    # Starts: A, B, C, E, F2 (F1 also started in the year: a first start -> no).
    assert _nd(figures) == (3, 6)
    assert _nd(figures, cohort="exc_uasc") == (2, 5)
    assert _nd(figures, "T_DAR") == (1, 2)


def test_cic08_private_and_voluntary_residential() -> None:
    c = Council()
    for pid in "ABCDF":
        c.child(pid, "2008-01-01")
    c.child("E", "2001-01-01", uasc_from="2015-01-01")
    _in_care(c, "A", "2015-01-01", kind="K2", provider="PR4")  # private children's home: yes
    _in_care(c, "B", "2015-01-01", kind="K2", provider="PR1")  # council's home: no
    _in_care(c, "C", "2015-01-01", kind="U6", provider="PR4")  # agency foster care: no
    _in_care(c, "D", "2015-01-01", kind="H5", provider="PR4")  # semi-independent: no
    _in_care(c, "E", "2015-01-01", kind="S1", provider="PR5")  # residential school: yes
    _in_care(c, "F", "2015-01-01", kind="R1", provider="PR5")  # care home: yes
    c.allocate("A", "T_CIC_N", "2015-01-01").allocate("E", "T_UASC", "2015-01-01")
    figures = c.figures("CIC-08", "2016-08")
    assert _nd(figures) == (3, 6)
    assert _nd(figures, cohort="exc_uasc") == (2, 5)
    assert _nd(figures, "AREA_N") == (1, 1)


class TestPlacedOutside:
    """CIC-10 (outside the council's area) and CIC-09 (also outside Medway)."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        c.add("local_postcode_districts", postcode="CT1 1AA", district_id="D_CAN")
        c.add("local_postcode_districts", postcode="ME14 1AA", district_id="D_DAR")
        for pid in "ABCDEG":
            c.child(pid, "2008-01-01")
        c.child("F", "2001-01-01", uasc_from="2015-01-01")
        _in_care(c, "A", "2015-01-01", postcode="CT1 1AA")  # in the area
        _in_care(c, "B", "2015-01-01", postcode="ME14 1AA")  # an ME postcode in the area
        _in_care(c, "C", "2015-01-01", postcode="ME1 1AA")  # Medway
        _in_care(c, "D", "2015-01-01", postcode="SE1 1AA")  # London
        _in_care(c, "E", "2015-01-01")  # no postcode: counted as inside
        _in_care(c, "F", "2015-01-01", postcode="BN1 1AA")  # UASC, Brighton
        _in_care(c, "G", "2015-01-01", postcode="me4 4aa")  # Medway, written in lower case
        c.allocate("C", "T_CIC_N", "2015-01-01").allocate("D", "T_CIC_N", "2015-01-01")
        return c

    def test_including_medway(self, council: Council) -> None:
        figures = council.figures("CIC-10", "2016-08")
        # Outside: C, D, F, G of 7.
        assert _nd(figures) == (4, 7)
        assert _nd(figures, cohort="exc_uasc") == (3, 6)
        assert _nd(figures, "T_CIC_N") == (2, 2)

    def test_excluding_medway(self, council: Council) -> None:
        figures = council.figures("CIC-09", "2016-08")
        # Outside and not Medway: D, F.
        assert _nd(figures) == (2, 7)
        assert _nd(figures, cohort="exc_uasc") == (1, 6)
        assert _nd(figures, "T_CIC_N") == (1, 2)


@pytest.mark.parametrize("indicator_id", ["CIC-04", "CIC-07", "CIC-18"])
def test_data_from_outside(indicator_id: str) -> None:
    # Other councils' children, youth offending and SDQ scores are not in the data model.
    indicator = library().get(indicator_id)
    assert indicator.external
    assert indicator.requires
