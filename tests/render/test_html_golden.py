"""Golden files for the HTML page: each part of the small pack, and each chart's definition.

Each part (cover, contents, summary, activity, each scorecard, UASC, each
exception page, demographics, guidance) is compared on its own with
``golden/html-<part>.html``, so a diff points at one component. Inline SVG and
embedded chart specifications are cut out of the HTML (they depend on
vl-convert's version); the chart *definitions* have their own golden files,
``golden/chart-<key>.txt``.

Never edit golden files by hand. When a change is intended, regenerate them and
review the diff::

    /tmp/venvtest/bin/python scripts/regenerate_golden.py
    git diff tests/render/golden

(``KPIBOOK_REGENERATE_GOLDEN=1 pytest tests/render`` does the same.)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from kpibook.render import charts
from kpibook.render.html import Part, demographics, pack_parts
from kpibook.scorecard.model import CrossTab, Demographics, Pack

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("KPIBOOK_REGENERATE_GOLDEN") == "1"

PARTS = (
    "cover",
    "contents",
    "summary",
    "activity",
    "scorecard-council",
    "scorecard-cic-2018",
    "scorecard-area-area-n",
    "scorecard-area-area-s",
    "uasc",
    "exception-scs-09",
    "exception-scs-17",
    "demographics",
    "guidance",
)
"""The small pack's parts, in page order (a new or lost part fails test_parts_in_order)."""

CHARTS = (
    "summary-rag",
    "exception-scs-09-12m",
    "exception-scs-09-5y",
    "exception-scs-17-12m",
    "exception-scs-17-5y",
)

SVG = re.compile(r"<svg\b.*?</svg>", re.S)
SPEC = re.compile(r'(<script type="application/json" class="kp-chart__spec">).*?(</script>)', re.S)


def normalise(html: str) -> str:
    """The HTML as its golden file holds it: charts cut out, no trailing spaces or blank lines."""
    html = SVG.sub("<svg><!-- static chart: see the chart golden file --></svg>", html)
    html = SPEC.sub(r"\1<!-- chart specification: see the chart golden file -->\2", html)
    lines = (line.rstrip() for line in html.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def chart_text(spec: dict[str, Any]) -> str:
    """A chart definition as its golden file holds it: the spec, then one line per data row."""
    spec = dict(spec)
    values = spec.pop("data")["values"]
    head = json.dumps(spec, sort_keys=True, indent=1, ensure_ascii=False)
    rows = "\n".join(json.dumps(v, sort_keys=True, ensure_ascii=False) for v in values)
    return f"{head}\n--- data values ---\n{rows}\n"


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``golden/<name>`` (or rewrite it when regenerating)."""
    path = GOLDEN / name
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no golden file {path.name}: run scripts/regenerate_golden.py and review it")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                text.splitlines(keepends=True),
                f"golden/{name}",
                "rendered",
                n=2,
            )
        )
        pytest.fail(
            f"{name} differs from its golden file; if the change is intended, run "
            f"scripts/regenerate_golden.py and review the diff:\n{diff[:6000]}"
        )


@pytest.fixture(scope="module")
def parts(small_pack: Pack) -> dict[str, Part]:
    return {p.id: p for p in pack_parts(small_pack)}


def test_parts_in_order(small_pack: Pack) -> None:
    assert tuple(p.id for p in pack_parts(small_pack)) == PARTS


@pytest.mark.parametrize("part_id", PARTS)
def test_part_matches_golden(parts: dict[str, Part], part_id: str) -> None:
    check_golden(f"html-{part_id}.html", normalise(parts[part_id].html))


def with_demographics(pack: Pack) -> Pack:
    """The small pack with a hand-made demographic breakdown (the fixture has none)."""
    tables = (
        CrossTab("Age", "Age", ("Female", "Male"), (("0", (1, 2)), ("16", (3, 4)))),
        CrossTab("UASC?", "UASC?", ("Female", "Male"), (("No", (3, 1)), ("Yes", (1, 5)))),
    )
    return dataclasses.replace(
        pack, demographics=Demographics(dt.date(2016, 8, 31), tables, "Made up for the test.")
    )


def test_demographics_with_tables_matches_golden(small_pack: Pack) -> None:
    part = demographics(with_demographics(small_pack))
    check_golden("html-demographics-with-tables.html", normalise(part.html))


def small_charts(pack: Pack) -> dict[str, charts.Chart]:
    found = [charts.rag_chart(pack.summary)]
    for page in pack.exceptions:
        found += [charts.twelve_month_chart(page), charts.five_year_chart(page)]
    return {c.key: c for c in found}


def test_charts_are_the_expected_ones(small_pack: Pack) -> None:
    assert tuple(small_charts(small_pack)) == CHARTS


@pytest.mark.parametrize("key", CHARTS)
def test_chart_matches_golden(small_pack: Pack, key: str) -> None:
    check_golden(f"chart-{key}.txt", chart_text(small_charts(small_pack)[key].spec))


def test_no_stale_golden_files() -> None:
    """Every html-*/chart-* golden file belongs to a test (stale ones go when regenerating)."""
    wanted = {f"html-{p}.html" for p in PARTS} | {f"chart-{k}.txt" for k in CHARTS}
    wanted.add("html-demographics-with-tables.html")
    present = {p.name for p in GOLDEN.glob("html-*.html")} | {
        p.name for p in GOLDEN.glob("chart-*.txt")
    }
    if REGENERATE:
        for name in present - wanted:
            (GOLDEN / name).unlink()
        return
    assert present - wanted == set(), "stale golden files: run scripts/regenerate_golden.py"
