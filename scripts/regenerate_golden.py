"""Regenerate the renderers' golden files (tests/render/golden) from the current code.

Golden files are never edited by hand. When a change to the page, a chart, the
JSON or the workbook is intended, run::

    python scripts/regenerate_golden.py            # every test in tests/render
    python scripts/regenerate_golden.py tests/render/test_html_golden.py

then review ``git diff tests/render/golden`` before committing. It runs pytest
with ``KPIBOOK_REGENERATE_GOLDEN=1``, which makes each golden test write its file
instead of comparing (and removes golden files no test produces any more).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(arguments: list[str]) -> int:
    """Run the golden tests in regenerate mode; pytest's exit status."""
    targets = arguments or [str(ROOT / "tests" / "render")]
    env = dict(os.environ, KPIBOOK_REGENERATE_GOLDEN="1")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *targets]
    return subprocess.call(command, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
