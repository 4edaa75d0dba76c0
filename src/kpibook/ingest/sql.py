"""Building and running SQL safely.

Every query kpibook sends to DuckDB is built as a sqlglot expression tree, never
by pasting strings together: identifiers are always quoted
(:func:`ident`), and values that come from data or configuration (file paths,
code lists, date bounds) are bound as named parameters (:func:`param`), so no
file content or column name can change the meaning of a query.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import duckdb
from sqlglot import exp

DIALECT = "duckdb"


def ident(name: str) -> exp.Identifier:
    """A quoted identifier (table or column name)."""
    return exp.to_identifier(name, quoted=True)


def col(name: str) -> exp.Column:
    """A quoted column reference."""
    return exp.Column(this=ident(name))


def row_col() -> exp.Expr:
    """The 1-based data row of a staging table: ``rowid + 1``.

    A staging table is created by one scan of its file, and DuckDB keeps the
    scan's order when ``preserve_insertion_order`` is on (the default, which
    loading makes sure of), so row ids follow the file's data rows.
    """
    return exp.Add(this=exp.column("rowid"), expression=number(1))


def table(name: str) -> exp.Table:
    """A quoted table reference."""
    return exp.Table(this=ident(name))


def text(value: str) -> exp.Literal:
    """A string literal for a constant written in kpibook's own code (never data)."""
    return exp.Literal.string(value)


def number(value: int) -> exp.Expr:
    """A numeric literal for a constant written in kpibook's own code."""
    return exp.Literal.number(value)


def param(name: str) -> exp.Placeholder:
    """A named parameter (``$name``), bound when the query is run."""
    return exp.Placeholder(this=name)


def option(name: str, value: exp.Expr) -> exp.EQ:
    """A named argument of a table function, e.g. ``header = TRUE``."""
    return exp.EQ(this=exp.column(name), expression=value)


def func(name: str, *args: exp.Expr) -> exp.Anonymous:
    """A call of the DuckDB function ``name``."""
    return exp.Anonymous(this=name, expressions=list(args))


def is_null(value: exp.Expr) -> exp.Is:
    """``value IS NULL``."""
    return exp.Is(this=value, expression=exp.Null())


def not_null(value: exp.Expr) -> exp.Not:
    """``NOT value IS NULL``."""
    return exp.Not(this=is_null(value))


def count_star() -> exp.Count:
    """``COUNT(*)``."""
    return exp.Count(this=exp.Star())


def count_where(condition: exp.Expr) -> exp.Filter:
    """``COUNT(*) FILTER (WHERE condition)``."""
    return exp.Filter(this=count_star(), expression=exp.Where(this=condition))


def count_over() -> exp.Window:
    """``COUNT(*) OVER ()``: the number of rows matched before any LIMIT."""
    return exp.Window(this=count_star())


def create_table_as(name: str, query: exp.Query, *, temporary: bool = False) -> exp.Create:
    """``CREATE OR REPLACE [TEMPORARY] TABLE name AS query``."""
    props = exp.Properties(expressions=[exp.TemporaryProperty()]) if temporary else None
    return exp.Create(
        this=table(name), kind="TABLE", expression=query, replace=True, properties=props
    )


def create_table(name: str, columns: Mapping[str, str]) -> exp.Create:
    """``CREATE OR REPLACE TABLE name (column type, ...)``."""
    defs = [
        exp.ColumnDef(this=ident(column), kind=exp.DataType.build(sql_type, dialect=DIALECT))
        for column, sql_type in columns.items()
    ]
    return exp.Create(
        this=exp.Schema(this=table(name), expressions=defs), kind="TABLE", replace=True
    )


def drop_table(name: str) -> exp.Drop:
    """``DROP TABLE IF EXISTS name``."""
    return exp.Drop(tables=[table(name)], kind="TABLE", exists=True)


def set_option(name: str, value: exp.Expr) -> exp.Set:
    """``SET name = value`` for a DuckDB setting."""
    return exp.Set(expressions=[exp.SetItem(this=option(name, value))])


def current_setting(con: duckdb.DuckDBPyConnection, name: str) -> object:
    """The current value of the DuckDB setting ``name``."""
    return fetch(con, exp.select(func("current_setting", param("name"))), {"name": name})[0][0]


def render(expression: exp.Expr) -> str:
    """The DuckDB SQL text of an expression (which may be changed: build a new one per query)."""
    return expression.sql(dialect=DIALECT, copy=False)


def execute(
    con: duckdb.DuckDBPyConnection,
    expression: exp.Expr,
    params: Mapping[str, object] | None = None,
) -> None:
    """Run a statement."""
    if params:
        con.execute(render(expression), dict(params))
    else:
        con.execute(render(expression))


def fetch(
    con: duckdb.DuckDBPyConnection,
    expression: exp.Expr,
    params: Mapping[str, object] | None = None,
) -> list[tuple[Any, ...]]:
    """Run a query and return every result row."""
    cursor = (
        con.execute(render(expression), dict(params)) if params else con.execute(render(expression))
    )
    return cursor.fetchall()
