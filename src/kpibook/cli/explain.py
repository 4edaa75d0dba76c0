"""``kpibook explain``: the SQL and parameters behind a figure, and the figure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.syntax import Syntax
from rich.table import Table

from kpibook.cli.compute import IndicatorsOption
from kpibook.cli.failures import reported_failures
from kpibook.cli.options import month_end
from kpibook.engine.compile import compile_indicator
from kpibook.engine.compute import Engine
from kpibook.engine.periods import Period, window
from kpibook.errors import ConfigError
from kpibook.indicators.definition import R3M_SUFFIX, Indicator
from kpibook.indicators.library import load_library
from kpibook.ingest import load_or_fail


def _describe(indicator: Indicator, period: Period, me: dt.date, console: Console) -> None:
    w = window(period, me)
    console.print(f"[bold]{indicator.id}[/bold]  {indicator.title}", soft_wrap=True)
    lines = [
        ("Section", indicator.section),
        ("Unit", indicator.unit.value),
        ("Polarity", indicator.polarity.value if indicator.polarity else "none (context)"),
        ("Period", f"{period.value}: {period.description}"),
        ("Window", f"{w.window_start:%d %b %Y} to {w.period_end:%d %b %Y}"),
        ("Team basis", indicator.team_basis or "-"),
        ("Definition", indicator.definition),
        ("Numerator", indicator.numerator),
        ("Denominator", indicator.denominator or "-"),
        ("Defined in", f"{indicator.yaml_path} and {indicator.sql_path}"),
    ]
    if indicator.national is not None:
        lines.insert(4, ("National", f"{indicator.national.code}: {indicator.national.name}"))
    for label, text in lines:
        console.print(f"  [dim]{label + ':':<13}[/dim] {text}", soft_wrap=True)


def explain_command(
    indicator_id: Annotated[
        str, typer.Argument(help="Indicator id, e.g. SCS-01 (or SCS-01:R3M for its R3M figure).")
    ],
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Data folder; with it the figure is computed and shown."),
    ] = None,
    month: Annotated[
        str, typer.Option("--month", help="Month of the figure, YYYY-MM.")
    ] = "2016-08",
    org_unit: Annotated[
        str | None,
        typer.Option("--org-unit", help="Org unit id (team, area, district or council)."),
    ] = None,
    cohort: Annotated[
        str | None, typer.Option("--cohort", help="Cohort: all or exc_uasc. Default: both.")
    ] = None,
    indicators: IndicatorsOption = None,
) -> None:
    """Print the exact SQL and parameters that produce a figure, and (with --data) the figure.

    The SQL shown is the whole query the engine runs: the indicator's own SQL
    (from its .sql file) wrapped to cover the month, the organisational levels
    and the cohorts. With --data it is run exactly as printed, with the
    parameters listed, and the figures are shown (for the council unless
    --org-unit is given).
    """
    console = Console()
    me = month_end(month, "--month")
    if cohort is not None and cohort not in ("all", "exc_uasc"):
        raise typer.BadParameter("use all or exc_uasc", param_hint="--cohort")
    with reported_failures(console):
        library = load_library(indicators or ())
        base, _, suffix = indicator_id.partition(":")
        r3m = bool(suffix)
        if r3m and ":" + suffix != R3M_SUFFIX:
            raise ConfigError(f"'{indicator_id}': the only suffix is {R3M_SUFFIX}")
        try:
            indicator = library.get(base)
        except KeyError:
            raise ConfigError(
                f"there is no indicator '{base}'; list them with `kpibook indicators`"
            ) from None
        if r3m and not indicator.rolling_three_months:
            raise ConfigError(f"{base} is not a rolling-12-month indicator, so has no R3M")
        if indicator.external:
            _describe(indicator, indicator.period, me, console)
            console.print(
                f"\n{indicator.id} has no SQL: its figures are supplied from outside "
                "(the scorecard's --results file)."
            )
            return
        period = Period.R3M if r3m else indicator.period
        _describe(indicator, period, me, console)
        council = "(council id from local_org_units)"
        loaded = None
        if data is not None:
            loaded = load_or_fail(data)
            engine = Engine.prepare(loaded.con, me, me)
            council = engine.council
        unit = org_unit if org_unit is not None else (council if data is not None else None)
        compiled = compile_indicator(
            indicator,
            first=me,
            last=me,
            council=council,
            rolling_three_months=r3m,
            org_unit=unit,
            cohort=cohort,
        )
        sql = compiled.pretty()
        console.print("\n[bold]SQL[/bold]")
        console.print(Syntax(sql, "sql", word_wrap=True))
        params = Table(title="Parameters", title_justify="left")
        params.add_column("Name")
        params.add_column("Value")
        for name, value in compiled.params.items():
            params.add_row("$" + name, str(value))
        console.print(params)
        if loaded is None:
            console.print("Give --data to run it and see the figure.")
            return
        rows = loaded.con.sql(sql, params=compiled.params).fetchall()
        figures = Table(title=f"Figures for {me:%B %Y}", title_justify="left")
        for name in ("org_level", "org_unit", "cohort", "numerator", "denominator", "value"):
            figures.add_column(
                name, justify="right" if name in ("numerator", "denominator", "value") else "left"
            )
        for row in rows:
            _id, _end, level, unit_id, coh, num, den, value = row
            figures.add_row(
                level,
                unit_id,
                coh,
                f"{num:g}",
                "-" if den is None else f"{den:g}",
                "-" if value is None else f"{value:.4g}",
            )
        console.print(figures)
        if not rows:
            console.print(f"No figure: is '{unit}' an org unit of this council?")
