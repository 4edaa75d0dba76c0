"""``kpibook build`` and ``kpibook publish``: a month's scorecard pack, rated and rendered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kpibook.cli.compute import IndicatorsOption
from kpibook.cli.failures import reported_failures
from kpibook.cli.options import month_end
from kpibook.cli.progress import step_progress
from kpibook.errors import ConfigError
from kpibook.pipeline.build import make_pack, write_pack
from kpibook.pipeline.inputs import BuildRequest, gather
from kpibook.pipeline.publishing import frozen_or_none, last_report, publish_pack
from kpibook.scorecard.model import Pack

MonthOption = Annotated[str, typer.Option("--month", help="The month to report, YYYY-MM.")]
DataOption = Annotated[
    Path | None,
    typer.Option("--data", help="Folder of table files: compute the figures from them."),
]
ResultsOption = Annotated[
    Path | None,
    typer.Option(
        "--results",
        help="Figures computed elsewhere, in the engine's format (.csv or .parquet); "
        "see docs/results-format.md.",
    ),
]
TargetsOption = Annotated[
    Path, typer.Option("--targets", help="Targets file (YAML); see docs/targets.md.")
]
CommentaryOption = Annotated[
    Path | None,
    typer.Option("--commentary", help="Commentary for Red indicators (YAML); see docs/pack.md."),
]
ProfileOption = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        help="Council profile (YAML): council, portfolio, cabinet member, director... "
        "Default: the shipped example.",
    ),
]
OrgUnitsOption = Annotated[
    Path | None,
    typer.Option(
        "--org-units",
        help="With --results: a CSV of org units (local_org_units columns) to name areas "
        "and teams. Without it units are shown by id.",
    ),
]
OutOption = Annotated[Path, typer.Option("--out", help="Folder to write the pack into.")]
StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="Publication database (SQLite). A month published there is rebuilt exactly as "
        "published; see docs/publish.md.",
    ),
]
SinceOption = Annotated[
    str,
    typer.Option(
        "--since",
        help="Compare ratings with 'last-month' or 'last-report' (the last month published "
        "in --store before this one).",
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--publication-date", help="Date printed on the pack, YYYY-MM-DD (default today)."
    ),
]


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"`{value}` is not a date: use YYYY-MM-DD", param_hint="--publication-date"
        ) from None


def _request(
    month: str,
    targets: Path,
    data: Path | None,
    results: Path | None,
    profile: Path | None,
    commentary: Path | None,
    org_units: Path | None,
    indicators: list[Path] | None,
    publication_date: str | None,
) -> BuildRequest:
    return BuildRequest(
        month=month_end(month, "--month"),
        targets=targets,
        data=data,
        results=results,
        profile=profile,
        commentary=commentary,
        org_units=org_units,
        indicators=tuple(indicators or ()),
        publication_date=_date(publication_date),
    )


def _report(console: Console, pack: Pack, written: dict[str, Path], note: str) -> None:
    summary = pack.summary
    console.print(
        f"{pack.profile.short_name}, {pack.month:%B %Y}: {summary.green} Green, "
        f"{summary.amber} Amber, {summary.red} Red ({summary.unrated} not rated); "
        f"{len(pack.exceptions)} exception page(s). Targets: {pack.targets_label}."
    )
    if note:
        console.print(note)
    for name, path in written.items():
        console.print(f"  {name:16} [bold]{path.resolve()}[/bold]")
    console.print(f"Open [bold]{written['scorecard.html'].resolve()}[/bold] in a browser.")


def build_command(
    month: MonthOption,
    targets: TargetsOption,
    out: OutOption,
    data: DataOption = None,
    results: ResultsOption = None,
    commentary: CommentaryOption = None,
    profile: ProfileOption = None,
    org_units: OrgUnitsOption = None,
    indicators: IndicatorsOption = None,
    store: StoreOption = None,
    since: SinceOption = "last-month",
    publication_date: DateOption = None,
) -> None:
    """Build a month's scorecard pack: scorecard.json, .html, .pdf and .xlsx in --out.

    Figures come from --data (computed here, five years back for the trend
    charts) or from --results (computed anywhere, in the engine's format). They
    are rated against the targets for the month's financial year, compared
    with last month and last year, and laid out as the committee pack: cover,
    summary, activity table, scorecards for the council and each area, the
    impact of UASC, an exception page for every Red, the children in care
    demographic breakdown, and guidance notes. The four files are replaced
    only when all four are written. If --store holds a published version of the
    month, that version is rebuilt exactly as published (later target changes
    do not touch it).
    """
    console = Console(stderr=True)
    with reported_failures(console):
        if since not in ("last-month", "last-report"):
            raise ConfigError("--since must be 'last-month' or 'last-report'")
        request = _request(
            month,
            targets,
            data,
            results,
            profile,
            commentary,
            org_units,
            indicators,
            publication_date,
        )
        frozen = frozen_or_none(store, request.month)
        if frozen is not None:
            pack, note = frozen
        else:
            with step_progress(console, "Reading and computing") as progress:
                inputs = gather(request, progress)
            if since == "last-report":
                base, published = last_report(store, request.month)
                pack = make_pack(inputs, base, published)
            else:
                pack = make_pack(inputs)
            note = ""
        with step_progress(console, "Writing the pack") as progress:
            progress("HTML, PDF, Excel, JSON", 0, 1)
            written = write_pack(pack, out)
    _report(console, pack, written, note)


def publish_command(
    month: MonthOption,
    targets: TargetsOption,
    out: OutOption,
    store: Annotated[Path, typer.Option("--store", help="Publication database (SQLite).")],
    data: DataOption = None,
    results: ResultsOption = None,
    commentary: CommentaryOption = None,
    profile: ProfileOption = None,
    org_units: OrgUnitsOption = None,
    indicators: IndicatorsOption = None,
    reason: Annotated[
        str | None,
        typer.Option("--reason", help="Why a month already published is published again."),
    ] = None,
    published_by: Annotated[
        str, typer.Option("--by", help="Who publishes (recorded with the version).")
    ] = "kpibook",
    publication_date: DateOption = None,
) -> None:
    """Publish a month: build its pack, freeze it in --store, and write it to --out.

    The published month keeps its figures, ratings, targets version,
    commentary and the checksums of every input. It never changes afterwards:
    `kpibook build --store` rebuilds it exactly, whatever the targets file says
    later. Publishing the same month again needs --reason and creates the next
    numbered version; earlier versions stay as they were.
    """
    console = Console(stderr=True)
    with reported_failures(console):
        request = _request(
            month,
            targets,
            data,
            results,
            profile,
            commentary,
            org_units,
            indicators,
            publication_date,
        )
        with step_progress(console, "Reading and computing") as progress:
            inputs = gather(request, progress)
        pack, note = publish_pack(store, inputs, reason, published_by)
        with step_progress(console, "Writing the pack") as progress:
            progress("HTML, PDF, Excel, JSON", 0, 1)
            written = write_pack(pack, out)
    _report(console, pack, written, note)
