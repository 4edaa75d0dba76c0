"""The data model: SSD tables, local extension tables and code lists. No I/O."""

from __future__ import annotations

from kpibook.model.codelists import CodeList, codelist, load_codelists
from kpibook.model.columns import Column, ColumnType, DateRange, Table, TableKind
from kpibook.model.schema import SCHEMA, SSD_VERSION, Schema

__all__ = [
    "SCHEMA",
    "SSD_VERSION",
    "CodeList",
    "Column",
    "ColumnType",
    "DateRange",
    "Schema",
    "Table",
    "TableKind",
    "codelist",
    "load_codelists",
]
