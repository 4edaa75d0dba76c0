"""Structural problems: every one in every file reported at once, nothing returned."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpibook.errors import InputError
from kpibook.problems import Severity
from kpibook.returns.cin import read_cin

F = Path(__file__).parent / "fixtures"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(paths: list[Path]) -> list[tuple[str, str, int | None, int | None, str | None]]:
    with pytest.raises(InputError) as caught:
        read_cin(paths)
    assert {p.severity for p in caught.value.problems} == {Severity.ERROR}
    return [(Path(p.file).name, p.rule, p.line, p.row, p.column) for p in caught.value.problems]


def test_all_problems_in_all_files_at_once(tmp_path: Path) -> None:
    full = (F / "cin_2024.xml").read_text()
    truncated = _write(tmp_path, "truncated.xml", full[: len(full) // 2])
    no_id = _write(tmp_path, "no_id.xml", full.replace("<LAchildID>TST0000002</LAchildID>", ""))
    bad_dates = _write(
        tmp_path,
        "bad_dates.xml",
        full.replace("<CINreferralDate>2023-05-10</CINreferralDate>", "<CINreferralDate>soon"
                     "</CINreferralDate>")
        .replace("<CPPstartDate>2023-08-15</CPPstartDate>", "")
        .replace("<S47ActualStartDate>2024-03-25</S47ActualStartDate>",
                 "<S47ActualStartDate>2024-13-01</S47ActualStartDate>"),
    )  # fmt: skip
    got = _problems([F / "cin_2024.xml", truncated, no_id, bad_dates])
    assert got[0][:2] == ("truncated.xml", "xml-malformed")
    assert got[0][2] is not None  # the line is named
    assert got[1:] == [
        # line: where the child's <Child> element starts
        ("no_id.xml", "cin-key-missing", 71, 2, "ChildIdentifiers/LAchildID"),
        ("bad_dates.xml", "cin-key-unreadable", 19, 1, "CINdetails[1]/CINreferralDate"),
        ("bad_dates.xml", "cin-key-missing", 19, 1,
         "CINdetails[1]/ChildProtectionPlans[1]/CPPstartDate"),
        ("bad_dates.xml", "cin-key-unreadable", 71, 2,
         "CINdetails[1]/Section47[1]/S47ActualStartDate"),
    ]  # fmt: skip


def test_not_a_census(tmp_path: Path) -> None:
    other = _write(tmp_path, "other.xml", "<Message><Header/></Message>")
    wrong = _write(tmp_path, "wrong.xml", "<SSDA903><Header/></SSDA903>")
    assert [(n, r) for n, r, *_ in _problems([other, wrong])] == [
        ("other.xml", "cin-not-a-census"),
        ("wrong.xml", "cin-not-a-census"),
    ]


def test_billion_laughs_and_xxe_refused(tmp_path: Path) -> None:
    laughs = _write(
        tmp_path,
        "laughs.xml",
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        "<Message><Children>&lol2;</Children></Message>",
    )
    xxe = _write(
        tmp_path,
        "xxe.xml",
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<Message><Children><Child><ChildIdentifiers><LAchildID>&x;</LAchildID>"
        "</ChildIdentifiers></Child></Children></Message>",
    )
    assert [(n, r) for n, r, *_ in _problems([laughs, xxe])] == [
        ("laughs.xml", "xml-unsafe"),
        ("xxe.xml", "xml-unsafe"),
    ]


def test_missing_file_and_empty_file(tmp_path: Path) -> None:
    empty = _write(tmp_path, "empty.xml", "")
    got = _problems([tmp_path / "absent.xml", empty])
    assert [(n, r) for n, r, *_ in got] == [
        ("absent.xml", "file-unreadable"),
        ("empty.xml", "xml-malformed"),
    ]
