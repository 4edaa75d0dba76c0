"""SSD table exports into the data model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kpibook.errors import InputError
from kpibook.ingest import check_folder
from kpibook.returns.common import write_dataset
from kpibook.returns.dataset import assemble, organisation
from kpibook.returns.ssd import read_ssd


def test_reads_tables_dates_in_both_forms(tmp_path: Path) -> None:
    (tmp_path / "ssd_person.csv").write_text(
        "PERS_PERSON_ID,pers_sex,pers_dob,pers_ethnicity\nC1,M,02/01/2010,WBRI\nC2,F,2012-03-04,\n",
        encoding="utf-8",
    )
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    imported = read_ssd(tmp_path)
    person = imported.tables["ssd_person"]
    assert person.column("pers_person_id").to_pylist() == ["C1", "C2"]
    assert person.column("pers_dob").to_pylist() == [dt.date(2010, 1, 2), dt.date(2012, 3, 4)]
    assert person.column("pers_ethnicity").to_pylist() == ["WBRI", None]
    assert {(p.table, p.column) for p in imported.provenance} == {
        ("ssd_person", "pers_person_id"),
        ("ssd_person", "pers_sex"),
        ("ssd_person", "pers_dob"),
        ("ssd_person", "pers_ethnicity"),
    }
    tables, findings, provenance = assemble([imported, organisation("LA1", "Testshire")])
    write_dataset(tmp_path / "data", tables, findings, provenance)
    assert check_folder(tmp_path / "data").errors == ()


def test_every_problem_at_once(tmp_path: Path) -> None:
    (tmp_path / "ssd_person.csv").write_text(
        "pers_person_id,pers_dob\nC1,31/02/2010\nC2,yesterday\n", encoding="utf-8"
    )
    (tmp_path / "ssd_cp_plans.csv").write_text("cppl_cp_plan_id\nP1\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_ssd(tmp_path)
    where = {(Path(p.file).name, p.row, p.column) for p in caught.value.problems}
    assert ("ssd_person.csv", 1, "pers_dob") in where
    assert ("ssd_person.csv", 2, "pers_dob") in where
    assert ("ssd_cp_plans.csv", None, "cppl_person_id") in where


def test_no_tables_or_no_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no SSD tables"):
        read_ssd(tmp_path)
    with pytest.raises(InputError, match="no such folder"):
        read_ssd(tmp_path / "nope")
