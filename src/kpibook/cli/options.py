"""Parsing of option values shared by several commands."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import typer

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(value: str, option: str) -> tuple[int, int]:
    """``YYYY-MM`` -> (year, month), or a usage error naming the option."""
    match = _MONTH.match(value.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise typer.BadParameter(
            f"`{value}` is not a month: use YYYY-MM, for example 2016-08", param_hint=option
        )
    return int(match.group(1)), int(match.group(2))


def month_start(value: str, option: str) -> dt.date:
    """First day of the ``YYYY-MM`` month."""
    year, month = parse_month(value, option)
    return dt.date(year, month, 1)


def month_end(value: str, option: str) -> dt.date:
    """Last day of the ``YYYY-MM`` month."""
    year, month = parse_month(value, option)
    return dt.date(year, month, calendar.monthrange(year, month)[1])
