"""The postcode lookup (``local_postcode_districts``) places every resident child in a district."""

from __future__ import annotations

import csv
from pathlib import Path

from kpibook.synth.geography import DISTRICTS
from kpibook.synth.postcodes import home_postcodes_by_district


def _rows(folder: Path, table: str) -> list[dict[str, str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_home_postcode_is_in_the_lookup(small_council: Path) -> None:
    lookup = {r["postcode"] for r in _rows(small_council, "local_postcode_districts")}
    addresses = _rows(small_council, "ssd_address")
    homes = [r for r in addresses if r["addr_address_type"] == "HOME"]
    assert homes
    missing = {r["addr_address_postcode"] for r in homes} - lookup
    assert not missing, f"{len(missing)} home postcodes are not in local_postcode_districts"


def test_only_uasc_children_have_no_home_address(small_council: Path) -> None:
    # Unaccompanied asylum-seeking children arrive county-wide with no home in
    # the county, so they have no ssd_address row and no district of residence;
    # every other child has a home address in one of the council's districts.
    people = {r["pers_person_id"] for r in _rows(small_council, "ssd_person")}
    with_home = {
        r["addr_person_id"]
        for r in _rows(small_council, "ssd_address")
        if r["addr_address_type"] == "HOME"
    }
    uasc = {
        r["immi_person_id"]
        for r in _rows(small_council, "ssd_immigration_status")
        if r["immi_immigration_status"] == "UASC"
    }
    assert uasc
    assert people - with_home <= uasc


def test_every_district_id_is_a_district_and_every_district_has_postcodes(
    small_council: Path,
) -> None:
    districts = {
        r["org_unit_id"]
        for r in _rows(small_council, "local_org_units")
        if r["org_level"] == "district"
    }
    used = {r["district_id"] for r in _rows(small_council, "local_postcode_districts")}
    assert used == districts


def test_lookup_is_sorted_unique_and_matches_the_postcodes_homes_are_drawn_from(
    small_council: Path,
) -> None:
    rows = _rows(small_council, "local_postcode_districts")
    postcodes = [r["postcode"] for r in rows]
    assert postcodes == sorted(set(postcodes))
    by_ons = home_postcodes_by_district()
    for d in DISTRICTS:
        listed = {r["postcode"] for r in rows if r["district_id"] == d.district_id}
        assert listed == {p.postcode for p in by_ons[d.ons_code]}, d.district_id
