"""``kpibook check`` on a local Typer app: report, JSON, exit codes, no personal data."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from kpibook.cli.check import check_command

app = typer.Typer()
app.command("check")(check_command)


@app.command("noop")
def _noop() -> None:
    """Keep ``check`` a sub-command."""


runner = CliRunner()

SECRET_DOB = "31/02/2009X"


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory, new_dataset) -> dict[str, str]:
    """A valid folder, one with a warning only, and one with errors in personal columns."""
    base = tmp_path_factory.mktemp("cli")
    valid = new_dataset().write(base / "valid")
    warned = new_dataset()
    warned.set("ssd_cp_plans", 1, "cppl_cp_plan_initial_category", "XYZ")
    broken = new_dataset()
    broken.set("ssd_person", 2, "pers_dob", SECRET_DOB)
    broken.set("ssd_person", 1, "pers_expected_dob", "2090-01-01")
    broken.set("ssd_person", 3, "pers_sex", "Q")
    return {
        "valid": str(valid),
        "warned": str(warned.write(base / "warned")),
        "broken": str(broken.write(base / "broken")),
    }


def test_valid_folder_passes_strict(folders) -> None:
    result = runner.invoke(app, ["check", "--data", folders["valid"], "--strict"])
    assert result.exit_code == 0, result.output
    assert "Rows per table" in result.output
    assert "OK: no problems" in result.output


def test_warnings_pass_but_fail_with_strict(folders) -> None:
    plain = runner.invoke(app, ["check", "--data", folders["warned"]])
    assert plain.exit_code == 0, plain.output
    assert "OK with warnings" in plain.output
    assert "ssd_cp_plans.csv" in plain.output and "[unknown-code]" in plain.output
    strict = runner.invoke(app, ["check", "--data", folders["warned"], "--strict"])
    assert strict.exit_code == 1
    assert "FAILED (--strict)" in strict.output


def test_errors_fail_and_personal_values_are_never_printed(folders) -> None:
    result = runner.invoke(app, ["check", "--data", folders["broken"]])
    assert result.exit_code == 1
    assert "[bad-date]" in result.output and "[implausible-date]" in result.output
    assert SECRET_DOB not in result.output and "2090-01-01" not in result.output
    assert "'Q'" in result.output
    assert result.output.strip().splitlines()[-1].startswith("FAILED: 1 error, 2 warnings")


def test_json_lists_every_problem(folders) -> None:
    result = runner.invoke(app, ["check", "--data", folders["broken"], "--json"])
    assert result.exit_code == 1
    problems = json.loads(result.output)
    assert {(p["rule"], p["file"], p["row"], p["column"]) for p in problems} == {
        ("bad-date", "ssd_person.csv", 2, "pers_dob"),
        ("implausible-date", "ssd_person.csv", 1, "pers_expected_dob"),
        ("unknown-code", "ssd_person.csv", 3, "pers_sex"),
    }
    assert SECRET_DOB not in result.output and "2090-01-01" not in result.output


def test_missing_folder_fails(tmp_path) -> None:
    result = runner.invoke(app, ["check", "--data", str(tmp_path / "nowhere"), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.output)[0]["rule"] == "missing-folder"


def test_help_explains_the_command() -> None:
    result = runner.invoke(app, ["check", "--help"])
    assert result.exit_code == 0
    for word in ("--data", "--strict", "--json", "Exit code"):
        assert word in result.output
