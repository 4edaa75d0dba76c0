"""The outcome of checking a data folder, for people and for programs."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from kpibook.ingest.files import DATA_QUALITY_FILE
from kpibook.ingest.load import Progress, load_folder
from kpibook.model import SCHEMA, Schema
from kpibook.problems import Problem, Severity, errors_in, warnings_in


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Every problem in a data folder, and how many rows each table has.

    Attributes:
        problems: every problem found, in folder, then table, then rule order.
        row_counts: data rows per table (0 if its file is absent or unreadable).
        files: the file read for each table (tables not read are left out).
        strict: whether warnings count as failures.
    """

    problems: tuple[Problem, ...]
    row_counts: Mapping[str, int]
    files: Mapping[str, str]
    strict: bool = False

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The structural problems."""
        return errors_in(self.problems)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The data-quality problems."""
        return warnings_in(self.problems)

    @property
    def ok(self) -> bool:
        """No errors, and in strict mode no warnings either."""
        return not self.errors and not (self.strict and self.warnings)

    @property
    def verdict(self) -> str:
        """One line saying whether the data passed and why."""
        errors, warnings = len(self.errors), len(self.warnings)
        counts = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
        rows = sum(self.row_counts.values())
        if errors:
            return f"FAILED: {counts}. The data cannot be used until the errors are fixed."
        if warnings and self.strict:
            return f"FAILED (--strict): {counts}. Fix the warnings or run without --strict."
        if warnings:
            return f"OK with warnings: {counts} in {rows:,} rows. The data can be used."
        return f"OK: no problems in {rows:,} rows of {len(self.files)} files."

    def by_file(self) -> dict[str, list[Problem]]:
        """Problems grouped by file (in order of first appearance), errors first."""
        groups: dict[str, list[Problem]] = {}
        for problem in self.problems:
            groups.setdefault(problem.file, []).append(problem)
        return {
            file: sorted(found, key=lambda p: p.severity is not Severity.ERROR)
            for file, found in groups.items()
        }


def problem_record(problem: Problem) -> dict[str, object]:
    """A problem as a JSON-ready mapping."""
    return {
        "severity": problem.severity.value,
        "rule": problem.rule,
        "file": problem.file,
        "sheet": problem.sheet,
        "row": problem.row,
        "column": problem.column,
        "line": problem.line,
        "message": problem.message,
        "hint": problem.hint,
    }


def check_folder(
    folder: Path,
    strict: bool = False,
    *,
    schema: Schema = SCHEMA,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> CheckReport:
    """Load ``folder`` into a throw-away database and report every problem found."""
    con = duckdb.connect()
    try:
        result = load_folder(folder, con, schema=schema, today=today, progress=progress)
    finally:
        con.close()
    return CheckReport(
        problems=(*import_findings(folder), *result.problems),
        row_counts=result.row_counts,
        files=result.files,
        strict=strict,
    )


def import_findings(folder: Path) -> tuple[Problem, ...]:
    """The data-quality findings recorded when the folder was imported from returns.

    ``kpibook import`` keeps them in ``data-quality.csv`` beside the tables; each
    keeps the file (and sheet of a workbook), row and column of the return it
    was found in.
    """
    path = folder / DATA_QUALITY_FILE
    if not path.is_file():
        return ()
    found = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            severity = Severity.ERROR if row.get("severity") == "error" else Severity.WARNING
            number = row.get("row") or ""
            found.append(
                Problem(
                    severity,
                    row.get("rule") or "import-finding",
                    row.get("file") or DATA_QUALITY_FILE,
                    (row.get("message") or "") + " (found on import)",
                    hint=row.get("hint") or "",
                    row=int(number) if number.isdigit() else None,
                    column=row.get("column") or None,
                    sheet=row.get("sheet") or None,
                )
            )
    return tuple(found)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"
