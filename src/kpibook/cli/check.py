"""``kpibook check``: validate a data folder and report every problem found."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from itertools import groupby
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kpibook.cli.progress import step_progress
from kpibook.ingest import CheckReport, check_folder, problem_record
from kpibook.problems import Problem, Severity

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def check_command(
    data: Annotated[
        Path,
        typer.Option(
            "--data",
            help="Folder holding one file per table: <table>.csv (UTF-8) or <table>.parquet.",
        ),
    ],
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Also fail (exit 1) on data-quality warnings."),
    ] = False,
    json_out: Annotated[
        bool,
        typer.Option("--json", help="Print the problems as a JSON list instead of a report."),
    ] = False,
) -> None:
    """Check a folder of table files against the data model and report every problem.

    Loads every <table>.csv or <table>.parquet file in the folder into a
    throw-away DuckDB database and checks it against every rule in
    docs/validation.md. Prints the rows read per table, then every problem
    grouped by file (row N is the Nth data row; the header is not counted),
    then a one-line verdict.

    Errors are structural (a missing file or column, an unreadable file, a key
    or date that cannot be read, a duplicated key): the data cannot be used.
    Warnings are data-quality findings (unknown codes, identifiers pointing
    at missing records, implausible dates): the data loads and is reported.
    Values of personal columns are never printed.

    Exit code 0 if there are no errors (with --strict: and no warnings), 1
    otherwise.
    """
    console = Console(stderr=json_out)
    with step_progress(console, "Loading and checking") as progress:
        report = check_folder(data, strict=strict, progress=progress)
    if json_out:
        typer.echo(json.dumps([problem_record(p) for p in report.problems], indent=2))
    else:
        print_report(report, console)
    raise typer.Exit(code=0 if report.ok else 1)


def print_report(report: CheckReport, console: Console) -> None:
    """Print rows per table, every problem grouped by file, and the verdict."""
    if report.files:
        console.print(_rows_table(report))
    for file, problems in report.by_file().items():
        console.print()
        console.print(_file_heading(file, problems))
        for line in _problem_lines(problems):
            console.print(line, soft_wrap=True)
    console.print()
    style = "bold green" if report.ok else "bold red"
    if report.ok and report.warnings:
        style = "bold yellow"
    console.print(Text(report.verdict, style=style), soft_wrap=True)


def _rows_table(report: CheckReport) -> Table:
    table = Table(title="Rows per table")
    table.add_column("Table")
    table.add_column("File")
    table.add_column("Rows", justify="right")
    for name, rows in report.row_counts.items():
        file = report.files.get(name)
        table.add_row(name, file or "(not read)", f"{rows:,}" if file else "-")
    return table


def _file_heading(file: str, problems: Sequence[Problem]) -> Text:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    counts = []
    if errors:
        counts.append(f"{errors:,} error{'s' if errors != 1 else ''}")
    if warnings:
        counts.append(f"{warnings:,} warning{'s' if warnings != 1 else ''}")
    return Text.assemble((file, "bold"), f"  ({', '.join(counts)})")


def _problem_lines(problems: Sequence[Problem]) -> Iterator[Text]:
    """One line per problem; the hint once after each run of the same rule and column."""
    for (_severity, _rule, _column, hint), run in groupby(
        problems, key=lambda p: (p.severity, p.rule, p.column, p.hint)
    ):
        for problem in run:
            where = ", ".join(
                part
                for part in (
                    f"sheet '{problem.sheet}'" if problem.sheet is not None else "",
                    f"row {problem.row}" if problem.row is not None else "",
                    f"column {problem.column}" if problem.column is not None else "",
                )
                if part
            )
            yield Text.assemble(
                "  ",
                (f"{problem.severity.value:<7}", _STYLES[problem.severity]),
                " ",
                f"{where}: " if where else "",
                problem.message,
                (f" [{problem.rule}]", "dim"),
            )
        if hint:
            yield Text.assemble("          ", ("→ " + hint, "cyan"))
