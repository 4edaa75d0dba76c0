"""Reading one indicator YAML file: every problem reported, each with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpibook.indicators.files import KEYS, IndicatorFile, key_line, read_definition
from kpibook.problems import Problem

GOOD = """\
id: TST-01
title: Test indicator
section: Tests
polarity: L
unit: percent
period: R12M
definition: Something counted over something else.
numerator: the things
denominator: all the things
"""


def write(tmp_path: Path, text: str, name: str = "TST-01.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def only(problems: tuple[Problem, ...]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_a_good_file(tmp_path: Path) -> None:
    model, problems = read_definition(write(tmp_path, GOOD))
    assert problems == ()
    assert isinstance(model, IndicatorFile)
    assert (model.id, model.unit, model.period) == ("TST-01", "percent", "R12M")
    assert model.polarity == "L"
    # Defaults: both cohorts, council/area/team, not external, headline 'all'.
    assert model.cohorts == ["all", "exc_uasc"]
    assert model.levels == ["council", "area", "team"]
    assert model.headline_cohort == "all"
    assert not model.external


def test_bad_yaml_syntax_gives_its_line(tmp_path: Path) -> None:
    text = GOOD.replace("numerator: the things", "numerator: [the things")
    model, problems = read_definition(write(tmp_path, text))
    assert model is None
    problem = only(problems)
    assert "not valid YAML" in problem.message
    # The unclosed bracket opens on line 8; the parser notices on the next line.
    assert problem.line in (8, 9)
    assert problem.file == str(tmp_path / "TST-01.yaml")
    assert "line" in str(problem)


def test_unknown_key_gives_the_line_of_the_key(tmp_path: Path) -> None:
    model, problems = read_definition(write(tmp_path, GOOD + "numerater: typo\n"))
    assert model is None
    problem = only(problems)
    assert problem.message == "unknown key 'numerater'"
    assert problem.line == 10


def test_missing_required_key(tmp_path: Path) -> None:
    text = GOOD.replace("title: Test indicator\n", "")
    _, problems = read_definition(write(tmp_path, text))
    problem = only(problems)
    assert problem.message == "required key 'title' is missing"
    assert problem.line == 1  # nowhere to point: the top of the file


def test_wrong_enum_value(tmp_path: Path) -> None:
    _, problems = read_definition(write(tmp_path, GOOD.replace("polarity: L", "polarity: X")))
    problem = only(problems)
    assert problem.message.startswith("'polarity':")
    assert "'H', 'L' or 'T'" in problem.message
    assert problem.line == 4


def test_every_problem_in_the_file_at_once(tmp_path: Path) -> None:
    text = (
        GOOD.replace("polarity: L", "polarity: X")
        .replace("period: R12M", "period: monthly")
        .replace("title: Test indicator\n", "")
        + "colour: red\n"
        + "cohorts: [all, children]\n"
    )
    _, problems = read_definition(write(tmp_path, text))
    found = {(p.message.split(":")[0], p.line) for p in problems}
    assert found == {
        ("required key 'title' is missing", 1),
        ("'polarity'", 3),
        ("'period'", 5),
        ("unknown key 'colour'", 9),
        ("'cohorts.1'", 10),
    }


def test_unknown_nested_key_points_at_its_parent(tmp_path: Path) -> None:
    text = GOOD + "national:\n  code: LAIT 1\n  name: A measure\n  url: http://x\n"
    _, problems = read_definition(write(tmp_path, text))
    problem = only(problems)
    assert problem.message == "unknown key 'national.url'"
    assert problem.line == 10


def test_duplicate_key(tmp_path: Path) -> None:
    model, problems = read_definition(write(tmp_path, GOOD + "unit: count\n"))
    problem = only(problems)
    assert "'unit' appears twice (first on line 5)" in problem.message
    assert problem.line == 10
    assert model is not None  # the file is otherwise readable


@pytest.mark.parametrize("text", ["", "- a\n- b\n", "just text\n"])
def test_not_a_mapping(tmp_path: Path, text: str) -> None:
    model, problems = read_definition(write(tmp_path, text))
    assert model is None
    assert "not a YAML mapping" in only(problems).message


@pytest.mark.parametrize("bad", ["scs-01", "SCS01", "SCS_01", "1-SCS", "SCS-01-"])
def test_id_shape(tmp_path: Path, bad: str) -> None:
    _, problems = read_definition(write(tmp_path, GOOD.replace("id: TST-01", f"id: {bad}")))
    problem = only(problems)
    assert "not a valid indicator id" in problem.message
    assert problem.line == 1


@pytest.mark.parametrize(
    ("key", "value"), [("cohorts", "[]"), ("levels", "[]"), ("levels", "[team, team]")]
)
def test_lists_must_be_non_empty_and_distinct(tmp_path: Path, key: str, value: str) -> None:
    _, problems = read_definition(write(tmp_path, GOOD + f"{key}: {value}\n"))
    assert only(problems).line == 10


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "TST-01.yaml"
    path.write_bytes(b"id: \xff\xfe\n")
    model, problems = read_definition(path)
    assert model is None
    assert "cannot read" in only(problems).message


def test_key_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    assert key_line(path, "unit") == 5
    assert key_line(path, "absent") == 1
    assert key_line(tmp_path / "missing.yaml", "id") == 1


def test_keys_are_the_model_fields() -> None:
    assert set(KEYS) == set(IndicatorFile.model_fields)
    assert {"id", "title", "unit", "period", "sql", "external", "requires"} <= set(KEYS)
