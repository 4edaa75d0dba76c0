"""Data-quality findings are recorded with file, row, column and rule; the import completes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpibook.problems import Severity
from kpibook.returns.ssda903.read import read_903

D = dt.date
HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
    "HOME_POST,PL_POST,URN\n"
)


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_each_finding_and_what_happens_to_the_row(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "2023-24",
        {
            "header.csv": HEADER + "C1,1,xx/01/2012,WBRI,,,\nC2,3,01/02/2013,WBRI,,,\n",
            "episodes.csv": EPISODES
            # C1: unknown placement code, then an episode still open when the next starts
            + "C1,01/05/2023,S,C2,N1,ZZ,PR1,,,,,,\n"
            + "C1,01/07/2023,P,C2,N1,U4,PR1,,,,,,\n"
            # C2: the same episode twice, and one ending before it starts
            + "C2,01/06/2023,S,V2,N2,U6,PR4,01/05/2023,E4A,,,,\n"
            + "C2,01/06/2023,S,V2,N2,U6,PR4,01/05/2023,E4A,,,,\n",
            "reviews.csv": "CHILD,DOB,REVIEW,REVIEW_CODE\nC1,,01/04/2023,PN1\n",
            "missing.csv": "CHILD,DOB,MISSING,MIS_START,MIS_END\nC9,,M,05/06/2023,01/06/2023\n",
        },
    )
    result = read_903([folder])
    found = sorted((Path(p.file).name, p.row, p.column, p.rule) for p in result.findings)
    assert found == [
        ("episodes.csv", 1, "DEC", "overlapping-episodes"),
        ("episodes.csv", 1, "PLACE", "unknown-code"),
        ("episodes.csv", 3, "DEC", "end-before-start"),
        ("episodes.csv", 4, "DECOM", "duplicate-row"),
        ("header.csv", 1, "DOB", "date-unreadable"),
        ("header.csv", 2, "SEX", "unknown-code"),
        ("missing.csv", 1, "CHILD", "child-not-in-header"),
        ("missing.csv", 1, "MIS_END", "end-before-start"),
        ("reviews.csv", 1, "REVIEW", "review-outside-care"),
    ]
    assert all(p.severity is Severity.WARNING for p in result.findings)
    episodes = result.tables["ssd_cla_episodes"].to_pylist()
    # The overlap is trimmed: the first episode ends the day the second starts, with X1;
    # the unknown code is carried as given; the duplicate is dropped.
    assert [
        (
            e["clae_cla_episode_id"],
            e["clae_cla_episode_ceased_date"],
            e["clae_cla_episode_ceased_reason"],
        )
        for e in episodes
    ] == [
        ("EP-C1-20230501", D(2023, 7, 1), "X1"),
        ("EP-C1-20230701", None, None),
        ("EP-C2-20230601", D(2023, 5, 1), "E4A"),
    ]
    places = result.tables["ssd_cla_placement"].to_pylist()
    assert places[0]["clap_cla_placement_type"] == "ZZ"
    people = {p["pers_person_id"]: p for p in result.tables["ssd_person"].to_pylist()}
    assert people["C1"]["pers_dob"] is None
    assert people["C2"]["pers_sex"] == "3"
    assert people["C9"]["pers_sex"] is None
    (review,) = result.tables["ssd_cla_reviews"].to_pylist()
    assert review["clar_cla_id"] is None
    (missing,) = result.tables["ssd_missing"].to_pylist()
    assert missing["miss_missing_episode_end_date"] == D(2023, 6, 1)


def test_a_gap_without_a_new_start_begins_a_new_period(tmp_path: Path) -> None:
    folder = write(
        tmp_path / "r",
        {
            "header.csv": HEADER + "C1,1,01/01/2012,WBRI,,,\n",
            "episodes.csv": EPISODES
            + "C1,01/05/2023,S,C2,N1,U4,PR1,01/06/2023,E4A,,,,\n"
            + "C1,01/09/2023,P,C2,N1,U4,PR1,,,,,,\n",
        },
    )
    result = read_903([folder])
    assert [(p.rule, p.row) for p in result.findings] == [("gap-before-episode", 2)]
    periods = [e["clae_cla_id"] for e in result.tables["ssd_cla_episodes"].to_pylist()]
    assert periods == ["CLA-C1-20230501", "CLA-C1-20230901"]
