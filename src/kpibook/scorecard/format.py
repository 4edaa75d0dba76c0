"""How numbers, ratings and dates are written: one module for every renderer.

The seeds' conventions (``seed-spec.md`` §2.2): percentages to one decimal
place with a % sign ("22.3%"); counts as whole numbers with thousands
separators ("1,145"); averages and days to one decimal place ("363.7");
numerators and denominators whole unless they carry decimals (FTE: "404.3");
a change signed ("+3"); a variance signed even when it rounds to zero ("+0.0%",
"0.0%", "-0.0%"); "-" where there is nothing to show. Rounding is half away
from zero on the unrounded value, the way Excel rounds.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from kpibook.rating.bands import Rag
from kpibook.rating.dot import Dot

NOTHING = "-"
"""Shown where there is no figure."""

EXCEL_FORMATS = {
    "percent": '#,##0.0"%"',
    "count": "#,##0",
    "days": "#,##0.0",
    "average": "#,##0.0",
    "rate_per_10000": "#,##0.0",
}
"""Excel number formats that display a value as :func:`value` writes it."""


def _round(number: float, places: int) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return Decimal(repr(number)).quantize(quantum, rounding=ROUND_HALF_UP)


def decimals(unit: str) -> int:
    """Decimal places a value of ``unit`` is shown with."""
    return 0 if unit == "count" else 1


def value(number: float | None, unit: str) -> str:
    """A value as printed: ``22.3%``, ``1,145``, ``363.7``."""
    if number is None:
        return NOTHING
    text = f"{_round(number, decimals(unit)):,}"
    return text + "%" if unit == "percent" else text


def count(number: float | None) -> str:
    """A numerator or denominator: whole with separators, or one decimal place if it has any."""
    if number is None:
        return NOTHING
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{_round(number, 1):,}"


def change(number: float | None) -> str:
    """A signed change of a count: ``+3``, ``-2``, ``0``."""
    if number is None:
        return NOTHING
    rounded = _round(number, 0)
    return f"+{rounded:,}" if rounded > 0 else f"{rounded:,}"


def variance(number: float | None, unit: str) -> str:
    """Excluding − including UASC, signed even when it rounds to zero: ``+0.0%``, ``-1.5%``."""
    if number is None:
        return NOTHING
    places = decimals(unit)
    rounded = abs(_round(number, places))
    sign = "+" if number > 0 else "-" if number < 0 else ""
    text = f"{sign}{rounded:,}"
    return text + "%" if unit == "percent" else text


def target(number: float | None, unit: str) -> str:
    """A target as printed (same as a value)."""
    return value(number, unit)


def rag(rating: Rag | None) -> str:
    """``Green``, ``Amber``, ``Red``, or empty for no rating."""
    return rating.word if rating is not None else ""


def rag_letter(rating: Rag | None) -> str:
    """``G``, ``A``, ``R`` or empty."""
    return rating.value if rating is not None else ""


def dot(direction: Dot | None) -> str:
    """``↑ Improved``: arrow and word, so direction is never shown by colour or symbol alone."""
    return f"{direction.arrow} {direction.word}" if direction is not None else ""


def month(day: dt.date) -> str:
    """``Aug 2016``."""
    return day.strftime("%b %Y")


def month_long(day: dt.date) -> str:
    """``August 2016``."""
    return day.strftime("%B %Y")


def date(day: dt.date) -> str:
    """``31/08/2016`` (as the seeds print dates)."""
    return day.strftime("%d/%m/%Y")


def date_long(day: dt.date) -> str:
    """``10 November 2016``."""
    return f"{day.day} {day:%B %Y}"


POLARITY_WORDS = {
    "H": "Higher values are better",
    "L": "Lower values are better",
    "T": "As close to target as possible. Should not be too low or too high",
}
"""The seeds' "Tolerance" line for each polarity."""

PERIOD_WORDS = {
    "SS": "Snapshot (SS)",
    "M": "Monthly (M)",
    "R3M": "Rolling 3 months",
    "R12M": "Rolling 12 months (R12M)",
    "FYTD": "Year to date (YTD)",
    "AYTD": "Academic year to date (AC YTD)",
    "Q": "Quarter (Q)",
    "A": "Annual (A)",
}

PERIOD_CODES = {
    "FYTD": "YTD",
    "AYTD": "AC YTD",
    "R12M": "R12M",
    "SS": "SS",
    "M": "M",
    "Q": "Q",
    "A": "A",
    "R3M": "R3M",
}
"""The period code as the scorecard's Data Period column prints it."""


def period_code(code: str) -> str:
    """``YTD`` for FYTD, as the seeds print it."""
    return PERIOD_CODES.get(code, code)
