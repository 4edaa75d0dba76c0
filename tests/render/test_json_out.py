"""scorecard.json: every row, unrounded, nulls where none, deterministic, every field documented.

The golden file is the small pack's JSON. When the layout changes on purpose,
regenerate it and review the diff:

    KPIBOOK_REGENERATE_GOLDEN=1 /tmp/venvtest/bin/pytest tests/render/test_json_out.py
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import re
from pathlib import Path
from typing import Any

import pytest

from kpibook.render import json_out
from kpibook.scorecard.model import Pack

GOLDEN = Path(__file__).parent / "golden" / "small_pack.json"
REGENERATE = os.environ.get("KPIBOOK_REGENERATE_GOLDEN") == "1"
DOCS = Path(__file__).parents[2] / "docs"
DOC_FILES = ("pack-excel-json.md", "pack.md")
"""Where the fields are described (pack-excel-json.md is to be merged into pack.md)."""


@pytest.fixture(scope="module")
def written(small_pack: Pack, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("json") / "scorecard.json"
    json_out.write_json(small_pack, path)
    return path


@pytest.fixture(scope="module")
def data(written: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(written.read_text(encoding="utf-8"))
    return loaded


def find(data: dict[str, Any], indicator: str, unit: str, cohort: str = "all") -> dict[str, Any]:
    for row in data["rows"]:
        if (row["indicator_id"], row["org_unit"], row["cohort"]) == (indicator, unit, cohort):
            return dict(row)
    raise AssertionError(f"no row {indicator} {unit} {cohort}")


def test_golden(written: Path) -> None:
    text = written.read_text(encoding="utf-8")
    if REGENERATE:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.exists(), "no golden file: run with KPIBOOK_REGENERATE_GOLDEN=1"
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "scorecard.json differs from the golden file; if the change is intended, regenerate it "
        "with KPIBOOK_REGENERATE_GOLDEN=1 and review the diff"
    )


def test_deterministic(small_pack: Pack, written: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.json"
    json_out.write_json(small_pack, again)
    assert again.read_bytes() == written.read_bytes()
    assert written.read_text(encoding="utf-8").endswith("}\n")


def test_metadata(data: dict[str, Any], small_pack: Pack) -> None:
    assert list(data)[:9] == [
        "format",
        "council",
        "council_short_name",
        "report_title",
        "month",
        "publication_date",
        "targets_label",
        "targets_year",
        "version",
    ]
    assert data["format"] == json_out.FORMAT
    assert data["council"] == "Testshire County Council"
    assert data["month"] == "2016-08-31"
    assert data["publication_date"] == "2016-11-10"
    assert data["targets_label"] == small_pack.targets_label
    assert data["targets_label"].startswith("small-test-targets (sha256 ")
    assert data["targets_year"] == "2016-17"
    assert data["version"] is None


def test_summary_and_exceptions(data: dict[str, Any], small_pack: Pack) -> None:
    summary = data["summary"]
    assert (summary["green"], summary["amber"], summary["red"], summary["unrated"]) == (2, 1, 2, 1)
    assert summary["compared_with"] == "2016-07-31"
    assert [c["indicator_id"] for c in summary["changed"]] == ["SCS-17", "SCS-43"]
    assert summary["changed"][0] == {
        "indicator_id": "SCS-17",
        "before": "A",
        "before_value": 12.0,
        "rag": "R",
        "value": 13.0,
    }
    assert summary["sentences"] == list(small_pack.summary.sentences)
    assert data["exceptions"] == ["SCS-09", "SCS-17"]


def test_every_row_present(data: dict[str, Any], small_pack: Pack) -> None:
    assert len(data["rows"]) == len(small_pack.rows)
    written = {
        (r["indicator_id"], r["org_level"], r["org_unit"], r["cohort"]) for r in data["rows"]
    }
    expected = {(r.indicator_id, r.org_level, r.org_unit, r.cohort) for r in small_pack.rows}
    assert written == expected


def test_rows_have_every_field_in_order(data: dict[str, Any]) -> None:
    for row in data["rows"]:
        assert tuple(row) == json_out.ROW_FIELDS


def test_rows_sorted(data: dict[str, Any]) -> None:
    keys = [(r["indicator_id"], r["org_level"], r["org_unit"], r["cohort"]) for r in data["rows"]]
    assert keys[:6] == [
        ("ACT-04", "council", "TST", "all"),
        ("ACT-04", "area", "AREA_N", "all"),
        ("ACT-04", "area", "AREA_S", "all"),
        ("ACT-04", "team", "T_N1", "all"),
        ("ACT-04", "team", "T_S1", "all"),
        ("ACT-05", "council", "TST", "all"),
    ]
    assert keys.index(("SCS-17", "council", "TST", "exc_uasc")) == (
        keys.index(("SCS-17", "council", "TST", "all")) + 1
    )


def test_natural_order_of_ids() -> None:
    ids = ["SCS-10", "SCS-9", "ACT-01", "SCS-09A", "CIC-2"]
    assert sorted(ids, key=json_out._natural) == ["ACT-01", "CIC-2", "SCS-9", "SCS-09A", "SCS-10"]


def test_rated_row(data: dict[str, Any]) -> None:
    row = find(data, "SCS-09", "TST")
    assert row["value"] == 70.0
    assert (row["numerator"], row["denominator"]) == (70.0, 100.0)
    assert (row["target"], row["floor"]) == (90.0, 80.0)
    assert row["rag"] == "R"
    assert row["no_rating"] is None
    assert (row["month_ago"], row["month_ago_rag"], row["month_ago_dot"]) == (66.0, "R", "improved")
    assert (row["year_ago"], row["year_ago_dot"]) == (50.0, "improved")
    assert (row["r3m"], row["r3m_rag"]) == (70.0, "R")
    assert (row["polarity"], row["period"], row["unit"]) == ("H", "R12M", "percent")
    assert row["bands"] == "Red below 80.0%, Amber 80.0% to 90.0%, Green 90.0% and above"


def test_nulls_where_no_rating(data: dict[str, Any]) -> None:
    small = find(data, "SCS-02", "TST")
    assert small["rag"] is None
    assert small["no_rating"] == "denominator under 5"
    assert small["month_ago"] is None and small["month_ago_dot"] is None
    activity = find(data, "ACT-04", "TST")
    assert activity["rag"] is None and activity["target"] is None and activity["floor"] is None
    assert activity["no_rating"] == "activity measure"
    assert activity["polarity"] is None
    assert activity["denominator"] is None
    assert activity["bands"] is None


def test_numbers_unrounded(data: dict[str, Any], small_pack: Pack) -> None:
    south = find(data, "SCS-09", "AREA_S")
    assert south["value"] == 100 * 40 / 60  # 66.66666666666667, not 66.7
    exc = find(data, "SCS-21", "TST", "exc_uasc")
    assert exc["value"] == 100 * 90 / 92
    by_key = {(r.indicator_id, r.org_unit, r.cohort): r for r in small_pack.rows}
    for row in data["rows"]:
        source = by_key[(row["indicator_id"], row["org_unit"], row["cohort"])]
        for field in ("value", "numerator", "denominator", "target", "floor", "month_ago", "r3m"):
            assert row[field] == getattr(source, field)


def test_not_a_number_is_refused(small_pack: Pack, tmp_path: Path) -> None:
    bad = dataclasses.replace(small_pack.rows[0], value=math.nan)
    pack = dataclasses.replace(small_pack, rows=(bad, *small_pack.rows[1:]))
    path = tmp_path / "scorecard.json"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(ValueError):
        json_out.write_json(pack, path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["scorecard.json"]


def test_non_ascii_kept(small_pack: Pack) -> None:
    profile = dataclasses.replace(small_pack.profile, council="Cyngor Sir Ynys Môn")
    text = json_out.dumps(dataclasses.replace(small_pack, profile=profile))
    assert '"council": "Cyngor Sir Ynys Môn"' in text


def all_keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in all_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in all_keys(v)}
    return set()


def test_every_field_documented(data: dict[str, Any]) -> None:
    documented: set[str] = set()
    for name in DOC_FILES:
        path = DOCS / name
        if not path.exists():
            continue
        doc = path.read_text(encoding="utf-8")
        heading = re.search(r"^#+ scorecard\.json\s*$", doc, re.MULTILINE)
        if heading is not None:
            documented |= set(re.findall(r"`([a-z_0-9]+)`", doc[heading.start() :]))
    keys = all_keys(data) | set(json_out.ROW_FIELDS)
    missing = sorted(keys - documented)
    assert not missing, f"fields written but not documented in docs/{DOC_FILES}: {missing}"
