"""Collecting generated rows and writing them as CSV or Parquet files.

Rows are held column by column (:class:`Batch`), checked against the data
model as they are added (an unknown column name is a programming error and
fails at once), and written table by table in a fixed order, so the same
seed always gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from kpibook.model import SCHEMA, ColumnType, Table

OutputFormat = Literal["csv", "parquet"]

_ARROW_TYPES: Mapping[ColumnType, pa.DataType] = {
    ColumnType.TEXT: pa.string(),
    ColumnType.FLAG: pa.string(),
    ColumnType.DATE: pa.date32(),
    ColumnType.INTEGER: pa.int64(),
    ColumnType.DECIMAL: pa.float64(),
}


def arrow_schema(table: Table) -> pa.Schema:
    """The Arrow schema of a data-model table."""
    return pa.schema([pa.field(c.name, _ARROW_TYPES[c.type]) for c in table.columns])


class Batch:
    """Rows of every table, held column by column."""

    def __init__(self) -> None:
        self._columns: dict[str, dict[str, list[object]]] = {}
        self._counts: dict[str, int] = {}

    def add(self, table: str, values: Mapping[str, object]) -> None:
        """Append one row. Columns not given are empty.

        Raises:
            KeyError: if ``table`` is not in the data model or a column name is unknown.
        """
        cols = self._columns.get(table)
        if cols is None:
            cols = {name: [] for name in SCHEMA.table(table).column_names}
            self._columns[table] = cols
            self._counts[table] = 0
        unknown = set(values) - cols.keys()
        if unknown:
            raise KeyError(f"{table} has no column(s) {sorted(unknown)}")
        for name, column in cols.items():
            column.append(values.get(name))
        self._counts[table] += 1

    def extend(self, other: Batch) -> None:
        """Append every row of ``other``, table by table."""
        for table, cols in other._columns.items():
            mine = self._columns.get(table)
            if mine is None:
                self._columns[table] = {k: list(v) for k, v in cols.items()}
                self._counts[table] = other._counts[table]
                continue
            for name, column in cols.items():
                mine[name].extend(column)
            self._counts[table] += other._counts[table]

    def count(self, table: str) -> int:
        """Rows held for ``table``."""
        return self._counts.get(table, 0)

    @property
    def tables(self) -> tuple[str, ...]:
        """Tables with at least one row."""
        return tuple(t for t, n in self._counts.items() if n)

    def to_arrow(self, table: str) -> pa.Table:
        """The rows of ``table`` as an Arrow table with the data model's types."""
        schema = arrow_schema(SCHEMA.table(table))
        cols = self._columns.get(table) or {f.name: [] for f in schema}
        return pa.table({f.name: pa.array(cols[f.name], type=f.type) for f in schema}, schema=schema)

    def rows(self, table: str) -> Iterable[dict[str, object]]:
        """The rows of ``table`` as dictionaries (for tests and small tables)."""
        cols = self._columns.get(table, {})
        names = list(cols)
        for i in range(self.count(table)):
            yield {n: cols[n][i] for n in names}


class TableWriter:
    """Streams batches into one file per table of the data model.

    Every table of the schema gets a file, even an empty one, so a generated
    folder is always complete.
    """

    def __init__(self, folder: Path, fmt: OutputFormat) -> None:
        self.folder = folder
        self.fmt = fmt
        self._writers: dict[str, pacsv.CSVWriter | pq.ParquetWriter] = {}
        self.row_counts: dict[str, int] = {t.name: 0 for t in SCHEMA}
        folder.mkdir(parents=True, exist_ok=True)

    def _writer(self, table: str) -> pacsv.CSVWriter | pq.ParquetWriter:
        writer = self._writers.get(table)
        if writer is None:
            schema = arrow_schema(SCHEMA.table(table))
            path = self.folder / f"{table}.{self.fmt}"
            if self.fmt == "csv":
                writer = pacsv.CSVWriter(path, schema)
            else:
                writer = pq.ParquetWriter(path, schema, compression="zstd")
            self._writers[table] = writer
        return writer

    def write(self, batch: Batch) -> None:
        """Append every table of ``batch`` to its file."""
        for table in sorted(batch.tables):
            self._writer(table).write_table(batch.to_arrow(table))
            self.row_counts[table] += batch.count(table)

    def close(self) -> None:
        """Write empty files for tables with no rows, then close every file."""
        for table in SCHEMA:
            self._writer(table.name)
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()


def iso(day: dt.date | None) -> str | None:
    """A date as ``YYYY-MM-DD``, or None."""
    return None if day is None else day.isoformat()
