"""The Kent demo: targets and bands for 2016-17 to 2018-19 (targets.yaml)."""

from __future__ import annotations
