"""``kpibook demo``: the end-to-end demonstration the README's first command runs."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kpibook.cli.options import month_end
from kpibook.cli.progress import step_progress
from kpibook.cli.summary import print_summary
from kpibook.cli.synth import run_synth
from kpibook.engine.compute import Engine, write_results
from kpibook.engine.demographics import children_in_care_counts
from kpibook.indicators.library import load_library
from kpibook.ingest import check_folder, load_or_fail
from kpibook.pipeline.build import write_pack
from kpibook.pipeline.inputs import BuildRequest, assemble, example_file, units_from_data
from kpibook.pipeline.publishing import publish_pack
from kpibook.scorecard import format as fmt
from kpibook.scorecard.demographics import demographics
from kpibook.scorecard.model import Pack
from kpibook.synth.run import DEFAULT_SEED


def demo_command(
    out: Annotated[Path, typer.Option("--out", help="Folder for the demo's output.")] = Path(
        "demo-output"
    ),
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = DEFAULT_SEED,
) -> None:
    """Run the demo end to end: synthetic council, figures, and the August 2016 scorecard pack.

    Writes the synthetic council's tables (April 2011 to March 2018) to
    OUT/data, validates them as any council's data would be validated, prints
    a summary, computes every indicator of the library for every month from
    April 2013 to March 2018 at every level and for both cohorts (OUT/results.csv),
    then rates August 2016 against the shipped Kent targets, publishes it (frozen)
    in OUT/kpibook.db, writes the scorecard pack (HTML, PDF, Excel, JSON) to
    OUT/pack, and says where to look.
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
    console.rule("[bold]5. Building the August 2016 scorecard pack")
    request = BuildRequest(
        month=AUGUST_2016,
        targets=example_file("targets.yaml"),
        data=data,
        profile=example_file("profile.yaml"),
        commentary=example_file("commentary.yaml"),
        publication_date=dt.date(2016, 11, 10),
    )
    counts_in_care = children_in_care_counts(engine, AUGUST_2016)
    inputs = assemble(
        request, library, table, units_from_data(engine), demographics(counts_in_care, AUGUST_2016)
    )
    loaded.con.close()
    # The demo's own publication store starts afresh with every run of the demo.
    store = out / "kpibook.db"
    store.unlink(missing_ok=True)
    pack, published = publish_pack(store, inputs, None, "kpibook demo")
    with step_progress(console, "Writing HTML, PDF, Excel and JSON") as progress:
        progress("", 0, 1)
        written = write_pack(pack, out / "pack")
    print_pack_summary(pack, console)
    console.print(published + " It is frozen: later changes to the targets do not touch it.")
    console.rule("[bold]Where to look")
    console.print(
        f"The pack:     [bold]{written['scorecard.html'].resolve()}[/bold] (open in a browser)"
    )
    for name in ("scorecard.pdf", "scorecard.xlsx", "scorecard.json"):
        console.print(f"              [bold]{written[name].resolve()}[/bold]")
    console.print(f"The data:     [bold]{data.resolve()}[/bold] (one CSV file per table)")
    console.print(f"The figures:  [bold]{results.resolve()}[/bold]")
    console.print(f"Published:    [bold]{store.resolve()}[/bold] (August 2016, version 1)")
    console.print(
        "See how a figure is made:  .venv/bin/kpibook explain SCS-09 --data "
        + str(data)
        + " --month 2016-08"
    )
    console.print(
        "The 2018-19 target-setting document:  .venv/bin/kpibook targets --year 2018-19 "
        "--compare 2017-18 --results " + str(results) + " --out " + str(out / "targets")
    )


AUGUST_2016 = dt.date(2016, 8, 31)


def print_pack_summary(pack: Pack, console: Console) -> None:
    """The pack's headline: RAG counts, the Reds, the narrative."""
    summary = pack.summary
    table = Table(title=f"{pack.profile.short_name}: {summary.product_title}, {pack.month:%B %Y}")
    for name in ("Id", "Indicator", "Result", "Target", "RAG"):
        table.add_column(name, justify="right" if name in ("Result", "Target") else "left")
    for row in pack.scorecards[0].rows:
        table.add_row(
            row.indicator_id,
            row.title,
            fmt.value(row.value, row.unit),
            fmt.target(row.target, row.unit),
            fmt.rag(row.rag),
        )
    console.print(table)
    for sentence in summary.sentences:
        console.print(sentence, soft_wrap=True)
