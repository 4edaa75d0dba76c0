"""docs/indicators.md documents every YAML key, helper, macro and period code."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from kpibook.engine.helpers import HELPERS, MACROS
from kpibook.engine.periods import Period, Window, window
from kpibook.indicators.files import KEYS
from kpibook.indicators.library import library_folder

DOC = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"


def _documented_names() -> set[str]:
    """Names in backticks at the start of a table row, or anywhere in a heading."""
    names: set[str] = set()
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            first_cell = line.split("|")[1]
            names.update(re.findall(r"`([^`]+)`", first_cell))
        elif line.startswith("#"):
            names.update(re.findall(r"`([^`]+)`", line))
            names.update(re.findall(r"[\w-]+", line))
    return names


@pytest.mark.parametrize("key", KEYS)
def test_every_yaml_key_is_documented(key: str) -> None:
    assert key in _documented_names(), f"add a row for `{key}` to docs/indicators.md"


@pytest.mark.parametrize("name", [h.name for h in HELPERS] + list(MACROS))
def test_every_helper_and_macro_is_documented(name: str) -> None:
    assert name in _documented_names(), f"add a row for `{name}` to docs/indicators.md"


@pytest.mark.parametrize("period", list(Period))
def test_every_period_code_is_documented(period: Period) -> None:
    assert period.value in _documented_names()


def test_period_examples_match_the_engine() -> None:
    rows = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    checked = 0
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        code = cells[0].strip("`")
        if code not in Period.__members__ or len(cells) < 4:
            continue
        found = re.fullmatch(r"(\d+ \w{3} \d{4}) – (\d+ \w{3} \d{4})", cells[3])
        if found is None:
            continue
        start, end = (dt.datetime.strptime(x, "%d %b %Y").date() for x in found.groups())
        assert end == dt.date(2016, 8, 31), row  # the examples are for August 2016
        assert window(Period[code], end) == Window(end, start), row
        checked += 1
    assert checked >= 5  # M, R3M, R12M, FYTD, AYTD


def test_worked_example_is_the_shipped_sql() -> None:
    text = DOC.read_text(encoding="utf-8")
    marker = "`library/referral_assessment/SCS-01.sql`:\n\n```sql\n"
    assert marker in text
    example = text.split(marker, 1)[1].split("```", 1)[0]
    shipped = (library_folder() / "referral_assessment" / "SCS-01.sql").read_text("utf-8")
    assert example == shipped, "update the SCS-01 worked example in docs/indicators.md"


def test_links_within_the_guide_lead_to_headings() -> None:
    text = DOC.read_text(encoding="utf-8")
    anchors = {
        re.sub(r"[^\w\- ]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
        for line in text.splitlines()
        if line.startswith("#")
    }
    for target in re.findall(r"\]\(#([^)]+)\)", text):
        assert target in anchors, target
