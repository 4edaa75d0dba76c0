"""Files shaped like the sector's public fake 903 files import with the expected rows.

fixtures/read/fake_shaped/ holds all eleven CSV tables under the validator's
fake-data file names (header.csv, episodes.csv, ..., sw_episodes.csv), with
numeric child ids and four-digit years; fixtures/read/fake_shaped.xml holds
the same children as a synthesizer-style XML file (no whitespace, empty
elements written ``<UASC />``, ``PL`` for the placement, ASCII encoding).
The children: 100001 adopted (decision 15/03/2023, matched 01/05/2023,
placed A6 10/05/2023, adopted 20/01/2024); 100002 in care since 2020 with two
social workers and one "away" episode; 100003 a care leaver aged 19 (OC3);
100004 a UASC child with a previous-permanence row.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpibook.returns.ssda903.read import read_903

HERE = Path(__file__).parent / "fixtures" / "read"
D = dt.date


def test_csv_tables_recognised_and_counted() -> None:
    result = read_903([HERE / "fake_shaped"])
    counts = {name: t.num_rows for name, t in result.tables.items()}
    assert counts == {
        "ssd_person": 4,
        "ssd_immigration_status": 1,
        "ssd_address": 3,
        "ssd_cla_episodes": 4,
        "ssd_cla_placement": 4,
        "ssd_legal_status": 4,
        "ssd_cla_reviews": 4,
        "ssd_missing": 1,
        "ssd_permanence": 1,
        "ssd_care_leavers": 1,
        "ssd_involvements": 2,
        # OC2 of 100002: an SDQ score and immunisations up to date; no conviction, no misuse.
        "ssd_sdq_scores": 1,
        "ssd_cla_convictions": 0,
        "ssd_cla_immunisations": 1,
        "ssd_cla_substance_misuse": 0,
        "local_substance_misuse_offers": 0,
    }
    assert result.findings == ()


def test_adoption_care_leaver_and_social_workers() -> None:
    result = read_903([HERE / "fake_shaped"])
    assert result.tables["ssd_permanence"].to_pylist() == [
        {
            "perm_table_id": "PM-100001-20230315",
            "perm_person_id": "100001",
            "perm_cla_id": "CLA-100001-20220202",
            "perm_adm_decision_date": D(2023, 3, 15),
            "perm_matched_date": D(2023, 5, 1),
            "perm_adopter_sex": "MF",
            "perm_adopter_legal_status": "L11",
            "perm_number_of_adopters": 2,
            "perm_placement_order_date": D(2023, 5, 10),
            "perm_placed_for_adoption_date": D(2023, 5, 10),
            "perm_adopted_by_carer_flag": "N",
            "perm_placed_foster_carer_date": None,
            "perm_placed_ffa_cp_date": None,
            "perm_decision_reversed_date": None,
            "perm_decision_reversed_reason": None,
            "perm_permanence_order_date": D(2024, 1, 20),
            "perm_permanence_order_type": "ADOPTION",
        }
    ]
    assert result.tables["ssd_care_leavers"].to_pylist() == [
        {
            "clea_table_id": "CL-100003-2023",
            "clea_person_id": "100003",
            "clea_care_leaver_eligibility": "FORMER_RELEVANT",
            "clea_care_leaver_in_touch": "YES",
            "clea_care_leaver_latest_contact": D(2023, 7, 12),
            "clea_care_leaver_accommodation": "D",
            "clea_care_leaver_accom_suitable": "1",
            "clea_care_leaver_activity": "F2",
        }
    ]
    workers = result.tables["ssd_involvements"].to_pylist()
    assert [
        (
            w["invo_professional_id"],
            w["invo_involvement_start_date"],
            w["invo_involvement_end_date"],
            w["invo_worker_change_reason"],
        )
        for w in workers
    ] == [
        ("SW0001", D(2020, 9, 14), D(2023, 6, 30), None),
        ("SW0002", D(2023, 6, 30), None, "LEFTRL"),
    ]
    assert {w["invo_professional_role_id"] for w in workers} == {"CW"}


def test_xml_gives_the_same_tables_as_the_csvs() -> None:
    csv = read_903([HERE / "fake_shaped"])
    xml = read_903([HERE / "fake_shaped.xml"])
    assert xml.findings == ()
    for name, table in csv.tables.items():
        if name == "ssd_involvements":  # social worker episodes come in the CSV form only
            assert xml.tables[name].num_rows == 0
            continue
        assert xml.tables[name].to_pylist() == table.to_pylist(), name


def test_files_given_one_by_one_and_in_any_case_are_recognised(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for src in (HERE / "fake_shaped").iterdir():
        lines = src.read_text(encoding="utf-8").splitlines()
        header = ",".join(reversed(lines[0].lower().split(",")))
        body = [",".join(reversed(line.split(","))) for line in lines[1:]]
        (folder / f"export_{src.stem.upper()}.CSV").write_text(
            "\ufeff" + "\r\n".join([header, *body]) + "\r\n", encoding="utf-8"
        )
    files = sorted(folder.iterdir())
    result = read_903(files)
    expected = read_903([HERE / "fake_shaped"])
    for name, table in expected.tables.items():
        assert result.tables[name].to_pylist() == table.to_pylist(), name


def test_trailing_empty_columns_from_a_spreadsheet_are_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "excel"
    folder.mkdir()
    for src in (HERE / "fake_shaped").iterdir():
        lines = src.read_text(encoding="utf-8").splitlines()
        (folder / src.name).write_text("\n".join(f"{line},," for line in lines), encoding="utf-8")
    expected = read_903([HERE / "fake_shaped"])
    result = read_903([folder])
    for name, table in expected.tables.items():
        assert result.tables[name].to_pylist() == table.to_pylist(), name
