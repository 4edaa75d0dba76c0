"""Reporting kpibook's own errors on the command line: every problem, then exit 1."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.text import Text

from kpibook.errors import ConfigError, InputError, KpibookError

MAX_SHOWN = 200
"""Problems printed before the rest are summarised as a count."""


@contextmanager
def reported_failures(console: Console) -> Iterator[None]:
    """Turn a :class:`KpibookError` into a readable report and exit code 1."""
    try:
        yield
    except InputError as exc:
        console.print(Text(str(exc), style="bold red"), soft_wrap=True)
        for problem in exc.problems[:MAX_SHOWN]:
            console.print(str(problem), soft_wrap=True, markup=False, highlight=False)
        if len(exc.problems) > MAX_SHOWN:
            console.print(f"... and {len(exc.problems) - MAX_SHOWN:,} more problems")
        console.print("Nothing was written.")
        raise typer.Exit(1) from exc
    except ConfigError as exc:
        console.print(Text(f"error: {exc}", style="bold red"), soft_wrap=True)
        raise typer.Exit(1) from exc
    except KpibookError as exc:
        console.print(Text(f"error: {exc}", style="bold red"), soft_wrap=True)
        raise typer.Exit(1) from exc
