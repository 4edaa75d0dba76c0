"""The code lists by schema year agree with the stored XSDs' enumerations."""

from __future__ import annotations

import pytest
from defusedxml.ElementTree import parse

from kpibook.returns.cin import spec
from kpibook.returns.cin.check import stored_xsd

XS = "{http://www.w3.org/2001/XMLSchema}"
TYPES = {
    "ethnicitytype": "ethnicity", "disabilitytype": "disability",
    "referralsourcetype": "referral_source", "categoryofabuse": "abuse_category",
    "categoryofabusetype": "abuse_category", "primaryneedcodetype": "primary_need",
    "reasonforclosuretype": "reason_for_closure", "assessmentfactorstype": "assessment_factor",
    "unknownupntype": "upn_unknown", "gendertype": "sex", "sextype": "sex",
}  # fmt: skip


@pytest.mark.parametrize("schema", range(2017, 2026))
def test_code_lists_match_the_xsd(schema: int) -> None:
    path = stored_xsd(schema)
    assert path is not None
    seen = set()
    for simple in parse(path).getroot().iter(f"{XS}simpleType"):
        listed = TYPES.get(simple.get("name") or "")
        if listed is None:
            continue
        seen.add(listed)
        codes = {e.get("value") for e in simple.iter(f"{XS}enumeration")}
        assert codes == set(spec.codes(listed, schema)), (schema, listed)
    assert seen == set(spec.CODE_LISTS)


def test_what_changed_between_years() -> None:
    factors = spec.codes
    assert "18A" in factors("assessment_factor", 2020)
    assert "18A" not in factors("assessment_factor", 2021)
    assert "24A" not in factors("assessment_factor", 2021)
    assert "24A" in factors("assessment_factor", 2022)
    assert "5D" not in spec.codes("referral_source", 2022)
    assert "RC9" in spec.codes("reason_for_closure", 2023)
    assert set(spec.codes("sex", 2024)) == {"0", "1", "2", "9"}
    assert set(spec.codes("sex", 2025)) == {"M", "F", "U"}
    assert spec.sex_element(2024) == "GenderCurrent"
    assert spec.sex_element(2025) == "Sex"
    assert spec.schema_for_collection("2023-24") == 2024
