"""The 903 reader agrees with the data model: its code lists, its columns, and kpibook check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kpibook.ingest import load_folder
from kpibook.model.codelists import codelist
from kpibook.model.schema import SCHEMA
from kpibook.returns.common import write_dataset
from kpibook.returns.ssda903.checks import CODED
from kpibook.returns.ssda903.codes import load_codes
from kpibook.returns.ssda903.mapping import CARRIED
from kpibook.returns.ssda903.read import read_903
from kpibook.returns.ssda903.spec import TABLES, identify, tables_in, year_start

FIXTURES = Path(__file__).parent / "fixtures" / "read"


def test_every_coded_field_has_a_code_list() -> None:
    codes = load_codes()
    for table, fields in CODED.items():
        for f in fields:
            assert f in codes, f
            assert table in codes[f].tables, (f, table)
            assert set(codes[f].tables) <= set(TABLES)


@pytest.mark.parametrize("year", range(2016, 2027))
def test_903_codes_map_into_the_model_lists(year: int) -> None:
    """Every 903 code of every year, once mapped, is a code of the model's list that year."""
    for f in load_codes().values():
        if f.model_codelist is None or f.field in {"ACCOM", "UPN"}:
            continue
        model = codelist(f.model_codelist).codes_at(year_start(year))
        for code in f.version(year).codes:
            assert f.to_model(code, year) in model, (f.field, year, code)


def test_accommodation_letters_and_digits_are_model_codes() -> None:
    letters = codelist("care_leaver_accommodation").all_codes
    digits = codelist("accommodation_suitable").all_codes
    for code in load_codes()["ACCOM"].version(2023).codes - {"0"}:
        assert code[0] in letters and code[1] in digits


def test_spec_years_and_identification() -> None:
    assert [t.name for t in tables_in(2022)] == [
        "Header",
        "Episodes",
        "Reviews",
        "UASC",
        "OC2",
        "OC3",
        "AD1",
        "PlacedAdoption",
        "PrevPerm",
        "Missing",
    ]
    assert "SWEpisodes" in [t.name for t in tables_in(2023)]
    assert "DoLo" in [t.name for t in tables_in(2026)]
    for spec in TABLES.values():
        assert identify(list(reversed(spec.columns))) is spec
        assert set(spec.key) <= set(spec.columns) and set(spec.dates) <= set(spec.columns)


def test_carried_columns_exist_in_the_model() -> None:
    for key in CARRIED:
        table, column = key.split(".")
        SCHEMA.table(table).column(column)


def test_the_imported_dataset_passes_kpibook_check(tmp_path: Path) -> None:
    """Apart from the files of tables the 903 does not fill, the checks find nothing."""
    result = read_903([FIXTURES / "fake_shaped"])
    out = tmp_path / "dataset"
    write_dataset(out, result.tables, result.findings, result.provenance)
    loaded = load_folder(out, today=dt.date(2024, 6, 1))
    others = [p for p in loaded.problems if p.rule != "missing-file"]
    assert others == []
    missing = {Path(p.file).stem for p in loaded.problems if p.rule == "missing-file"}
    assert missing.isdisjoint(result.tables)
    assert loaded.row_counts["ssd_cla_episodes"] == 4


def test_the_mapping_document_names_every_column_carried() -> None:
    doc = (Path(__file__).parents[3] / "docs" / "returns-903.md").read_text(encoding="utf-8")
    for key in CARRIED:
        table, column = key.split(".")
        assert table in doc and column in doc, key
