"""Primary keys used by more than one row (``duplicate-key``).

One problem per duplicated key, at the row where the key is used again, naming
every row that shares it (the first :data:`ROWS_NAMED`, then a count). Rows
with an empty key part are left to ``missing-key``.
"""

from __future__ import annotations

import duckdb
import sqlglot
from sqlglot import exp

from kpibook.ingest import rules
from kpibook.ingest.checks.base import more_rows, quoted
from kpibook.ingest.sql import (
    count_over,
    count_star,
    fetch,
    func,
    not_null,
    number,
    row_col,
    table,
)
from kpibook.ingest.staged import StagedTable
from kpibook.problems import Problem, Severity

ROWS_NAMED = 10
"""At most this many row numbers are named for one duplicated key."""


def duplicate_keys(con: duckdb.DuckDBPyConnection, staged: StagedTable) -> list[Problem]:
    """One problem per primary key value used by more than one row of ``staged``."""
    model = staged.table
    keys = model.primary_key
    if staged.stage is None or staged.rows < 2 or not all(staged.has(k) for k in keys):
        return []
    key_values = [staged.value(k) for k in keys]
    query = (
        sqlglot.select(
            func(
                "list_slice",
                func("list_sort", func("list", row_col())),
                number(1),
                number(ROWS_NAMED),
            ),
            count_star(),
            count_over(),
            exp.Window(this=exp.Sum(this=count_star())),
            *key_values,
            copy=False,
        )
        .from_(table(staged.stage), copy=False)
        .where(exp.and_(*(not_null(v.copy()) for v in key_values), copy=False), copy=False)
        .group_by(*(v.copy() for v in key_values), copy=False)
        .having(exp.GT(this=count_star(), expression=number(1)), copy=False)
        .order_by(exp.Min(this=row_col()), copy=False)
        .limit(rules.ROWS_LISTED, copy=False)
    )
    found = fetch(con, query)
    if not found:
        return []
    personal = any(model.column(k).personal for k in keys)
    names = keys[0] if len(keys) == 1 else "(" + ", ".join(keys) + ")"
    hint = (
        f"Make {names} unique: remove repeated rows (often the same record exported twice) "
        "or correct the identifiers in the source system."
    )
    problems: list[Problem] = []
    for rows, count, _groups, _total, *values in found:
        listed = [int(r) for r in rows]
        problems.append(
            Problem(
                Severity.ERROR,
                rules.DUPLICATE_KEY,
                staged.file,
                _message(names, values, personal, listed, int(count), model.name),
                hint=hint,
                row=listed[1],
                column=", ".join(keys),
            )
        )
    groups, total = int(found[0][2]), int(found[0][3])
    if groups > len(found):
        problems.append(
            Problem(
                Severity.ERROR,
                rules.DUPLICATE_KEY,
                staged.file,
                more_rows(groups, len(found), "duplicated keys")
                + f" {total:,} rows share a key with another row.",
                hint=hint,
                column=", ".join(keys),
            )
        )
    return problems


def _message(
    names: str, values: list[object], personal: bool, rows: list[int], count: int, name: str
) -> str:
    if personal:
        key = f"the same {names}"
    elif len(values) == 1:
        key = f"the key {names} {quoted(values[0])}"
    else:
        key = f"the key {names} = (" + ", ".join(quoted(v) for v in values) + ")"
    listed = ", ".join(str(r) for r in rows)
    more = f" and {count - len(rows):,} more" if count > len(rows) else ""
    return (
        f"{key} is used by {count:,} rows (rows {listed}{more}); every row of {name} needs "
        "its own key, so the table cannot be used until it is fixed."
    )
