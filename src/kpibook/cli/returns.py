"""``kpibook import`` and ``kpibook export``: statutory returns in and out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kpibook.cli.failures import reported_failures
from kpibook.cli.options import month_end
from kpibook.pipeline.returns_io import export_return, import_returns, not_supplied


def import_command(
    out: Annotated[Path, typer.Option("--out", help="Data folder to write (replaced when done).")],
    ssda903: Annotated[
        list[Path] | None,
        typer.Option("--903", help="SSDA903 CSV folder or XML file (repeatable: several years)."),
    ] = None,
    cin: Annotated[
        list[Path] | None,
        typer.Option("--cin", help="CIN census XML file (repeatable: several years)."),
    ] = None,
    annex_a: Annotated[
        Path | None, typer.Option("--annex-a", help="Ofsted Annex A workbook (.xlsx).")
    ] = None,
    ssd: Annotated[
        Path | None, typer.Option("--ssd", help="Folder of SSD table exports (ssd_*.csv).")
    ] = None,
    council_id: Annotated[
        str, typer.Option("--council-id", help="Id of the council's org unit (e.g. its LA code).")
    ] = "LA",
    council_name: Annotated[
        str, typer.Option("--council-name", help="The council's name, as printed.")
    ] = "Council",
) -> None:
    """Import statutory returns into a data folder that check, compute and build read.

    Any combination of SSDA903 (CSV tables or XML), CIN census XML, the Ofsted
    Annex A workbook and SSD table exports; several years of 903 and CIN at once,
    later years superseding earlier ones for the same child. Every model table
    is written (empty where no return supplies it), with data-quality.csv (the
    findings, which do not stop the import) and provenance.csv (which source
    filled which column). A structural problem in any input stops the import
    with every problem listed, and nothing is written.
    """
    console = Console(stderr=True)
    with reported_failures(console):
        result = import_returns(
            out,
            ssda903=tuple(ssda903 or ()),
            cin=tuple(cin or ()),
            annex_a=annex_a,
            ssd=ssd,
            council_id=council_id,
            council_name=council_name,
        )
    filled = {name: n for name, n in result.rows.items() if n}
    console.print(f"Imported {sum(filled.values()):,} rows into {len(filled)} tables:")
    for name, rows in sorted(filled.items()):
        console.print(f"  {name:32} {rows:>10,}")
    console.print(f"{len(result.empty_tables)} tables no return supplies were written empty.")
    missing = not_supplied(result)
    console.print(
        f"{sum(len(c) for c in missing.values())} model columns were not supplied "
        "(indicators that need them show as 'not available')."
    )
    console.print(
        f"{len(result.findings)} data-quality findings: see "
        f"{(out / 'data-quality.csv').resolve()} or run `kpibook check --data {out}`."
    )
    console.print(f"Data folder: [bold]{out.resolve()}[/bold]")


def export_command(
    data: Annotated[Path, typer.Option("--data", help="Data folder to export from.")],
    fmt: Annotated[str, typer.Option("--format", help="903, cin or annex-a.")],
    out: Annotated[Path, typer.Option("--out", help="Folder (903) or file (cin, annex-a).")],
    year: Annotated[
        str | None, typer.Option("--year", help="Collection year for 903 and CIN, e.g. 2023-24.")
    ] = None,
    month: Annotated[
        str | None, typer.Option("--month", help="Annex A: the month the lists run to, YYYY-MM.")
    ] = None,
    la_code: Annotated[
        str, typer.Option("--la-code", help="The council's 3-digit DfE LA number (903 and CIN).")
    ] = "886",
) -> None:
    """Export a statutory return from a data folder: 903 CSVs, CIN census XML or Annex A.

    The 903 tables and the CIN census are for a collection year (1 April to 31
    March); Annex A's lists run to the end of --month. Files are written only
    when complete.
    """
    console = Console(stderr=True)
    with reported_failures(console):
        written = export_return(
            data,
            fmt,
            out,
            year=year,
            period_end=month_end(month, "--month") if month else None,
            la_code=la_code,
        )
    for path in written:
        console.print(f"  [bold]{path.resolve()}[/bold]")
