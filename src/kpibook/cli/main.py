"""The ``kpibook`` command: every sub-command is a thin wrapper around library calls."""

from __future__ import annotations

import typer

from kpibook.cli.build import build_command, publish_command
from kpibook.cli.check import check_command
from kpibook.cli.compute import compute_command
from kpibook.cli.demo import demo_command
from kpibook.cli.explain import explain_command
from kpibook.cli.indicators import indicators_command
from kpibook.cli.returns import export_command, import_command
from kpibook.cli.synth import synth_command
from kpibook.cli.targets import targets_command

app = typer.Typer(
    name="kpibook",
    help="Children's social care performance scorecards from child-level records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("synth")(synth_command)
app.command("check")(check_command)
app.command("indicators")(indicators_command)
app.command("compute")(compute_command)
app.command("explain")(explain_command)
app.command("targets")(targets_command)
app.command("build")(build_command)
app.command("publish")(publish_command)
app.command("import")(import_command)
app.command("export")(export_command)
app.command("demo")(demo_command)
