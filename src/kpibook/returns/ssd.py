"""SSD table exports (CSV) into the data model.

Councils that run the Standard Safeguarding Dataset scripts export its tables
as CSV, one file per table named after it (``ssd_person.csv``). The data model
uses the SSD's own table and column names, so the mapping is one to one; what
this reader adds is the returns' rules: dates in either form, every
structural problem at once, provenance for every column supplied. Tables the
export lacks are filled by other sources or left empty by
:func:`kpibook.returns.dataset.assemble`.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from kpibook.errors import InputError
from kpibook.model.columns import ColumnType, Table
from kpibook.model.schema import SCHEMA
from kpibook.problems import Problem
from kpibook.returns.common import (
    MAX_ROWS,
    Imported,
    Provenance,
    check_size,
    parse_date,
    structural,
)

SOURCE = "SSD export"


def _value(column_type: ColumnType, text: str | None) -> object:
    if text is None or not text.strip():
        return None
    if column_type is ColumnType.DATE:
        return parse_date(text)
    if column_type is ColumnType.INTEGER:
        return int(text.strip())
    if column_type is ColumnType.DECIMAL:
        return float(text.strip())
    return text.strip()


def _read_table(path: Path, table: Table, problems: list[Problem]) -> pa.Table | None:
    check_size(path)
    try:
        raw = pacsv.read_csv(
            path,
            convert_options=pacsv.ConvertOptions(
                strings_can_be_null=True, column_types={}, auto_dict_encode=False
            ),
            read_options=pacsv.ReadOptions(autogenerate_column_names=False),
        )
    except (pa.ArrowInvalid, OSError) as exc:
        problems.append(
            structural(
                path,
                "unreadable-file",
                f"cannot be read as CSV ({exc})",
                "save it as UTF-8 CSV with a header line",
            )
        )
        return None
    if raw.num_rows > MAX_ROWS:
        problems.append(
            structural(
                path,
                "too-many-rows",
                f"{raw.num_rows:,} rows; the limit is {MAX_ROWS:,}",
                "split the export",
            )
        )
        return None
    by_name = {name.strip().lower(): name for name in raw.column_names}
    before = len(problems)
    for column in table.required_columns:
        if column.name.lower() not in by_name:
            problems.append(
                structural(
                    path,
                    "missing-column",
                    f"required column {column.name} is missing",
                    "add it to the export",
                    column=column.name,
                )
            )
    arrays: dict[str, list[object]] = {}
    for column in table.columns:
        source = by_name.get(column.name.lower())
        if source is None:
            continue
        texts = raw.column(source).cast(pa.string()).to_pylist()
        values: list[object] = []
        for number, text in enumerate(texts, start=1):
            try:
                values.append(_value(column.type, text))
            except ValueError as exc:
                problems.append(
                    structural(
                        path,
                        "bad-value",
                        str(exc),
                        f"write a {column.type.label} value",
                        row=number,
                        column=column.name,
                    )
                )
                values.append(None)
        arrays[column.name] = values
    if len(problems) > before:
        return None
    return pa.table(arrays)


def read_ssd(folder: Path) -> Imported:
    """Every ``ssd_*.csv`` in ``folder`` as data-model tables (other files are ignored)."""
    if not folder.is_dir():
        raise InputError(
            f"{folder}: no such folder",
            [
                structural(
                    folder,
                    "missing-folder",
                    "the folder does not exist",
                    "give the folder the SSD tables were exported to",
                )
            ],
        )
    tables = {t.name: t for t in SCHEMA.tables if t.name.startswith("ssd_")}
    problems: list[Problem] = []
    found: dict[str, pa.Table] = {}
    provenance: list[Provenance] = []
    for path in sorted(folder.iterdir()):
        table = tables.get(path.stem.lower())
        if table is None or path.suffix.lower() != ".csv":
            continue
        read = _read_table(path, table, problems)
        if read is not None:
            found[table.name] = read
            provenance.extend(Provenance(table.name, c, SOURCE) for c in read.column_names)
    if problems:
        raise InputError(f"{folder}: the SSD export cannot be imported", problems)
    if not found:
        raise InputError(
            f"{folder}: no SSD tables",
            [
                structural(
                    folder,
                    "no-ssd-tables",
                    "no ssd_<table>.csv file was found",
                    "export the SSD tables as CSV named after each table",
                )
            ],
        )
    return Imported(found, (), tuple(provenance))
