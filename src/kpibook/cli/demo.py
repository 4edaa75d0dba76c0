"""``kpibook demo``: the end-to-end demonstration the README's first command runs."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated

import pyarrow as pa
import typer
from rich.console import Console
from rich.table import Table

from kpibook.cli.options import month_end
from kpibook.cli.progress import step_progress
from kpibook.cli.summary import print_summary
from kpibook.cli.synth import run_synth
from kpibook.engine.compute import Engine, write_results
from kpibook.indicators.library import Library, load_library
from kpibook.ingest import check_folder, load_or_fail


def demo_command(
    out: Annotated[Path, typer.Option("--out", help="Folder for the demo's output.")] = Path(
        "demo-output"
    ),
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 1,
) -> None:
    """Run the demo end to end: generate the synthetic council, check it, compute its figures.

    Writes the synthetic council's tables (April 2011 to March 2018) to
    OUT/data, validates them as any council's data would be validated, prints
    a summary, then computes every indicator of the library for every month
    from April 2013 to March 2018 at every level and for both cohorts, writing
    OUT/results.csv, and shows the council's August 2016 headline figures.
    """
    console = Console()
    data = out / "data"
    console.rule("[bold]1. Generating the synthetic council")
    counts = run_synth(data, seed, "2011-04", "2018-03", 1.0, "csv", os.cpu_count() or 1, console)
    console.print(f"Wrote {sum(counts.values()):,} rows in {len(counts)} tables.")
    console.rule("[bold]2. Checking the data")
    with step_progress(console, "Loading and checking") as progress:
        report = check_folder(data, strict=True, progress=progress)
    errors = sum(1 for p in report.problems if p.severity.value == "error")
    console.print(f"{len(report.problems)} problems found ({errors} errors).")
    if not report.ok:
        for problem in report.problems[:20]:
            console.print(str(problem))
        raise typer.Exit(1)
    console.rule("[bold]3. Summary")
    print_summary(data, month_end("2018-03", "--to"), console)
    console.rule("[bold]4. Computing every indicator, April 2013 to March 2018")
    results = out / "results.csv"
    library = load_library()
    with step_progress(console, "Loading") as progress:
        loaded = load_or_fail(data, progress=progress)
    first, last = month_end("2013-04", "--from"), month_end("2018-03", "--to")
    engine = Engine.prepare(loaded.con, first, last)
    with step_progress(console, "Computing") as progress:
        table = engine.compute(library, progress=progress)
    write_results(table, results)
    computed = sum(1 for i in library.indicators if not i.external)
    console.print(f"Computed {computed} indicators: {table.num_rows:,} figures.")
    print_headlines(table, library, console)
    console.rule("[bold]Where to look")
    console.print(f"The data:     [bold]{data.resolve()}[/bold] (one CSV file per table)")
    console.print(f"The figures:  [bold]{results.resolve()}[/bold]")
    console.print("Check the data:     .venv/bin/kpibook check --data " + str(data))
    console.print(
        "See how a figure is made:  .venv/bin/kpibook explain SCS-01 --data "
        + str(data)
        + " --month 2016-08"
    )


def print_headlines(table: pa.Table, library: Library, console: Console) -> None:
    """The council's August 2016 figure for every SCS scorecard indicator, by section."""
    wanted = {
        (row["indicator_id"], row["cohort"]): row
        for row in table.to_pylist()
        if row["org_level"] == "council" and row["period_end"] == dt.date(2016, 8, 31)
    }
    rows = Table(title="August 2016, whole council (headline cohort)")
    for name in ("Id", "Indicator", "Value", "Numerator", "Denominator"):
        numeric = name in ("Value", "Numerator", "Denominator")
        rows.add_column(name, justify="right" if numeric else "left")
    for indicator in library.indicators:
        if not indicator.id.startswith("SCS-") or indicator.external:
            continue
        row = wanted.get((indicator.id, indicator.headline_cohort.value))
        if row is None:
            continue
        value = "-" if row["value"] is None else f"{row['value']:.1f}"
        den = "" if row["denominator"] is None else f"{row['denominator']:,.0f}"
        rows.add_row(indicator.id, indicator.title, value, f"{row['numerator']:,.0f}", den)
    console.print(rows)
