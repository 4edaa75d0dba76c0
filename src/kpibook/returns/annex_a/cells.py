"""Reading one Annex A cell into a typed value.

Every reader returns the value or raises :class:`CellError` with a message
that never repeats the cell's content (cells may hold personal data).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from functools import cache

from kpibook.model.codelists import codelist
from kpibook.returns.annex_a.codes import ALIASES, resolve_code
from kpibook.returns.annex_a.spec import Field, Kind
from kpibook.returns.common import parse_date

_WHOLE = re.compile(r"^-?[0-9]{1,9}$")

Value = str | int | dt.date | None
"""A cell as the importer holds it."""


class CellError(ValueError):
    """A cell that cannot be read as its column's kind."""


def is_blank(raw: object) -> bool:
    """An empty cell, or one holding only spaces."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _text(raw: object) -> str:
    if isinstance(raw, bool):
        raise CellError("is TRUE/FALSE, not text")
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise CellError("is not a finite number")
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, (int, str)):
        return str(raw).strip()
    raise CellError(f"holds a {type(raw).__name__} value, not text")


def _date(raw: object) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        try:
            day = parse_date(raw)
        except ValueError:
            raise CellError("is not a date: write dd/mm/yyyy or yyyy-mm-dd") from None
        if day is None:  # pragma: no cover - blanks are handled before
            raise CellError("is empty")
        return day
    raise CellError(
        "is a number or other value, not a date: format the cell as a date or write dd/mm/yyyy"
    )


def _integer(raw: object) -> int:
    if isinstance(raw, bool):
        raise CellError("is TRUE/FALSE, not a whole number")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and _WHOLE.match(raw.strip()):
        return int(raw.strip())
    raise CellError("is not a whole number")


@cache
def _codes(name: str) -> Mapping[str, str]:
    """Every code of the list in any version, with its latest meaning."""
    merged: dict[str, str] = {}
    for version in codelist(name).versions:
        merged.update(version.codes)
    return merged


def read_cell(field: Field, raw: object) -> Value:
    """The value of ``raw`` for ``field``; None for a blank cell.

    Raises:
        CellError: the cell cannot be read as the field's kind (or holds an
            unknown code).
    """
    if is_blank(raw):
        return None
    if field.kind is Kind.DATE:
        return _date(raw)
    if field.kind is Kind.INTEGER:
        return _integer(raw)
    if isinstance(raw, (dt.date, dt.time, dt.timedelta)):
        raise CellError("is a date or time, not text")
    text = _text(raw)
    if field.kind is not Kind.CODE:
        return text or None
    name = field.codelist or ""
    code = resolve_code(text, _codes(name), ALIASES.get(name, {}))
    if code is None:
        raise CellError(f"is not a code of the '{name}' list")
    return code
