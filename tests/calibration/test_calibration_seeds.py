"""scripts/calibration_seeds.py: seed lists and the many-seed summary table.

The generation itself is what tests/calibration/test_calibration.py checks for
the demo's seed; here the table is checked on comparisons worked out by hand.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from kpibook.calibration import Comparison, Reference

SCRIPT = Path(__file__).parents[2] / "scripts" / "calibration_seeds.py"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("calibration_seeds", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_lists(script: ModuleType) -> None:
    assert script.parse_seeds("1-4") == (1, 2, 3, 4)
    assert script.parse_seeds("7") == (7,)
    assert script.parse_seeds("1-3,9, 11-12") == (1, 2, 3, 9, 11, 12)


def _pair(kent: float, ours: float, indicator: str, percentage: bool) -> Comparison:
    return Comparison(Reference(indicator, kent, percentage, "m"), ours, None, None, "all")


def test_summary_gives_mean_range_and_seeds_within(script: ModuleType) -> None:
    # ACT-06: Kent 48, tolerance 4.8: 44 (in), 58 (out), 50 (in) -> mean 50.7, 2 of 3.
    # SCS-02: Kent 89.9, 3 points: 88 (in), 92 (in), 85 (out) -> mean 88.3, 2 of 3.
    runs = {
        seed: (_pair(48, act, "ACT-06", False), _pair(89.9, scs, "SCS-02", True))
        for seed, act, scs in ((1, 44, 88), (2, 58, 92), (3, 50, 85))
    }
    table = script.summary(runs, True).splitlines()
    assert "| ACT-06 | m | 48 | 50.7 | 44.0 | 58.0 | 2 of 3 |" in table
    assert "| SCS-02 | m | 89.9 | 88.3 | 85.0 | 92.0 | 2 of 3 |" in table
    assert "| 1 | 1 | 1 |" in table
    assert "| 2 | 1 | 0 |" in table
    assert "| 3 | 0 | 1 |" in table
