"""Running the generator: shard planning and atomic output."""

from __future__ import annotations

from pathlib import Path

import pytest
from councils import small_request

from kpibook.synth.run import generate, plan_shards


def test_shards_cover_every_district_and_the_county_service_once_per_unit_of_scale() -> None:
    specs = plan_shards(2.5)
    assert len(specs) == 3 * 13
    assert [s.index for s in specs] == list(range(len(specs)))
    assert {s.share for s in specs} == {2.5 / 3}
    assert sum(1 for s in specs if s.district_id is None) == 3


def test_scale_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        plan_shards(0)


def test_interrupted_run_leaves_previous_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "council"
    out.mkdir()
    (out / "ssd_person.csv").write_text("previous good output\n", encoding="utf-8")

    def interrupt(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        generate(small_request(out), progress=interrupt)
    assert (out / "ssd_person.csv").read_text(encoding="utf-8") == "previous good output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["council"]


def test_successful_run_replaces_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "council"
    out.mkdir()
    (out / "stale.txt").write_text("old", encoding="utf-8")
    generate(small_request(out))
    assert not (out / "stale.txt").exists()
    assert (out / "ssd_person.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["council"]
