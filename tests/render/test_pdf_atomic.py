"""write_atomically: a file is replaced whole or not at all (used by every renderer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpibook.render.atomic import write_atomically


def test_text_bytes_and_writer(tmp_path: Path) -> None:
    assert write_atomically(tmp_path / "a.html", "<p>é</p>") == tmp_path / "a.html"
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == "<p>é</p>"
    write_atomically(tmp_path / "b.pdf", b"%PDF-1.7")
    assert (tmp_path / "b.pdf").read_bytes() == b"%PDF-1.7"
    write_atomically(tmp_path / "c.xlsx", lambda path: path.write_bytes(b"PK"))
    assert (tmp_path / "c.xlsx").read_bytes() == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "b.pdf", "c.xlsx"]


def test_a_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "scorecard.pdf"
    target.write_bytes(b"old")

    def broken(path: Path) -> None:
        path.write_bytes(b"half a fi")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_atomically(target, broken)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["scorecard.pdf"]


def test_a_failure_writes_nothing_new(tmp_path: Path) -> None:
    def broken(path: Path) -> None:
        raise ValueError("no")

    with pytest.raises(ValueError):
        write_atomically(tmp_path / "new.html", broken)
    assert list(tmp_path.iterdir()) == []


def test_permissions(tmp_path: Path) -> None:
    write_atomically(tmp_path / "new.html", "x")
    assert (tmp_path / "new.html").stat().st_mode & 0o777 == 0o644
    existing = tmp_path / "kept.html"
    existing.write_text("old")
    existing.chmod(0o600)
    write_atomically(existing, "new")
    assert existing.stat().st_mode & 0o777 == 0o600 and existing.read_text() == "new"


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomically(tmp_path / "nowhere" / "a.html", "x")
