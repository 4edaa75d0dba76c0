"""Bands in words, as the seeds' data notes and target documents print them."""

from __future__ import annotations

from kpibook.indicators.definition import Polarity
from kpibook.rating.bands import Bands, Boundary, Edge


def _num(value: float, suffix: str) -> str:
    text = f"{value:,.1f}".removesuffix(".0") if suffix != "%" else f"{value:.1f}"
    return f"{text}{suffix}"


def _green_h(b: Boundary, s: str) -> str:
    v = _num(b.value, s)
    return f"Green {v} and above" if b.edge is Edge.BETTER else f"Green above {v}"


def _green_l(b: Boundary, s: str) -> str:
    v = _num(b.value, s)
    return f"Green {v} and below" if b.edge is Edge.BETTER else f"Green below {v}"


def _red_h(b: Boundary, s: str) -> str:
    v = _num(b.value, s)
    return f"Red below {v}" if b.edge is Edge.BETTER else f"Red {v} and below"


def _red_l(b: Boundary, s: str) -> str:
    v = _num(b.value, s)
    return f"Red above {v}" if b.edge is Edge.BETTER else f"Red {v} and above"


def describe_bands(bands: Bands, suffix: str = "") -> str:
    """E.g. ``Red below 45.0%, Amber 45.0% to 60.0%, Green 60.0% and above``."""
    if bands.polarity is Polarity.TARGET:
        return _describe_target(bands, suffix)
    green = bands.green or Boundary(bands.target)
    high = bands.polarity is Polarity.HIGH
    green_text = _green_h(green, suffix) if high else _green_l(green, suffix)
    if bands.red is None:
        return f"{green_text}, Red otherwise (no Amber)"
    red_text = _red_h(bands.red, suffix) if high else _red_l(bands.red, suffix)
    low, up = (bands.red, green) if high else (green, bands.red)
    amber = f"Amber {_num(low.value, suffix)} to {_num(up.value, suffix)}"
    return f"{red_text}, {amber}, {green_text}"


def _describe_target(bands: Bands, s: str) -> str:
    low = bands.green_low or Boundary(bands.target)
    high = bands.green_high or Boundary(bands.target)
    parts = [f"Green {_num(low.value, s)} to {_num(high.value, s)}"]
    if bands.red_low is not None:
        parts.append(f"Amber {_num(bands.red_low.value, s)} to {_num(low.value, s)}")
    if bands.red_high is not None:
        parts.append(f"Amber {_num(high.value, s)} to {_num(bands.red_high.value, s)}")
    parts.append("Red beyond")
    return ", ".join(parts)
