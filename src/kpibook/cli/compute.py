"""``kpibook compute``: every indicator's figures for a range of months, to a file."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kpibook.cli.failures import reported_failures
from kpibook.cli.options import month_end
from kpibook.cli.progress import step_progress
from kpibook.engine.compute import Engine, write_results
from kpibook.errors import ConfigError
from kpibook.indicators.library import Library, load_library
from kpibook.ingest import load_or_fail

IndicatorsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--indicators",
        help="A folder of your own indicator files (<ID>.yaml + <ID>.sql) that add to or "
        "override the shipped library by id. May be given more than once.",
    ),
]
OnlyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--indicator",
        help="Compute only this indicator id (may be given more than once). Default: all.",
    ),
]


def select(library: Library, only: list[str] | None) -> Library:
    """The indicators asked for with --indicator (all when none)."""
    if not only:
        return library
    unknown = [i for i in only if i not in library.ids]
    if unknown:
        raise ConfigError(
            f"unknown indicator id(s): {', '.join(unknown)}; list them with `kpibook indicators`"
        )
    return library.select(only)


def compute_command(
    data: Annotated[
        Path, typer.Option("--data", help="Folder of table files (as for `kpibook check`).")
    ],
    first: Annotated[str, typer.Option("--from", help="First month, YYYY-MM.")],
    last: Annotated[str, typer.Option("--to", help="Last month, YYYY-MM.")],
    out: Annotated[
        Path,
        typer.Option("--out", help="Results file to write: .csv or .parquet."),
    ],
    indicators: IndicatorsOption = None,
    only: OnlyOption = None,
) -> None:
    """Compute every indicator for every month end, level and cohort, and write the results.

    Loads and checks the data folder (stopping, with every problem listed, if
    it cannot be used), then runs one query per indicator over all the month
    ends from --from to --to at once. The results file has the columns
    indicator_id, period_end, org_level, org_unit, cohort, numerator,
    denominator, value; rolling-12-month indicators also get their
    rolling-3-months recalculation as <ID>:R3M. The file is written only when
    every figure is computed, so a failed run leaves the previous file as it was.
    Indicators without SQL (figures supplied from outside) are listed and skipped.
    """
    console = Console(stderr=True)
    start_month = month_end(first, "--from")
    end_month = month_end(last, "--to")
    with reported_failures(console):
        if out.suffix.lower() not in (".csv", ".parquet"):
            raise ConfigError(f"--out must end in .csv or .parquet, not '{out.name}'")
        library = select(load_library(indicators or ()), only)
        started = time.perf_counter()
        with step_progress(console, "Loading data") as progress:
            loaded = load_or_fail(data, progress=progress)
        engine = Engine.prepare(loaded.con, start_month, end_month)
        with step_progress(console, "Computing") as progress:
            table = engine.compute(library, progress=progress)
        write_results(table, out)
        elapsed = time.perf_counter() - started
    computed = [i for i in library.indicators if not i.external]
    external = [i.id for i in library.indicators if i.external]
    console.print(
        f"Computed {len(computed)} indicators for {start_month:%b %Y} to {end_month:%b %Y}: "
        f"{table.num_rows:,} figures in {elapsed:.1f} s."
    )
    if external:
        console.print(
            f"Skipped {len(external)} indicators whose figures come from outside "
            f"(supply them with the scorecard's --results): {', '.join(external)}",
            soft_wrap=True,
        )
    console.print(f"Results: [bold]{out.resolve()}[/bold]")
