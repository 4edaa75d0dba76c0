"""The DfE CIN census rules on kpibook's export (needs .dfe-venv: scripts/dfe-validators.sh).

A small synthetic council's 2023-24 census must pass every rule of type Error
(queries are the council's to explain: see docs/returns-cin.md). Skipped,
saying so, when the DfE environment has not been made.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from dfe_support import needs_dfe, small_council

from kpibook.returns.cin import write_cin
from kpibook.returns.cin.dfe import ruleset, validate_cin


@pytest.fixture(scope="module")
def census_2023_24(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dfecin")
    data = small_council(root / "data", 2, dt.date(2022, 4, 1), dt.date(2024, 3, 31))
    return write_cin(data, "2023-24", root / "cin-2023-24.xml")


def test_ruleset_names_the_collection_year() -> None:
    assert ruleset("2023-24") == "cin2023_24"
    assert ruleset("2099-00") == "cin2099_00"
    for bad in ("2023-25", "2023/24", "23-24", "2023-24 "):
        with pytest.raises(ValueError, match="not like 2023-24"):
            ruleset(bad)


@needs_dfe
def test_no_rule_of_type_error_fails(census_2023_24: Path) -> None:
    result = validate_cin(census_2023_24, "2023-24")
    assert result.rules_run > 100
    assert result.rules_failed_to_run == ()
    assert result.errors == (), result.errors[:10]


def _tampered(census: Path, out: Path) -> Path:
    """One child of the census whose closed episode now closes before its assessment ends.

    The child chosen has an episode with an assessment and nothing else: on a file
    of one child, some published rules raise for want of a column that no element
    of the file fills (e.g. an enquiry's conference date).
    """
    tree = ET.parse(census)
    children = tree.getroot().find("Children")
    assert children is not None
    chosen = None
    for child in list(children):
        for details in child.iter("CINdetails"):
            auth = details.findtext("Assessments/AssessmentAuthorisationDate")
            closure = details.find("CINclosureDate")
            alone = all(
                details.find(other) is None
                for other in ("Section47", "CINPlanDates", "ChildProtectionPlans")
            )
            if chosen is None and auth and closure is not None and alone:
                closure.text = (dt.date.fromisoformat(auth) - dt.timedelta(days=1)).isoformat()
                chosen = child
        if child is not chosen:
            children.remove(child)
    assert chosen is not None
    tree.write(out, encoding="UTF-8", xml_declaration=True)
    return out


@needs_dfe
def test_an_episode_closed_before_its_assessment_is_an_error(
    census_2023_24: Path, tmp_path: Path
) -> None:
    result = validate_cin(_tampered(census_2023_24, tmp_path / "one.xml"), "2023-24")
    assert result.rules_failed_to_run == ()
    flagged = {f.rule for f in result.errors}
    assert "8565" in flagged
    assert all(f.child and f.row >= 0 and f.kind == "Error" for f in result.errors)
