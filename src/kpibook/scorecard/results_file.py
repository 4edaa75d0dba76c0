"""Reading a results file (``--results``): figures computed anywhere, in the engine's format.

The format is :data:`kpibook.engine.compute.RESULT_SCHEMA`, as CSV or Parquet:
``indicator_id, period_end, org_level, org_unit, cohort, numerator, denominator,
value``. A council computing its numbers in its own warehouse writes this and
gets the same rating and pack. Every problem is reported at once with file,
row and column; nothing is built from a file with a structural problem.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
from sqlglot import exp

from kpibook.engine.compute import RESULT_SCHEMA
from kpibook.errors import InputError
from kpibook.problems import Problem, Severity

LEVELS = ("council", "area", "district", "team")
COHORTS = ("all", "exc_uasc")
MAX_LISTED = 50
"""At most this many problems of one rule are listed (then a count of the rest)."""


def _problem(
    path: Path,
    rule: str,
    message: str,
    hint: str,
    row: int | None = None,
    column: str | None = None,
) -> Problem:
    return Problem(Severity.ERROR, rule, str(path), message, hint=hint, row=row, column=column)


def _relation(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        con.execute(
            "CREATE TEMP TABLE raw AS SELECT row_number() OVER () AS kp_row, * "
            "FROM read_csv(?, header = true, all_varchar = true)",
            [str(path)],
        )
    elif suffix == ".parquet":
        con.execute(
            "CREATE TEMP TABLE raw AS SELECT row_number() OVER () AS kp_row, * "
            "FROM read_parquet(?)",
            [str(path)],
        )
    else:
        raise InputError(
            f"{path}: a results file must be .csv or .parquet",
            [
                _problem(
                    path,
                    "results-format",
                    f"'{path.suffix}' is not .csv or .parquet",
                    "write the figures as CSV or Parquet in the engine's format",
                )
            ],
        )


_CHECKS: tuple[tuple[str, str, str, str], ...] = (
    (
        "indicator_id",
        "indicator_id IS NULL OR trim(indicator_id) = ''",
        "the indicator id is empty",
        "every row needs the id of its indicator",
    ),
    (
        "period_end",
        "TRY_CAST(period_end AS DATE) IS NULL",
        "not a date (YYYY-MM-DD)",
        "write the last day of the month, e.g. 2016-08-31",
    ),
    (
        "period_end",
        "TRY_CAST(period_end AS DATE) IS NOT NULL AND "
        "TRY_CAST(period_end AS DATE) <> last_day(TRY_CAST(period_end AS DATE))",
        "not the last day of a month",
        "period_end is the month end the figure is for",
    ),
    (
        "org_level",
        "org_level IS NULL OR org_level NOT IN ('council','area','district','team')",
        "not one of council, area, district, team",
        "use one of those levels",
    ),
    (
        "org_unit",
        "org_unit IS NULL OR trim(org_unit) = ''",
        "the org unit is empty",
        "name the unit the figure is for",
    ),
    (
        "cohort",
        "cohort IS NULL OR cohort NOT IN ('all','exc_uasc')",
        "not one of all, exc_uasc",
        "use all or exc_uasc",
    ),
    (
        "numerator",
        "numerator IS NOT NULL AND TRY_CAST(numerator AS DOUBLE) IS NULL",
        "not a number",
        "leave it empty or write a number",
    ),
    (
        "denominator",
        "denominator IS NOT NULL AND TRY_CAST(denominator AS DOUBLE) IS NULL",
        "not a number",
        "leave it empty or write a number",
    ),
    (
        "value",
        "value IS NOT NULL AND TRY_CAST(value AS DOUBLE) IS NULL",
        "not a number",
        "leave it empty (no figure) or write a number",
    ),
)


def read_results(path: Path) -> pa.Table:
    """The figures in ``path`` as :data:`RESULT_SCHEMA`.

    Raises :class:`InputError` listing every problem found.
    """
    if not path.is_file():
        raise InputError(
            f"{path}: no such results file",
            [
                _problem(
                    path,
                    "results-missing",
                    "the file does not exist",
                    "check the path given to --results",
                )
            ],
        )
    con = duckdb.connect()
    try:
        try:
            _relation(con, path)
        except duckdb.Error as exc:
            raise InputError(
                f"{path}: cannot be read",
                [
                    _problem(
                        path,
                        "results-unreadable",
                        f"cannot read it as a table ({exc})",
                        "write the engine's format: see docs/results-format.md",
                    )
                ],
            ) from None
        columns = [r[0] for r in con.execute("DESCRIBE raw").fetchall()]
        missing = [c for c in RESULT_SCHEMA.names if c not in columns]
        if missing:
            raise InputError(
                f"{path}: missing columns",
                [
                    _problem(
                        path,
                        "results-columns",
                        f"required column '{c}' is missing",
                        "the header must hold " + ", ".join(RESULT_SCHEMA.names),
                        column=c,
                    )
                    for c in missing
                ],
            )
        as_text = [exp.cast(exp.column(c), "VARCHAR").as_(c) for c in RESULT_SCHEMA.names]
        select = exp.select("kp_row", *as_text).from_("raw")
        con.execute("CREATE TEMP TABLE txt AS " + select.sql("duckdb"))
        problems = _row_problems(con, path)
        if problems:
            raise InputError(f"{path}: {len(problems)} problem(s) in the figures", problems)
        return (
            con.sql(
                "SELECT indicator_id, CAST(period_end AS DATE) AS period_end, org_level, org_unit, "
                "cohort, CAST(numerator AS DOUBLE) AS numerator, "
                "CAST(denominator AS DOUBLE) AS denominator, CAST(value AS DOUBLE) AS value "
                "FROM txt ORDER BY kp_row"
            )
            .to_arrow_table()
            .cast(RESULT_SCHEMA)
        )
    finally:
        con.close()


def _row_problems(con: duckdb.DuckDBPyConnection, path: Path) -> list[Problem]:
    problems: list[Problem] = []
    for column, condition, message, hint in _CHECKS:
        query = exp.select("kp_row").from_("txt").where(condition).order_by("kp_row")
        query = query.limit(MAX_LISTED + 1)
        rows = [r[0] for r in con.execute(query.sql("duckdb")).fetchall()]
        for row in rows[:MAX_LISTED]:
            problems.append(_problem(path, "results-value", message, hint, row, column))
        if len(rows) > MAX_LISTED:
            problems.append(
                _problem(
                    path,
                    "results-value",
                    f"more rows like this ({message})",
                    "fix the rows above and run again",
                    column=column,
                )
            )
    duplicates = con.execute(
        "SELECT min(kp_row), max(kp_row), count(*) FROM txt GROUP BY indicator_id, period_end, "
        "org_level, org_unit, cohort HAVING count(*) > 1 ORDER BY 1 LIMIT ?",
        [MAX_LISTED],
    ).fetchall()
    for first, last, n in duplicates:
        problems.append(
            _problem(
                path,
                "results-duplicate",
                f"{n} rows give the same indicator, month, unit and cohort (also row {last})",
                "keep one figure per indicator, month, org unit and cohort",
                first,
                "indicator_id",
            )
        )
    return problems
