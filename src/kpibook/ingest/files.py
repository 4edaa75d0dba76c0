"""Finding the file of each table in a data folder.

A table ``ssd_person`` is read from ``ssd_person.csv`` or ``ssd_person.parquet``
(the name and extension are matched without regard to case). Hidden files
(names starting with a dot) and sub-folders are ignored; any other file is
reported as ``unknown-file``.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kpibook.ingest import rules
from kpibook.model import Schema, Table
from kpibook.problems import Problem, Severity

DATA_QUALITY_FILE = "data-quality.csv"
"""An imported dataset's data-quality report (written by ``kpibook import``)."""
PROVENANCE_FILE = "provenance.csv"
"""Which source filled which table and column of an imported dataset."""
DATASET_FILES = frozenset({DATA_QUALITY_FILE, PROVENANCE_FILE})
"""Files that describe the dataset rather than hold a table."""

SUFFIXES: tuple[str, ...] = (".csv", ".parquet")
"""The file extensions kpibook reads, lower case."""


@dataclass(frozen=True, slots=True)
class FoundFiles:
    """The outcome of looking through a data folder.

    Attributes:
        files: the one file to read for each table that has exactly one.
        duplicated: tables with more than one candidate file (none is read).
        problems: unknown, duplicate and missing files, and a missing folder.
    """

    files: Mapping[str, Path] = field(default_factory=dict)
    duplicated: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = ()


def expected_header(table: Table) -> str:
    """The header line of a CSV file of ``table``, e.g. ``a,b,c``."""
    return ",".join(table.column_names)


def find_files(folder: Path, schema: Schema) -> FoundFiles:
    """Match the files in ``folder`` to the tables of ``schema``."""
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        return FoundFiles(
            problems=(
                Problem(
                    Severity.ERROR,
                    rules.MISSING_FOLDER,
                    str(folder),
                    f"the data folder {what}, so no table could be loaded.",
                    hint="Give the folder that holds the table files, e.g. "
                    "--data exports/2025-03-31.",
                ),
            )
        )
    candidates: dict[str, list[Path]] = {}
    problems: list[Problem] = []
    names = {t.name.lower(): t.name for t in schema}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or not entry.is_file() or entry.name in DATASET_FILES:
            continue
        table_name = names.get(entry.stem.lower())
        if table_name is not None and entry.suffix.lower() in SUFFIXES:
            candidates.setdefault(table_name, []).append(entry)
        else:
            problems.append(_unknown_file(entry, table_name, tuple(names.values())))
    duplicated = {name for name, paths in candidates.items() if len(paths) > 1}
    for table in schema:
        if table.name in duplicated:
            problems.append(_duplicate_file(table.name, candidates[table.name]))
    for table in schema:
        if table.required and table.name not in candidates:
            problems.append(_missing_file(table))
    files = {name: paths[0] for name, paths in candidates.items() if name not in duplicated}
    return FoundFiles(files=files, duplicated=frozenset(duplicated), problems=tuple(problems))


def _unknown_file(entry: Path, table_name: str | None, tables: tuple[str, ...]) -> Problem:
    if table_name is not None:
        hint = (
            f"kpibook reads only .csv and .parquet files. If this is the {table_name} "
            f"table, save it as {table_name}.csv (UTF-8, comma-separated) or "
            f"{table_name}.parquet."
        )
    else:
        close = difflib.get_close_matches(entry.stem.lower(), tables, n=1, cutoff=0.75)
        guess = f" Did you mean {close[0]}{entry.suffix.lower() or '.csv'}?" if close else ""
        hint = (
            "Rename the file to <table>.csv or <table>.parquet using a table name from "
            f"docs/data-model.md, or move it out of the data folder.{guess}"
        )
    return Problem(
        Severity.WARNING,
        rules.UNKNOWN_FILE,
        entry.name,
        "the file does not belong to any table of the data model, so it was ignored.",
        hint=hint,
    )


def _duplicate_file(table_name: str, paths: list[Path]) -> Problem:
    listed = " and ".join(p.name for p in paths)
    return Problem(
        Severity.ERROR,
        rules.DUPLICATE_FILE,
        paths[0].name,
        f"the table {table_name} has more than one file ({listed}), so kpibook cannot "
        "tell which one to use and read neither.",
        hint=f"Keep exactly one file for {table_name} in the folder and move the others out.",
    )


def _missing_file(table: Table) -> Problem:
    return Problem(
        Severity.ERROR,
        rules.MISSING_FILE,
        f"{table.name}.csv",
        f"there is no file for the table {table.name} ({table.description.rstrip('.')}), "
        "which kpibook needs.",
        hint=(
            f"Add {table.name}.csv or {table.name}.parquet to the folder. If there are no "
            "such records, a CSV file holding only this header line is enough: "
            f"{expected_header(table)}"
        ),
    )
