"""Loading a folder into DuckDB: typed tables, row numbers, formats, failure modes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import duckdb
import pytest

from kpibook.errors import InputError
from kpibook.ingest import load_folder, load_or_fail
from kpibook.model import SCHEMA, Schema
from kpibook.problems import Severity


def only_tables(*names: str) -> Schema:
    return Schema(tuple(SCHEMA.table(n) for n in names))


def test_valid_minimal_folder_has_no_problems(dataset, check) -> None:
    report = check(dataset, strict=True)
    assert report.problems == ()
    assert report.ok
    assert report.row_counts["ssd_person"] == 3
    assert len(report.files) == len(SCHEMA)


def test_parquet_input_works(dataset, check) -> None:
    report = check(dataset, fmt="parquet", strict=True)
    assert report.problems == ()
    assert report.files["ssd_person"] == "ssd_person.parquet"
    assert report.row_counts["local_population"] == 2


def test_parquet_problems_name_the_row(dataset, check, only) -> None:
    dataset.set("ssd_person", 3, "pers_sex", "X")
    problem = only(check(dataset, fmt="parquet", tables=("ssd_person",)), "unknown-code")
    assert (problem.file, problem.row, problem.column) == ("ssd_person.parquet", 3, "pers_sex")


def test_tables_are_typed_as_the_model_says(dataset, tmp_path, today) -> None:
    dataset.set("ssd_person", 1, "pers_dob", "04/03/2012")
    dataset.set("ssd_person", 2, "pers_dob", "2015-06-07 00:00:00.000")
    schema = only_tables("ssd_person", "local_workforce", "local_population")
    result = load_folder(dataset.write(tmp_path / "d", schema=schema), schema=schema, today=today)
    assert result.problems == ()
    types = dict(
        result.con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'local_workforce'"
        ).fetchall()
    )
    assert types["month_end"] == "DATE"
    assert types["posts_fte"] == "DOUBLE"
    dobs = result.con.execute("SELECT pers_dob FROM ssd_person").fetchall()
    assert dobs == [(dt.date(2012, 3, 4),), (dt.date(2015, 6, 7),), (dt.date(2006, 9, 10),)]
    population = result.con.execute("SELECT age, population FROM local_population").fetchall()
    assert population == [(0, 1000), (1, 1010)]


def test_values_are_trimmed_and_null_markers_are_missing(dataset, tmp_path, today) -> None:
    dataset.set("ssd_person", 1, "pers_sex", "  M ")
    dataset.set("ssd_person", 2, "pers_ethnicity", "NULL")
    dataset.set("ssd_cin_episodes", 1, "cine_referral_nfa", "n")
    schema = only_tables("ssd_person", "ssd_cin_episodes")
    result = load_folder(dataset.write(tmp_path / "d", schema=schema), schema=schema, today=today)
    assert result.problems == ()
    con = result.con
    assert con.execute("SELECT pers_sex, pers_ethnicity FROM ssd_person").fetchall()[:2] == [
        ("M", "WBRI"),
        ("F", None),
    ]
    assert con.execute("SELECT cine_referral_nfa FROM ssd_cin_episodes").fetchall()[0] == ("N",)


def test_absent_optional_column_loads_as_null(dataset, tmp_path, today) -> None:
    dataset.headers["ssd_person"].remove("pers_ethnicity")
    schema = only_tables("ssd_person")
    result = load_folder(dataset.write(tmp_path / "d", schema=schema), schema=schema, today=today)
    assert result.problems == ()
    assert result.con.execute("SELECT count(pers_ethnicity) FROM ssd_person").fetchone() == (0,)


def test_absent_optional_table_loads_as_empty_typed_table(dataset, tmp_path, today) -> None:
    optional = dataclasses.replace(SCHEMA.table("local_complaints"), required=False)
    schema = Schema((SCHEMA.table("ssd_person"), optional))
    dataset.skip.add("local_complaints")
    result = load_folder(dataset.write(tmp_path / "d", schema=schema), schema=schema, today=today)
    assert result.problems == ()
    assert result.row_counts["local_complaints"] == 0
    assert "local_complaints" not in result.files
    columns = result.con.execute("DESCRIBE local_complaints").fetchall()
    assert [(c[0], c[1]) for c in columns][:3] == [
        ("complaint_id", "VARCHAR"),
        ("complaint_person_id", "VARCHAR"),
        ("complaint_received_date", "DATE"),
    ]


def test_row_numbers_count_data_rows_from_one(dataset, check, only) -> None:
    dataset.set("ssd_person", 3, "pers_sex", "Z")
    problem = only(check(dataset, tables=("ssd_person",)), "unknown-code")
    assert problem.row == 3
    assert "row 3" in problem.location


def test_row_numbers_hold_in_a_large_file(dataset, check, only) -> None:
    base = dataset.rows["ssd_disability"][0]
    dataset.rows["ssd_disability"] = [{**base, "disa_table_id": f"D{i}"} for i in range(1, 30_001)]
    dataset.set("ssd_disability", 29_876, "disa_disability_code", "WINGS")
    problem = only(check(dataset, tables=("ssd_person", "ssd_disability")), "unknown-code")
    assert problem.row == 29_876


def test_all_problems_are_reported_at_once(dataset, check) -> None:
    dataset.set("ssd_cp_plans", 1, "cppl_cp_plan_initial_category", "XYZ")
    dataset.headers["ssd_contacts"].remove("cont_contact_date")
    report = check(dataset)
    rules = {(p.rule, p.file) for p in report.problems}
    assert rules == {
        ("unknown-code", "ssd_cp_plans.csv"),
        ("missing-column", "ssd_contacts.csv"),
    }
    assert not report.ok


def test_load_or_fail_raises_with_every_problem(dataset, tmp_path, today) -> None:
    dataset.skip.add("ssd_person")
    dataset.set("ssd_cp_plans", 1, "cppl_cp_plan_initial_category", "XYZ")
    schema = only_tables("ssd_person", "ssd_cp_plans")
    with pytest.raises(InputError) as raised:
        load_or_fail(dataset.write(tmp_path / "d", schema=schema), schema=schema, today=today)
    rules = {p.rule for p in raised.value.problems}
    assert {"missing-file", "unknown-code"} <= rules
    assert "nothing was written" in str(raised.value)


def test_load_or_fail_returns_data_with_only_warnings(dataset, tmp_path, today) -> None:
    dataset.set("ssd_cp_plans", 1, "cppl_cp_plan_initial_category", "XYZ")
    schema = only_tables("ssd_cp_plans")
    result = load_or_fail(dataset.write(tmp_path / "d", schema=schema), schema=schema, today=today)
    assert [p.severity for p in result.problems] == [Severity.WARNING]
    assert result.con.execute("SELECT count(*) FROM ssd_cp_plans").fetchone() == (1,)


def test_loads_into_a_given_connection_and_leaves_no_staging(
    dataset, tmp_path: Path, today
) -> None:
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    schema = only_tables("ssd_person", "ssd_disability")
    folder = dataset.write(tmp_path / "d", schema=schema)
    result = load_folder(folder, con, schema=schema, today=today)
    assert result.con is con
    names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert names == {"ssd_person", "ssd_disability"}
    setting = con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()
    assert setting == (False,)


_IMMUNISATION_KEY = "clai_person_id, clai_immunisations_status_date"


def test_oc2_tables_check_codes_flags_keys_and_references(dataset, check) -> None:
    """The SSD's SDQ, immunisation and substance misuse tables are checked like the others."""
    dataset.set("ssd_sdq_scores", 2, "csdq_sdq_reason", "SDQ9")
    dataset.set("ssd_cla_immunisations", 1, "clai_immunisations_status", "X")
    dataset.set("ssd_cla_immunisations", 2, "clai_immunisations_status_date", "2023-09-01")
    dataset.set("ssd_cla_convictions", 1, "clac_person_id", "P9")
    dataset.set("local_substance_misuse_offers", 1, "smo_substance_misuse_id", "SM2")
    report = check(dataset)
    found = {(p.rule, p.file, p.row, p.column) for p in report.problems}
    assert found == {
        ("unknown-code", "ssd_sdq_scores.csv", 2, "csdq_sdq_reason"),
        ("bad-flag", "ssd_cla_immunisations.csv", 1, "clai_immunisations_status"),
        ("duplicate-key", "ssd_cla_immunisations.csv", 2, _IMMUNISATION_KEY),
        ("dangling-reference", "ssd_cla_convictions.csv", 1, "clac_person_id"),
        ("dangling-reference", "local_substance_misuse_offers.csv", 1, "smo_substance_misuse_id"),
    }
