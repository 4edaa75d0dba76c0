"""The data model is consistent with itself and with the SSD specification."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kpibook.model import SCHEMA, ColumnType, TableKind, load_codelists

SSD_COLUMNS_CSV = Path(__file__).resolve().parents[2].parent / "shared/reference/ssd-columns.csv"

SSD_TABLES = (
    "ssd_person",
    "ssd_immigration_status",
    "ssd_disability",
    "ssd_address",
    "ssd_contacts",
    "ssd_early_help_episodes",
    "ssd_cin_episodes",
    "ssd_cin_assessments",
    "ssd_assessment_factors",
    "ssd_cin_plans",
    "ssd_cin_visits",
    "ssd_s47_enquiry",
    "ssd_initial_cp_conference",
    "ssd_cp_plans",
    "ssd_cp_visits",
    "ssd_cp_reviews",
    "ssd_cla_episodes",
    "ssd_cla_placement",
    "ssd_legal_status",
    "ssd_cla_reviews",
    "ssd_cla_visits",
    "ssd_cla_health",
    "ssd_missing",
    "ssd_permanence",
    "ssd_care_leavers",
    "ssd_sdq_scores",
    "ssd_cla_convictions",
    "ssd_cla_immunisations",
    "ssd_cla_substance_misuse",
    "ssd_involvements",
    "ssd_professionals",
    "ssd_department",
)


def test_table_names_are_unique() -> None:
    names = [t.name for t in SCHEMA]
    assert len(names) == len(set(names))


def test_local_tables_start_with_local_and_ssd_tables_with_ssd() -> None:
    for table in SCHEMA:
        prefix = "local_" if table.kind is TableKind.LOCAL else "ssd_"
        assert table.name.startswith(prefix), table.name


def test_column_names_are_unique_within_each_table() -> None:
    for table in SCHEMA:
        assert len(table.column_names) == len(set(table.column_names)), table.name


def test_every_codelist_named_by_a_column_exists() -> None:
    lists = load_codelists()
    for table in SCHEMA:
        for column in table.columns:
            if column.codelist is not None:
                assert column.codelist in lists, f"{table.name}.{column.name}: {column.codelist}"


def test_every_reference_points_at_an_existing_table_and_column() -> None:
    for table in SCHEMA:
        for column in table.columns:
            if column.references is None:
                continue
            target = column.referenced_table
            assert target in SCHEMA, f"{table.name}.{column.name} -> {column.references}"
            assert column.referenced_column in SCHEMA.table(str(target)).column_names, (
                f"{table.name}.{column.name} -> {column.references}"
            )


def test_primary_key_columns_exist_and_are_required_and_never_empty() -> None:
    for table in SCHEMA:
        assert table.primary_key, table.name
        for name in table.primary_key:
            column = table.column(name)
            assert column.required, f"{table.name}.{name}"
            assert not column.nullable, f"{table.name}.{name}"


def test_date_range_columns_exist_and_are_dates() -> None:
    for table in SCHEMA:
        for pair in table.date_ranges:
            for name in (pair.start, pair.end):
                assert table.column(name).type is ColumnType.DATE, f"{table.name}.{name}"


def test_every_ssd_table_of_the_issue_is_present() -> None:
    ssd = {t.name for t in SCHEMA if t.kind is TableKind.SSD}
    assert set(SSD_TABLES) <= ssd
    assert ssd <= set(SSD_TABLES), f"unexpected SSD tables: {sorted(ssd - set(SSD_TABLES))}"


@pytest.mark.skipif(
    not SSD_COLUMNS_CSV.exists(),
    reason=f"SSD reference columns not available at {SSD_COLUMNS_CSV} (needs ../shared)",
)
def test_ssd_column_names_match_the_specification() -> None:
    spec: dict[str, list[str]] = {}
    with SSD_COLUMNS_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            spec.setdefault(row["table"], []).append(row["column"])
    for name in SSD_TABLES:
        assert name in spec, f"{name} is not in {SSD_COLUMNS_CSV.name}"
        assert list(SCHEMA.table(name).column_names) == spec[name], name
