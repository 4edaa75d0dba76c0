"""Loading a data folder into DuckDB and validating it.

:func:`load_folder` never raises for bad data: it loads what it can, creates a
typed table for every table of the data model (empty when its file is absent
or unreadable), and returns every problem found. :func:`load_or_fail` is the
same but raises :class:`~kpibook.errors.InputError` if any problem is an
error, for commands that must write nothing from unusable input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb
from sqlglot import exp

from kpibook.errors import InputError
from kpibook.ingest.checks import run_checks
from kpibook.ingest.files import find_files
from kpibook.ingest.header import match_header
from kpibook.ingest.read import open_file
from kpibook.ingest.sql import current_setting, drop_table, execute, set_option
from kpibook.ingest.staged import StagedTable, build_stage
from kpibook.ingest.typed import create_typed_table
from kpibook.model import SCHEMA, Schema, Table
from kpibook.problems import Problem, Severity, errors_in, warnings_in

_ORDER_SETTING = "preserve_insertion_order"
"""Row numbers rely on DuckDB keeping each file's row order (its default)."""

Progress = Callable[[str, int, int], None]
"""A progress callback: (what was just done, steps done, steps in all)."""


@dataclass(frozen=True, slots=True)
class LoadResult:
    """A loaded data folder.

    Attributes:
        con: the DuckDB connection holding one typed table per data-model table.
        problems: every problem found, errors and warnings.
        row_counts: data rows read per table (0 if absent or unreadable).
        files: the file read for each table, as named in the folder (tables
            whose file was absent, duplicated or unreadable are left out).
    """

    con: duckdb.DuckDBPyConnection
    problems: tuple[Problem, ...]
    row_counts: Mapping[str, int]
    files: Mapping[str, str]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The structural problems: the data cannot be used as it is."""
        return errors_in(self.problems)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The data-quality problems."""
        return warnings_in(self.problems)

    @property
    def has_errors(self) -> bool:
        """Whether any problem is an error."""
        return any(p.severity is Severity.ERROR for p in self.problems)


def load_folder(
    folder: Path,
    con: duckdb.DuckDBPyConnection | None = None,
    *,
    schema: Schema = SCHEMA,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> LoadResult:
    """Load every table file in ``folder`` into DuckDB and check it.

    Args:
        folder: the folder holding ``<table>.csv`` or ``<table>.parquet`` files.
        con: the connection to load into; a new in-memory database if None.
            Tables named like data-model tables are replaced.
        schema: the data model (the full model unless a test narrows it).
        today: the day plausible dates are judged against (default: today).
        progress: called with (step, steps done, steps in all) as each table
            is loaded and when the checks are done (for progress bars).

    Returns:
        The connection with one typed table per data-model table, and every
        problem found. Problems name the file, the 1-based data row (the
        header is not counted: row N is line N+1 of a simple CSV file) and
        the column.
    """
    con = con if con is not None else duckdb.connect()
    ordered = current_setting(con, _ORDER_SETTING) is True
    if not ordered:
        execute(con, set_option(_ORDER_SETTING, exp.true()))
    found = find_files(folder, schema)
    problems: list[Problem] = list(found.problems)
    staged: list[StagedTable] = []
    try:
        steps = len(schema) + 1
        for done, model in enumerate(schema, start=1):
            table, table_problems = _stage(con, model, found.files.get(model.name))
            staged.append(replace(table, rows=create_typed_table(con, table)))
            problems.extend(table_problems)
            if progress is not None:
                progress(f"loaded {model.name}", done, steps)
        problems.extend(run_checks(con, staged, today or dt.date.today()))
        if progress is not None:
            progress("checked", steps, steps)
    finally:
        for table in staged:
            if table.stage is not None:
                execute(con, drop_table(table.stage))
        if not ordered:
            execute(con, set_option(_ORDER_SETTING, exp.false()))
    return LoadResult(
        con=con,
        problems=tuple(problems),
        row_counts={t.table.name: t.rows for t in staged},
        files={t.table.name: t.file for t in staged if t.loaded},
    )


def _stage(
    con: duckdb.DuckDBPyConnection, model: Table, path: Path | None
) -> tuple[StagedTable, list[Problem]]:
    """Read one table's file, match its header and build its staging table."""
    if path is None:
        return StagedTable(model, model.name + ".csv"), []
    raw, problems = open_file(con, path, path.name)
    if raw is None:
        return StagedTable(model, path.name), problems
    header = match_header(model, raw.header, path.name)
    staged, stage_problems = build_stage(con, model, raw, header.positions, path.name)
    return staged, [*problems, *header.problems, *stage_problems]


def load_or_fail(
    folder: Path,
    con: duckdb.DuckDBPyConnection | None = None,
    *,
    schema: Schema = SCHEMA,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> LoadResult:
    """Like :func:`load_folder`, but raise if the data cannot be used.

    Raises:
        InputError: carrying every problem found (warnings too), if any
            problem is an error. A connection created here is closed first.
    """
    own = con is None
    result = load_folder(folder, con, schema=schema, today=today, progress=progress)
    if not result.has_errors:
        return result
    if own:
        result.con.close()
    errors = len(result.errors)
    raise InputError(
        f"{folder}: {errors} error{'s' if errors != 1 else ''} in the input data, so "
        "nothing was written. Run 'kpibook check --data "
        f"{folder}' to see every problem and what to do about it.",
        result.problems,
    )
