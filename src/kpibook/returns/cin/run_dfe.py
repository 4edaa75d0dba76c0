"""Run the DfE CIN census rules (csc-validator-be-cin) on a census file; print JSON.

Executed by the interpreter of the separate DfE environment (``.dfe-venv``, made
by ``scripts/dfe-validators.sh``), never imported by kpibook: the rules need
pandas < 2. Meant for kpibook's own exports (``kpibook export --format cin``).
Usage::

    .dfe-venv/bin/python src/kpibook/returns/cin/run_dfe.py FILE.xml RULESET

``RULESET`` is the validator's name for the year, e.g. ``cin2023_24``. The JSON
on stdout: {"rules_run": n, "rules_failed_to_run": [...], "errors": [...]}, each
error with rule, type ("Error" or "Query"), description, table, row and child.
A rule that raises is reported by the validator only as a printed line (and
flags nothing): those lines are collected into ``rules_failed_to_run``. Exit 0
when the rules ran (whatever they found), 2 when they could not.
"""

from __future__ import annotations

import importlib
import io
import json
import logging
import re
import sys
from typing import Any


def main(argv: list[str]) -> int:
    """Run the rules and print the JSON."""
    path, ruleset = argv[1], argv[2]
    logging.disable(logging.CRITICAL)
    real_stdout = sys.stdout
    sys.stdout = sys.stderr  # some rules print; keep stdout for the JSON
    import xml.etree.ElementTree as ET

    from cin_validator import cin_validator  # type: ignore[import-not-found]

    try:
        registry = importlib.import_module(f"cin_validator.rules.{ruleset}").registry
    except ModuleNotFoundError:
        print(f"no DfE ruleset {ruleset}", file=sys.stderr)
        return 2
    root = ET.parse(path).getroot()  # kpibook's own export: no DTD, no entities
    data = cin_validator.process_data(cin_validator.convert_data(root))
    printed = io.StringIO()
    sys.stdout = printed  # the validator prints "Error with rule X: ..." when a rule raises
    try:
        issues = cin_validator.CinValidator(data, registry).full_issue_df
    finally:
        sys.stdout = sys.stderr
        sys.stderr.write(printed.getvalue())
    failed = sorted(set(re.findall(r"^Error with rule (\S+):", printed.getvalue(), re.M)))
    errors: list[dict[str, Any]] = [
        {
            "rule": str(row["rule_code"]),
            "type": _kind(registry, str(row["rule_code"])),
            "description": str(row["rule_description"]),
            "table": str(row["tables_affected"]),
            "row": int(row["row_id"]),
            "child": None if row["child_id"] is None else str(row["child_id"]),
        }
        for _, row in issues.iterrows()
    ]
    sys.stdout = real_stdout
    print(
        json.dumps(
            {
                "rules_run": len(list(registry.items())),
                "rules_failed_to_run": failed,
                "errors": errors,
            }
        )
    )
    return 0


def _kind(registry: Any, code: str) -> str:
    rule = registry.get(code)
    return "unknown" if rule is None else str(rule.rule_type.value)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
