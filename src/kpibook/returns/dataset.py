"""A complete data-model folder from what the returns supplied.

The returns each fill some tables and columns of the data model; the others
are written empty (headers only), so ``kpibook check`` reads the folder as any
other, and ``provenance.csv`` says which source filled which column. A table
filled by more than one source keeps every source's rows (they describe
different events); the merge rules of each format (later years superseding
earlier ones) are applied by its reader.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa
import pyarrow.compute as pc

from kpibook.model.columns import ColumnType, Table
from kpibook.model.schema import SCHEMA
from kpibook.problems import Problem
from kpibook.returns.common import Imported, Provenance

ARROW_TYPES = {
    ColumnType.TEXT: pa.string(),
    ColumnType.DATE: pa.date32(),
    ColumnType.INTEGER: pa.int64(),
    ColumnType.DECIMAL: pa.float64(),
    ColumnType.FLAG: pa.string(),
}


def arrow_schema(table: Table) -> pa.Schema:
    """The Arrow schema of a data-model table, columns in model order."""
    return pa.schema([(c.name, ARROW_TYPES[c.type]) for c in table.columns])


def _conform(table: Table, found: pa.Table) -> pa.Table:
    """``found`` with every model column, in model order, missing ones empty."""
    schema = arrow_schema(table)
    columns = []
    for field in schema:
        if field.name in found.column_names:
            columns.append(found.column(field.name).cast(field.type))
        else:
            columns.append(pa.nulls(found.num_rows, field.type))
    return pa.Table.from_arrays(columns, schema=schema)


def organisation(council_id: str, council_name: str) -> Imported:
    """The organisation rows an import needs when no source names it: the council itself."""
    units = pa.table(
        {
            "org_unit_id": [council_id],
            "org_unit_name": [council_name],
            "org_level": ["council"],
            "parent_id": pa.nulls(1, pa.string()),
        }
    )
    return Imported(
        {"local_org_units": units},
        provenance=tuple(
            Provenance("local_org_units", c, "kpibook import (--council)")
            for c in units.column_names
        ),
    )


def merge_by_key(table: Table, rows: pa.Table) -> pa.Table:
    """One row per primary key: a child in both the 903 and the CIN census is one person.

    For each key, each column takes the first value that is not empty, in the
    order the sources were given (so a field one return lacks is filled from
    another). Tables without a primary key are returned as they are.
    """
    keys = list(table.primary_key)
    if not keys or rows.num_rows == 0:
        return rows
    others = [c for c in rows.column_names if c not in keys]
    if not others:
        merged = rows.group_by(keys, use_threads=False).aggregate([])
    else:
        merged = rows.group_by(keys, use_threads=False).aggregate(
            [(c, "first", pc.ScalarAggregateOptions(skip_nulls=True)) for c in others]
        )
        merged = merged.rename_columns([f.removesuffix("_first") for f in merged.column_names])
    return merged.select(rows.column_names).cast(rows.schema)


def assemble(
    imports: Sequence[Imported],
) -> tuple[dict[str, pa.Table], tuple[Problem, ...], tuple[Provenance, ...]]:
    """Every model table (filled or empty), all findings, all provenance."""
    tables: dict[str, pa.Table] = {}
    for model_table in SCHEMA.tables:
        parts = [
            _conform(model_table, i.tables[model_table.name])
            for i in imports
            if model_table.name in i.tables
        ]
        if parts:
            tables[model_table.name] = merge_by_key(model_table, pa.concat_tables(parts))
        else:
            tables[model_table.name] = arrow_schema(model_table).empty_table()
    findings = tuple(f for i in imports for f in i.findings)
    provenance = tuple(dict.fromkeys(p for i in imports for p in i.provenance))
    return tables, findings, provenance


def missing_columns(provenance: Sequence[Provenance]) -> dict[str, tuple[str, ...]]:
    """Model columns no source supplied, by table (for "not available — needs X")."""
    supplied = {(p.table, p.column) for p in provenance}
    return {
        t.name: tuple(c.name for c in t.columns if (t.name, c.name) not in supplied)
        for t in SCHEMA.tables
    }
