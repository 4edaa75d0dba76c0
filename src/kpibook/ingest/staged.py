"""The staging table of a file: text values and typed values, in file order.

For every model column the file has, the staging table holds the value as
cleaned text (``__text__<column>``: trimmed, NULL when missing) and as typed
by the model (``<column>``: NULL when missing or unreadable). It is created by
a single scan of the file, so its row ids give the data rows
(:func:`~kpibook.ingest.sql.row_col`). Every check is then a plain SQL
condition on these columns, e.g. "text present but typed value NULL" for an
unreadable value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import duckdb
import sqlglot
from sqlglot import exp

from kpibook.ingest.convert import cleaned, typed
from kpibook.ingest.read import RawFile, diagnose
from kpibook.ingest.sql import col, create_table_as, execute, ident
from kpibook.model import Column, Table
from kpibook.problems import Problem

STAGE_PREFIX = "__kpibook_stage__"
"""Prefix of the temporary staging tables (``__kpibook_stage__ssd_person``)."""

TEXT_PREFIX = "__text__"
"""Prefix of the cleaned-text column of a model column in a staging table."""


def stage_name(table: Table) -> str:
    """The staging table name for ``table``."""
    return STAGE_PREFIX + table.name


@dataclass(frozen=True, slots=True)
class StagedTable:
    """One table of the data model, as read from its file.

    Attributes:
        table: the data-model table.
        file: the file name used in problems (the expected name if absent).
        stage: the staging table, or None if nothing was read (file absent,
            duplicated or unreadable).
        columns: the model columns the file has.
        rows: the number of data rows.
    """

    table: Table
    file: str
    stage: str | None = None
    columns: frozenset[str] = frozenset()
    rows: int = 0

    @property
    def loaded(self) -> bool:
        """Whether the file was read."""
        return self.stage is not None

    def has(self, column: str) -> bool:
        """Whether the file has the model column ``column``."""
        return self.stage is not None and column in self.columns

    def present(self) -> tuple[Column, ...]:
        """The model columns the file has, in model order."""
        return tuple(c for c in self.table.columns if self.has(c.name))

    def text(self, column: str) -> exp.Column:
        """The cleaned text of ``column`` in the staging table (NULL if missing)."""
        return col(TEXT_PREFIX + column)

    def value(self, column: str) -> exp.Column:
        """The typed value of ``column`` (NULL if missing or unreadable)."""
        return col(column)


def build_stage(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    raw: RawFile,
    positions: Mapping[str, int],
    file: str,
) -> tuple[StagedTable, list[Problem]]:
    """Create the staging table of ``table`` from ``raw``.

    ``positions`` maps each model column found in the file to its position
    in the header.
    """
    selected: list[exp.Expr] = []
    for column in table.columns:
        if column.name in positions:
            source = raw.columns[positions[column.name]]
            selected.append(cleaned(source).as_(ident(TEXT_PREFIX + column.name), copy=False))
            selected.append(typed(column, source).as_(ident(column.name), copy=False))
    if not selected:
        selected.append(exp.Null().as_(ident(TEXT_PREFIX), copy=False))
    query = sqlglot.select(*selected, copy=False).from_(raw.source.copy(), copy=False)
    name = stage_name(table)
    try:
        execute(con, create_table_as(name, query, temporary=True), raw.params)
    except duckdb.Error as err:
        return StagedTable(table, file), diagnose(con, raw, file, type(err).__name__)
    return StagedTable(table, file, stage=name, columns=frozenset(positions)), []
