"""T polarity: the green band around the target is drawn and described in words."""

from __future__ import annotations

import dataclasses
import datetime as dt

from kpibook.rating.bands import Rag
from kpibook.render import charts
from kpibook.scorecard.model import Pack, TrendPoint


def test_green_band_layer_and_table(small_pack: Pack) -> None:
    page = small_pack.exceptions[0]
    points = [
        TrendPoint(dt.date(2016, 7, 31), 21.6, 17.5, None, Rag.AMBER, 12.5, 17.5),
        TrendPoint(dt.date(2016, 8, 31), 16.0, 17.5, None, Rag.GREEN, 12.5, 17.5),
    ]
    page = dataclasses.replace(page, row=dataclasses.replace(page.row, polarity="T"))
    chart = charts.trend_chart(page, points, key="t-band", title="T band")
    areas = [layer for layer in chart.spec["layer"] if layer["mark"]["type"] == "area"]
    assert len(areas) == 1
    assert areas[0]["encoding"]["y"]["field"] == "band_low"
    assert areas[0]["encoding"]["y2"]["field"] == "band_high"
    assert "Green band" in chart.columns
    assert chart.rows[0][chart.columns.index("Green band")] == "12.5% to 17.5%"
    assert "green band" in chart.description
    assert "<svg" in charts.to_svg(chart)


def test_no_band_layer_for_high_or_low_polarity(small_pack: Pack) -> None:
    page = small_pack.exceptions[0]
    chart = charts.trend_chart(page, page.last_twelve, key="no-band", title="No band")
    assert all(layer["mark"]["type"] != "area" for layer in chart.spec["layer"])
    assert "Green band" not in chart.columns
