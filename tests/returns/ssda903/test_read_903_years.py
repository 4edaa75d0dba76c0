"""Several collection years at once: later returns supersede earlier ones for the same child.

Two returns, worked by hand:

2022-23 (folder ``ssda903_2023``: a lone year names the year ending March 2023)
  C: 01/06/2021-10/10/2022 (X1), then 10/10/2022 open at 31/03/2023.
  D: 01/02/2023 open at 31/03/2023; D is in no later return.
  Reviews of C: 01/03/2023 and (wrongly) 02/04/2023.
2023-24 (folder ``2023-24``)
  C: 10/10/2022-05/05/2023 (X1, the same episode now ended), 05/05/2023 open.
  Reviews of C: 01/03/2023 (again, PN2 now) and 01/09/2023.

Expected: C keeps 2022-23's first episode (it ended before 1 April 2023 and no
later than 2023-24's first episode starts) and 2023-24's two; D's open episode
is closed on 31/03/2023 with a finding; C's header is 2023-24's; the review
dated 02/04/2023 in 2022-23 is dropped (2023-24 covers that day), and the
review of 01/03/2023 is 2023-24's row.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpibook.returns.ssda903.read import read_903

D = dt.date
HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
    "HOME_POST,PL_POST,URN\n"
)
REVIEWS = "CHILD,DOB,REVIEW,REVIEW_CODE\n"


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def two_years(tmp_path: Path) -> list[Path]:
    early = write(
        tmp_path / "ssda903_2023",
        {
            "header.csv": HEADER + "C,1,01/01/2012,WOTH,,,\nD,2,01/01/2014,WBRI,,,\n",
            "episodes.csv": EPISODES
            + "C,01/06/2021,S,C2,N1,U4,PR1,10/10/2022,X1,CARPL,,,\n"
            + "C,10/10/2022,P,C2,N1,U6,PR4,,,,,,\n"
            + "D,01/02/2023,S,V2,N5,U6,PR4,,,,,,\n",
            "reviews.csv": REVIEWS + "C,01/01/2012,01/03/2023,PN1\nC,01/01/2012,02/04/2023,PN1\n",
        },
    )
    late = write(
        tmp_path / "2023-24",
        {
            "header.csv": HEADER + "C,1,01/01/2012,WBRI,,,\n",
            "episodes.csv": EPISODES
            + "C,10/10/2022,P,C2,N1,U6,PR4,05/05/2023,X1,CREQB,,,\n"
            + "C,05/05/2023,P,C2,N1,K2,PR4,,,,,,\n",
            "reviews.csv": REVIEWS + "C,01/01/2012,01/03/2023,PN2\nC,01/01/2012,01/09/2023,PN1\n",
        },
    )
    return [late, early]


def test_episodes_superseded_and_closed(tmp_path: Path) -> None:
    result = read_903(two_years(tmp_path))
    episodes = result.tables["ssd_cla_episodes"].to_pylist()
    assert [
        (
            e["clae_cla_episode_id"],
            e["clae_cla_episode_ceased_date"],
            e["clae_cla_episode_ceased_reason"],
            e["clae_cla_id"],
        )
        for e in episodes
    ] == [
        ("EP-C-20210601", D(2022, 10, 10), "X1", "CLA-C-20210601"),
        ("EP-C-20221010", D(2023, 5, 5), "X1", "CLA-C-20210601"),
        ("EP-C-20230505", None, None, "CLA-C-20210601"),
        ("EP-D-20230201", D(2023, 3, 31), None, "CLA-D-20230201"),
    ]
    (closed,) = result.findings
    assert (closed.rule, Path(closed.file).parent.name, closed.row, closed.column) == (
        "open-episode-closed",
        "ssda903_2023",
        3,
        "DEC",
    )
    places = result.tables["ssd_cla_placement"].to_pylist()
    pairs = [(p["clap_cla_placement_type"], p["clap_cla_placement_change_reason"]) for p in places]
    assert pairs == [
        ("U4", "CARPL"),
        ("U6", "CREQB"),
        ("K2", None),
        ("U6", None),
    ]


def test_header_and_reviews(tmp_path: Path) -> None:
    result = read_903(two_years(tmp_path))
    people = {
        p["pers_person_id"]: p["pers_ethnicity"] for p in result.tables["ssd_person"].to_pylist()
    }
    assert people == {"C": "WBRI", "D": "WBRI"}
    reviews = result.tables["ssd_cla_reviews"].to_pylist()
    assert [(r["clar_cla_review_date"], r["clar_cla_review_participation"]) for r in reviews] == [
        (D(2023, 3, 1), "PN2"),
        (D(2023, 9, 1), "PN1"),
    ]
    sources = {(p.table, p.column): p.source for p in result.provenance}
    assert sources[("ssd_cla_episodes", "clae_cla_episode_start_date")] == (
        "SSDA903 Episodes.DECOM (2022-23, 2023-24)"
    )


def test_years_in_one_folder_by_file_name(tmp_path: Path) -> None:
    """The demand model's samples keep several years in one folder: 2023-header.csv, ..."""
    folder = tmp_path / "combined"
    folder.mkdir()
    for source in two_years(tmp_path / "src"):
        prefix = "2023" if source.name == "ssda903_2023" else "2024"
        for f in source.iterdir():
            (folder / f"{prefix}-{f.name}").write_bytes(f.read_bytes())
    expected = read_903(two_years(tmp_path / "again"))
    result = read_903([folder])
    for name, table in expected.tables.items():
        assert result.tables[name].to_pylist() == table.to_pylist(), name
