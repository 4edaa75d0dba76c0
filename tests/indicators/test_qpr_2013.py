"""2013 Quarterly Performance Report indicators (QPR-01 to QPR-09) on a hand-built fixture.

Quarterly figures are reported at March, June, September and December only.
The quarter-end counts and rates place each child in the district of their
home address (from the postcode lookup). Every expected figure is worked out
by hand from the rows added; the comments say how.
"""

from __future__ import annotations

import pytest
from council import Council, d, library


def _population(c: Council, year: int, district: str, age: int, people: int) -> None:
    c.add(
        "local_population",
        population_year=year,
        district_id=district,
        age=age,
        population=people,
    )


def _home(c: Council, pid: str, postcode: str, start: str, end: str | None = None) -> None:
    c.add(
        "ssd_address",
        addr_table_id=f"AD-{pid}-{start}",
        addr_person_id=pid,
        addr_address_type="HOME",
        addr_address_start_date=d(start),
        addr_address_end_date=d(end) if end else None,
        addr_address_postcode=postcode,
    )


@pytest.fixture
def council() -> Council:
    c = Council()
    c.child("A", "2005-01-01").child("B", "2006-01-01").child("C", "2007-01-01")
    c.child("U", "2000-06-01", uasc_from="2015-06-01")
    # Child population aged 0-17.
    _population(c, 2015, "D_DAR", 3, 8000)
    _population(c, 2015, "D_CAN", 4, 18000)  # 2015: 26,000 in all
    _population(c, 2016, "D_DAR", 0, 6000)
    _population(c, 2016, "D_DAR", 17, 4000)  # 2016: Dartford 10,000
    _population(c, 2016, "D_CAN", 5, 20000)  # 2016: Canterbury 20,000; 30,000 in all
    _population(c, 2017, "D_DAR", 1, 1)
    _population(c, 2017, "D_CAN", 1, 1)  # 2017: 2 in all
    # Postcode lookup and home addresses.
    c.add("local_postcode_districts", postcode="DA1 1AA", district_id="D_DAR")
    c.add("local_postcode_districts", postcode="CT1 1AA", district_id="D_CAN")
    _home(c, "A", "DA1 1AA", "2010-01-01", "2016-09-15")  # A moves Dartford -> Canterbury
    _home(c, "A", "CT1 1AA", "2016-09-15")
    _home(c, "B", "DA1 1AA", "2010-01-01")
    _home(c, "C", "ZZ9 9ZZ", "2010-01-01")  # not in the lookup: district unknown
    # U has no home address: district unknown.

    # Care episodes.
    def care(pid: str, start: str, end: str | None = None) -> None:
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

    care("A", "2016-01-01")
    care("B", "2016-01-01", "2016-09-30")  # leaves care on the quarter end
    care("U", "2015-06-01")
    care("C", "2016-09-30")  # enters care on the quarter end

    # Child protection plans.
    def plan(pid: str, start: str, end: str | None = None) -> None:
        c.add(
            "ssd_cp_plans",
            cppl_cp_plan_id=f"CP-{pid}",
            cppl_person_id=pid,
            cppl_cp_plan_start_date=d(start),
            cppl_cp_plan_end_date=d(end) if end else None,
        )

    plan("A", "2016-05-01", "2016-09-30")
    plan("B", "2016-09-30")
    plan("C", "2016-07-01")

    # Contacts and referrals.
    for cid, pid, day in (
        ("K1", "A", "2016-06-30"),
        ("K2", "A", "2016-07-01"),
        ("K3", "B", "2016-09-30"),
        ("K4", "B", "2016-10-01"),
        ("K5", "U", "2016-08-15"),
    ):
        c.add("ssd_contacts", cont_contact_id=cid, cont_person_id=pid, cont_contact_date=d(day))
    for rid, pid, day, team in (
        ("R1", "A", "2016-06-30", "T_DAR"),
        ("R2", "A", "2016-07-01", "T_DAR"),
        ("R3", "B", "2016-09-30", "T_CAN"),
        ("R4", "U", "2016-08-01", "T_UASC"),
    ):
        c.add(
            "ssd_cin_episodes",
            cine_referral_id=rid,
            cine_person_id=pid,
            cine_referral_date=d(day),
            cine_referral_team=team,
        )
    return c


def test_qpr02_contacts_in_the_quarter(council: Council) -> None:
    figures = council.figures("QPR-02", "2016-06", "2016-12")
    # July-September: K2 (1 Jul), K3 (30 Sep), K5 (UASC) -> 3.
    q3 = figures["2016-09", "council", "KCC", "all"]
    assert (q3.value, q3.denominator) == (3, None)
    assert figures["2016-09", "council", "KCC", "exc_uasc"].value == 2
    assert figures["2016-06", "council", "KCC", "all"].value == 1  # K1 (April-June)
    assert figures["2016-12", "council", "KCC", "all"].value == 1  # K4
    # Reported at quarter ends only, and for the council only.
    assert not any(key[0] in ("2016-07", "2016-08") for key in figures)
    assert {key[1] for key in figures} == {"council"}


def test_qpr03_referrals_in_the_quarter(council: Council) -> None:
    figures = council.figures("QPR-03", "2016-06", "2016-09")
    assert figures["2016-09", "council", "KCC", "all"].value == 3  # R2, R3, R4
    assert figures["2016-09", "council", "KCC", "exc_uasc"].value == 2
    assert figures["2016-09", "team", "T_CAN", "all"].value == 1  # R3
    assert figures["2016-09", "area", "AREA_CW", "all"].value == 1  # R4
    assert figures["2016-06", "council", "KCC", "all"].value == 1  # R1


class TestQPR04:
    """Indigenous (non-UASC) children in care at the quarter end, and per 10,000."""

    def test_count(self, council: Council) -> None:
        figures = council.figures("QPR-04", "2016-06", "2016-09")
        # 30 Sep: A (home Canterbury since 15 Sep), U (unknown), C (entered 30 Sep, unknown);
        # B left care on 30 Sep -> 3, of whom 2 are not UASC (the headline).
        assert figures["2016-09", "council", "KCC", "all"].value == 3
        assert figures["2016-09", "council", "KCC", "exc_uasc"].value == 2
        assert figures["2016-09", "district", "D_CAN", "exc_uasc"].value == 1  # A
        assert figures["2016-09", "district", "D_DAR", "exc_uasc"].value == 0
        assert figures["2016-09", "district", "UNKNOWN", "all"].value == 2  # U, C
        assert figures["2016-09", "area", "AREA_E", "exc_uasc"].value == 1  # A, by residence
        # 30 Jun: A and B (both Dartford), U -> 3; 2 excluding UASC.
        assert figures["2016-06", "council", "KCC", "exc_uasc"].value == 2
        assert figures["2016-06", "district", "D_DAR", "all"].value == 2
        assert not any(key[1] == "team" for key in figures)

    def test_rate(self, council: Council) -> None:
        figures = council.figures("QPR-04-RATE", "2015-12", "2017-03")
        # 30 Sep 2016, excluding UASC: A and C over the 2016 population (30,000).
        sep = figures["2016-09", "council", "KCC", "exc_uasc"]
        assert (sep.numerator, sep.denominator) == (2, 30000)
        assert sep.value == pytest.approx(10000 * 2 / 30000)
        # All children: A, C and U -> 3 / 30,000 = 1.0 per 10,000.
        assert figures["2016-09", "council", "KCC", "all"].value == pytest.approx(1.0)
        # Canterbury: A over 20,000 -> 0.5; Dartford: none of 10,000 -> 0.
        can = figures["2016-09", "district", "D_CAN", "exc_uasc"]
        assert (can.numerator, can.denominator) == (1, 20000)
        assert can.value == pytest.approx(0.5)
        dar = figures["2016-09", "district", "D_DAR", "exc_uasc"]
        assert (dar.numerator, dar.denominator, dar.value) == (0, 10000, 0.0)
        # Areas are the areas of the districts (East Kent holds Canterbury).
        east = figures["2016-09", "area", "AREA_E", "exc_uasc"]
        assert (east.numerator, east.denominator) == (1, 20000)
        # Unknown district: children but no population -> no rate.
        unknown = figures["2016-09", "district", "UNKNOWN", "all"]
        assert (unknown.numerator, unknown.value) == (2, None)
        # 31 Dec 2015: only U (A and B entered care in 2016), over the 2015 estimate.
        dec = figures["2015-12", "council", "KCC", "all"]
        assert (dec.numerator, dec.denominator) == (1, 26000)
        assert figures["2015-12", "council", "KCC", "exc_uasc"].numerator == 0
        # 31 Mar 2017: the 2017 estimate (2 children in the fixture), not 2016's.
        assert figures["2017-03", "council", "KCC", "all"].denominator == 2


class TestQPR05:
    """Children on a child protection plan at the quarter end, and per 10,000."""

    def test_count(self, council: Council) -> None:
        figures = council.figures("QPR-05", "2016-06", "2016-09")
        # 30 Sep: B (plan from 30 Sep, Dartford), C (unknown); A's plan ended 30 Sep -> 2.
        assert figures["2016-09", "council", "KCC", "all"].value == 2
        assert figures["2016-09", "district", "D_DAR", "all"].value == 1
        assert figures["2016-09", "area", "AREA_N", "all"].value == 1
        # 30 Jun: A (Dartford) -> 1.
        assert figures["2016-06", "council", "KCC", "all"].value == 1
        assert figures["2016-06", "district", "D_DAR", "all"].value == 1

    def test_rate(self, council: Council) -> None:
        figures = council.figures("QPR-05-RATE", "2016-09")
        sep = figures["2016-09", "council", "KCC", "all"]
        assert (sep.numerator, sep.denominator) == (2, 30000)
        dar = figures["2016-09", "district", "D_DAR", "all"]
        assert (dar.numerator, dar.denominator) == (1, 10000)
        assert dar.value == pytest.approx(1.0)
        north = figures["2016-09", "area", "AREA_N", "all"]
        assert (north.numerator, north.denominator) == (1, 10000)


@pytest.mark.parametrize(
    "indicator_id",
    [
        "QPR-01",
        "QPR-06",
        "QPR-07",
        "QPR-08",
        "QPR-08-AGREE",
        "QPR-09",
        "QPR-09-ACHIEVE",
        "QPR-09-STAFF",
    ],
)
def test_external_indicators_have_no_sql(indicator_id: str) -> None:
    # Pre-2014 initial/core assessments and the surveys are not in the data model.
    indicator = library().get(indicator_id)
    assert indicator.external
    assert indicator.sql is None
    assert indicator.requires
