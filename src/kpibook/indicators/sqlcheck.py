"""Checking an indicator's SQL before it runs: one SELECT, known tables and columns.

An indicator's SQL is a single query (``SELECT``, ``WITH ... SELECT`` or a
``UNION`` of them) over the data model and the engine's helper tables, returning
one row per counted record with the result columns the engine aggregates
(see :data:`RESULT_COLUMNS`). Every problem is reported with its line in the
SQL file; the tables and columns the SQL reads are returned as the
indicator's requirements.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError
from sqlglot.optimizer.scope import Scope, traverse_scope

from kpibook.engine.helpers import HELPERS
from kpibook.model.schema import SCHEMA
from kpibook.problems import Problem, Severity

RESULT_COLUMNS = ("period_end", "numerator", "denominator")
"""Columns every indicator query returns."""

OPTIONAL_COLUMNS = ("person_id", "team_id", "district_id")
"""Columns a query returns when the indicator needs them: ``person_id`` for the
``exc_uasc`` cohort, ``team_id`` for team and area breakdowns, ``district_id``
for district breakdowns."""


@dataclass(frozen=True, slots=True)
class SqlCheck:
    """What checking one query found."""

    problems: tuple[Problem, ...]
    requires: tuple[str, ...]
    """``table.column`` of every data-model column the query reads, sorted."""
    outputs: tuple[str, ...]
    """The query's result column names."""


def known_tables() -> dict[str, tuple[str, ...]]:
    """Every table an indicator may read (data model and helpers) with its columns."""
    tables = {t.name: tuple(c.name for c in t.columns) for t in SCHEMA}
    tables.update({h.name: tuple(c for c, _ in h.columns) for h in HELPERS})
    return tables


def _line(node: exp.Expr) -> int | None:
    ident = node.this if isinstance(node, exp.Column | exp.Table) else node
    meta = getattr(ident, "meta", None) or {}
    line = meta.get("line")
    return int(line) if line is not None else None


def _scope_columns(scope: Scope, tables: Mapping[str, tuple[str, ...]]) -> dict[str, set[str]]:
    """Alias → columns it offers, for every source of ``scope``."""
    out: dict[str, set[str]] = {}
    for alias, source in scope.sources.items():
        if isinstance(source, exp.Table):
            out[alias] = set(tables.get(source.name, ()))
        elif isinstance(source, Scope) and isinstance(source.expression, exp.Query):
            out[alias] = set(source.expression.named_selects)
    return out


def check_sql(
    sql: str, path: Path, needed: tuple[str, ...], tables: Mapping[str, tuple[str, ...]]
) -> SqlCheck:
    """Check ``sql`` (from ``path``): parse, one query, tables, columns and ``needed`` outputs."""
    problems: list[Problem] = []

    def add(line: int | None, message: str, hint: str) -> None:
        problems.append(
            Problem(Severity.ERROR, "indicator-sql", str(path), message, hint=hint, row=line)
        )

    try:
        statements = [s for s in sqlglot.parse(sql, read="duckdb") if s is not None]
    except ParseError as exc:
        for err in exc.errors or [{"line": None, "description": str(exc)}]:
            add(err.get("line"), f"the SQL does not parse: {err.get('description')}", "fix it")
        return SqlCheck(tuple(problems), (), ())
    if len(statements) != 1:
        add(None, f"the file holds {len(statements)} statements", "keep exactly one SELECT query")
        return SqlCheck(tuple(problems), (), ())
    query = statements[0]
    if not isinstance(query, exp.Query):
        add(1, f"the statement is a {query.key.upper()}, not a SELECT", "write a single SELECT")
        return SqlCheck(tuple(problems), (), ())
    bad: list[exp.Expr] = [
        n for n in query.walk() if isinstance(n, exp.DDL | exp.DML | exp.Command)
    ]
    for node in bad:
        add(_line(node), "the query writes or changes data", "an indicator may only read")
    requires: set[str] = set()
    model = {t.name for t in SCHEMA}
    cte_names = {cte.alias for cte in query.find_all(exp.CTE)}
    for scope in traverse_scope(query):
        columns_by_alias = _scope_columns(scope, tables)
        for alias, source in scope.sources.items():
            if (
                isinstance(source, exp.Table)
                and source.name not in cte_names
                and source.name not in tables
            ):
                add(
                    _line(source),
                    f"unknown table '{source.name}'",
                    "use a data-model table (docs/data-model.md) or a kp_ helper "
                    "(docs/indicators.md)",
                )
                columns_by_alias[alias] = set()
        for column in scope.columns:
            name = column.name
            qualifier = column.table
            if qualifier:
                if qualifier not in columns_by_alias:
                    continue  # an outer-scope reference (correlated subquery); checked there
                offered = columns_by_alias[qualifier]
                qualified_source = scope.sources.get(qualifier)
                if offered and name not in offered:
                    add(_line(column), f"unknown column '{qualifier}.{name}'", "check the name")
                elif isinstance(qualified_source, exp.Table) and qualified_source.name in model:
                    requires.add(f"{qualified_source.name}.{name}")
            else:
                owners = [a for a, cols in columns_by_alias.items() if name in cols]
                outputs_here = (
                    scope.expression.named_selects
                    if isinstance(scope.expression, exp.Query)
                    else []
                )
                if not owners and name not in outputs_here:
                    if any(not cols for cols in columns_by_alias.values()):
                        continue
                    if scope.is_correlated_subquery or scope.parent is not None:
                        continue  # may come from an enclosing scope
                    add(_line(column), f"unknown column '{name}'", "check the name")
                for owner in owners:
                    owner_source = scope.sources.get(owner)
                    if isinstance(owner_source, exp.Table) and owner_source.name in model:
                        requires.add(f"{owner_source.name}.{name}")
    outputs = tuple(query.named_selects)
    missing = [c for c in needed if c not in outputs]
    if missing:
        add(
            1,
            "the query does not return " + ", ".join(missing),
            "return them as columns named exactly so (see docs/indicators.md)",
        )
    return SqlCheck(tuple(problems), tuple(sorted(requires)), outputs)
