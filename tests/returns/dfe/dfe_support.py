"""What the DfE rules tests share: the skip without .dfe-venv, and a small synthetic council."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kpibook.returns.dfe.runner import ValidatorUnavailable, venv_python
from kpibook.synth.run import SynthRequest, generate

try:
    venv_python()
    HAVE_DFE = True
except ValidatorUnavailable:
    HAVE_DFE = False

needs_dfe = pytest.mark.skipif(
    not HAVE_DFE,
    reason="the DfE validators' environment (.dfe-venv) is missing: "
    "run 'bash scripts/dfe-validators.sh' to make it",
)


def small_council(out: Path, seed: int, start: dt.date, end: dt.date) -> Path:
    """A synthetic council at scale 0.05 (CSV, one process) in ``out``; returns ``out``."""
    generate(
        SynthRequest(out=out, seed=seed, start=start, end=end, scale=0.05, fmt="csv", processes=1)
    )
    return out
