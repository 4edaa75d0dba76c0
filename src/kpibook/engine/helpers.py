"""Helper tables and macros every indicator's SQL may use.

The engine creates these in the DuckDB connection before computing anything.
They are part of the indicator language an analyst writes in, so each is
documented here and in docs/indicators.md ("What your SQL can use"), and the
definition checker knows their columns.

``kp_periods(period_end, window_start)``
    One row per month end being computed, with the first day of the window the
    indicator's period gives it (equal to ``period_end`` for snapshots).
``kp_workdays(day, n)``
    Every day from 1995 to 2035 with ``n``, the running count of working days
    (weekdays that are not England and Wales bank holidays) up to that day.
``working_days(a, b)`` (macro)
    Working days after ``a`` up to and including ``b``: the sector validators'
    convention, where the start day is day 0.
``age_at(dob, day)`` (macro)
    Age in completed years on ``day``.
``kp_uasc(person_id)``
    Children who are or have ever been unaccompanied asylum-seeking children
    (an ``ssd_immigration_status`` row with status ``UASC``). The ``exc_uasc``
    cohort leaves them out.
``kp_case_team(person_id, team_id, worker_id, start_date, end_date)``
    Each child's case-holding team and social worker over time, from
    ``ssd_involvements`` rows with role ``CW``; spans never overlap (a new
    allocation ends the previous one), ``end_date`` is exclusive and NULL
    while open. Join with ``start_date <= d AND (end_date IS NULL OR end_date > d)``
    to get the team on day ``d``.
``kp_teams(team_id, team_name, team_type, district_id, area_id)``
    Every team with its district (NULL for area-wide teams) and area.
``kp_home_district(person_id, district_id, start_date, end_date)``
    Each child's district of residence over time, from HOME addresses and the
    council's postcode lookup (``local_postcode_districts``); empty when the
    lookup is not supplied.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from kpibook.model.workdays import FIRST_YEAR, LAST_YEAR, is_working_day


@dataclass(frozen=True, slots=True)
class Helper:
    """A helper relation: its name, columns (name → DuckDB type) and description.

    ``reads`` lists the data-model columns (``table.column``) it is built from,
    so an indicator that uses it requires them too.
    """

    name: str
    columns: tuple[tuple[str, str], ...]
    description: str
    reads: tuple[str, ...] = ()


HELPERS: tuple[Helper, ...] = (
    Helper(
        "kp_periods",
        (("period_end", "DATE"), ("window_start", "DATE")),
        "the month ends being computed, with the first day of each one's window",
    ),
    Helper(
        "kp_workdays",
        (("day", "DATE"), ("n", "INTEGER")),
        "every day 1995-2035 with the running count of working days",
    ),
    Helper(
        "kp_uasc",
        (("person_id", "VARCHAR"),),
        "children who are or have been UASC",
        ("ssd_immigration_status.immi_person_id", "ssd_immigration_status.immi_immigration_status"),
    ),
    Helper(
        "kp_case_team",
        (
            ("person_id", "VARCHAR"),
            ("team_id", "VARCHAR"),
            ("worker_id", "VARCHAR"),
            ("start_date", "DATE"),
            ("end_date", "DATE"),
        ),
        "case-holding team and worker over time (non-overlapping spans, end exclusive)",
        (
            "ssd_involvements.invo_person_id",
            "ssd_involvements.invo_professional_team",
            "ssd_involvements.invo_professional_id",
            "ssd_involvements.invo_professional_role_id",
            "ssd_involvements.invo_involvement_start_date",
            "ssd_involvements.invo_involvement_end_date",
        ),
    ),
    Helper(
        "kp_teams",
        (
            ("team_id", "VARCHAR"),
            ("team_name", "VARCHAR"),
            ("team_type", "VARCHAR"),
            ("district_id", "VARCHAR"),
            ("area_id", "VARCHAR"),
        ),
        "every team with its district and area",
        (
            "local_org_units.org_unit_id",
            "local_org_units.org_level",
            "local_org_units.parent_id",
            "local_org_units.team_type",
        ),
    ),
    Helper(
        "kp_home_district",
        (
            ("person_id", "VARCHAR"),
            ("district_id", "VARCHAR"),
            ("start_date", "DATE"),
            ("end_date", "DATE"),
        ),
        "district of residence over time (from HOME addresses and local_postcode_districts)",
        (
            "ssd_address.addr_person_id",
            "ssd_address.addr_address_type",
            "ssd_address.addr_address_postcode",
            "ssd_address.addr_address_start_date",
            "ssd_address.addr_address_end_date",
            "local_postcode_districts.postcode",
            "local_postcode_districts.district_id",
        ),
    ),
)

MACROS = ("working_days", "age_at")
"""Scalar macros the SQL may call."""

_STATEMENTS = (
    """CREATE OR REPLACE TEMP MACRO working_days(a, b) AS
       (SELECT n FROM kp_workdays WHERE day = b) - (SELECT n FROM kp_workdays WHERE day = a)""",
    """CREATE OR REPLACE TEMP MACRO age_at(dob, d) AS
       year(d) - year(dob) - CASE WHEN month(d) * 100 + day(d) < month(dob) * 100 + day(dob)
                                  THEN 1 ELSE 0 END""",
    """CREATE OR REPLACE TEMP TABLE kp_uasc AS
       SELECT DISTINCT immi_person_id AS person_id FROM ssd_immigration_status
       WHERE immi_immigration_status = 'UASC'""",
    """CREATE OR REPLACE TEMP TABLE kp_case_team AS
       WITH cw AS (
           SELECT invo_person_id AS person_id, invo_professional_team AS team_id,
                  invo_professional_id AS worker_id,
                  invo_involvement_start_date AS start_date, invo_involvement_end_date AS end_date,
                  invo_involvements_id AS row_id
           FROM ssd_involvements
           WHERE invo_professional_role_id = 'CW' AND invo_involvement_start_date IS NOT NULL),
       ordered AS (
           SELECT *, lead(start_date) OVER (PARTITION BY person_id ORDER BY start_date, row_id)
                     AS next_start
           FROM cw)
       SELECT person_id, team_id, worker_id, start_date,
              CASE WHEN next_start IS NULL THEN end_date
                   WHEN end_date IS NULL THEN next_start
                   ELSE least(end_date, next_start) END AS end_date
       FROM ordered
       WHERE next_start IS NULL OR next_start > start_date""",
    """CREATE OR REPLACE TEMP TABLE kp_teams AS
       SELECT t.org_unit_id AS team_id, t.org_unit_name AS team_name, t.team_type,
              CASE WHEN p.org_level = 'district' THEN p.org_unit_id END AS district_id,
              CASE WHEN p.org_level = 'area' THEN p.org_unit_id ELSE p.parent_id END AS area_id
       FROM local_org_units t LEFT JOIN local_org_units p ON p.org_unit_id = t.parent_id
       WHERE t.org_level = 'team'""",
)

_HOME_DISTRICT = """CREATE OR REPLACE TEMP TABLE kp_home_district AS
    SELECT a.addr_person_id AS person_id, l.district_id,
           a.addr_address_start_date AS start_date, a.addr_address_end_date AS end_date
    FROM ssd_address a JOIN local_postcode_districts l ON l.postcode = a.addr_address_postcode
    WHERE a.addr_address_type = 'HOME' AND a.addr_address_start_date IS NOT NULL"""

_EMPTY_HOME_DISTRICT = """CREATE OR REPLACE TEMP TABLE kp_home_district (
    person_id VARCHAR, district_id VARCHAR, start_date DATE, end_date DATE)"""


def _workdays_table() -> pa.Table:
    days: list[dt.date] = []
    counts: list[int] = []
    day = dt.date(FIRST_YEAR, 1, 1)
    n = 0
    while day.year <= LAST_YEAR:
        if is_working_day(day):
            n += 1
        days.append(day)
        counts.append(n)
        day += dt.timedelta(days=1)
    return pa.table({"day": pa.array(days, pa.date32()), "n": pa.array(counts, pa.int32())})


def _table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = $name", {"name": name}
    ).fetchone()
    views = con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE view_name = $name", {"name": name}
    ).fetchone()
    return bool(row and row[0]) or bool(views and views[0])


def install(con: duckdb.DuckDBPyConnection) -> None:
    """Create every helper table and macro in ``con`` (the data model must be loaded)."""
    workdays = _workdays_table()
    con.register("kp_workdays_arrow", workdays)
    con.execute("CREATE OR REPLACE TEMP TABLE kp_workdays AS SELECT * FROM kp_workdays_arrow")
    con.unregister("kp_workdays_arrow")
    for statement in _STATEMENTS:
        con.execute(statement)
    if _table_exists(con, "local_postcode_districts"):
        con.execute(_HOME_DISTRICT)
    else:
        con.execute(_EMPTY_HOME_DISTRICT)
