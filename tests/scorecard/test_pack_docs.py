"""docs/pack.md documents every key of the profile and commentary files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpibook.scorecard.config_files import COMMENTARY_KEYS, PROFILE_KEYS

DOC = (Path(__file__).parents[2] / "docs" / "pack.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("key", sorted(set(PROFILE_KEYS) | set(COMMENTARY_KEYS)))
def test_key_documented(key: str) -> None:
    assert f"`{key}`" in DOC
