"""The DfE's own 903 rules on kpibook's exports (needs .dfe-venv: bash scripts/dfe-validators.sh).

Skipped, saying so, when the DfE environment has not been made (the README's
test command makes it; each run below takes about 15 s).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from dfe_support import needs_dfe, small_council

from kpibook.returns.dfe.runner import validate_903
from kpibook.returns.ssda903.write import write_903

VALIDATOR_DEFECTS = frozenset({"1001", "SW11bSTG2", "SW12STG2", "575", "577", "187"})
"""Rules whose published implementation flags correct data (docs/returns-dfe-rules.md):
1001 flags every care leaver aged 20 or 21; SW11bSTG2 every social-worker change in
the last 5 days of March; SW12STG2 every child with two periods of care in the year;
575 and 577 every missing period open at 31 March (rule 365 fills in end dates); 187
a child adopted on 31 March after a year in care (its AD1, which rule 601 requires)."""


@pytest.fixture(scope="module")
def export_2023_24(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dfe903")
    data = small_council(root / "data", 3, dt.date(2021, 4, 1), dt.date(2024, 3, 31))
    out = root / "903"
    write_903(data, "2023-24", out, la_number="886")
    return out


@needs_dfe
def test_no_rule_fails_but_those_documented_as_open(export_2023_24: Path) -> None:
    result = validate_903(export_2023_24, "2023-24")
    assert result.rules_run > 250
    assert result.rules_failed_to_run == ()
    unexpected = {
        rule: count for rule, count in result.counts().items() if rule not in VALIDATOR_DEFECTS
    }
    assert unexpected == {}, [e for e in result.errors if e.rule in unexpected][:10]


OC2_RULES = frozenset(
    {"157", "158", "159", "180", "181", "182", "185", "186", "188", "189", "190", "191", "192",
     "193", "196", "197a", "197B", "198", "215", "542", "543", "544", "545", "546", "547"}
)  # fmt: skip
"""The DfE rules on OC2's items (SDQ, convictions, health, immunisations, substance misuse)."""


@needs_dfe
def test_oc2_is_complete(export_2023_24: Path) -> None:
    """The SDQ, conviction, immunisation and substance misuse items are all filled in."""
    result = validate_903(export_2023_24, "2023-24")
    assert {rule for rule in result.counts() if rule in OC2_RULES} == set()
    with (export_2023_24 / "oc2.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 10
    assert all(
        r["IMMUNISATIONS"] in {"0", "1"} and r["SUBSTANCE_MISUSE"] in {"0", "1"} for r in rows
    )
    assert any(r["SDQ_SCORE"] for r in rows) and any(r["SDQ_REASON"] for r in rows)


@needs_dfe
def test_errors_name_rule_table_row_and_child(export_2023_24: Path) -> None:
    result = validate_903(export_2023_24, "2023-24")
    flagged = [e for e in result.errors if e.rule == "1001"]
    assert flagged, "care leavers aged 20 or 21: the validator's rule 1001 flags them"
    assert all(e.table == "OC3" and e.child and e.row >= 0 for e in flagged)
