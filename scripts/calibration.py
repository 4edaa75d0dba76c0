"""Calibration: a synthetic council's August 2016 figures against Kent's published ones.

Computes the indicator library for August 2016 on a data folder and compares
the council figures with Kent's (see kpibook.calibration). The table in
docs/synthetic-council.md comes from ``--markdown``; tests/calibration checks
the seed-1 council meets the foundation issue's tolerance.

Usage:
    .venv/bin/python scripts/calibration.py DATA_DIR [--markdown]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpibook.calibration import compare, markdown
from kpibook.indicators.library import load_library
from kpibook.ingest import load_or_fail


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    comparisons = compare(load_or_fail(args.data).con, load_library())
    if args.markdown:
        print(markdown(comparisons))
        return 0
    for c in comparisons:
        ours = "-" if c.ours is None else f"{c.ours:.1f}"
        flag = "ok" if c.within else "XX"
        print(
            f"{c.reference.indicator_id:8} {flag}  kent={c.reference.kent:<8g} ours={ours:<8}"
            f" {c.reference.measure}"
        )
    print(markdown(comparisons).splitlines()[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
