"""Run the DfE SSDA903 rules (csc-validator-be-903) on a folder of 903 CSVs; print JSON.

Executed by the interpreter of the separate DfE environment (``.dfe-venv``), never
imported by kpibook: it needs pandas < 2. Usage::

    .dfe-venv/bin/python run_903.py DIR COLLECTION_YEAR_END LA_CODE

``DIR`` holds this year's CSVs and, optionally, ``previous/`` with last year's.
``COLLECTION_YEAR_END`` is the validator's year ("2024" for 2023-24). The JSON on
stdout: {"errors": [...], "rules_run": n, "rules_failed_to_run": [...],
"rules_skipped": [...]}; each error has rule, description, table, row, child.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any


def main(argv: list[str]) -> int:
    """Run the rules and print the JSON; 0 when the validator ran."""
    folder, year, la = Path(argv[1]), argv[2], argv[3]
    logging.disable(logging.CRITICAL)
    real_stdout = sys.stdout
    sys.stdout = sys.stderr  # some rules print; keep stdout for the JSON
    from lac_validator import lac_validator  # type: ignore[import-not-found]
    from lac_validator.rules.ruleset_utils import (  # type: ignore[import-not-found]
        get_year_ruleset,
    )

    def uploaded(path: Path, description: str) -> dict[str, Any]:
        return {"name": str(path), "file_content": path.read_bytes(), "description": description}

    files = [uploaded(p, "This year") for p in sorted(folder.glob("*.csv"))]
    prev = folder / "previous"
    if prev.is_dir():
        files += [uploaded(p, "Prev year") for p in sorted(prev.glob("*.csv"))]
    registry = get_year_ruleset(year)
    v = lac_validator.LacValidator(
        metadata={"collectionYear": year, "localAuthority": la},
        files=files,
        registry=registry,
        selected_rules=None,
    )
    errors: list[dict[str, Any]] = []
    for table, df in v.ds_results.items():
        if table == "metadata":
            continue
        for col in [c for c in df.columns if str(c).startswith("ERR_")]:
            code = col[4:]
            hit = df[df[col] == True]  # noqa: E712
            for idx, row in hit.iterrows():
                child = row.get("CHILD")
                errors.append(
                    {
                        "rule": str(code),
                        "description": str(registry[code].message) if code in registry else "",
                        "table": table,
                        "row": int(idx),
                        "child": None if child is None or child != child else str(child),
                    }
                )
    result = {
        "errors": errors,
        "rules_run": len(v.dones),
        "rules_failed_to_run": [str(c) for c in v.fails],
        "rules_skipped": [str(c) for c in v.skips],
    }
    real_stdout.write(json.dumps(result))
    real_stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
