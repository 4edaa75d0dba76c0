"""docs/publish.md documents every table and column of the publication store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kpibook.publish.tables import Base

DOC = Path(__file__).parents[2] / "docs/publish.md"


def _documented() -> set[str]:
    return set(re.findall(r"`([a-z_0-9]+)`", DOC.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("table", "column"),
    [(t.name, c.name) for t in Base.metadata.sorted_tables for c in t.columns],
)
def test_every_column_is_documented(table: str, column: str) -> None:
    documented = _documented()
    assert table in documented, f"document the table `{table}` in docs/publish.md"
    assert column in documented, f"document `{table}.{column}` in docs/publish.md"


def test_no_claim_of_other_databases() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert "PostgreSQL" not in text
