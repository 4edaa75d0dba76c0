"""Run the DfE CIN census rules on a census file, in their own environment and process.

The DfE's rules (PyPI ``csc-validator-be-cin``) pin pandas < 2, so they live in
the environment ``bash scripts/dfe-validators.sh`` makes (``.dfe-venv``, see
:mod:`kpibook.returns.dfe.runner`); this module runs ``run_dfe.py`` with its
Python and reads back the JSON.

Command line (any Python with kpibook installed)::

    python -m kpibook.returns.cin.dfe FILE.xml --year 2023-24 [--venv .dfe-venv] [--json]

prints the children flagged per rule and exits 1 when any rule of type Error
flags a row or a rule fails to run (queries are reported, not counted as
failures).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kpibook.returns.dfe.runner import ValidatorUnavailable, run_script, venv_python

__all__ = ["CinFlag", "CinValidation", "ValidatorUnavailable", "ruleset", "validate_cin"]

_SCRIPT = Path(__file__).with_name("run_dfe.py")
_YEAR = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class CinFlag:
    """One row the DfE CIN rules flagged."""

    rule: str
    kind: str
    """``Error`` or ``Query``."""
    description: str
    table: str
    row: int
    child: str | None


@dataclass(frozen=True)
class CinValidation:
    """The result of one run of the DfE CIN rules."""

    flags: tuple[CinFlag, ...]
    rules_run: int
    rules_failed_to_run: tuple[str, ...]
    """Rules that raised (the validator then flags nothing for them)."""
    seconds: float

    @property
    def errors(self) -> tuple[CinFlag, ...]:
        """The rows flagged by rules of type Error."""
        return tuple(f for f in self.flags if f.kind == "Error")

    def children(self) -> dict[str, int]:
        """Children flagged per rule (queries end in Q), most first."""
        per_rule: dict[str, set[str | None]] = {}
        for f in self.flags:
            per_rule.setdefault(f.rule, set()).add(f.child)
        return dict(Counter({rule: len(kids) for rule, kids in per_rule.items()}).most_common())


def ruleset(year: str) -> str:
    """The validator's ruleset for a collection year: ``2023-24`` -> ``cin2023_24``."""
    match = _YEAR.fullmatch(year)
    if match is None or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError(f"collection year {year!r} is not like 2023-24")
    return f"cin{match[1]}_{match[2]}"


def validate_cin(
    path: Path, year: str, *, venv: Path | None = None, timeout: float = 1800
) -> CinValidation:
    """Run the DfE CIN rules of collection ``year`` ("2023-24") on the census file ``path``.

    Raises ValidatorUnavailable without the DfE environment, ValueError for a
    year that is not like 2023-24, RuntimeError if the validator itself fails
    (including a year it has no rules for).
    """
    rules = ruleset(year)
    file = Path(path).resolve()
    payload, seconds = run_script(
        venv_python(venv), _SCRIPT, [str(file), rules], cwd=file.parent, timeout=timeout, what="CIN"
    )
    return CinValidation(
        flags=tuple(
            CinFlag(
                rule=str(e["rule"]),
                kind=str(e["type"]),
                description=str(e["description"]),
                table=str(e["table"]),
                row=int(e["row"]),
                child=None if e["child"] is None else str(e["child"]),
            )
            for e in payload["errors"]
        ),
        rules_run=int(payload["rules_run"]),
        rules_failed_to_run=tuple(str(r) for r in payload.get("rules_failed_to_run", ())),
        seconds=seconds,
    )


def _report(result: CinValidation) -> str:
    kinds = {f.rule: f.kind for f in result.flags}
    descriptions = {f.rule: f.description for f in result.flags}
    errors = {f.rule for f in result.errors}
    lines = [
        f"{len(errors)} Error rules and {len(kinds) - len(errors)} queries flag rows, "
        f"of {result.rules_run} DfE CIN rules, in {result.seconds:.0f} s (children per rule)"
    ]
    for rule, children in result.children().items():
        lines.append(f"  {rule:>7} {kinds[rule]:5} {children:5d}  {descriptions[rule][:80]}")
    if result.rules_failed_to_run:
        lines.append("  failed to run: " + ", ".join(result.rules_failed_to_run))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kpibook.returns.cin.dfe",
        description="Run the DfE CIN census validation rules on a census XML file.",
    )
    parser.add_argument("file", type=Path, help="CIN census XML (kpibook export --format cin)")
    parser.add_argument("--year", required=True, help="collection year, e.g. 2023-24")
    parser.add_argument("--venv", type=Path, default=None, help="DfE environment folder")
    parser.add_argument("--json", action="store_true", help="print every flagged row as JSON")
    args = parser.parse_args(argv)
    try:
        result = validate_cin(args.file, args.year, venv=args.venv)
    except (ValidatorUnavailable, RuntimeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([f.__dict__ for f in result.flags], indent=1))
    print(_report(result))
    return 1 if result.errors or result.rules_failed_to_run else 0


if __name__ == "__main__":
    raise SystemExit(main())
