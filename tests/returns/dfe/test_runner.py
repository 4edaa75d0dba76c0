"""The DfE validator harness: a stand-in interpreter always, the real rules when installed."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest

from kpibook.returns.dfe.runner import (
    RuleError,
    ValidatorUnavailable,
    main,
    validate_903,
    venv_python,
)

_PAYLOAD = {
    "errors": [
        {"rule": "101", "description": "sex", "table": "Header", "row": 3, "child": "C9"},
        {"rule": "101", "description": "sex", "table": "Header", "row": 5, "child": "C8"},
        {"rule": "SW12STG2", "description": "sw", "table": "Episodes", "row": 0, "child": None},
    ],
    "rules_run": 290,
    "rules_failed_to_run": ["231"],
    "rules_skipped": ["205A"],
}


def _fake_venv(root: Path, script: str) -> Path:
    """A folder whose bin/python is a shell script standing in for the DfE environment."""
    python = root / "venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    return root / "venv"


def test_results_are_read_back_as_structured_errors(tmp_path: Path) -> None:
    # The stand-in checks it is given run_903.py, the folder and the year's end, then answers.
    venv = _fake_venv(
        tmp_path,
        'case "$1" in */run_903.py) ;; *) exit 9 ;; esac\n'
        '[ "$3" = 2024 ] && [ "$4" = E10000016 ] || exit 8\n'
        f"cat <<'JSON'\n{json.dumps(_PAYLOAD)}\nJSON\n",
    )
    result = validate_903(tmp_path, "2023-24", venv=venv)
    assert result.errors[0] == RuleError("101", "sex", "Header", 3, "C9")
    assert result.errors[2].child is None
    assert result.counts() == {"101": 2, "SW12STG2": 1}
    assert (result.rules_run, result.rules_failed_to_run) == (290, ("231",))


def test_a_failing_validator_is_reported(tmp_path: Path) -> None:
    venv = _fake_venv(tmp_path, "echo 'Traceback: boom' >&2\nexit 1\n")
    with pytest.raises(RuntimeError, match="boom"):
        validate_903(tmp_path, "2023-24", venv=venv)


def test_missing_environment_says_how_to_make_it(tmp_path: Path) -> None:
    with pytest.raises(ValidatorUnavailable, match=r"scripts/dfe-validators\.sh"):
        venv_python(tmp_path / "nowhere")
    assert main(["--903", str(tmp_path), "--year", "2023-24", "--venv", str(tmp_path)]) == 2


def test_command_line_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    venv = _fake_venv(tmp_path, f"cat <<'JSON'\n{json.dumps(_PAYLOAD)}\nJSON\n")
    assert main(["--903", str(tmp_path), "--year", "2024-25", "--venv", str(venv)]) == 1
    out = capsys.readouterr().out
    assert "3 errors from 290 DfE rules" in out and "SW12STG2" in out
    clean = dict(_PAYLOAD, errors=[])
    venv2 = _fake_venv(tmp_path / "b", f"cat <<'JSON'\n{json.dumps(clean)}\nJSON\n")
    assert main(["--903", str(tmp_path), "--year", "2024-25", "--venv", str(venv2)]) == 0


def test_default_environment_can_be_moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPIBOOK_DFE_VENV", os.fspath(tmp_path))
    with pytest.raises(ValidatorUnavailable, match=re.escape(str(tmp_path))):
        venv_python()
