"""``kpibook demo``: the end-to-end demonstration the README's first command runs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kpibook.cli.options import month_end
from kpibook.cli.progress import step_progress
from kpibook.cli.summary import print_summary
from kpibook.cli.synth import run_synth
from kpibook.ingest import check_folder


def demo_command(
    out: Annotated[Path, typer.Option("--out", help="Folder for the demo's output.")] = Path(
        "demo-output"
    ),
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 1,
) -> None:
    """Run the demo end to end: generate the synthetic council, check it, summarise it.

    Writes the synthetic council's tables (April 2011 to March 2018) to
    OUT/data, validates them as any council's data would be validated, and
    prints a summary. Later versions extend this to the full scorecard pack.
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
    console.print(f"\nThe data is in [bold]{data.resolve()}[/bold] (one CSV file per table).")
    console.print("Check it yourself with:  .venv/bin/kpibook check --data " + str(data))
