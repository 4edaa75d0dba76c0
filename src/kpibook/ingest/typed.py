"""Creating the typed DuckDB table of each data-model table.

Every table of the model gets a table of the same name with every model column
typed as the model says (:attr:`ColumnType.duckdb_type`), in model order. A
file that is absent or unreadable gives an empty table; a column absent from a
file is all NULL; a value that cannot be converted is NULL (and reported by the
checks). Rows keep their file order.
"""

from __future__ import annotations

import duckdb
import sqlglot
from sqlglot import exp

from kpibook.ingest.sql import create_table, execute, fetch, ident, row_col, table
from kpibook.ingest.staged import StagedTable


def create_typed_table(con: duckdb.DuckDBPyConnection, staged: StagedTable) -> int:
    """Create (or replace) the typed table of ``staged``; the number of rows loaded."""
    model = staged.table
    execute(con, create_table(model.name, {c.name: c.type.duckdb_type for c in model.columns}))
    present = staged.present()
    if staged.stage is None or not present:
        return 0
    query = (
        sqlglot.select(*(staged.value(c.name) for c in present), copy=False)
        .from_(table(staged.stage), copy=False)
        .order_by(row_col(), copy=False)
    )
    insert = exp.insert(query, table(model.name), columns=[ident(c.name) for c in present])
    return int(fetch(con, insert)[0][0])
