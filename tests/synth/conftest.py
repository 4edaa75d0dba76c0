"""Fixtures for the generator's tests: a small synthetic council, generated once."""

from __future__ import annotations

from pathlib import Path

import pytest
from councils import small_request

from kpibook.synth.run import generate


@pytest.fixture(scope="session")
def small_council(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder of a small synthetic council (CSV), generated once per session."""
    out = tmp_path_factory.mktemp("council") / "data"
    generate(small_request(out))
    return out
