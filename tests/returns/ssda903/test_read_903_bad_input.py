"""Structural problems stop the 903 import with every problem listed, and nothing is returned."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kpibook.errors import InputError
from kpibook.problems import Problem, Severity
from kpibook.returns.common import write_dataset
from kpibook.returns.ssda903.read import read_903, year_in_name

GOOD = Path(__file__).parent / "fixtures" / "read" / "handworked"


def copy_good(tmp_path: Path, name: str = "return") -> Path:
    folder = tmp_path / name
    shutil.copytree(GOOD, folder)
    return folder


def problems_of(sources: list[Path]) -> tuple[Problem, ...]:
    with pytest.raises(InputError) as caught:
        read_903(sources)
    problems = caught.value.problems
    assert problems
    assert all(p.severity is Severity.ERROR for p in problems)
    return problems


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_wrong_columns_name_the_nearest_table(tmp_path: Path) -> None:
    folder = copy_good(tmp_path)
    edit(folder / "episodes.csv", ",URN\n", "\n")
    edit(folder / "episodes.csv", ",SC123456\n", "\n")
    (p,) = [p for p in problems_of([folder]) if p.rule == "unknown-table"]
    assert p.file.endswith("episodes.csv")
    assert p.line == 1
    assert "nearest is Episodes" in p.message
    assert "missing URN" in p.message


def test_every_problem_in_every_file_is_reported_at_once(tmp_path: Path) -> None:
    folder = copy_good(tmp_path)
    edit(folder / "episodes.csv", "A1,10/05/2023", "A1,32/05/2023")
    edit(folder / "reviews.csv", "B2,20/01/2007", ",20/01/2007")
    edit(folder / "missing.csv", "M,03/09/2023,05/09/2023", "M,03/09/2023,05/09/2023,extra")
    (folder / "uasc.csv").write_bytes("CHILD,SEX,DOB,DUC\r\n".encode("utf-16"))
    problems = problems_of([folder])
    found = {(Path(p.file).name, p.rule, p.row, p.column) for p in problems}
    assert found == {
        ("episodes.csv", "key-date-unreadable", 1, "DECOM"),
        ("reviews.csv", "key-field-missing", 3, "CHILD"),
        ("missing.csv", "row-width", 1, None),
        ("uasc.csv", "not-utf8", None, None),
    }


def test_an_unreadable_end_date_stops_the_import(tmp_path: Path) -> None:
    folder = copy_good(tmp_path)
    edit(folder / "episodes.csv", "01/08/2023,X1,,", "2023-13-01,X1,,")
    (p,) = problems_of([folder])
    assert (p.rule, p.row, p.column) == ("key-date-unreadable", 1, "DEC")


def test_nothing_is_written_when_the_import_fails(tmp_path: Path) -> None:
    folder = copy_good(tmp_path)
    edit(folder / "episodes.csv", "A1,10/05/2023", "A1,tomorrow")
    out = tmp_path / "dataset"
    with pytest.raises(InputError):
        result = read_903([folder])
        write_dataset(out, result.tables, result.findings, result.provenance)
    assert not out.exists()


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("<?xml version='1.0'?><EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID>", "xml-malformed"),
        (
            "<?xml version='1.0'?><!DOCTYPE l [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]>"
            "<EXPSSDA903>&b;</EXPSSDA903>",
            "xml-unsafe",
        ),
        (
            "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
            "<EXPSSDA903>&e;</EXPSSDA903>",
            "xml-unsafe",
        ),
        ("<?xml version='1.0'?><CINCensus/>", "xml-not-903"),
        ("<?xml version='1.0'?><EXPSSDA903/>", "xml-empty"),
        ("<EXPSSDA903><CHILD><EPISODE/></CHILD></EXPSSDA903>", "xml-header"),
    ],
)
def test_bad_xml(tmp_path: Path, text: str, rule: str) -> None:
    path = tmp_path / "return.xml"
    path.write_text(text, encoding="utf-8")
    (p,) = problems_of([path])
    assert p.rule == rule
    assert p.file == str(path.resolve())


def test_xml_key_problems_name_the_child_and_element(tmp_path: Path) -> None:
    path = tmp_path / "return.xml"
    path.write_text(
        "<EXPSSDA903><CHILD><HEADER><CHILDID>7</CHILDID><DOB>01/01/2010</DOB></HEADER>"
        "<EPISODE><DECOM>01/05/2023</DECOM></EPISODE><EPISODE><DECOM>31/02/2023</DECOM>"
        "</EPISODE></CHILD></EXPSSDA903>",
        encoding="utf-8",
    )
    (p,) = problems_of([path])
    assert (p.rule, p.row, p.column) == ("key-date-unreadable", 1, "EPISODE[2]/DECOM")


def test_sources_that_are_not_903(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    rules = sorted(p.rule for p in problems_of([empty, other, tmp_path / "absent"]))
    assert rules == ["no-903-files", "source-missing", "unknown-file-type"]


def test_two_returns_for_one_year_and_a_year_that_cannot_be_told(tmp_path: Path) -> None:
    first = copy_good(tmp_path, "a")
    second = copy_good(tmp_path, "b")
    assert {p.rule for p in problems_of([first, second])} == {"duplicate-year"}
    lone = tmp_path / "lone"
    lone.mkdir()
    shutil.copy(GOOD / "header.csv", lone / "header.csv")
    assert {p.rule for p in problems_of([lone])} == {"year-unknown"}


def test_duplicate_table_in_one_return(tmp_path: Path) -> None:
    folder = copy_good(tmp_path)
    shutil.copy(folder / "episodes.csv", folder / "episodes_copy.csv")
    assert {p.rule for p in problems_of([folder])} == {"duplicate-table"}


def test_year_in_name() -> None:
    assert year_in_name("2023-24") == 2023
    assert year_in_name("ssda903_2023_24_episodes.csv") == 2023
    assert year_in_name("SSDA903_2024_episodes.csv") == 2023
    assert year_in_name("2022-header.csv") == 2021
    assert year_in_name("episodes.csv") is None
