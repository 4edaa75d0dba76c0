"""The small pack, checked against figures worked out by hand (see tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kpibook.indicators.library import Library
from kpibook.rating.bands import Rag
from kpibook.rating.dot import Dot
from kpibook.rating.rag import NoRating
from kpibook.rating.targets import Targets, load_targets
from kpibook.scorecard.build import build_pack
from kpibook.scorecard.model import Pack, Row
from smallpack import MONTH, PROFILE, SMALL_TARGETS, UNITS, small_results


def council_row(pack: Pack, indicator_id: str) -> Row:
    return next(r for r in pack.scorecards[0].rows if r.indicator_id == indicator_id)


def test_returner_interviews_red_with_rolling_three_months(small_pack: Pack) -> None:
    row = council_row(small_pack, "SCS-09")
    assert (row.numerator, row.denominator, row.value) == (70, 100, 70.0)
    assert row.rag is Rag.RED  # Red below 80%
    assert row.target == 90 and row.floor == 80
    assert row.month_ago == 66.0 and row.month_ago_dot is Dot.IMPROVED
    assert row.year_ago == 50.0 and row.year_ago_dot is Dot.IMPROVED
    assert row.r3m == 70.0 and row.r3m_rag is Rag.RED  # 21 of 30
    assert row.bands == "Red below 80.0%, Amber 80.0% to 90.0%, Green 90.0% and above"


def test_value_on_a_red_from_boundary_is_red_and_change_is_reported(small_pack: Pack) -> None:
    row = council_row(small_pack, "SCS-17")
    assert row.value == 13.0 and row.rag is Rag.RED  # "13% and above = Red"
    assert row.month_ago_rag is Rag.AMBER and row.month_ago_dot is Dot.WORSENED
    changed = {c.row.indicator_id: (c.before, c.row.rag) for c in small_pack.summary.changed}
    assert changed == {"SCS-17": (Rag.AMBER, Rag.RED), "SCS-43": (Rag.GREEN, Rag.AMBER)}


def test_lower_is_better_green_and_worsened(small_pack: Pack) -> None:
    row = council_row(small_pack, "SCS-01")
    assert row.value == 22.0 and row.rag is Rag.GREEN
    assert row.month_ago_dot is Dot.WORSENED  # 21% -> 22%, lower is better
    assert row.year_ago_dot is Dot.IMPROVED  # 24% -> 22%
    assert row.r3m == 25.0 and row.r3m_rag is Rag.GREEN  # 5/20 = 25.0%, on the target


def test_small_denominator_is_not_rated(small_pack: Pack) -> None:
    row = council_row(small_pack, "SCS-02")
    assert row.value == 100.0 and row.rag is None
    assert row.no_rating is NoRating.SMALL_DENOMINATOR


def test_average_amber_between_target_and_red_threshold(small_pack: Pack) -> None:
    row = council_row(small_pack, "SCS-43")
    assert row.value == 15.5 and row.rag is Rag.AMBER


def test_summary_counts_and_sentences(small_pack: Pack) -> None:
    summary = small_pack.summary
    assert (summary.green, summary.amber, summary.red, summary.unrated) == (2, 1, 2, 1)
    assert summary.sentences[1] == (
        "Performance for August 2016 shows two of the measures rated as Green, one as Amber "
        "and two as Red; one has no rating."
    )
    assert any("citizen children in care reduced from 155 to 150" in s for s in summary.sentences)
    assert any("overall reduction of 10 children in care" in s for s in summary.sentences)
    assert [r.indicator_id for r in summary.furthest][:1] == ["SCS-09"]


def test_exception_page_for_every_red_with_commentary_or_none(small_pack: Pack) -> None:
    pages = {p.row.indicator_id: p for p in small_pack.exceptions}
    assert set(pages) == {"SCS-09", "SCS-17"}
    assert pages["SCS-09"].commentary == "Interviews are now booked on the day of return."
    assert pages["SCS-17"].commentary is None
    trend = [(p.period_end.month, p.value, p.target, p.rag) for p in pages["SCS-09"].last_four]
    assert trend == [
        (5, 60.0, 90.0, Rag.RED),
        (6, 64.0, 90.0, Rag.RED),
        (7, 66.0, 90.0, Rag.RED),
        (8, 70.0, 90.0, Rag.RED),
    ]
    # A year earlier the 2015-16 targets applied (target 80, Red below 70): 50% was Red.
    year_ago = pages["SCS-09"].last_twelve[0]
    assert year_ago.period_end.isoformat() == "2015-09-30" and year_ago.value is None
    assert pages["SCS-09"].five_years[-13].target == 80.0


def test_exception_breakdown_cases_short(small_pack: Pack) -> None:
    page = next(p for p in small_pack.exceptions if p.row.indicator_id == "SCS-09")
    areas = [(b.row.org_unit, b.cases_short) for b in page.breakdown if b.row.org_level == "area"]
    # South 40/60: 54 needed for 90%, 14 short; North 30/40: 36 needed, 6 short.
    assert areas == [("AREA_S", 14.0), ("AREA_N", 6.0)]


def test_exception_sentences_and_notes(small_pack: Pack) -> None:
    page = next(p for p in small_pack.exceptions if p.row.indicator_id == "SCS-09")
    assert page.sentences[0].startswith("During the 12 month period to August 2016 there were 100 ")
    assert "of these 70 (70.0%)" in page.sentences[0]
    assert (
        "Performance for the 3 months up to 31/08/2016 is 70.0%, which is within the Red "
        "banding." in page.sentences
    )
    assert page.data_notes[0] == (
        "Target: 90.0% (RAG Bandings: Red below 80.0%, Amber 80.0% to 90.0%, Green 90.0% and above)"
    )
    assert page.data_notes[1] == "Tolerance: Higher values are better."
    assert "Sep 2015 to Aug 2016" in page.data_notes[2]


def test_uasc_variance_from_unrounded_values(small_pack: Pack) -> None:
    block = small_pack.uasc[0]
    line = next(li for li in block.lines if li.including.indicator_id == "SCS-21")
    assert line.including.value == 96.0
    assert line.excluding is not None and line.excluding.value == pytest.approx(90 / 92 * 100)
    assert line.variance == pytest.approx(90 / 92 * 100 - 96)
    titles = [b.title for b in small_pack.uasc]
    assert titles == [
        "Children in Care - Testshire County Council",
        "Children in Care - North Area",
        "Children in Care - South Area",
        "Other indicators - Testshire County Council",
    ]


def test_activity_table_changes(small_pack: Pack) -> None:
    assert small_pack.activity is not None
    table = small_pack.activity
    assert [c.indicator_id for c in table.columns] == ["ACT-04", "ACT-05", "ACT-07", "ACT-08"]
    assert [r.org_unit.id for r in table.rows] == ["TST", "AREA_N", "AREA_S", "T_N1", "T_S1"]
    council = table.rows[0].cells
    assert council[0].change == 5  # CP plans 95 -> 100
    assert council[1].change is None  # a flow shows this month only
    assert [r.cells[0].change for r in table.rows[1:3]] == [-1, 6]


def test_area_scorecards_follow_the_org_units(small_pack: Pack) -> None:
    keys = [c.key for c in small_pack.scorecards]
    assert keys == ["council", "cic-2018", "area-AREA_N", "area-AREA_S"]
    north = small_pack.scorecards[2]
    row = next(r for r in north.rows if r.indicator_id == "SCS-09")
    assert row.value == 75.0 and row.rag is Rag.RED


def test_json_rows_cover_every_figure_of_the_month(small_pack: Pack) -> None:
    keys = {(r.indicator_id, r.org_level, r.org_unit, r.cohort) for r in small_pack.rows}
    assert ("SCS-09", "team", "T_S1", "all") in keys
    assert ("SCS-17", "council", "TST", "exc_uasc") in keys
    assert not any(k[0].endswith(":R3M") for k in keys)


def test_changes_since_last_report_use_the_ratings_as_published(
    small_pack: Pack, small_library: Library, small_targets: Targets
) -> None:
    # June 2016 as published: SCS-09 was Amber (say, before a restatement), SCS-17 Red.
    published = {
        ("SCS-09", "council", "TST", "all"): (81.0, Rag.AMBER),
        ("SCS-17", "council", "TST", "all"): (13.5, Rag.RED),
    }
    pack = build_pack(
        results=small_results(),
        month=MONTH,
        library=small_library,
        targets=small_targets,
        profile=PROFILE,
        units=UNITS,
        commentary={},
        publication_date=MONTH,
        compare_with=dt.date(2016, 6, 30),
        published=published,
    )
    changed = {c.row.indicator_id: (c.before, c.before_value) for c in pack.summary.changed}
    assert changed == {"SCS-09": (Rag.AMBER, 81.0)}
    assert pack.summary.compared_with_label == "the last report (June 2016)"
    assert (
        "SCS-09 % of Returner Interviews completed within 3 working days: from 81.0% to "
        "70.0%, moving from Amber to Red." in " ".join(pack.summary.sentences)
    )


def test_org_unit_override_rates_that_unit_only(small_library: Library, tmp_path: Path) -> None:
    text = SMALL_TARGETS.replace(
        "SCS-09: {target: 90, red_below: 80, source: local, "
        "rationale: Stated on the exception page.}",
        "SCS-09:\n        target: 90\n        red_below: 80\n        overrides:\n"
        "          - {org_unit: AREA_N, target: 75, red_below: 65}",
    )
    path = tmp_path / "targets.yaml"
    path.write_text(text, encoding="utf-8")
    pack = build_pack(
        results=small_results(),
        month=MONTH,
        library=small_library,
        targets=load_targets(path, small_library),
        profile=PROFILE,
        units=UNITS,
        commentary={},
        publication_date=MONTH,
    )
    north = next(c for c in pack.scorecards if c.key == "area-AREA_N")
    south = next(c for c in pack.scorecards if c.key == "area-AREA_S")
    north_row = next(r for r in north.rows if r.indicator_id == "SCS-09")
    south_row = next(r for r in south.rows if r.indicator_id == "SCS-09")
    assert (north_row.value, north_row.target, north_row.rag) == (75.0, 75.0, Rag.GREEN)
    assert (south_row.target, south_row.rag) == (90.0, Rag.RED)
    assert council_row(pack, "SCS-09").rag is Rag.RED
