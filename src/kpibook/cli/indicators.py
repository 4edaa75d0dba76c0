"""``kpibook indicators``: list the indicator library, checking every definition."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kpibook.cli.compute import IndicatorsOption
from kpibook.cli.failures import reported_failures
from kpibook.indicators.library import load_library


def indicators_command(
    indicators: IndicatorsOption = None,
    section: Annotated[
        str | None, typer.Option("--section", help="Only indicators whose section contains this.")
    ] = None,
) -> None:
    """List every indicator (shipped and your own), after checking every definition.

    Exit code 1, with every problem listed by file and line, if any definition
    is unsound: use it to check your own indicator files before computing.
    """
    console = Console()
    with reported_failures(console):
        library = load_library(indicators or ())
    table = Table(title=f"{len(library)} indicators")
    for name in ("Id", "Title", "Section", "Unit", "Period", "Polarity", "Source"):
        table.add_column(name)
    for ind in library.indicators:
        if section and section.lower() not in ind.section.lower():
            continue
        table.add_row(
            ind.id,
            ind.title,
            ind.section,
            ind.unit.value,
            ind.period.value,
            ind.polarity.value if ind.polarity else "-",
            "external" if ind.external else Path(ind.origin).name,
        )
    console.print(table)
