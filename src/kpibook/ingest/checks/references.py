"""Identifiers that point at a row that is not there (``dangling-reference``).

For each column with a ``references`` entry, every non-empty value must match
a value of the referenced column in the referenced (typed) table. An empty
value is fine. Nothing is checked against a table whose file could not be
read or lacks the referenced column: that is already an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sqlglot
from sqlglot import exp

from kpibook.ingest import rules
from kpibook.ingest.checks.base import RowCheck, shown
from kpibook.ingest.sql import col, table
from kpibook.ingest.staged import StagedTable
from kpibook.model import Column
from kpibook.problems import Severity


@dataclass(frozen=True, slots=True)
class _Dangling:
    column: Column
    target_table: str
    target_column: str

    def __call__(self, values: tuple[object, ...]) -> str:
        value = values[0] if values else None
        return (
            f"{shown(self.column, value)} does not match any {self.target_column} in "
            f"{self.target_table}, so the row cannot be linked to the record it belongs to."
        )


def reference_checks(staged: StagedTable, tables: Mapping[str, StagedTable]) -> list[RowCheck]:
    """``dangling-reference`` checks for ``staged``; ``tables`` are all tables by name."""
    checks: list[RowCheck] = []
    for column in staged.present():
        target_table, target_column = column.referenced_table, column.referenced_column
        if target_table is None or target_column is None:
            continue
        target = tables.get(target_table)
        if target is None or not target.has(target_column):
            continue
        value = staged.value(column.name)
        target_values = (
            sqlglot.select(col(target_column), copy=False)
            .from_(table(target_table), copy=False)
            .where(exp.Not(this=exp.Is(this=col(target_column), expression=exp.Null())), copy=False)
        )
        condition = exp.and_(
            exp.Not(this=exp.Is(this=value.copy(), expression=exp.Null())),
            exp.Not(this=exp.In(this=value.copy(), query=exp.Subquery(this=target_values))),
            copy=False,
        )
        checks.append(
            RowCheck(
                rule=rules.DANGLING_REFERENCE,
                severity=Severity.WARNING,
                column=column.name,
                condition=condition,
                describe=_Dangling(column, target_table, target_column),
                hint=(
                    f"Check that {target_table} holds the record this {column.name} points "
                    "at (all files should come from the same extract, run on the same day), "
                    "or correct the identifier."
                ),
                values=() if column.personal else (value,),
            )
        )
    return checks
