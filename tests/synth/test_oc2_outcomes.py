"""The generator's OC2 records: SDQ, convictions, immunisations and substance misuse."""

from __future__ import annotations

import datetime as dt
import filecmp
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from councils import small_request

from kpibook.ingest import load_folder
from kpibook.synth.journeys import oc2_outcomes
from kpibook.synth.run import generate

OC2_TABLES = (
    "ssd_sdq_scores",
    "ssd_cla_convictions",
    "ssd_cla_immunisations",
    "ssd_cla_substance_misuse",
    "local_substance_misuse_offers",
)


@pytest.fixture(scope="module")
def con(small_council: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    loaded = load_folder(small_council)
    yield loaded.con
    loaded.con.close()


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> float:
    row = con.execute(sql).fetchone()
    assert row is not None
    return float(row[0])


# Each record, with the 31 March ending its collection year (that of the day 3 months before).
_RECORDS_NOT_LOOKED_AFTER_A_YEAR = """
WITH r AS (
    SELECT 'sdq' AS t, csdq_person_id AS person, csdq_sdq_completed_date AS day
    FROM ssd_sdq_scores
    UNION ALL SELECT 'conviction', clac_person_id, clac_cla_conviction_date
    FROM ssd_cla_convictions
    UNION ALL SELECT 'immunisation', clai_person_id, clai_immunisations_status_date
    FROM ssd_cla_immunisations
    UNION ALL SELECT 'misuse', clas_person_id, clas_substance_misuse_date
    FROM ssd_cla_substance_misuse
), y AS (
    SELECT t, person, make_date(year(day - INTERVAL 3 MONTH) + 1, 3, 31) AS march FROM r
)
SELECT t, count(*) FILTER (WHERE NOT EXISTS (
    SELECT 1 FROM ssd_cla_episodes AS e
    WHERE e.clae_person_id = y.person
      AND e.clae_entered_care_date <= y.march - INTERVAL 1 YEAR + INTERVAL 1 DAY
      AND e.clae_cla_episode_start_date <= y.march
      AND (e.clae_cla_episode_ceased_date IS NULL OR e.clae_cla_episode_ceased_date >= y.march)
)), count(*)
FROM y GROUP BY t ORDER BY t
"""


def test_records_are_of_children_looked_after_for_a_year_at_31_march(
    con: duckdb.DuckDBPyConnection,
) -> None:
    found = {
        t: (bad, total)
        for t, bad, total in con.execute(_RECORDS_NOT_LOOKED_AFTER_A_YEAR).fetchall()
    }
    assert found["sdq"][1] > 50 and found["immunisation"][1] > 50
    assert {t: bad for t, (bad, _) in found.items()} == dict.fromkeys(found, 0)


def test_sdq_scores_and_reasons(con: duckdb.DuckDBPyConnection) -> None:
    # Exactly one of score and reason; scores 0-40 with a mean near 14; SDQ1 only for a
    # child under 4 or over 16 on the day; 75-80% of the due SDQs completed.
    assert (
        _one(
            con,
            "SELECT count(*) FROM ssd_sdq_scores "
            "WHERE (csdq_sdq_score IS NULL) = (csdq_sdq_reason IS NULL)",
        )
        == 0
    )
    assert _one(con, "SELECT min(csdq_sdq_score) FROM ssd_sdq_scores") >= 0
    assert _one(con, "SELECT max(csdq_sdq_score) FROM ssd_sdq_scores") <= 40
    assert 12 <= _one(con, "SELECT avg(csdq_sdq_score) FROM ssd_sdq_scores") <= 16
    under4_or_17 = (
        "SELECT count(*) FROM ssd_sdq_scores AS s JOIN ssd_person AS p "
        "ON p.pers_person_id = s.csdq_person_id "
        "WHERE s.csdq_sdq_reason IS DISTINCT FROM 'SDQ1' "
        "AND (s.csdq_sdq_completed_date < p.pers_dob + INTERVAL 4 YEAR "
        "OR s.csdq_sdq_completed_date >= p.pers_dob + INTERVAL 17 YEAR)"
    )
    assert _one(con, under4_or_17) == 0
    completed = _one(
        con,
        "SELECT avg((csdq_sdq_score IS NOT NULL)::INT) FROM ssd_sdq_scores "
        "WHERE csdq_sdq_reason IS DISTINCT FROM 'SDQ1'",
    )
    assert 0.7 <= completed <= 0.86


def test_convictions_immunisations_and_misuse(con: duckdb.DuckDBPyConnection) -> None:
    young = (
        "SELECT count(*) FROM ssd_cla_convictions AS c JOIN ssd_person AS p "
        "ON p.pers_person_id = c.clac_person_id "
        "WHERE c.clac_cla_conviction_date < p.pers_dob + INTERVAL 10 YEAR"
    )
    assert _one(con, young) == 0
    up_to_date = _one(
        con,
        "SELECT avg((clai_immunisations_status = 'Y')::INT) FROM ssd_cla_immunisations",
    )
    assert 0.72 <= up_to_date <= 0.92  # 86%, 70% for UASC children; a few hundred records
    years = _one(con, "SELECT count(*) FROM ssd_cla_immunisations")
    misuse = _one(con, "SELECT count(*) FROM ssd_cla_substance_misuse")
    assert 0.01 <= misuse / years <= 0.08
    offered_after_received = (
        "SELECT count(*) FROM local_substance_misuse_offers AS o "
        "JOIN ssd_cla_substance_misuse AS s "
        "ON s.clas_substance_misuse_id = o.smo_substance_misuse_id "
        "WHERE s.clas_intervention_received = 'Y'"
    )
    assert _one(con, offered_after_received) == 0


def test_no_other_draw_moves(
    small_council: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the OC2 records every other file is byte for byte the same."""

    def nothing(period: object, params: object = None) -> None:
        return None

    monkeypatch.setattr(oc2_outcomes, "simulate_outcomes", nothing)
    out = tmp_path / "without"
    generate(small_request(out))
    for path in sorted(small_council.iterdir()):
        if path.stem in OC2_TABLES:
            assert (out / path.name).read_text(encoding="utf-8").count("\n") == 1, path.name
        elif path.suffix == ".csv":
            assert filecmp.cmp(path, out / path.name, shallow=False), path.name


def test_year_ends_of_a_period() -> None:
    """31 March dates after a year in care, before the child left and within the window."""

    class _Window:
        end = dt.date(2025, 3, 31)

    class _Child:
        window = _Window()

    class _Period:
        child = _Child()
        start = dt.date(2021, 4, 1)
        exit_day = dt.date(2024, 3, 31)

    # In care from 1 April 2021: the whole of 2021-22; left on 31 March 2024 (still counted).
    assert oc2_outcomes.year_ends(_Period()) == [  # type: ignore[arg-type]
        dt.date(2022, 3, 31),
        dt.date(2023, 3, 31),
        dt.date(2024, 3, 31),
    ]
    _Period.exit_day = dt.date(2024, 3, 30)
    assert oc2_outcomes.year_ends(_Period())[-1] == dt.date(2023, 3, 31)  # type: ignore[arg-type]
    _Period.start = dt.date(2021, 4, 2)
    _Period.exit_day = dt.date(2030, 1, 1)
    assert oc2_outcomes.year_ends(_Period()) == [  # type: ignore[arg-type]
        dt.date(2023, 3, 31),
        dt.date(2024, 3, 31),
        dt.date(2025, 3, 31),
    ]
