"""Shared machinery of the row checks: one condition per rule and column, run in SQL.

A :class:`RowCheck` is a SQL condition that is true for the offending rows of
one column. :func:`run_row_checks` counts the offending rows of every check of
a table in a single query, then lists the rows (at most
:data:`~kpibook.ingest.rules.ROWS_LISTED` per check, plus one summary problem
with the exact count) only for checks that found something.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import duckdb
import sqlglot
from sqlglot import exp

from kpibook.ingest import rules
from kpibook.ingest.sql import count_where, fetch, param, row_col, table
from kpibook.ingest.staged import StagedTable
from kpibook.model import Column
from kpibook.problems import Problem, Severity

Describe = Callable[[tuple[object, ...]], str]
"""Builds a problem message from the values a check fetched for one row."""

MAX_SHOWN_CHARS = 40
"""Longer values are cut short in messages."""


@dataclass(frozen=True, slots=True)
class RowCheck:
    """One rule applied to one column of a table.

    Attributes:
        rule: the rule id.
        severity: the severity of each problem found.
        column: the column named in the problems.
        condition: SQL over the staging table, true for offending rows.
        describe: the message for one offending row, from ``values``.
        hint: what to do about it.
        values: SQL expressions fetched for each offending row for the
            message. Never personal values unless ``describe`` hides them.
        params: values of the named parameters used in ``condition``.
    """

    rule: str
    severity: Severity
    column: str
    condition: exp.Expr
    describe: Describe
    hint: str
    values: tuple[exp.Expr, ...] = ()
    params: Mapping[str, object] = field(default_factory=dict)


def quoted(value: object) -> str:
    """``'value'`` for a message, cut short if long. Only for non-personal values."""
    if isinstance(value, dt.date):
        body = value.isoformat()
    else:
        body = str(value).replace("\r", "\\r").replace("\n", "\\n")
    if len(body) > MAX_SHOWN_CHARS:
        body = body[: MAX_SHOWN_CHARS - 1] + "…"
    return "'" + body + "'"


def shown(column: Column, value: object) -> str:
    """``the value 'X'`` or, for a personal column, a phrase that hides the value."""
    if column.personal:
        return "the value (not shown: the column holds personal data)"
    if value is None:
        return "the empty value"
    return "the value " + quoted(value)


def more_rows(total: int, listed: int, what: str = "rows") -> str:
    """The message of the summary problem after a capped listing."""
    return f"... and {total - listed:,} more {what} with the same problem ({total:,} in all)."


def listing_problems(
    found: Sequence[tuple[int, str]],
    total: int,
    template: Problem,
    what: str = "rows",
) -> list[Problem]:
    """Problems for listed rows (row, message) plus a summary if the listing was capped."""
    problems = [replace(template, row=row, message=message) for row, message in found]
    if total > len(found):
        problems.append(replace(template, row=None, message=more_rows(total, len(found), what)))
    return problems


def _localise(check: RowCheck, index: int) -> RowCheck:
    """Give the parameters of ``check`` names unique within one combined query."""
    if not check.params:
        return check
    suffix = "_" + str(index)

    def rename(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Placeholder):
            return param(node.name + suffix)
        return node

    return replace(
        check,
        condition=check.condition.transform(rename, copy=False),
        params={name + suffix: value for name, value in check.params.items()},
    )


def run_row_checks(
    con: duckdb.DuckDBPyConnection, staged: StagedTable, checks: Sequence[RowCheck]
) -> list[Problem]:
    """Run ``checks`` against the staging table of ``staged``; every problem found.

    One query counts the offending rows of every check; rows are listed only
    for the checks that found some.
    """
    if staged.stage is None or staged.rows == 0 or not checks:
        return []
    local = [_localise(check, i) for i, check in enumerate(checks)]
    params: dict[str, object] = {}
    for check in local:
        params.update(check.params)
    counting = sqlglot.select(*(count_where(c.condition.copy()) for c in local), copy=False).from_(
        table(staged.stage), copy=False
    )
    counts = fetch(con, counting, params)[0]
    problems: list[Problem] = []
    for check, count in zip(local, counts, strict=True):
        if count:
            problems.extend(_list_rows(con, staged, staged.stage, check, int(count)))
    return problems


def _list_rows(
    con: duckdb.DuckDBPyConnection, staged: StagedTable, stage: str, check: RowCheck, total: int
) -> list[Problem]:
    query = (
        sqlglot.select(row_col(), *(v.copy() for v in check.values), copy=False)
        .from_(table(stage), copy=False)
        .where(check.condition.copy(), copy=False)
        .order_by(row_col(), copy=False)
        .limit(rules.ROWS_LISTED, copy=False)
    )
    found = [(int(r[0]), check.describe(tuple(r[1:]))) for r in fetch(con, query, check.params)]
    template = Problem(
        check.severity, check.rule, staged.file, "", hint=check.hint, column=check.column
    )
    return listing_problems(found, total, template)
