"""``kpibook synth``: generate the synthetic council."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kpibook.cli.options import month_end, month_start
from kpibook.cli.progress import step_progress
from kpibook.cli.summary import print_summary
from kpibook.synth.run import DEFAULT_SEED, SynthRequest, generate
from kpibook.synth.sink import OutputFormat


def run_synth(
    out: Path,
    seed: int,
    start: str,
    end: str,
    scale: float,
    fmt: OutputFormat,
    processes: int,
    console: Console,
) -> dict[str, int]:
    """Generate with a progress bar; returns rows per table."""
    request = SynthRequest(
        out=out,
        seed=seed,
        start=month_start(start, "--from"),
        end=month_end(end, "--to"),
        scale=scale,
        fmt=fmt,
        processes=processes,
    )
    if request.start > request.end:
        raise typer.BadParameter("--from must not be after --to", param_hint="--from")
    if scale <= 0:
        raise typer.BadParameter("the scale must be more than 0", param_hint="--scale")
    with step_progress(console, "Simulating children's journeys") as advance:

        def progress(done: int, total: int) -> None:
            advance("shards", done, total)

        try:
            return generate(request, progress)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from exc


def synth_command(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the tables to.")],
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed; same seed, same files.")
    ] = DEFAULT_SEED,
    start: Annotated[str, typer.Option("--from", help="First month, YYYY-MM.")] = "2011-04",
    end: Annotated[str, typer.Option("--to", help="Last month, YYYY-MM.")] = "2018-03",
    scale: Annotated[
        float, typer.Option("--scale", help="Volume: 1.0 is one Kent-sized council.")
    ] = 1.0,
    fmt: Annotated[str, typer.Option("--format", help="File format: csv or parquet.")] = "csv",
    processes: Annotated[
        int, typer.Option("--processes", help="Worker processes (default: CPU count).")
    ] = 0,
) -> None:
    """Generate a synthetic council's child-level records into OUT.

    Simulates children's journeys (contacts, referrals, assessments, plans, care,
    adoption, care leavers) for a Kent-like council between --from and --to,
    deterministically for a given --seed, and writes one file per table of the
    data model. The folder is replaced only when the run succeeds. Prints a
    summary of what was generated.
    """
    if fmt not in ("csv", "parquet"):
        raise typer.BadParameter(
            f"`{fmt}` is not a format: use csv or parquet", param_hint="--format"
        )
    console = Console()
    workers = processes if processes > 0 else (os.cpu_count() or 1)
    counts = run_synth(
        out, seed, start, end, scale, "csv" if fmt == "csv" else "parquet", workers, console
    )
    console.print(
        f"Wrote {sum(counts.values()):,} rows in {len(counts)} tables to [bold]{out}[/bold]"
    )
    print_summary(out, month_end(end, "--to"), console)
