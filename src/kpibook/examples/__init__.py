"""Example inputs shipped with kpibook (the Kent demo's targets file)."""

from __future__ import annotations
