"""Run the DfE validation rules on exported returns, in their own environment and process.

The DfE's rules (PyPI ``csc-validator-be-903``) pin pandas < 2, so they live in
a separate virtual environment made by ``bash scripts/dfe-validators.sh``
(``.dfe-venv`` in the repository root, or ``$KPIBOOK_DFE_VENV``). This module
runs ``run_903.py`` with that environment's Python and reads back its JSON.

Command line (any Python with kpibook installed)::

    python -m kpibook.returns.dfe.runner --903 DIR --year 2023-24 [--la E10000016]
        [--venv .dfe-venv] [--json]

prints the errors per rule and exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kpibook.returns.ssda903.write_tables import Year

KENT = "E10000016"
"""The synthetic council's local-authority code (Kent, upper tier)."""

_SCRIPT_903 = Path(__file__).with_name("run_903.py")
_REPO_ROOT = Path(__file__).resolve().parents[4]


class ValidatorUnavailable(RuntimeError):
    """The DfE environment is missing: run ``bash scripts/dfe-validators.sh``."""


@dataclass(frozen=True)
class RuleError:
    """One row the DfE rules flagged."""

    rule: str
    description: str
    table: str
    row: int
    child: str | None


@dataclass(frozen=True)
class Validation:
    """The result of one run of the DfE rules."""

    errors: tuple[RuleError, ...]
    rules_run: int
    rules_failed_to_run: tuple[str, ...]
    rules_skipped: tuple[str, ...]
    seconds: float

    def counts(self) -> dict[str, int]:
        """Errors per rule code, most first."""
        return dict(Counter(e.rule for e in self.errors).most_common())


def default_venv() -> Path:
    """``$KPIBOOK_DFE_VENV``, else ``.dfe-venv`` in the repository root."""
    env = os.environ.get("KPIBOOK_DFE_VENV")
    return Path(env) if env else _REPO_ROOT / ".dfe-venv"


def venv_python(venv: Path | None = None) -> Path:
    """The DfE environment's interpreter; ValidatorUnavailable if it is not there."""
    folder = venv or default_venv()
    python = folder / "bin" / "python"
    if not python.exists():
        raise ValidatorUnavailable(
            f"{python} not found: create the DfE validators' environment with "
            "'bash scripts/dfe-validators.sh'"
        )
    return python


def run_script(
    python: Path, script: Path, args: Sequence[str], *, cwd: Path, timeout: float, what: str
) -> tuple[dict[str, Any], float]:
    """Run one of our validator scripts with the DfE environment's Python; its JSON and seconds.

    Raises RuntimeError (with the end of its error output) if the script fails.
    """
    started = time.monotonic()
    # A fixed interpreter and script, arguments as a list: no shell.
    proc = subprocess.run(
        [str(python), str(script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=str(cwd),
        check=False,
    )
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"the DfE {what} validator failed (exit {proc.returncode}):\n{tail}")
    payload: dict[str, Any] = json.loads(proc.stdout)
    return payload, seconds


def validate_903(
    folder: Path, year: str, *, la: str = KENT, venv: Path | None = None, timeout: float = 1800
) -> Validation:
    """Run the DfE 903 rules for collection ``year`` ("2023-24") on the CSVs in ``folder``.

    ``folder/previous/`` (as :func:`kpibook.returns.ssda903.write.write_903`
    writes it) is passed as last year's return. Raises ValidatorUnavailable
    without the environment, RuntimeError if the validator itself fails.
    """
    target = Year.parse(year)
    folder_path = Path(folder).resolve()
    payload, seconds = run_script(
        venv_python(venv),
        _SCRIPT_903,
        [str(folder_path), str(target.end.year), la],
        cwd=folder_path,
        timeout=timeout,
        what="903",
    )
    return Validation(
        errors=tuple(
            RuleError(
                rule=str(e["rule"]),
                description=str(e["description"]),
                table=str(e["table"]),
                row=int(e["row"]),
                child=None if e["child"] is None else str(e["child"]),
            )
            for e in payload["errors"]
        ),
        rules_run=int(payload["rules_run"]),
        rules_failed_to_run=tuple(payload["rules_failed_to_run"]),
        rules_skipped=tuple(payload["rules_skipped"]),
        seconds=seconds,
    )


def _report(result: Validation) -> str:
    lines = [
        f"{len(result.errors)} errors from {result.rules_run} DfE rules "
        f"({len(result.rules_skipped)} skipped for want of a table, "
        f"{len(result.rules_failed_to_run)} failed to run) in {result.seconds:.0f} s"
    ]
    descriptions = {e.rule: e.description for e in result.errors}
    for rule, count in result.counts().items():
        lines.append(f"  {rule:>10}  {count:5d}  {descriptions[rule][:90]}")
    if result.rules_failed_to_run:
        lines.append("  failed to run: " + ", ".join(result.rules_failed_to_run))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kpibook.returns.dfe.runner",
        description="Run the DfE 903 validation rules on a folder of exported 903 CSVs.",
    )
    parser.add_argument("--903", dest="ssda903", type=Path, required=True, help="903 CSV folder")
    parser.add_argument("--year", required=True, help="collection year, e.g. 2023-24")
    parser.add_argument("--la", default=KENT, help=f"local-authority code (default {KENT})")
    parser.add_argument("--venv", type=Path, default=None, help="DfE environment folder")
    parser.add_argument("--json", action="store_true", help="print every error as JSON")
    args = parser.parse_args(argv)
    try:
        result = validate_903(args.ssda903, args.year, la=args.la, venv=args.venv)
    except (ValidatorUnavailable, RuntimeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([e.__dict__ for e in result.errors], indent=1))
    print(_report(result))
    return 1 if result.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
