"""Printing a dataset's overview (rows per table, open cases, plans, care)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kpibook.cli.progress import step_progress
from kpibook.ingest import load_or_fail
from kpibook.overview import overview


def print_summary(folder: Path, day: dt.date, console: Console) -> None:
    """Load ``folder`` and print its overview on ``day``."""
    with step_progress(console, "Loading") as progress:
        loaded = load_or_fail(folder, progress=progress)
    con = loaded.con
    rows = Table(title="Rows per table", show_lines=False)
    rows.add_column("Table")
    rows.add_column("Rows", justify="right")
    for name, count in sorted(loaded.row_counts.items()):
        rows.add_row(name, f"{count:,}")
    console.print(rows)
    ov = overview(con, day)
    areas = Table(title=f"Children with an open, allocated case at {day:%d %b %Y}, by area")
    areas.add_column("Area")
    areas.add_column("Children", justify="right")
    for area, n in ov.open_cases_by_area:
        areas.add_row(area, f"{n:,}")
    console.print(areas)
    head = Table(title=f"At the end of {day:%d %B %Y}")
    head.add_column("Measure")
    head.add_column("Count", justify="right")
    head.add_row("Open cases (children with an open referral)", f"{ov.open_cases:,}")
    head.add_row("Children on a child protection plan", f"{ov.cp_plans:,}")
    head.add_row("Children in care (including UASC)", f"{ov.children_in_care:,}")
    head.add_row("Children in care (excluding UASC)", f"{ov.children_in_care_exc_uasc:,}")
    console.print(head)
