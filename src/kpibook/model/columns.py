"""The building blocks of the data model: column types, columns and tables.

Every table kpibook reads is described once, in code, by a :class:`Table`.
Loading, validation, the synthetic council and the generated documentation
all read these descriptions, so there is one source of truth for names,
types, keys, references and code lists.

Nothing in this module does any I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class ColumnType(Enum):
    """The logical type of a column, and the DuckDB type it is loaded as."""

    TEXT = "text"
    DATE = "date"
    INTEGER = "integer"
    DECIMAL = "decimal"
    FLAG = "flag"
    """A one-character Y/N flag (the SSD's ``nchar(1)``), loaded as VARCHAR."""

    @property
    def duckdb_type(self) -> str:
        """The DuckDB SQL type name for this column type."""
        return _DUCKDB_TYPES[self]

    @property
    def label(self) -> str:
        """A short human name used in documentation and error messages."""
        return self.value


_DUCKDB_TYPES = {
    ColumnType.TEXT: "VARCHAR",
    ColumnType.DATE: "DATE",
    ColumnType.INTEGER: "BIGINT",
    ColumnType.DECIMAL: "DOUBLE",
    ColumnType.FLAG: "VARCHAR",
}


class TableKind(Enum):
    """Where a table's definition comes from."""

    SSD = "ssd"
    """Named exactly as in the Standard Safeguarding Dataset (v1.4.5)."""
    LOCAL = "local"
    """A kpibook extension for data the SSD does not carry (prefix ``local_``)."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table.

    Attributes:
        name: the column name, exactly as in the source files.
        type: the logical type.
        description: what the column means, in plain English.
        required: the column must be present in the file (it may still hold
            empty values unless ``nullable`` is false).
        nullable: whether an empty value is allowed.
        references: ``table.column`` this column points at, if any.
        codelist: the name of the code list the values must come from.
        personal: the column holds personal data (names, dates of birth,
            postcodes, identifiers). Never written to logs.
    """

    name: str
    type: ColumnType
    description: str
    required: bool = False
    nullable: bool = True
    references: str | None = None
    codelist: str | None = None
    personal: bool = False

    @property
    def referenced_table(self) -> str | None:
        """The table part of :attr:`references`."""
        return None if self.references is None else self.references.split(".", 1)[0]

    @property
    def referenced_column(self) -> str | None:
        """The column part of :attr:`references`."""
        return None if self.references is None else self.references.split(".", 1)[1]


@dataclass(frozen=True, slots=True)
class DateRange:
    """A pair of date columns where the end must not come before the start."""

    start: str
    end: str


@dataclass(frozen=True, slots=True)
class Table:
    """One table of the data model.

    Attributes:
        name: the table name, which is also the file stem (``ssd_person.csv``).
        kind: SSD or local extension.
        description: what one row means.
        columns: the columns, in file order.
        primary_key: the columns that identify a row.
        date_ranges: start/end pairs checked for end >= start.
        used_for: what the scorecard uses the table for (indicator ids of the
            seed scorecards, e.g. ``SCS-09``), shown in the data model docs.
        required: the file must be present in a data folder. Optional tables
            that are absent load as empty tables.
    """

    name: str
    kind: TableKind
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    date_ranges: tuple[DateRange, ...] = ()
    used_for: tuple[str, ...] = field(default=())
    required: bool = True

    def column(self, name: str) -> Column:
        """Return the column called ``name``.

        Raises:
            KeyError: if the table has no such column.
        """
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name}")

    @property
    def column_names(self) -> tuple[str, ...]:
        """The column names in file order."""
        return tuple(c.name for c in self.columns)

    @property
    def required_columns(self) -> tuple[Column, ...]:
        """Columns that must be present in a file of this table."""
        return tuple(c for c in self.columns if c.required)
