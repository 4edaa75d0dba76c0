"""Checking an indicator's SQL: what is refused (with its line) and what is allowed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from kpibook.indicators.sqlcheck import (
    RESULT_COLUMNS,
    SqlCheck,
    bind_sql,
    binder,
    check_sql,
    known_tables,
)
from kpibook.problems import Problem

TABLES = known_tables()
PATH = Path("TST-01.sql")
NEEDED = (*RESULT_COLUMNS, "person_id", "team_id")

ROWS = """\
SELECT
  p.period_end,
  r.cine_person_id AS person_id,
  r.cine_referral_team AS team_id,
  1 AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN ssd_cin_episodes AS r
  ON r.cine_referral_date BETWEEN p.window_start AND p.period_end
"""


def check(sql: str, needed: tuple[str, ...] = NEEDED) -> SqlCheck:
    return check_sql(sql, PATH, needed, TABLES)


def messages(sql: str, needed: tuple[str, ...] = NEEDED) -> list[tuple[int | None, str]]:
    return [(p.line, p.message) for p in check(sql, needed).problems]


def test_a_good_query() -> None:
    result = check(ROWS)
    assert result.problems == ()
    assert result.outputs == ("period_end", "person_id", "team_id", "numerator", "denominator")
    # Only data-model columns are requirements (kp_periods is a helper).
    assert result.requires == (
        "ssd_cin_episodes.cine_person_id",
        "ssd_cin_episodes.cine_referral_date",
        "ssd_cin_episodes.cine_referral_team",
    )


# --- refused --------------------------------------------------------------------------------------


def test_sql_that_does_not_parse_gives_its_line() -> None:
    sql = ROWS.replace("1 AS denominator", "1 AS denominator, (2")
    [(line, message)] = messages(sql)
    assert message.startswith("the SQL does not parse")
    assert line == 7


def test_unclosed_quote() -> None:
    [(_, message)] = messages("SELECT 'abc FROM kp_periods")
    assert message.startswith("the SQL does not parse")


def test_two_statements() -> None:
    [(line, message)] = messages(ROWS + ";\nSELECT 1 AS period_end\n")
    assert message == "the file holds 2 statements"
    assert line == 11  # where the second begins


def test_a_trailing_semicolon_is_fine() -> None:
    assert messages(ROWS + ";\n") == []


@pytest.mark.parametrize(
    ("sql", "kind"),
    [
        ("DELETE FROM ssd_person", "DELETE"),
        ("CREATE TABLE x AS SELECT 1", "CREATE"),
        ("INSERT INTO ssd_person (pers_person_id) VALUES ('x')", "INSERT"),
        ("UPDATE ssd_person SET pers_sex = 'F'", "UPDATE"),
        ("DROP TABLE ssd_person", "DROP"),
        ("COPY ssd_person TO 'out.csv'", "COPY"),
        ("PRAGMA version", "PRAGMA"),
    ],
)
def test_not_a_select(sql: str, kind: str) -> None:
    [(line, message)] = messages(sql)
    assert message == f"the statement is a {kind}, not a SELECT"
    assert line == 1


def test_writing_inside_a_cte() -> None:
    sql = "WITH gone AS (DELETE FROM ssd_person RETURNING *)\nSELECT * FROM gone"
    assert (1, "the query writes or changes data") in messages(sql)


def test_unknown_table_gives_its_line() -> None:
    sql = ROWS + "JOIN ssd_nonsense AS n\n  ON n.x = r.cine_person_id\n"
    assert messages(sql) == [(10, "unknown table 'ssd_nonsense'")]


def test_unknown_column_gives_its_line() -> None:
    sql = ROWS.replace("r.cine_referral_team AS team_id", "r.cine_referal_team AS team_id")
    assert messages(sql) == [(4, "unknown column 'r.cine_referal_team'")]


def test_unknown_unqualified_column() -> None:
    sql = ROWS + "WHERE referral_team_typo = 'x'\n"
    assert messages(sql) == [(10, "unknown column 'referral_team_typo'")]


def test_unknown_alias() -> None:
    sql = ROWS + "WHERE q.cine_person_id IS NOT NULL\n"
    [(line, message)] = messages(sql)
    assert line == 10
    assert message.startswith("unknown table or alias 'q'")


@pytest.mark.parametrize(
    ("needed", "missing"),
    [
        ((*RESULT_COLUMNS, "team_id"), "team_id"),  # levels include team or area
        ((*RESULT_COLUMNS, "person_id"), "person_id"),  # cohorts include exc_uasc
        ((*RESULT_COLUMNS, "district_id"), "district_id"),  # levels include district
    ],
)
def test_missing_result_columns(needed: tuple[str, ...], missing: str) -> None:
    sql = ROWS.replace(f"r.cine_person_id AS {missing},", "").replace(
        f"r.cine_referral_team AS {missing},", ""
    )
    assert (2, f"the query does not return {missing}") in messages(sql, needed)


def test_missing_numerator_and_denominator() -> None:
    sql = "SELECT p.period_end FROM kp_periods AS p"
    assert messages(sql, RESULT_COLUMNS) == [
        (1, "the query does not return numerator, denominator")
    ]


@pytest.mark.parametrize("function", ["read_csv('/etc/passwd')", "read_parquet('x.parquet')"])
def test_file_reading_table_functions_are_refused(function: str) -> None:
    sql = (
        "SELECT p.period_end, 1 AS numerator, 1 AS denominator"
        f" FROM kp_periods AS p, {function} AS f"
    )
    [(line, message)] = messages(sql, RESULT_COLUMNS)
    assert line == 1
    assert message.startswith("the table function 'read_")


def test_reading_a_file_by_name_is_refused() -> None:
    sql = "SELECT 1 AS period_end, 1 AS numerator, 1 AS denominator FROM 'data.csv'"
    [(_, message)] = messages(sql, RESULT_COLUMNS)
    assert message == "unknown table 'data.csv'"


def test_every_problem_at_once() -> None:
    sql = """\
WITH x AS (
  SELECT cine_person_id AS pid, nope_one FROM ssd_cin_episodes
)
SELECT
  p.period_end,
  x.nope_two AS numerator
FROM kp_periods AS p
JOIN x ON x.pid = 'a'
JOIN ssd_absent AS a ON a.q = x.pid
"""
    assert messages(sql, RESULT_COLUMNS) == [
        (9, "unknown table 'ssd_absent'"),
        (2, "unknown column 'nope_one'"),
        (6, "unknown column 'x.nope_two'"),
        (5, "the query does not return denominator"),  # the line of the final select list
    ]


# --- allowed (no false alarms), and still checked inside ------------------------------------------


def test_correlated_subquery() -> None:
    sql = ROWS + (
        "WHERE NOT EXISTS (\n"
        "  SELECT 1 FROM ssd_cin_episodes AS e\n"
        "  WHERE e.cine_person_id = r.cine_person_id\n"
        "    AND e.cine_referral_date < r.cine_referral_date\n"
        "    AND cine_close_date IS NULL)\n"
    )
    assert messages(sql) == []
    # ... a misspelt outer column is still found, with its line.
    bad = sql.replace("< r.cine_referral_date", "< r.cine_referal_date")
    assert messages(bad) == [(13, "unknown column 'r.cine_referal_date'")]
    # ... and so is an unqualified name no table in reach has.
    bad = sql.replace("AND cine_close_date", "AND close_date")
    assert messages(bad) == [(14, "unknown column 'close_date'")]


def test_in_subquery_over_a_helper() -> None:
    sql = ROWS + "WHERE r.cine_person_id NOT IN (SELECT person_id FROM kp_uasc)\n"
    assert messages(sql) == []


def test_columns_of_ctes_and_their_aliases() -> None:
    sql = """\
WITH refs AS (
  SELECT cine_person_id AS person_id, cine_referral_date AS day, cine_referral_team AS team
  FROM ssd_cin_episodes
)
SELECT p.period_end, f.person_id, f.team AS team_id, 1 AS numerator, 1 AS denominator
FROM kp_periods AS p
JOIN refs AS f ON f.day BETWEEN p.window_start AND p.period_end
"""
    result = check(sql)
    assert result.problems == ()
    assert "ssd_cin_episodes.cine_referral_team" in result.requires
    assert messages(sql.replace("f.day BETWEEN", "f.date BETWEEN")) == [
        (7, "unknown column 'f.date'")
    ]
    # A column the CTE does not pass on is unknown, even if its table has it.
    assert messages(sql.replace("f.team AS", "f.cine_referral_team AS")) == [
        (5, "unknown column 'f.cine_referral_team'")
    ]


def test_star_through_a_cte() -> None:
    sql = """\
WITH refs AS (SELECT r.*, 1 AS flag FROM ssd_cin_episodes AS r),
also AS (SELECT * EXCLUDE (flag) FROM refs)
SELECT p.period_end, a.cine_person_id AS person_id, a.cine_referral_team AS team_id,
       1 AS numerator, 1 AS denominator
FROM kp_periods AS p JOIN also AS a ON a.cine_referral_date = p.period_end
"""
    result = check(sql)
    assert result.problems == ()
    # Columns read through the stars are requirements of their table.
    assert "ssd_cin_episodes.cine_referral_date" in result.requires
    assert messages(sql + "WHERE a.flag = 1\n") == [(6, "unknown column 'a.flag'")]
    assert messages(sql + "WHERE a.cine_nothing = 1\n") == [(6, "unknown column 'a.cine_nothing'")]


def test_cte_column_list() -> None:
    sql = """\
WITH refs(pid, day) AS (SELECT cine_person_id, cine_referral_date FROM ssd_cin_episodes)
SELECT p.period_end, 1 AS numerator, 1 AS denominator
FROM kp_periods AS p JOIN refs ON refs.day = p.period_end AND refs.pid IS NOT NULL
"""
    assert messages(sql, RESULT_COLUMNS) == []
    assert messages(sql.replace("refs.pid", "refs.cine_person_id"), RESULT_COLUMNS) == [
        (3, "unknown column 'refs.cine_person_id'")
    ]


def test_union_queries() -> None:
    union = """\
SELECT p.period_end, r.cine_person_id AS person_id, r.cine_referral_team AS team_id,
       1 AS numerator, 1 AS denominator
FROM kp_periods AS p JOIN ssd_cin_episodes AS r ON r.cine_referral_date = p.period_end
UNION ALL
SELECT p.period_end, a.cina_person_id, a.cina_assessment_team, 0, 1
FROM kp_periods AS p JOIN ssd_cin_assessments AS a ON a.cina_assessment_start_date = p.period_end
"""
    result = check(union)
    assert result.problems == ()
    assert "ssd_cin_assessments.cina_assessment_team" in result.requires
    assert messages(union.replace("a.cina_assessment_team", "a.cina_team")) == [
        (5, "unknown column 'a.cina_team'")
    ]
    in_cte = """\
WITH people AS (
  SELECT cine_person_id AS pid FROM ssd_cin_episodes
  UNION SELECT cina_person_id FROM ssd_cin_assessments)
SELECT p.period_end, 1 AS numerator, 1 AS denominator
FROM kp_periods AS p JOIN people AS x ON x.pid = 'a'
"""
    assert messages(in_cte, RESULT_COLUMNS) == []
    assert messages(in_cte.replace("x.pid", "x.cina_person_id"), RESULT_COLUMNS) == [
        (5, "unknown column 'x.cina_person_id'")
    ]


def test_semi_and_anti_joins() -> None:
    sql = ROWS + "ANTI JOIN kp_uasc AS u ON u.person_id = r.cine_person_id\n"
    assert messages(sql) == []
    assert messages(sql.replace("u.person_id", "u.pid")) == [(10, "unknown column 'u.pid'")]


def test_table_functions_and_values() -> None:
    sql = """\
SELECT p.period_end, g.i AS numerator, v.b AS denominator
FROM kp_periods AS p, range(3) AS g(i), unnest([1, 2]) AS u(j),
     (VALUES (1, 2)) AS v(a, b), generate_series(1, 2) AS s(k)
WHERE j > 0 AND s.k > 0
"""
    assert messages(sql, RESULT_COLUMNS) == []
    assert messages(sql.replace("v.b", "v.c"), RESULT_COLUMNS) == [(1, "unknown column 'v.c'")]


def test_recursive_cte() -> None:
    sql = """\
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 3)
SELECT p.period_end, n.k AS numerator, 1 AS denominator FROM kp_periods AS p, n
"""
    assert messages(sql, RESULT_COLUMNS) == []


def test_select_list_aliases_macros_lambdas_and_json() -> None:
    sql = """\
SELECT p.period_end, working_days(p.window_start, p.period_end) AS days,
       age_at(DATE '2000-01-01', p.period_end) AS age,
       list_sum(list_transform([1, 2], x -> x + 1)) AS numerator, days AS denominator
FROM kp_periods AS p
JOIN ssd_s47_enquiry AS s ON s.s47e_s47_outcome_json ->> '$.x' = 'y'
QUALIFY row_number() OVER (PARTITION BY p.period_end ORDER BY age) = 1
"""
    assert messages(sql, RESULT_COLUMNS) == []


def test_struct_field_access() -> None:
    sql = """\
WITH x AS (SELECT {'a': 1} AS s)
SELECT p.period_end, x.s.a AS numerator, s.a AS denominator FROM kp_periods AS p, x
"""
    assert messages(sql, RESULT_COLUMNS) == []


def test_names_are_case_insensitive() -> None:
    sql = ROWS.replace("r.cine_person_id AS", "R.CINE_PERSON_ID AS").replace(
        "JOIN ssd_cin_episodes", "JOIN SSD_CIN_EPISODES"
    )
    assert messages(sql) == []


# --- binding in DuckDB ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = binder()
    yield connection
    connection.close()


def bound(sql: str, con: duckdb.DuckDBPyConnection) -> tuple[Problem, ...]:
    return bind_sql(sql, PATH, con)


def test_a_good_query_binds(con: duckdb.DuckDBPyConnection) -> None:
    assert bound(ROWS, con) == ()


def test_misspelt_function(con: duckdb.DuckDBPyConnection) -> None:
    [problem] = bound(ROWS.replace("1 AS numerator", "sqrtt(1) AS numerator"), con)
    assert "DuckDB cannot run the query" in problem.message
    assert "sqrtt" in problem.message
    assert problem.line == 5


def test_ambiguous_column(con: duckdb.DuckDBPyConnection) -> None:
    sql = ROWS + "JOIN ssd_cin_episodes AS r2 ON r2.cine_referral_id = r.cine_referral_id\n"
    sql = sql.replace("r.cine_person_id AS person_id", "cine_person_id AS person_id")
    # The first pass cannot tell which r it is; DuckDB can.
    [problem] = bound(sql, con)
    assert "Ambiguous" in problem.message
    assert problem.line == 3


def test_binding_cannot_read_files(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n", encoding="utf-8")
    [problem] = bound(f"SELECT * FROM read_csv('{secret}')", con)
    assert "disabled" in problem.message


def test_binder_has_every_table_and_helper(con: duckdb.DuckDBPyConnection) -> None:
    names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert set(TABLES) <= names


def test_list_comprehension_variables() -> None:
    sql = (
        "SELECT p.period_end, len([x * 2 FOR x IN [1, 2] IF x > 1]) AS numerator,"
        " 1 AS denominator FROM kp_periods AS p"
    )
    assert messages(sql, RESULT_COLUMNS) == []
    assert messages(sql.replace("x * 2", "y * 2"), RESULT_COLUMNS) == [(1, "unknown column 'y'")]


def test_pivot() -> None:
    sql = (
        "SELECT 1 AS period_end, count(*) AS numerator, 1 AS denominator\n"
        "FROM (PIVOT ssd_person ON pers_sex USING count(*)) AS pv"
    )
    assert messages(sql, RESULT_COLUMNS) == []
