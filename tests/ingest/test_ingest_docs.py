"""docs/validation.md documents every rule the checker can report."""

from __future__ import annotations

from pathlib import Path

from kpibook.ingest import RULES
from kpibook.ingest.checks import dates

DOC = Path(__file__).resolve().parents[2] / "docs" / "validation.md"


def test_every_rule_has_a_section_and_a_table_row() -> None:
    text = DOC.read_text(encoding="utf-8")
    for rule in RULES:
        assert f"\n### {rule.id}\n" in text, rule.id
        assert f"| `{rule.id}` | {rule.severity} |" in text, rule.id


def test_date_bounds_match_the_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert dates.EARLIEST_PLAUSIBLE.isoformat() in text
    assert dates.PLACEHOLDER_BEFORE.isoformat() in text
    assert dates.PLACEHOLDER_AFTER.isoformat() in text
    assert dates.FUTURE_MONTHS == 12 and "one year after" in text
    assert dates.BIRTH_FUTURE_MONTHS == 9 and "nine months after" in text
