"""Turning text values into typed values, in SQL.

Every file is first held as text. These expressions convert one text column
to its type in the data model; a value that cannot be converted becomes NULL,
so a check can find it (the text is present, the typed value is not) and name
its row.

Accepted forms:

* every value: leading and trailing spaces are removed; an empty value, or the
  text ``NULL`` (as SQL Server exports write it), is a missing value;
* dates: ``YYYY-MM-DD``, ``YYYY-MM-DD HH:MM:SS`` with optional fractions of a
  second (also with ``T`` between date and time), and ``DD/MM/YYYY``; any time
  of day is dropped;
* integers: whole numbers (``12``, ``12.0``); decimals: any finite number
  (``12.5``, ``1e3``), without thousands separators;
* flags: ``Y`` or ``N`` (``y`` and ``n`` are read as ``Y`` and ``N``).
"""

from __future__ import annotations

from sqlglot import exp

from kpibook.ingest.sql import func, text
from kpibook.model import Column, ColumnType, Table

DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%d/%m/%Y",
)
"""strptime formats a date value may have, tried in order."""

MISSING_MARKERS: tuple[str, ...] = ("", "NULL")
"""Values (after trimming) that mean "no value"."""

FLAG_VALUES: tuple[str, ...] = ("Y", "N")

_FLAG_TYPE_DISTINCT = ColumnType.FLAG.name == "FLAG"
"""Whether the model's FLAG is its own enum member. While FLAG shares TEXT's
value (``VARCHAR``), Python makes it an alias of TEXT and flag columns are
recognised by their ``yes_no`` code list instead."""


def is_flag(column: Column) -> bool:
    """Whether ``column`` holds Y/N flags."""
    if _FLAG_TYPE_DISTINCT:
        return column.type.name == "FLAG"
    return column.codelist == "yes_no"


def is_key(table: Table, column: Column) -> bool:
    """Whether ``column`` identifies or links rows.

    Key columns are the primary key, columns that reference another table, and
    required columns that may not be empty. A value of a key column that
    cannot be read is an error, not a warning.
    """
    return (
        column.name in table.primary_key
        or column.references is not None
        or (column.required and not column.nullable)
    )


def cleaned(raw: exp.Expr) -> exp.Expr:
    """The trimmed text, or NULL when the value is missing."""
    value: exp.Expr = exp.Trim(this=raw.copy())
    for marker in MISSING_MARKERS:
        value = exp.Nullif(this=value, expression=text(marker))
    return value


def typed(column: Column, raw: exp.Expr) -> exp.Expr:
    """The value of ``raw`` (a text column) converted to ``column``'s type."""
    value = cleaned(raw)
    if is_flag(column):
        upper = exp.Upper(this=value)
        return exp.If(this=upper.copy().isin(*(text(v) for v in FLAG_VALUES)), true=upper)
    if column.type is ColumnType.DATE:
        formats = exp.Array(expressions=[text(f) for f in DATE_FORMATS])
        return exp.cast(func("try_strptime", value, formats), exp.DataType.Type.DATE)
    if column.type is ColumnType.INTEGER:
        whole = exp.TryCast(this=value.copy(), to=exp.DataType.build("BIGINT"))
        real = exp.TryCast(this=value, to=exp.DataType.build("DOUBLE"))
        return exp.If(this=exp.EQ(this=real, expression=whole.copy()), true=whole)
    if column.type is ColumnType.DECIMAL:
        real = exp.TryCast(this=value, to=exp.DataType.build("DOUBLE"))
        return exp.If(this=func("isfinite", real.copy()), true=real)
    return value
