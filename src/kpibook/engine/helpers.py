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

Month-end snapshots, worked out once per run for every month end being
computed (joining them on ``period_end`` is much faster than joining spans of
dates to ``kp_periods`` in every indicator):

``kp_month_ends(period_end)``
    Every month end being computed.
``kp_team_at(period_end, person_id, team_id, worker_id)``
    The case-holding team and social worker of every allocated child at each
    month end (from ``kp_case_team``).
``kp_in_care_at(period_end, person_id, cla_id, episode_id, placement_id,
episode_start_date, entered_care_date, team_id)``
    Every child in care at each month end (a care episode open at the end of
    the day: started on or before it, not ceased by it), with their
    case-holding team then; one row per child (their latest-starting open
    episode, should the data hold two).
``kp_cp_at(period_end, person_id, plan_id, plan_start_date, team_id)``
    Every child protection plan open at each month end (started on or before
    it, not ended by it), with the child's case-holding team then.
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


_BASE_HELPERS: tuple[Helper, ...] = (
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

MONTH_END_HELPERS: tuple[Helper, ...] = (
    Helper("kp_month_ends", (("period_end", "DATE"),), "every month end being computed"),
    Helper(
        "kp_team_at",
        (
            ("period_end", "DATE"),
            ("person_id", "VARCHAR"),
            ("team_id", "VARCHAR"),
            ("worker_id", "VARCHAR"),
        ),
        "case-holding team and worker of every allocated child at each month end",
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
        "kp_in_care_at",
        (
            ("period_end", "DATE"),
            ("person_id", "VARCHAR"),
            ("cla_id", "VARCHAR"),
            ("episode_id", "VARCHAR"),
            ("placement_id", "VARCHAR"),
            ("episode_start_date", "DATE"),
            ("entered_care_date", "DATE"),
            ("team_id", "VARCHAR"),
        ),
        "every child in care at each month end, with their case-holding team",
        (
            "ssd_cla_episodes.clae_person_id",
            "ssd_cla_episodes.clae_cla_id",
            "ssd_cla_episodes.clae_cla_episode_id",
            "ssd_cla_episodes.clae_cla_placement_id",
            "ssd_cla_episodes.clae_cla_episode_start_date",
            "ssd_cla_episodes.clae_cla_episode_ceased_date",
            "ssd_cla_episodes.clae_entered_care_date",
            "ssd_involvements.invo_person_id",
            "ssd_involvements.invo_professional_team",
            "ssd_involvements.invo_professional_role_id",
            "ssd_involvements.invo_involvement_start_date",
            "ssd_involvements.invo_involvement_end_date",
        ),
    ),
    Helper(
        "kp_cp_at",
        (
            ("period_end", "DATE"),
            ("person_id", "VARCHAR"),
            ("plan_id", "VARCHAR"),
            ("plan_start_date", "DATE"),
            ("team_id", "VARCHAR"),
        ),
        "every child protection plan open at each month end, with the case-holding team",
        (
            "ssd_cp_plans.cppl_person_id",
            "ssd_cp_plans.cppl_cp_plan_id",
            "ssd_cp_plans.cppl_cp_plan_start_date",
            "ssd_cp_plans.cppl_cp_plan_end_date",
            "ssd_involvements.invo_person_id",
            "ssd_involvements.invo_professional_team",
            "ssd_involvements.invo_professional_role_id",
            "ssd_involvements.invo_involvement_start_date",
            "ssd_involvements.invo_involvement_end_date",
        ),
    ),
)
"""Helpers holding a snapshot at every month end of the run (see :func:`install_month_ends`)."""

HELPERS: tuple[Helper, ...] = _BASE_HELPERS + MONTH_END_HELPERS
"""Every helper relation an indicator's SQL may read."""

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


_MONTH_END_STATEMENTS = (
    """CREATE OR REPLACE TEMP TABLE kp_month_ends AS
       SELECT DISTINCT period_end FROM kp_calendar WHERE period = 'SS'""",
    """CREATE OR REPLACE TEMP TABLE kp_team_at AS
       SELECT m.period_end, t.person_id, t.team_id, t.worker_id
       FROM kp_month_ends AS m
       JOIN kp_case_team AS t
         ON t.start_date <= m.period_end
        AND coalesce(t.end_date, DATE '9999-12-31') > m.period_end""",
    """CREATE OR REPLACE TEMP TABLE kp_in_care_at AS
       WITH open_episodes AS (
           SELECT m.period_end, e.clae_person_id AS person_id, e.clae_cla_id AS cla_id,
                  e.clae_cla_episode_id AS episode_id, e.clae_cla_placement_id AS placement_id,
                  e.clae_cla_episode_start_date AS episode_start_date,
                  e.clae_entered_care_date AS entered_care_date
           FROM kp_month_ends AS m
           JOIN ssd_cla_episodes AS e
             ON e.clae_cla_episode_start_date <= m.period_end
            AND coalesce(e.clae_cla_episode_ceased_date, DATE '9999-12-31') > m.period_end
           WHERE e.clae_person_id IS NOT NULL
           QUALIFY row_number() OVER (
               PARTITION BY m.period_end, e.clae_person_id
               ORDER BY e.clae_cla_episode_start_date DESC, e.clae_cla_episode_id DESC) = 1)
       SELECT o.*, t.team_id
       FROM open_episodes AS o
       LEFT JOIN kp_team_at AS t ON t.period_end = o.period_end AND t.person_id = o.person_id""",
    """CREATE OR REPLACE TEMP TABLE kp_cp_at AS
       SELECT m.period_end, p.cppl_person_id AS person_id, p.cppl_cp_plan_id AS plan_id,
              p.cppl_cp_plan_start_date AS plan_start_date, t.team_id
       FROM kp_month_ends AS m
       JOIN ssd_cp_plans AS p
         ON p.cppl_cp_plan_start_date <= m.period_end
        AND coalesce(p.cppl_cp_plan_end_date, DATE '9999-12-31') > m.period_end
       LEFT JOIN kp_team_at AS t
         ON t.period_end = m.period_end AND t.person_id = p.cppl_person_id""",
)


def install_month_ends(con: duckdb.DuckDBPyConnection) -> None:
    """Create the month-end snapshot helpers (needs ``kp_calendar`` and :func:`install`)."""
    for statement in _MONTH_END_STATEMENTS:
        con.execute(statement)


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
