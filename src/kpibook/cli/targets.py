"""``kpibook targets``: the target-setting document for a financial year."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kpibook.cli.compute import IndicatorsOption
from kpibook.cli.failures import reported_failures
from kpibook.cli.options import month_end
from kpibook.errors import ConfigError
from kpibook.pipeline.inputs import example_file
from kpibook.pipeline.target_setting import make_target_document
from kpibook.render.target_document import write_target_document
from kpibook.scorecard import format as fmt

YEAR = re.compile(r"^\d{4}-\d{2}$")


def _year(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    if not YEAR.match(value) or (int(value[:4]) + 1) % 100 != int(value[5:]):
        raise ConfigError(f"{option} {value}: write a financial year as YYYY-YY, e.g. 2018-19")
    return value


def targets_command(
    year: Annotated[str, typer.Option("--year", help="Year the targets are for, e.g. 2018-19.")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the document into.")],
    compare: Annotated[
        str | None,
        typer.Option("--compare", help="Year to compare with (default: the year before)."),
    ] = None,
    targets: Annotated[
        Path | None,
        typer.Option("--targets", help="Targets file (default: the shipped Kent example)."),
    ] = None,
    results: Annotated[
        Path | None,
        typer.Option("--results", help="Figures for the latest-results columns (engine format)."),
    ] = None,
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            help="Month of the latest results, YYYY-MM (default: the last "
            "month before the year starts).",
        ),
    ] = None,
    indicators: IndicatorsOption = None,
) -> None:
    """Render the target-setting document: proposed targets beside this year's and the results.

    For every indicator with a target in --year: the latest result including
    and excluding UASC with its rating, the --compare year's target and bands,
    the benchmark, the proposed target and bands, how the latest result would
    rate against them, and the rationale. New or changed rows are shaded.
    Writes target-setting-<year>.html and .pdf into --out.
    """
    console = Console(stderr=True)
    with reported_failures(console):
        chosen = _year(year, "--year")
        assert chosen is not None
        document = make_target_document(
            targets or example_file("targets.yaml"),
            chosen,
            _year(compare, "--compare"),
            results,
            month_end(month, "--month") if month else None,
            tuple(indicators or ()),
        )
        written = write_target_document(document, out)
    table = Table(title=f"Targets {document.year} (compared with {document.compare_year})")
    for name in ("Id", "Indicator", document.compare_year, document.year, "Changed"):
        table.add_column(name)
    for row in document.rows:
        table.add_row(
            row.indicator_id,
            row.title[:60],
            fmt.target(row.current_target, row.unit),
            fmt.target(row.proposed_target, row.unit),
            "; ".join(row.changes),
        )
    console.print(table)
    changed = sum(1 for r in document.rows if r.shaded)
    console.print(f"{len(document.rows)} indicators, {changed} new or changed (shaded).")
    for path in written:
        console.print(f"  [bold]{path.resolve()}[/bold]")
