"""kpibook: children's social care performance scorecards from child-level records."""

from __future__ import annotations

__version__ = "0.1.0"
