"""The pack's charts as Vega-Lite definitions: one definition for the page and for print.

Each chart is a :class:`Chart`: a Vega-Lite v5 specification (a plain dict)
with its text alternative (a short description and the data as a table of
printed figures). The HTML shows the data table next to the chart, embeds the
specification for the interactive version (Vega-Embed, when JavaScript runs)
and inlines :func:`to_svg`'s static rendering of the *same* specification as the
no-JavaScript and print fallback, so screen, PDF and data table cannot drift.

Charts are deterministic: the same pack gives byte-identical specifications and
SVG (no random ids, no timestamps), so golden files stay stable.

Gaps: a month with no figure is ``null`` in the data and the line breaks there
(``"invalid": "break-paths-show-domains"``); lines are never drawn across
missing months (``seed-spec.md`` §8.2: "Trend graphs must show gaps").
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import vl_convert

from kpibook.rating.bands import Rag
from kpibook.scorecard import format as fmt
from kpibook.scorecard.model import ExceptionPage, Summary, TrendPoint

VEGA_LITE_VERSION = "5.21"
"""The Vega-Lite version of the specifications, the SVG rendering and the page's script."""

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"

TEXT = "#0b0c0c"
BLUE = "#1d70b8"
GREEN = "#00703c"
AMBER = "#f47738"
RED = "#d4351c"
GRID = "#b1b4b6"
SECONDARY_TEXT = "#505a5f"
FONT = "Arial, Helvetica, sans-serif"

RAG_COLOURS = {Rag.GREEN: GREEN, Rag.AMBER: AMBER, Rag.RED: RED}

RESULT, TARGET, FLOOR = "Result", "Target", "Floor standard"
GREEN_BAND = "Green band"
"""The names of a trend chart's lines, as its legend prints them."""

UNIT_TITLES = {
    "percent": "Per cent",
    "count": "Number",
    "days": "Days",
    "average": "Average",
    "rate_per_10000": "Rate per 10,000",
}

Spec = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart and its text alternative.

    Attributes:
        key: a stable identifier, unique in a pack (used for HTML ids).
        title: the chart's heading.
        description: a sentence or two saying what the chart shows (for screen readers).
        spec: the Vega-Lite specification (with its data inline).
        columns: headings of the data table.
        rows: the data table, every figure already formatted.
    """

    key: str
    title: str
    description: str
    spec: Spec
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _config() -> Spec:
    axis = {
        "labelColor": TEXT,
        "titleColor": TEXT,
        "labelFont": FONT,
        "titleFont": FONT,
        "labelFontSize": 12,
        "titleFontSize": 12,
        "gridColor": GRID,
        "domainColor": SECONDARY_TEXT,
        "tickColor": SECONDARY_TEXT,
    }
    return {
        "font": FONT,
        "background": "white",
        "view": {"stroke": None},
        "axis": axis,
        "legend": {
            "labelColor": TEXT,
            "titleColor": TEXT,
            "labelFont": FONT,
            "labelFontSize": 12,
            "orient": "bottom",
            "title": None,
            "symbolType": "stroke",
            "symbolStrokeWidth": 3,
            "symbolSize": 400,
        },
    }


def slug(text: str) -> str:
    """``SCS-09`` → ``scs-09``: a lower-case identifier safe for HTML ids and file names."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# -- the summary's RAG counts ---------------------------------------------------------------------


def rag_chart(summary: Summary) -> Chart:
    """The summary's "LATEST PERFORMANCE RAG RATING" bars: Green, Amber and Red counts.

    Each bar carries its count and word ("3 Green") as a label, so the chart does
    not rely on colour.
    """
    counts = ((Rag.GREEN, summary.green), (Rag.AMBER, summary.amber), (Rag.RED, summary.red))
    values: list[dict[str, Any]] = [
        {
            "rating": fmt.rag(rag),
            "count": number,
            "label": f"{fmt.count(number)} {fmt.rag(rag)}",
        }
        for rag, number in counts
    ]
    words = [fmt.rag(rag) for rag, _ in counts]
    spec: Spec = {
        "$schema": SCHEMA,
        "description": "Bar chart of the number of measures rated Green, Amber and Red.",
        "width": 360,
        "height": 220,
        "config": _config(),
        "data": {"values": values},
        "encoding": {
            "x": {
                "field": "rating",
                "type": "nominal",
                "sort": words,
                "title": None,
                "axis": {"labelAngle": 0},
            },
            "y": {
                "field": "count",
                "type": "quantitative",
                "title": "Number of measures",
                "axis": {"tickMinStep": 1, "format": "d"},
            },
        },
        "layer": [
            {
                "mark": {"type": "bar", "stroke": TEXT, "strokeWidth": 1, "width": {"band": 0.6}},
                "encoding": {
                    "color": {
                        "field": "rating",
                        "type": "nominal",
                        "scale": {
                            "domain": words,
                            "range": [RAG_COLOURS[rag] for rag, _ in counts],
                        },
                        "legend": None,
                    },
                    "tooltip": [{"field": "label", "type": "nominal", "title": "Measures"}],
                },
            },
            {
                "mark": {
                    "type": "text",
                    "baseline": "bottom",
                    "dy": -4,
                    "fontSize": 14,
                    "fontWeight": "bold",
                    "color": TEXT,
                },
                "encoding": {"text": {"field": "label", "type": "nominal"}},
            },
        ],
    }
    total = summary.green + summary.amber + summary.red
    description = (
        f"Bar chart of the {fmt.count(total)} rated measures: "
        + ", ".join(v["label"] for v in values)
        + "."
    )
    spec["description"] = description
    return Chart(
        key="summary-rag",
        title="Latest performance RAG rating",
        description=description,
        spec=spec,
        columns=("RAG rating", "Number of measures"),
        rows=tuple((str(v["rating"]), fmt.count(int(v["count"]))) for v in values),
    )


# -- an exception page's trends -------------------------------------------------------------------


def _labelled(points: Sequence[TrendPoint], every: int) -> list[str]:
    """Axis labels: every ``every``-th month, counting back from the latest."""
    last = len(points) - 1
    return [fmt.month(p.period_end) for i, p in enumerate(points) if (last - i) % every == 0]


def trend_chart(
    page: ExceptionPage, points: Sequence[TrendPoint], *, key: str, title: str
) -> Chart:
    """A line of the indicator's monthly result with its target and floor standard.

    The target and floor are lines (they can change between financial years) in
    their own layers, drawn only when the period has any. Months without a
    figure are gaps. The legend names each line; lines differ by dash as well as
    colour.
    """
    row = page.row
    unit = row.unit
    values: list[dict[str, Any]] = [
        {
            "month": fmt.month(p.period_end),
            "value": p.value,
            "target": p.target,
            "floor": p.floor,
            "value_text": fmt.value(p.value, unit),
            "target_text": fmt.target(p.target, unit),
            "floor_text": fmt.target(p.floor, unit),
            "rating": fmt.rag(p.rag) or "No rating",
        }
        for p in points
    ]
    has_band = any(p.band_low is not None and p.band_high is not None for p in points)
    if has_band:
        for v, p in zip(values, points, strict=True):
            v["band_low"], v["band_high"] = p.band_low, p.band_high
            v["band_text"] = (
                f"{fmt.target(p.band_low, unit)} to {fmt.target(p.band_high, unit)}"
                if p.band_low is not None and p.band_high is not None
                else fmt.NOTHING
            )
    has_target = any(p.target is not None for p in points)
    has_floor = any(p.floor is not None for p in points)
    names = [RESULT] + ([TARGET] if has_target else []) + ([FLOOR] if has_floor else [])
    colours = {RESULT: BLUE, TARGET: GREEN, FLOOR: RED}
    dashes: dict[str, list[int]] = {RESULT: [1, 0], TARGET: [8, 4], FLOOR: [2, 3]}
    legend: dict[str, Spec] = {
        "color": {
            "scale": {"domain": names, "range": [colours[n] for n in names]},
        },
        "strokeDash": {
            "scale": {"domain": names, "range": [dashes[n] for n in names]},
        },
    }

    def layer(field: str, name: str, extra: Spec) -> Spec:
        return {
            "mark": {
                "type": "line",
                "invalid": "break-paths-show-domains",
                "strokeWidth": 3 if name == RESULT else 2,
                **extra,
            },
            "encoding": {
                "y": {"field": field, "type": "quantitative"},
                "color": {"datum": name, **legend["color"]},
                "strokeDash": {"datum": name, **legend["strokeDash"]},
                "tooltip": [
                    {"field": "month", "type": "ordinal", "title": "Month"},
                    {"field": f"{field}_text", "type": "nominal", "title": name},
                    *(
                        [{"field": "rating", "type": "nominal", "title": "RAG rating"}]
                        if name == RESULT
                        else []
                    ),
                ],
            },
        }

    layers = []
    if has_band:
        # T polarity: the green band around the target, shaded (the table below the
        # chart gives its edges in words, so it is not shown by colour alone).
        layers.append(
            {
                "mark": {"type": "area", "interpolate": "step", "color": GREEN, "opacity": 0.15},
                "encoding": {
                    "y": {"field": "band_low", "type": "quantitative"},
                    "y2": {"field": "band_high"},
                    "tooltip": [
                        {"field": "month", "type": "ordinal", "title": "Month"},
                        {"field": "band_text", "type": "nominal", "title": GREEN_BAND},
                    ],
                },
            }
        )
    if has_target:
        layers.append(layer("target", TARGET, {"interpolate": "step"}))
    if has_floor:
        layers.append(layer("floor", FLOOR, {"interpolate": "step"}))
    layers.append(layer("value", RESULT, {"point": {"filled": True, "size": 40}}))
    every = 1 if len(points) <= 12 else 6
    spec: Spec = {
        "$schema": SCHEMA,
        "description": "",
        "width": 440,
        "height": 200,
        "config": _config(),
        "data": {"values": values},
        "encoding": {
            "x": {
                "field": "month",
                "type": "ordinal",
                "sort": None,
                "title": None,
                "axis": {"values": _labelled(points, every), "labelAngle": -45},
            },
            "y": {
                "type": "quantitative",
                "title": UNIT_TITLES.get(unit, unit),
            },
        },
        "layer": layers,
    }
    description = _trend_description(page, points, [*names, *([GREEN_BAND] if has_band else [])])
    spec["description"] = description
    columns = ("Month", RESULT) + ((TARGET,) if has_target else ())
    columns += ((FLOOR,) if has_floor else ()) + ((GREEN_BAND,) if has_band else ())
    columns += ("RAG rating",)
    rows = tuple(
        (str(v["month"]), str(v["value_text"]))
        + ((str(v["target_text"]),) if has_target else ())
        + ((str(v["floor_text"]),) if has_floor else ())
        + ((str(v["band_text"]),) if has_band else ())
        + (fmt.rag(p.rag) or fmt.NOTHING,)
        for v, p in zip(values, points, strict=True)
    )
    return Chart(key, title, description, spec, columns, rows)


def _trend_description(
    page: ExceptionPage, points: Sequence[TrendPoint], names: Sequence[str]
) -> str:
    row = page.row
    if not points:
        return f"Line chart of {row.title}: no months to show."
    lines = ", ".join(n.lower() for n in names[:-1]) + f" and {names[-1].lower()}"
    if len(names) == 1:
        lines = names[0].lower()
    span = f"{fmt.month(points[0].period_end)} to {fmt.month(points[-1].period_end)}"
    text = f"Line chart of {row.title} by month, {span}: {lines}."
    shown = [p for p in points if p.value is not None]
    if not shown:
        return text + " There are no figures for these months."
    first, last = shown[0], shown[-1]
    text += (
        f" The result moved from {fmt.value(first.value, row.unit)} in "
        f"{fmt.month(first.period_end)} to {fmt.value(last.value, row.unit)} in "
        f"{fmt.month(last.period_end)}"
    )
    text += f" ({fmt.rag(last.rag)})." if last.rag is not None else "."
    missing = len(points) - len(shown)
    if missing:
        text += f" {fmt.count(missing)} of {fmt.count(len(points))} months have no figure (gaps)."
    return text


def twelve_month_chart(page: ExceptionPage) -> Chart:
    """The exception page's "Last 12 months" chart."""
    return trend_chart(
        page,
        page.last_twelve,
        key=f"exception-{slug(page.row.indicator_id)}-12m",
        title="Last 12 months",
    )


def five_year_chart(page: ExceptionPage) -> Chart:
    """The exception page's "5 Year trend graph (Sep 11 - Aug 16)"."""
    points = page.five_years
    span = ""
    if points:
        span = f" ({fmt.month(points[0].period_end)} - {fmt.month(points[-1].period_end)})"
    return trend_chart(
        page, points, key=f"exception-{slug(page.row.indicator_id)}-5y", title="5 year trend" + span
    )


# -- rendering ------------------------------------------------------------------------------------


def spec_json(spec: Spec) -> str:
    """The specification as canonical JSON (sorted keys): how golden files store it."""
    return json.dumps(spec, sort_keys=True, indent=1, ensure_ascii=False)


@functools.lru_cache(maxsize=64)
def _svg(spec_text: str) -> str:
    return str(vl_convert.vegalite_to_svg(json.loads(spec_text), vl_version=VEGA_LITE_VERSION))


_ID = re.compile(r'\bid="([^"]+)"')


def to_svg(chart: Chart) -> str:
    """The chart as static SVG (for print and for pages without JavaScript).

    The root ``<svg>`` gets ``role="img"`` and points at the chart's title and
    description (``<key>-title``, ``<key>-desc``, which the page must hold). Any
    id inside the SVG is prefixed with the chart's key so that several charts
    can sit in one page.
    """
    svg = _svg(spec_json(chart.spec))
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    for found in sorted(set(_ID.findall(svg))):
        new = f"{chart.key}-{found}"
        svg = svg.replace(f'id="{found}"', f'id="{new}"')
        svg = svg.replace(f"url(#{found})", f"url(#{new})")
        svg = svg.replace(f'href="#{found}"', f'href="#{new}"')
    return svg.replace(
        "<svg ",
        f'<svg role="img" focusable="false" aria-labelledby="{chart.key}-title" '
        f'aria-describedby="{chart.key}-desc" ',
        1,
    )


@functools.lru_cache(maxsize=64)
def _vega(spec_text: str) -> str:
    compiled = vl_convert.vegalite_to_vega(json.loads(spec_text), vl_version=VEGA_LITE_VERSION)
    compiled.pop("$schema", None)
    return json.dumps(compiled, sort_keys=True)


def to_vega(chart: Chart) -> Spec:
    """The chart compiled to Vega, as the page embeds it for the interactive chart.

    Compiled here by the same Vega-Lite as :func:`to_svg` uses. ``$schema`` is
    dropped: it names the Vega version Vega-Lite 5 targets, older than the Vega in
    the page's bundle (Vega-Embed would warn), and the page holds no URLs.
    """
    value: Spec = json.loads(_vega(spec_json(chart.spec)))
    return value


BUNDLE_SNIPPET = "window.vegaEmbed = vegaEmbed;"
"""What the bundle exposes: Vega-Embed only (the page embeds compiled Vega, :func:`to_vega`)."""


def javascript() -> str:
    """Vega-Embed with Vega and Vega-Lite as one script, defining ``window.vegaEmbed``."""
    return _bundle()


@functools.cache
def _bundle() -> str:
    return str(vl_convert.javascript_bundle(BUNDLE_SNIPPET, vl_version=VEGA_LITE_VERSION))
