"""Helpers for writer tests: a small data-model folder made from imported CIN tables."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa

from kpibook.model import SCHEMA
from kpibook.returns.common import write_dataset

TEAM = "T_TEST"
FILLERS: Mapping[str, Mapping[str, object]] = {
    "ssd_cin_episodes": {"cine_referral_team": TEAM},
    "ssd_cin_assessments": {"cina_assessment_child_seen": "Y"},
    "ssd_s47_enquiry": {"s47e_s47_end_date": None},
    "ssd_cp_reviews": {"cppr_cp_review_due": None},
}
"""Model columns the census does not carry but a data folder must have."""


def model_folder(tables: Mapping[str, pa.Table], out: Path) -> Path:
    """Write ``tables`` (plus required columns the census lacks, and one team) as a data folder."""
    full: dict[str, pa.Table] = {}
    for name, table in tables.items():
        for column, value in FILLERS.get(name, {}).items():
            kind = pa.date32() if column.endswith(("_date", "_due")) else pa.string()
            table = table.append_column(column, pa.array([value] * table.num_rows, type=kind))
        full[name] = table
    full["ssd_department"] = pa.table(
        {"dept_team_id": [TEAM], "dept_team_name": ["Test team"], "dept_team_parent_id": [None]},
        schema=pa.schema([("dept_team_id", pa.string()), ("dept_team_name", pa.string()),
                          ("dept_team_parent_id", pa.string())]),
    )  # fmt: skip
    for model in SCHEMA:
        if model.name not in full:
            full[model.name] = pa.table(
                {c.name: pa.array([], type=pa.string()) for c in model.columns}
            )
    write_dataset(out, full)
    return out
