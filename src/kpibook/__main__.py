"""``python -m kpibook`` runs the command-line interface."""

from __future__ import annotations

from kpibook.cli.main import app

app()
