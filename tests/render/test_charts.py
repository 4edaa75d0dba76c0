"""Chart definitions: valid Vega-Lite that renders, target and floor layers, gaps, determinism."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import pytest
import vl_convert

from kpibook.rating.bands import Rag
from kpibook.render import charts
from kpibook.scorecard.model import ExceptionPage, Pack


def all_charts(pack: Pack) -> list[charts.Chart]:
    found = [charts.rag_chart(pack.summary)]
    for page in pack.exceptions:
        found += [charts.twelve_month_chart(page), charts.five_year_chart(page)]
    return found


def page_for(pack: Pack, indicator_id: str) -> ExceptionPage:
    return next(p for p in pack.exceptions if p.row.indicator_id == indicator_id)


def result_paths(svg: str) -> list[str]:
    """The ``d`` of each line drawn by the chart's result layer (the last layer)."""
    groups = re.findall(
        r'<g class="mark-line role-mark (layer_\d+)[^"]*"[^>]*>(.*?)</g>', svg, re.S
    )
    assert groups, "no line layers in the SVG"
    last = groups[-1][1]
    return re.findall(r' d="([^"]*)"', last)


def test_every_chart_renders_to_svg(small_pack: Pack) -> None:
    for chart in all_charts(small_pack):
        assert chart.spec["$schema"].endswith("/vega-lite/v5.json")
        svg = vl_convert.vegalite_to_svg(chart.spec, vl_version=charts.VEGA_LITE_VERSION)
        assert svg.startswith("<svg")
        assert charts.to_svg(chart).startswith("<svg ")


def test_rag_chart_counts_colours_and_labels(small_pack: Pack) -> None:
    summary = small_pack.summary
    chart = charts.rag_chart(summary)
    values = chart.spec["data"]["values"]
    assert [(v["rating"], v["count"]) for v in values] == [
        ("Green", summary.green),
        ("Amber", summary.amber),
        ("Red", summary.red),
    ]
    assert [v["label"] for v in values] == [
        f"{summary.green} Green",
        f"{summary.amber} Amber",
        f"{summary.red} Red",
    ]
    bar, label = chart.spec["layer"]
    scale = bar["encoding"]["color"]["scale"]
    assert scale == {
        "domain": ["Green", "Amber", "Red"],
        "range": ["#00703c", "#f47738", "#d4351c"],
    }
    assert label["mark"]["type"] == "text" and label["encoding"]["text"]["field"] == "label"
    svg = charts.to_svg(chart)
    for v in values:
        assert f">{v['label']}</text>" in svg, "the count and word are drawn on the chart"
    assert chart.rows == tuple((v["rating"], str(v["count"])) for v in values)


def test_trend_has_result_target_and_floor_layers(small_pack: Pack) -> None:
    chart = charts.twelve_month_chart(page_for(small_pack, "SCS-09"))
    layers = chart.spec["layer"]
    names = [layer["encoding"]["color"]["datum"] for layer in layers]
    assert names == ["Target", "Floor standard", "Result"]
    fields = [layer["encoding"]["y"]["field"] for layer in layers]
    assert fields == ["target", "floor", "value"]
    legend = ["Result", "Target", "Floor standard"]
    for layer in layers:
        assert layer["mark"]["type"] == "line"
        assert layer["mark"]["invalid"] == "break-paths-show-domains"
        assert layer["encoding"]["color"]["scale"]["domain"] == legend
        assert layer["encoding"]["strokeDash"]["scale"]["domain"] == legend
    dashes = layers[0]["encoding"]["strokeDash"]["scale"]["range"]
    assert len({json.dumps(d) for d in dashes}) == 3, "lines differ by dash, not colour alone"
    svg = charts.to_svg(chart)
    for name in names:
        assert f">{name}</text>" in svg, f"the legend names {name}"


def test_trend_keeps_missing_months_as_null(small_pack: Pack) -> None:
    chart = charts.twelve_month_chart(page_for(small_pack, "SCS-09"))
    values: list[dict[str, Any]] = chart.spec["data"]["values"]
    assert len(values) == 12
    months = [v["month"] for v in values]
    assert months[0] == "Sep 2015" and months[-1] == "Aug 2016"
    # Figures exist for May-Aug 2016 only: earlier months are null, not dropped or zero.
    assert [v["value"] for v in values[:8]] == [None] * 8
    assert [round(v["value"], 6) for v in values[8:]] == [60.0, 64.0, 66.0, 70.0]
    assert '"value": null' in charts.spec_json(chart.spec)
    # Targets change with the financial year: 80/70 in 2015-16, 90/80 from April 2016.
    assert [v["target"] for v in values] == [80.0] * 7 + [90.0] * 5
    assert [v["floor"] for v in values] == [70.0] * 7 + [80.0] * 5
    assert chart.rows[0] == ("Sep 2015", "-", "80.0%", "70.0%", "-")
    assert chart.rows[-1] == ("Aug 2016", "70.0%", "90.0%", "80.0%", "Red")
    assert "8 of 12 months have no figure (gaps)" in chart.description


def test_a_missing_month_is_a_gap_in_the_line(small_pack: Pack) -> None:
    page = page_for(small_pack, "SCS-09")
    points = list(page.last_twelve)
    assert points[-3].value is not None
    points[-3] = dataclasses.replace(points[-3], value=None, rag=None)  # Jun 2016 missing
    gappy = dataclasses.replace(page, last_twelve=tuple(points))
    chart = charts.twelve_month_chart(gappy)
    assert chart.spec["data"]["values"][-3]["value"] is None
    paths = result_paths(charts.to_svg(chart))
    moves = sum(d.count("M") for d in paths)
    assert moves >= 2, f"the line is not broken at the missing month: {paths}"
    whole = result_paths(charts.to_svg(charts.twelve_month_chart(page)))
    assert sum(d.count("M") for d in whole) == 1


def test_no_target_or_floor_layer_without_them(small_pack: Pack) -> None:
    page = page_for(small_pack, "SCS-09")
    bare = dataclasses.replace(
        page,
        last_twelve=tuple(
            dataclasses.replace(p, target=None, floor=None) for p in page.last_twelve
        ),
    )
    chart = charts.twelve_month_chart(bare)
    assert [layer["encoding"]["color"]["datum"] for layer in chart.spec["layer"]] == ["Result"]
    assert chart.columns == ("Month", "Result", "RAG rating")
    charts.to_svg(chart)


def test_five_year_chart(small_pack: Pack) -> None:
    chart = charts.five_year_chart(page_for(small_pack, "SCS-09"))
    values = chart.spec["data"]["values"]
    assert len(values) == 60
    assert chart.title == "5 year trend (Sep 2011 - Aug 2016)"
    labels = chart.spec["encoding"]["x"]["axis"]["values"]
    assert labels[-1] == "Aug 2016" and len(labels) == 10, "every 6th month labelled"
    assert values[-13]["value"] == pytest.approx(50.0)  # Aug 2015


def test_a_trend_with_no_months_still_renders(small_pack: Pack) -> None:
    page = dataclasses.replace(page_for(small_pack, "SCS-09"), five_years=(), last_twelve=())
    for chart in (charts.twelve_month_chart(page), charts.five_year_chart(page)):
        assert chart.rows == ()
        assert "no months to show" in chart.description
        assert charts.to_svg(chart).startswith("<svg ")


def test_charts_are_deterministic(small_pack: Pack) -> None:
    first = [(charts.spec_json(c.spec), charts.to_svg(c)) for c in all_charts(small_pack)]
    charts._svg.cache_clear()
    second = [(charts.spec_json(c.spec), charts.to_svg(c)) for c in all_charts(small_pack)]
    assert first == second


def test_svg_ids_are_prefixed_with_the_chart_key(small_pack: Pack) -> None:
    chart = charts.rag_chart(small_pack.summary)
    bar = {**chart.spec["layer"][0], "mark": {"type": "bar", "clip": True}}
    clipped = dataclasses.replace(chart, spec={**chart.spec, "layer": [bar]})
    svg = charts.to_svg(clipped)
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids, "a clipped mark has a clip path id"
    assert all(i.startswith("summary-rag-") for i in ids)
    for ref in re.findall(r"url\(#([^)]+)\)", svg):
        assert ref in ids


def test_page_spec_is_compiled_vega_without_urls(small_pack: Pack) -> None:
    for chart in all_charts(small_pack):
        vega = charts.to_vega(chart)
        assert "$schema" not in vega and "marks" in vega
        assert "http" not in json.dumps(vega)
        assert vega["description"] == chart.description


def test_rag_colours_are_the_design_tokens() -> None:
    assert charts.RAG_COLOURS == {Rag.GREEN: "#00703c", Rag.AMBER: "#f47738", Rag.RED: "#d4351c"}
