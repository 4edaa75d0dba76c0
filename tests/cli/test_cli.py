"""The command line: help for every command, documentation of every option, and a real run."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from kpibook.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _commands() -> dict[str, Any]:
    group = typer.main.get_command(app)
    commands = getattr(group, "commands", None)
    assert isinstance(commands, dict)
    return dict(commands)


def test_every_command_has_help() -> None:
    for name, command in _commands().items():
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help and len(command.help) > 40, name


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_and_option_is_documented(name: str) -> None:
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"## kpibook {name}" in docs
    section = docs.split(f"## kpibook {name}", 1)[1].split("\n## ", 1)[0]
    for param in _commands()[name].params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert re.search(rf"`{re.escape(opt)}[ `]", section), f"{name} {opt}"


def test_readme_quick_start_has_exactly_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = quick.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip()]
    assert [c.split("#")[0].strip() for c in commands] == [
        "bash scripts/demo.sh",
        "bash scripts/test.sh",
    ]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in ci


def test_synth_rejects_a_bad_month(tmp_path: Path) -> None:
    result = runner.invoke(app, ["synth", "--out", str(tmp_path / "x"), "--from", "2016-13"])
    assert result.exit_code == 2
    assert "YYYY-MM" in result.output
    assert not (tmp_path / "x").exists()


def test_synth_rejects_a_window_outside_the_supported_years(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["synth", "--out", str(tmp_path / "x"), "--from", "2005-04", "--to", "2006-03"]
    )
    assert result.exit_code == 2
    assert "2010" in result.output
    assert not (tmp_path / "x").exists()


def test_synth_writes_and_summarises(tmp_path: Path) -> None:
    out = tmp_path / "council"
    result = runner.invoke(
        app,
        [
            "synth",
            "--out",
            str(out),
            "--from",
            "2016-01",
            "--to",
            "2016-03",
            "--scale",
            "0.03",
            "--processes",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (out / "ssd_person.csv").exists()
    assert "Children in care (excluding UASC)" in result.output
    assert "Rows per table" in result.output


def test_failed_run_leaves_previous_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "council"
    out.mkdir()
    marker = out / "ssd_person.csv"
    marker.write_text("previous good output\n", encoding="utf-8")
    result = runner.invoke(
        app, ["synth", "--out", str(out), "--from", "2016-03", "--to", "2016-01"]
    )
    assert result.exit_code != 0
    assert marker.read_text(encoding="utf-8") == "previous good output\n"
    assert [p.name for p in tmp_path.iterdir()] == ["council"]
