"""OC2 into the data model: SDQ, convictions, immunisations and substance misuse, worked by hand.

Two returns, 2022-23 and 2023-24, of three children looked after since 2019:

* A (born 2010): 2022-23 SDQ 21, convicted, immunised, no misuse; 2023-24 no
  SDQ (reason SDQ5), not convicted, not immunised, misuse with an intervention.
* B (born 2008): 2023-24 SDQ score 55 (invalid: not carried, finding), misuse,
  no intervention received, one offered and refused; immunisations code 7
  (not a 903 code: finding, carried as given).
* C (born 2020): 2023-24 under 5: no SDQ, no conviction item, immunised.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from kpibook.model import SCHEMA
from kpibook.returns.common import Imported, write_dataset
from kpibook.returns.ssda903.read import read_903
from kpibook.returns.ssda903.write import write_903

D = dt.date
HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
    "HOME_POST,PL_POST,URN\n"
)
OC2 = (
    "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
    "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n"
)
PEOPLE = "A,1,01/05/2010,WBRI,,,\nB,2,01/05/2008,WBRI,,,\nC,1,01/05/2020,WBRI,,,\n"
CARE = (
    "A,01/02/2019,S,C2,N1,U4,PR1,,,,,,\n"
    "B,01/02/2019,S,C2,N1,U4,PR1,,,,,,\n"
    "C,01/06/2020,S,C2,N1,U4,PR1,,,,,,\n"
)


def _return(folder: Path, oc2: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "header.csv").write_text(HEADER + PEOPLE, encoding="utf-8")
    (folder / "episodes.csv").write_text(EPISODES + CARE, encoding="utf-8")
    (folder / "oc2.csv").write_text(OC2 + oc2, encoding="utf-8")
    return folder


def _read(tmp_path: Path) -> Imported:
    last = _return(tmp_path / "2022-23", "A,01/05/2010,21,,1,,1,1,1,0,,\n")
    this = _return(
        tmp_path / "2023-24",
        "A,01/05/2010,,SDQ5,0,,0,1,1,1,1,\n"
        "B,01/05/2008,55,,0,,7,1,1,1,0,1\n"
        "C,01/05/2020,,,,1,1,1,1,0,,\n",
    )
    return read_903([last, this])


def test_oc2_rows_in_the_model(tmp_path: Path) -> None:
    result = _read(tmp_path)
    t = result.tables
    assert t["ssd_sdq_scores"].to_pylist() == [
        {"csdq_table_id": "SDQ-A-2022", "csdq_person_id": "A",
         "csdq_sdq_completed_date": D(2023, 3, 31), "csdq_sdq_score": 21, "csdq_sdq_reason": None},
        {"csdq_table_id": "SDQ-A-2023", "csdq_person_id": "A",
         "csdq_sdq_completed_date": D(2024, 3, 31), "csdq_sdq_score": None,
         "csdq_sdq_reason": "SDQ5"},
    ]  # fmt: skip
    assert t["ssd_cla_convictions"].to_pylist() == [
        {"clac_cla_conviction_id": "CONV-A-2022", "clac_person_id": "A",
         "clac_cla_conviction_date": D(2023, 3, 31)},
    ]  # fmt: skip
    assert sorted(
        (r["clai_person_id"], r["clai_immunisations_status_date"], r["clai_immunisations_status"])
        for r in t["ssd_cla_immunisations"].to_pylist()
    ) == [
        ("A", D(2023, 3, 31), "Y"),
        ("A", D(2024, 3, 31), "N"),
        ("B", D(2024, 3, 31), "7"),
        ("C", D(2024, 3, 31), "Y"),
    ]
    assert [
        (r["clas_substance_misuse_id"], r["clas_substance_misuse_date"],
         r["clas_intervention_received"])
        for r in t["ssd_cla_substance_misuse"].to_pylist()
    ] == [("SM-A-2023", D(2024, 3, 31), "Y"), ("SM-B-2023", D(2024, 3, 31), "N")]  # fmt: skip
    assert t["local_substance_misuse_offers"].to_pylist() == [
        {"smo_substance_misuse_id": "SM-B-2023", "smo_person_id": "B",
         "smo_intervention_offered": "Y"},
    ]  # fmt: skip
    found = sorted((Path(p.file).name, p.row, p.column, p.rule) for p in result.findings)
    assert found == [
        ("oc2.csv", 2, "IMMUNISATIONS", "unknown-code"),
        ("oc2.csv", 2, "SDQ_SCORE", "sdq-score-invalid"),
    ]
    sources = {(p.table, p.column): p.source for p in result.provenance}
    assert (
        sources[("ssd_sdq_scores", "csdq_sdq_score")] == "SSDA903 OC2.SDQ_SCORE (2022-23, 2023-24)"
    )
    assert "31 March" in sources[("ssd_cla_immunisations", "clai_immunisations_status_date")]


def test_oc2_round_trip(tmp_path: Path) -> None:
    """Imported, then exported again: the 2023-24 OC2 items the model holds come back."""
    result = _read(tmp_path / "in")
    data = tmp_path / "data"
    write_dataset(data, result.tables, result.findings, result.provenance)
    for table in SCHEMA:  # the tables a 903 does not fill: empty
        if not (data / f"{table.name}.csv").exists():
            (data / f"{table.name}.csv").write_text(",".join(table.column_names) + "\n")
    written = write_903(data, "2023-24", tmp_path / "out")
    with written["OC2"].open(encoding="utf-8", newline="") as f:
        rows = {r["CHILD"]: r for r in csv.DictReader(f)}
    items = ("SDQ_SCORE", "SDQ_REASON", "CONVICTED", "IMMUNISATIONS", "SUBSTANCE_MISUSE",
             "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")  # fmt: skip
    got = {child: tuple(r[i] for i in items) for child, r in rows.items()}
    assert got == {
        "A": ("", "SDQ5", "0", "0", "1", "1", ""),
        # The invalid score is gone (no SDQ record: blank); immunisations '7' is no Y/N.
        "B": ("", "", "0", "", "1", "0", "1"),
        "C": ("", "", "", "1", "0", "", ""),
    }
