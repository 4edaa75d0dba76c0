"""Checking an indicator's SQL before it runs: one SELECT, known tables and columns.

An indicator's SQL is a single query (``SELECT``, ``WITH ... SELECT`` or a
``UNION`` of them) over the data model and the engine's helper tables, returning
one row per counted record with the result columns the engine aggregates
(see :data:`RESULT_COLUMNS`). Every problem is reported with its line in the
SQL file; the tables and columns the SQL reads are returned as the
indicator's requirements.

Two passes:

1. :func:`check_sql` reads the query's syntax tree (sqlglot): one statement,
   a query that only reads, known tables and table functions, and every
   column resolved to a table, CTE, subquery or alias in reach (including
   correlated subqueries, ``SELECT *`` through CTEs and column lists such as
   ``AS t(a, b)``). Problems carry the line they are on.
2. :func:`bind_sql` asks DuckDB to bind the query against empty copies of
   every table (:func:`binder`), with file access switched off. That catches
   what the first pass cannot know: misspelt functions, ambiguous column
   names, wrong argument types.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import TokenType, exp
from sqlglot.errors import ParseError, TokenError
from sqlglot.optimizer.scope import Scope, ScopeType, traverse_scope

from kpibook.engine import helpers
from kpibook.engine.helpers import HELPERS
from kpibook.ingest.sql import create_table
from kpibook.model.schema import SCHEMA
from kpibook.problems import Problem, Severity

RESULT_COLUMNS = ("period_end", "numerator", "denominator")
"""Columns every indicator query returns."""

OPTIONAL_COLUMNS = ("person_id", "team_id", "district_id")
"""Columns a query returns when the indicator needs them: ``person_id`` for the
``exc_uasc`` cohort, ``team_id`` for team and area breakdowns, ``district_id``
for district breakdowns."""

TABLE_FUNCTIONS = ("range", "generate_series", "unnest")
"""Table functions an indicator may select from (they make rows, never read files)."""

_CORRELATABLE = (ScopeType.SUBQUERY, ScopeType.UDTF, ScopeType.SET_OPERATION)

_Offered = Callable[[Scope, str], "set[str] | None"]
"""Columns a source of a scope offers (None when unknown)."""
_Add = Callable[[int | None, str, str], None]
"""Records a problem: line, message, hint."""


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
    """1-based line of ``node`` in the SQL text, if sqlglot recorded it."""
    candidates: list[exp.Expr] = [node]
    if isinstance(node, exp.Column | exp.Table):
        candidates.insert(0, node.this)
    candidates.extend(node.find_all(exp.Identifier))
    for candidate in candidates:
        meta = getattr(candidate, "meta", None) or {}
        line = meta.get("line")
        if line is not None:
            return int(line)
    return None


def _alias_columns(node: exp.Expr | None) -> list[str]:
    """Column names of an alias list, as in ``AS t(a, b)`` or ``WITH x(a, b) AS``."""
    if node is None:
        return []
    alias = node.args.get("alias")
    if isinstance(alias, exp.TableAlias):
        return [c.name.lower() for c in alias.columns]
    return []


def _function_name(table: exp.Table) -> str | None:
    """The function name when ``table`` is a table function such as ``range(3)``."""
    func = table.this
    if not isinstance(func, exp.Func):
        return None
    if isinstance(func, exp.Anonymous):
        return str(func.name).lower()
    if isinstance(func, exp.GenerateSeries):
        return "generate_series"
    return func.sql_name().lower()


class _Resolver:
    """Resolves the columns of one query's scopes against the known tables."""

    def __init__(self, tables: Mapping[str, tuple[str, ...]], model: set[str]) -> None:
        self.tables = {k.lower(): {c.lower() for c in v} for k, v in tables.items()}
        self.model = model
        self.requires: set[str] = set()
        self._outputs: dict[int, set[str] | None] = {}

    # Columns a source offers ----------------------------------------------------------------------

    def source_columns(self, scope: Scope, alias: str) -> set[str] | None:
        """Columns the source ``alias`` of ``scope`` offers; None when they cannot be known."""
        node, source = _sources(scope)[alias]
        if isinstance(source, exp.Table):
            listed = _alias_columns(source)
            if listed:
                return set(listed)
            if _function_name(source) is not None or source.args.get("pivots"):
                return None  # columns made by the function or the PIVOT
            return self.tables.get(source.name.lower())
        listed = _alias_columns(node)
        parent = source.expression.parent
        while isinstance(parent, exp.SetOperation):  # a branch of a (recursive) CTE's UNION
            parent = parent.parent
        if not listed and isinstance(parent, exp.CTE):
            listed = _alias_columns(parent)
        if listed:
            return set(listed)
        return self.scope_outputs(source)

    def scope_outputs(self, scope: Scope) -> set[str] | None:
        """Result columns of the query of ``scope`` (``*`` expanded)."""
        key = id(scope)
        if key not in self._outputs:
            self._outputs[key] = None  # guards recursive CTEs
            self._outputs[key] = self._compute_outputs(scope)
        return self._outputs[key]

    def _compute_outputs(self, scope: Scope) -> set[str] | None:
        expression = scope.expression
        if isinstance(expression, exp.SetOperation):
            return (
                self.scope_outputs(scope.set_operation_scopes[0])
                if scope.set_operation_scopes
                else None
            )
        if not isinstance(expression, exp.Select):
            return None
        out: set[str] = set()
        for projection in expression.expressions:
            star = self._star_sources(scope, projection)
            if star is None:
                out.add(projection.alias_or_name.lower())
                continue
            for alias in star:
                columns = self.source_columns(scope, alias)
                if columns is None:
                    return None
                out |= columns
            star_node = projection if isinstance(projection, exp.Star) else projection.this
            for excluded in star_node.args.get("except_") or star_node.args.get("except") or []:
                out.discard(excluded.name.lower())
        return out

    @staticmethod
    def _star_sources(scope: Scope, projection: exp.Expr) -> list[str] | None:
        """The sources a ``*`` or ``t.*`` projection expands over (None if not a star)."""
        if isinstance(projection, exp.Star):
            hidden = scope.semi_or_anti_join_tables
            return [a for a in _sources(scope) if a not in hidden]
        if isinstance(projection, exp.Column) and isinstance(projection.this, exp.Star):
            table = projection.table.lower()
            return [a for a in _sources(scope) if a.lower() == table]
        return None

    # Requirements -------------------------------------------------------------------------------

    def require(self, scope: Scope, alias: str, column: str, depth: int = 0) -> None:
        """Record ``column`` of source ``alias`` (followed through ``*`` of CTEs) as read."""
        if depth > 20:
            return
        _, source = _sources(scope)[alias]
        if isinstance(source, exp.Table):
            if source.name.lower() in self.model and _function_name(source) is None:
                self.requires.add(f"{source.name.lower()}.{column}")
            return
        inner = source
        while isinstance(inner.expression, exp.SetOperation) and inner.set_operation_scopes:
            inner = inner.set_operation_scopes[0]
        if not isinstance(inner.expression, exp.Select):
            return
        if column in {p.alias_or_name.lower() for p in inner.expression.expressions}:
            return  # named in the CTE's own select list: recorded when that scope is checked
        for projection in inner.expression.expressions:
            for star_alias in self._star_sources(inner, projection) or []:
                offered = self.source_columns(inner, star_alias)
                if offered is not None and column in offered:
                    self.require(inner, star_alias, column, depth + 1)


def _sources(scope: Scope) -> dict[str, tuple[exp.Expr, exp.Table | Scope]]:
    """Alias → (node in FROM/JOIN, source) of every source of ``scope``.

    Unlike sqlglot's ``selected_sources`` this keeps the right-hand side of
    ``SEMI`` and ``ANTI`` joins, whose columns the join condition reads.
    """
    return {
        name: (node, scope.sources[name])
        for name, node in scope.references
        if name in scope.sources
    }


def _chain(scope: Scope) -> Iterator[Scope]:
    """``scope`` and the enclosing scopes whose sources its columns may refer to."""
    current: Scope | None = scope
    while current is not None:
        yield current
        if current.scope_type in _CORRELATABLE or current.can_be_correlated:
            current = current.parent
        else:
            current = None


def _bound_here(column: exp.Column) -> bool:
    """Whether ``column`` is a list comprehension's variable or inside a ``PIVOT``."""
    ancestor = column.parent
    while ancestor is not None:
        if isinstance(ancestor, exp.Pivot):
            return True
        if isinstance(ancestor, exp.Comprehension):
            variable = ancestor.args.get("expression")
            if not column.table and variable is not None and variable.name == column.name:
                return True
        ancestor = ancestor.parent
    return False


def _own_columns(scope: Scope) -> list[exp.Column]:
    """Columns written in ``scope`` itself (not those of its subqueries)."""
    inner = {
        id(c)
        for child in (*scope.subquery_scopes, *scope.udtf_scopes, *scope.derived_table_scopes)
        for c in child.columns
    }
    return [c for c in scope.columns if id(c) not in inner]


def _statement_lines(sql: str) -> list[int]:
    """Line on which each statement after the first begins (after each ``;``)."""
    try:
        tokens = sqlglot.tokenize(sql, read="duckdb")
    except TokenError:
        return []
    lines: list[int] = []
    after_semicolon = False
    for token in tokens:
        if token.token_type is TokenType.SEMICOLON:
            after_semicolon = True
        elif after_semicolon:
            lines.append(token.line)
            after_semicolon = False
    return lines


def check_sql(
    sql: str, path: Path, needed: tuple[str, ...], tables: Mapping[str, tuple[str, ...]]
) -> SqlCheck:
    """Check ``sql`` (from ``path``): parse, one query, tables, columns and ``needed`` outputs."""
    problems: list[Problem] = []

    def add(line: int | None, message: str, hint: str) -> None:
        problems.append(
            Problem(Severity.ERROR, "indicator-sql", str(path), message, hint=hint, line=line)
        )

    try:
        statements = [s for s in sqlglot.parse(sql, read="duckdb") if s is not None]
    except ParseError as exc:
        for err in exc.errors or [{"line": None, "description": str(exc)}]:
            add(err.get("line"), f"the SQL does not parse: {err.get('description')}", "fix it")
        return SqlCheck(tuple(problems), (), ())
    except TokenError as exc:
        add(None, f"the SQL does not parse: {exc}", "check quotes and brackets are closed")
        return SqlCheck(tuple(problems), (), ())
    if len(statements) != 1:
        later = _statement_lines(sql)
        add(
            later[0] if len(statements) > 1 and later else None,
            f"the file holds {len(statements)} statements",
            "keep exactly one SELECT query (no ';' between queries; use CTEs instead)",
        )
        return SqlCheck(tuple(problems), (), ())
    query = statements[0]
    if not isinstance(query, exp.Query):
        add(
            _line(query) or 1,
            f"the statement is a {query.key.upper()}, not a SELECT",
            "write a single SELECT",
        )
        return SqlCheck(tuple(problems), (), ())
    for node in query.walk():
        if isinstance(node, exp.DDL | exp.DML | exp.Command):
            add(_line(node), "the query writes or changes data", "an indicator may only read")
    if problems:
        return SqlCheck(tuple(problems), (), ())

    resolver = _Resolver(tables, {t.name for t in SCHEMA})
    # When sqlglot cannot follow the query's structure (e.g. some PIVOTs), the
    # names are left to DuckDB's bind check (bind_sql).
    with contextlib.suppress(Exception):
        _check_scopes(query, resolver, add)

    outputs = tuple(query.named_selects)
    missing = [c for c in needed if c not in {o.lower() for o in outputs}]
    if missing:
        add(
            _line(query.selects[0]) if query.selects else 1,
            "the query does not return " + ", ".join(missing),
            "return them as columns named exactly so (see docs/indicators.md)",
        )
    used = {t.name.lower() for t in query.find_all(exp.Table)}
    for helper in HELPERS:
        if helper.name in used:
            resolver.requires.update(helper.reads)
    return SqlCheck(tuple(problems), tuple(sorted(resolver.requires)), outputs)


def _check_scopes(query: exp.Query, resolver: _Resolver, add: _Add) -> None:
    """Check the tables and columns of every scope of ``query``, recording what it reads."""
    scopes = list(traverse_scope(query))
    cte_names = {cte.alias.lower() for cte in query.find_all(exp.CTE)}
    unknown_sources: set[int] = set()
    for scope in scopes:
        for alias, (_, source) in _sources(scope).items():
            if not isinstance(source, exp.Table):
                continue
            function = _function_name(source)
            if function is not None:
                if function not in TABLE_FUNCTIONS:
                    add(
                        _line(source),
                        f"the table function '{function}' is not allowed",
                        "read only data-model tables and kp_ helpers; "
                        f"allowed functions: {', '.join(TABLE_FUNCTIONS)}",
                    )
                continue
            if source.name.lower() in cte_names:
                unknown_sources.add(id(source))  # a recursive CTE naming itself
            elif source.name.lower() not in resolver.tables:
                add(
                    _line(source),
                    f"unknown table '{source.name}'",
                    "use a data-model table (docs/data-model.md) or a kp_ helper "
                    "(docs/indicators.md)",
                )
                unknown_sources.add(id(_sources(scope)[alias][1]))

    def offered(scope: Scope, alias: str) -> set[str] | None:
        if id(_sources(scope)[alias][1]) in unknown_sources:
            return None
        return resolver.source_columns(scope, alias)

    for scope in scopes:
        for column in _own_columns(scope):
            if _bound_here(column):
                continue
            name = column.name.lower()
            qualifier = column.table.lower()
            if column.args.get("db"):
                # a.b.c: column b of source a, field c of a struct
                qualifier, name = str(column.args["db"].name).lower(), qualifier
            if qualifier:
                _check_qualified(scope, column, qualifier, name, offered, resolver, add)
            else:
                _check_unqualified(scope, column, name, offered, resolver, add)


def _check_qualified(
    scope: Scope,
    column: exp.Column,
    qualifier: str,
    name: str,
    offered: _Offered,
    resolver: _Resolver,
    add: _Add,
) -> None:
    for candidate in _chain(scope):
        aliases = {a.lower(): a for a in _sources(candidate)}
        if qualifier in aliases:
            alias = aliases[qualifier]
            columns = offered(candidate, alias)
            if columns is not None and name not in columns:
                add(
                    _line(column),
                    f"unknown column '{column.table}.{name}'",
                    f"'{column.table}' has no such column; check the name",
                )
            elif columns is not None:
                resolver.require(candidate, alias, name)
            return
        # ``s.field``: a struct column of some source, not a table alias.
        for alias in _sources(candidate):
            columns = offered(candidate, alias)
            if columns is None or qualifier in columns:
                return
    add(
        _line(column),
        f"unknown table or alias '{column.table}' (in '{column.sql(dialect='duckdb')}')",
        "name a table or alias from the FROM or JOIN clauses",
    )


def _check_unqualified(
    scope: Scope,
    column: exp.Column,
    name: str,
    offered: _Offered,
    resolver: _Resolver,
    add: _Add,
) -> None:
    for candidate in _chain(scope):
        owners: list[str] = []
        unknown = False
        for alias in _sources(candidate):
            columns = offered(candidate, alias)
            if columns is None:
                unknown = True
            elif name in columns:
                owners.append(alias)
        if owners:
            if len(owners) == 1:
                resolver.require(candidate, owners[0], name)
            return
        expression = candidate.expression
        if isinstance(expression, exp.Select) and any(
            isinstance(projection, exp.Alias)
            and projection.alias.lower() == name
            and not any(node is column for node in projection.walk())
            for projection in expression.expressions
        ):
            return  # an alias from the select list (DuckDB allows it in WHERE, GROUP BY, ...)
        if unknown:
            return
    add(_line(column), f"unknown column '{column.name}'", "check the name")


# Binding with DuckDB -----------------------------------------------------------------------------


def binder() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with empty copies of every table and helper, for :func:`bind_sql`.

    File access is switched off, so binding a query can never read anything.
    """
    con = duckdb.connect(config={"enable_external_access": False})
    for table in SCHEMA:
        con.execute(_create(table.name, [(c.name, c.type.duckdb_type) for c in table.columns]))
    helpers.install(con)
    # Helpers made per run or per query (the calendar and the month-end
    # snapshots) are empty tables with their documented columns.
    for helper in (*helpers.MONTH_END_HELPERS, next(h for h in HELPERS if h.name == "kp_periods")):
        con.execute(_create(helper.name, list(helper.columns)))
    return con


def _create(name: str, columns: list[tuple[str, str]]) -> str:
    """``CREATE TABLE name (column type, ...)`` for DuckDB."""
    return create_table(name, dict(columns)).sql(dialect="duckdb")


_NAMED = re.compile(r'"([^"]+)"|with name (\w+)')
"""A name in a DuckDB error message: quoted, or after 'with name'."""


def _find_line(sql: str, word: str) -> int | None:
    """Line of the first token spelt ``word`` (case-insensitive), if any."""
    try:
        tokens = sqlglot.tokenize(sql, read="duckdb")
    except TokenError:
        return None
    wanted = word.lower().split(".")[-1]
    for token in tokens:
        if token.text.lower() == wanted:
            return token.line
    return None


def bind_sql(sql: str, path: Path, con: duckdb.DuckDBPyConnection) -> tuple[Problem, ...]:
    """Ask DuckDB to bind ``sql`` (nothing runs); a problem if it cannot."""
    try:
        con.sql(sql)
    except duckdb.Error as exc:
        message = str(exc).strip()
        first_line = message.splitlines()[0] if message else type(exc).__name__
        named = _NAMED.search(first_line)
        line = _find_line(sql, named.group(1) or named.group(2)) if named else None
        detail = message.replace("\n", " ")
        return (
            Problem(
                Severity.ERROR,
                "indicator-sql",
                str(path),
                f"DuckDB cannot run the query: {detail}",
                hint="fix the SQL; try it in DuckDB against the data model",
                line=line,
            ),
        )
    return ()
