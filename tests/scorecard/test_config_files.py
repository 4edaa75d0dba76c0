"""Council profile and commentary files: read, and refused with file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kpibook.errors import InputError
from kpibook.pipeline.inputs import example_file
from kpibook.scorecard.config_files import read_commentary, read_profile

AUGUST = dt.date(2016, 8, 31)


def test_shipped_examples_read() -> None:
    profile = read_profile(example_file("profile.yaml"))
    assert profile.title == "Specialist Children's Services Performance Management Scorecard"
    notes = read_commentary(example_file("commentary.yaml"), AUGUST)
    assert set(notes) == {"SCS-08", "SCS-09", "SCS-17", "SCS-25", "SCS-32", "SCS-44"}
    assert notes["SCS-09"].text.startswith("Performance has improved")


def test_profile_problems_all_at_once_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text("council: Testshire\ntitel: Scorecard\nportfolio: [a]\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_profile(path)
    found = {(p.line, p.message) for p in caught.value.problems}
    assert (2, "unknown key 'titel'") in found
    assert (3, "'portfolio': Input should be a valid string") in found
    assert any("'short_name' is missing" in m for _, m in found)
    assert all(p.file == str(path) for p in caught.value.problems)


def test_commentary_for_another_month_refused(tmp_path: Path) -> None:
    path = tmp_path / "commentary.yaml"
    path.write_text("month: 2016-07\nindicators:\n  SCS-09: {text: Old words.}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_commentary(path, AUGUST)
    [problem] = caught.value.problems
    assert problem.line == 1 and "is for 2016-07 but the pack is for 2016-08" in problem.message


def test_commentary_shape_problems(tmp_path: Path) -> None:
    path = tmp_path / "commentary.yaml"
    path.write_text("month: August\nindicators:\n  SCS-09: {txt: Words.}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_commentary(path, AUGUST)
    lines = sorted((p.line or 0) for p in caught.value.problems)
    assert lines == [1, 3, 3]  # bad month; unknown key 'txt'; missing 'text'


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text("council: a\ntitle: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_profile(path)
    assert caught.value.problems[0].line is not None
