"""Loading reports its progress table by table, so the CLI can show a bar."""

from __future__ import annotations

from pathlib import Path

from kpibook.ingest import check_folder
from kpibook.model import SCHEMA


def test_progress_counts_every_table_then_the_checks(dataset, tmp_path: Path) -> None:
    folder = dataset.write(tmp_path / "data")
    calls: list[tuple[str, int, int]] = []
    check_folder(folder, progress=lambda what, done, total: calls.append((what, done, total)))
    total = len(SCHEMA) + 1
    assert [done for _, done, _ in calls] == list(range(1, total + 1))
    assert {t for _, _, t in calls} == {total}
    assert calls[0][0] == f"loaded {SCHEMA.tables[0].name}"
    assert calls[-1][0] == "checked"
