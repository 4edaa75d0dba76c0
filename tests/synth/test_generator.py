"""The generator as a whole: determinism, completeness and the journey invariants."""

from __future__ import annotations

import datetime as dt
import filecmp
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
import sqlglot
from councils import SMALL_END, SMALL_START, small_request
from sqlglot import exp

from kpibook.ingest import check_folder, load_folder
from kpibook.model import SCHEMA, ColumnType
from kpibook.synth.run import generate


@pytest.fixture(scope="module")
def con(small_council: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    loaded = load_folder(small_council)
    yield loaded.con
    loaded.con.close()


def _one(con: duckdb.DuckDBPyConnection, sql: str | exp.Expression, **params: object) -> int:
    text = sql if isinstance(sql, str) else sql.sql(dialect="duckdb")
    row = con.execute(text, params).fetchone()
    assert row is not None
    return int(row[0])


def _count(table: str, condition: exp.Expression, join: exp.Expression | None = None) -> exp.Select:
    query = sqlglot.select("count(*)").from_(exp.to_table(table).as_("t"))
    if join is not None:
        query = query.join(exp.to_table("ssd_person").as_("p"), on=join)
    return query.where(condition)


def test_every_table_has_a_file(small_council: Path) -> None:
    names = {p.stem for p in small_council.iterdir()}
    assert names == {t.name for t in SCHEMA}


def test_same_seed_gives_byte_identical_files(small_council: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate(small_request(again))
    for table in SCHEMA:
        name = f"{table.name}.csv"
        assert filecmp.cmp(small_council / name, again / name, shallow=False), name


def test_output_does_not_depend_on_the_number_of_processes(
    small_council: Path, tmp_path: Path
) -> None:
    parallel = tmp_path / "parallel"
    generate(replace(small_request(parallel), processes=2))
    for table in SCHEMA:
        name = f"{table.name}.csv"
        assert filecmp.cmp(small_council / name, parallel / name, shallow=False), name


def test_another_seed_gives_other_children(small_council: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    generate(small_request(other, seed=8))
    assert not filecmp.cmp(
        small_council / "ssd_cin_episodes.csv", other / "ssd_cin_episodes.csv", shallow=False
    )


def test_generated_data_passes_strict_check(small_council: Path) -> None:
    report = check_folder(small_council, strict=True)
    assert [str(p) for p in report.problems] == []
    assert report.ok


def test_core_tables_are_populated(con: duckdb.DuckDBPyConnection) -> None:
    for name in (
        "ssd_person",
        "ssd_contacts",
        "ssd_cin_episodes",
        "ssd_cin_assessments",
        "ssd_cin_plans",
        "ssd_s47_enquiry",
        "ssd_cp_plans",
        "ssd_cla_episodes",
        "ssd_cla_placement",
        "ssd_involvements",
        "ssd_professionals",
        "local_population",
        "local_workforce",
    ):
        assert _one(con, sqlglot.select("count(*)").from_(name)) > 0, name


def _person_dates() -> Iterator[tuple[str, str, str]]:
    """(table, person column, date column) for every dated row about a child."""
    for table in SCHEMA:
        person = [c.name for c in table.columns if c.references == "ssd_person.pers_person_id"]
        if not person or table.name == "ssd_person":
            continue
        for col in table.columns:
            if col.type is ColumnType.DATE and col.name != "moth_childs_dob":
                yield table.name, person[0], col.name


@pytest.mark.parametrize(("table", "person", "column"), list(_person_dates()))
def test_no_event_before_birth_or_after_the_end(
    con: duckdb.DuckDBPyConnection, table: str, person: str, column: str
) -> None:
    on = exp.EQ(this=exp.column("pers_person_id", "p"), expression=exp.column(person, "t"))
    before = exp.LT(this=exp.column(column, "t"), expression=exp.column("pers_dob", "p"))
    before_birth = _one(con, _count(table, before, join=on))
    after = exp.GT(this=exp.column(column, "t"), expression=exp.Placeholder(this="end"))
    after_end = _one(con, _count(table, after), end=SMALL_END)
    assert (before_birth, after_end) == (0, 0)


def test_one_open_care_episode_per_child_at_a_time(con: duckdb.DuckDBPyConnection) -> None:
    overlaps = _one(
        con,
        """
        SELECT count(*) FROM ssd_cla_episodes a JOIN ssd_cla_episodes b
          ON a.clae_person_id = b.clae_person_id
         AND a.clae_cla_episode_id < b.clae_cla_episode_id
        WHERE a.clae_cla_episode_start_date < coalesce(b.clae_cla_episode_ceased_date, $never)
          AND b.clae_cla_episode_start_date < coalesce(a.clae_cla_episode_ceased_date, $never)
        """,
        never=dt.date(9999, 12, 31),
    )
    open_twice = _one(
        con,
        """
        SELECT count(*) FROM (
            SELECT clae_person_id FROM ssd_cla_episodes WHERE clae_cla_episode_ceased_date IS NULL
            GROUP BY 1 HAVING count(*) > 1)
        """,
    )
    assert (overlaps, open_twice) == (0, 0)


@pytest.mark.parametrize(
    ("table", "start", "end"),
    [
        ("ssd_cp_plans", "cppl_cp_plan_start_date", "cppl_cp_plan_end_date"),
        ("ssd_cin_plans", "cinp_cin_plan_start_date", "cinp_cin_plan_end_date"),
        ("ssd_cin_episodes", "cine_referral_date", "cine_close_date"),
        ("ssd_cla_placement", "clap_cla_placement_start_date", "clap_cla_placement_end_date"),
        ("ssd_legal_status", "lega_legal_status_start_date", "lega_legal_status_end_date"),
        ("ssd_involvements", "invo_involvement_start_date", "invo_involvement_end_date"),
    ],
)
def test_plans_end_after_they_start(
    con: duckdb.DuckDBPyConnection, table: str, start: str, end: str
) -> None:
    backwards = exp.LT(this=exp.column(end, "t"), expression=exp.column(start, "t"))
    assert _one(con, _count(table, backwards)) == 0


def test_team_history_has_no_gaps_while_a_case_is_open(con: duckdb.DuckDBPyConnection) -> None:
    # Days of an open referral (within the window) on which no team holds the case.
    uncovered = _one(
        con,
        """
        WITH days AS (
            SELECT c.cine_person_id AS person_id, d::DATE AS day
            FROM ssd_cin_episodes c,
                 generate_series(
                     greatest(c.cine_referral_date, $start),
                     least(coalesce(c.cine_close_date, $end), $end),
                     INTERVAL 1 DAY) AS g(d)
        )
        SELECT count(*) FROM days
        WHERE NOT EXISTS (
            SELECT 1 FROM ssd_involvements i
            WHERE i.invo_person_id = days.person_id
              AND i.invo_involvement_start_date <= days.day
              AND coalesce(i.invo_involvement_end_date, DATE '9999-12-31') >= days.day)
        """,
        end=SMALL_END,
        start=SMALL_START,
    )
    assert uncovered == 0
