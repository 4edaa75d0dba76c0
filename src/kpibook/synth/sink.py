"""Collecting generated rows and writing them as CSV or Parquet files.

Rows are held column by column (:class:`Batch`), checked against the data
model as they are added (an unknown column name is a programming error and
fails at once), and written table by table in a fixed order, so the same
seed always gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
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


_NAMES: dict[str, tuple[str, ...]] = {t.name: t.column_names for t in SCHEMA}
_NAME_SETS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in _NAMES.items()}
COLUMNS: Mapping[str, tuple[str, ...]] = _NAMES
"""For each table, its column names in order (the order of a row tuple)."""
COLUMN_COUNTS: dict[str, int] = {k: len(v) for k, v in _NAMES.items()}
"""For each table, its number of columns (the length of a row tuple)."""
DATE_POSITIONS: dict[str, tuple[int, ...]] = {
    t.name: tuple(i for i, c in enumerate(t.columns) if c.type is ColumnType.DATE) for t in SCHEMA
}
"""For each table, the positions of its date columns in a row tuple."""


class Batch:
    """Rows of every table, each row a tuple in the table's column order."""

    def __init__(self) -> None:
        self._rows: defaultdict[str, list[tuple[object, ...]]] = defaultdict(list)

    def add(self, table: str, values: Mapping[str, object]) -> tuple[object, ...]:
        """Append one row and return it as stored. Columns not given are empty.

        Raises:
            KeyError: if ``table`` is not in the data model or a column name is unknown.
        """
        names = _NAMES.get(table)
        if names is None:
            raise KeyError(f"no table {table!r} in the data model")
        if not _NAME_SETS[table].issuperset(values):
            unknown = sorted(set(values) - _NAME_SETS[table])
            raise KeyError(f"{table} has no column(s) {unknown}")
        row = tuple(map(values.get, names))
        self._rows[table].append(row)
        return row

    @property
    def by_table(self) -> defaultdict[str, list[tuple[object, ...]]]:
        """Every table's row list, created empty on first use.

        A fast path for high-volume tables: callers append tuples already in the
        table's column order (:data:`COLUMNS`), having checked them themselves.
        """
        return self._rows

    def extend(self, other: Batch) -> None:
        """Append every row of ``other``, table by table."""
        for table, rows in other._rows.items():
            mine = self._rows.get(table)
            if mine is None:
                self._rows[table] = list(rows)
            else:
                mine.extend(rows)

    def count(self, table: str) -> int:
        """Rows held for ``table``."""
        return len(self._rows.get(table, ()))

    @property
    def tables(self) -> tuple[str, ...]:
        """Tables with at least one row."""
        return tuple(t for t, rows in self._rows.items() if rows)

    def to_arrow(self, table: str) -> pa.Table:
        """The rows of ``table`` as an Arrow table with the data model's types."""
        schema = arrow_schema(SCHEMA.table(table))
        rows = self._rows.get(table, [])
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
        arrays = [pa.array(col, type=f.type) for col, f in zip(columns, schema, strict=True)]
        return pa.Table.from_arrays(arrays, schema=schema)

    def to_arrow_tables(self) -> dict[str, pa.Table]:
        """Every table with rows, as Arrow tables (compact to send between processes)."""
        return {table: self.to_arrow(table) for table in self.tables}

    def rows(self, table: str) -> Iterable[dict[str, object]]:
        """The rows of ``table`` as dictionaries (for tests and small tables)."""
        names = _NAMES[table]
        for row in self._rows.get(table, ()):
            yield dict(zip(names, row, strict=True))


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

    def write(self, batch: Batch | Mapping[str, pa.Table]) -> None:
        """Append every table of ``batch`` to its file, in table-name order."""
        tables = batch.to_arrow_tables() if isinstance(batch, Batch) else batch
        for table in sorted(tables):
            arrow = tables[table]
            self._writer(table).write_table(arrow)
            self.row_counts[table] += arrow.num_rows

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
