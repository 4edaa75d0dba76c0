"""The helper tables and macros an indicator's SQL may use, on hand-worked cases.

Each test builds a DuckDB connection holding every data-model table (empty
unless the test adds rows), installs the helpers as the engine does, and
compares what the helpers give with answers worked out by hand.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpibook.engine import helpers
from kpibook.engine.compute import install_calendar
from kpibook.ingest.sql import create_table
from kpibook.model import SCHEMA, ColumnType
from kpibook.model.workdays import working_days_between

_ARROW = {
    ColumnType.TEXT: pa.string(),
    ColumnType.DATE: pa.date32(),
    ColumnType.INTEGER: pa.int64(),
    ColumnType.DECIMAL: pa.float64(),
    ColumnType.FLAG: pa.string(),
}

ORG = (
    # (org_unit_id, org_level, parent_id, team_type)
    ("KCC", "council", None, None),
    ("AREA_N", "area", "KCC", None),
    ("AREA_CW", "area", "KCC", None),
    ("D_DAR", "district", "AREA_N", None),
    ("T_DAR", "team", "D_DAR", "cswt"),  # a district team
    ("T_CIC_N", "team", "AREA_N", "cic"),  # an area-level team
    ("T_UASC", "team", "AREA_CW", "uasc"),  # a county-wide team
)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def connect(rows: Mapping[str, Sequence[Mapping[str, Any]]] = {}) -> duckdb.DuckDBPyConnection:
    """Every data-model table (the organisation above plus ``rows``), helpers installed."""
    org = [
        {
            "org_unit_id": u,
            "org_unit_name": f"{u} name",
            "org_level": level,
            "parent_id": parent,
            "team_type": kind,
        }
        for u, level, parent, kind in ORG
    ]
    data = {"local_org_units": org, **rows}
    con = duckdb.connect()
    for table in SCHEMA:
        con.execute(
            create_table(table.name, {c.name: c.type.duckdb_type for c in table.columns}).sql(
                dialect="duckdb"
            )
        )
        table_rows = data.get(table.name)
        if table_rows:
            known = {c.name for c in table.columns}
            for r in table_rows:
                assert set(r) <= known, set(r) - known
            arrow = pa.table(
                {
                    c.name: pa.array([r.get(c.name) for r in table_rows], _ARROW[c.type])
                    for c in table.columns
                }
            )
            con.register("fixture_rows", arrow)
            con.execute(f"INSERT INTO {table.name} BY NAME SELECT * FROM fixture_rows")
            con.unregister("fixture_rows")
    helpers.install(con)
    install_calendar(con, dt.date(2016, 6, 30), dt.date(2016, 9, 30))
    helpers.install_month_ends(con)
    return con


@cache
def plain() -> duckdb.DuckDBPyConnection:
    """A connection with no records, shared by the macro tests (they only read)."""
    return connect()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> Any:
    row = con.execute(sql, list(params)).fetchone()
    assert row is not None
    return row[0]


# --- working_days(a, b) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # Fri -> Tue over the August 2016 bank holiday (Mon 29th): only Tue counts.
        ("2016-08-26", "2016-08-30", 1),
        # The start day is day 0.
        ("2016-08-26", "2016-08-26", 0),
        ("2016-08-30", "2016-08-31", 1),
        # Thu 24 Dec 2015 -> Tue 29 Dec 2015: Christmas Day (Fri) and the Boxing Day
        # substitute (Mon 28th) are bank holidays; only Tue 29th counts.
        ("2015-12-24", "2015-12-29", 1),
        # Fri 27 May -> Fri 3 Jun 2016: Mon 30 May is the spring bank holiday -> Tue-Fri = 4.
        ("2016-05-27", "2016-06-03", 4),
        # Starting on a bank holiday: Mon 29 Aug -> Fri 2 Sep = Tue..Fri = 4.
        ("2016-08-29", "2016-09-02", 4),
        # Ending on a Sunday: Fri 2 Sep -> Sun 4 Sep = 0.
        ("2016-09-02", "2016-09-04", 0),
        # Backwards is negative.
        ("2016-08-30", "2016-08-26", -1),
        # A whole year: 2016 has 261 weekdays; Fri 1 Jan is day 0, leaving 260, less the
        # 7 other bank holidays (25 Mar, 28 Mar, 2 May, 30 May, 29 Aug, 26 Dec, 27 Dec) = 253.
        ("2016-01-01", "2016-12-31", 253),
    ],
)
def test_working_days_macro(start: str, end: str, expected: int) -> None:
    assert scalar(plain(), "SELECT working_days($1::DATE, $2::DATE)", start, end) == expected
    # ... and the same as the Python the rest of the project uses.
    assert working_days_between(d(start), d(end)) == expected


days = st.dates(min_value=dt.date(1996, 1, 1), max_value=dt.date(2034, 12, 31))


@settings(max_examples=60, deadline=None)
@given(days, days)
def test_working_days_macro_matches_python(a: dt.date, b: dt.date) -> None:
    assert scalar(plain(), "SELECT working_days($1, $2)", a, b) == working_days_between(a, b)


def test_working_days_on_columns() -> None:
    # The macro works row by row on columns, as indicator SQL uses it.
    rows = (
        plain()
        .execute(
            "SELECT working_days(a, b) FROM (VALUES (DATE '2016-08-26', DATE '2016-08-30'),"
            " (DATE '2016-05-27', DATE '2016-06-03')) AS t(a, b) ORDER BY a"
        )
        .fetchall()
    )
    assert rows == [(4,), (1,)]


def test_kp_workdays_running_count() -> None:
    # n goes up by one on each working day only: 26 Aug 2016 (Fri) .. 30 Aug (Tue).
    rows = (
        plain()
        .execute(
            "SELECT day, n - min(n) OVER () FROM kp_workdays"
            " WHERE day BETWEEN DATE '2016-08-26' AND DATE '2016-08-30' ORDER BY day"
        )
        .fetchall()
    )
    assert [r[1] for r in rows] == [0, 0, 0, 0, 1]


# --- age_at(dob, day) -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dob", "day", "expected"),
    [
        ("2000-03-15", "2016-03-14", 15),  # the day before the 16th birthday
        ("2000-03-15", "2016-03-15", 16),  # on the birthday
        ("1998-08-31", "2016-08-31", 18),  # turns 18 on the month end
        ("1998-09-01", "2016-08-31", 17),  # turns 18 the day after
        # Born on 29 February: in a leap year the birthday is 29 Feb ...
        ("2000-02-29", "2016-02-28", 15),
        ("2000-02-29", "2016-02-29", 16),
        # ... in other years the age goes up on 1 March (as English law has it).
        ("2000-02-29", "2018-02-28", 17),
        ("2000-02-29", "2018-03-01", 18),
        ("2016-08-31", "2016-08-31", 0),  # born that day
        ("2015-12-31", "2016-01-01", 0),
    ],
)
def test_age_at(dob: str, day: str, expected: int) -> None:
    assert scalar(plain(), "SELECT age_at($1::DATE, $2::DATE)", dob, day) == expected


def _completed_years(dob: dt.date, day: dt.date) -> int:
    """Reference: count the birthdays reached (29 Feb birthdays fall on 1 Mar in other years)."""
    years = 0
    while True:
        year = dob.year + years + 1
        try:
            birthday = dob.replace(year=year)
        except ValueError:  # 29 February in a common year
            birthday = dt.date(year, 3, 1)
        if birthday > day:
            return years
        years += 1


@settings(max_examples=60, deadline=None)
@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2020, 12, 31)),
    st.integers(min_value=0, max_value=30 * 366),
)
def test_age_at_matches_counting_birthdays(dob: dt.date, days_later: int) -> None:
    day = dob + dt.timedelta(days=days_later)
    assert scalar(plain(), "SELECT age_at($1, $2)", dob, day) == _completed_years(dob, day)


# --- kp_uasc --------------------------------------------------------------------------------------


def _status(sid: str, pid: str, status: str, start: str, end: str | None = None) -> dict[str, Any]:
    return {
        "immi_immigration_status_id": sid,
        "immi_person_id": pid,
        "immi_immigration_status": status,
        "immi_immigration_status_start_date": d(start),
        "immi_immigration_status_end_date": d(end) if end else None,
    }


def test_kp_uasc_is_every_child_ever_uasc_once() -> None:
    statuses = [
        _status("S1", "U1", "UASC", "2015-01-01"),  # UASC now
        _status("S2", "U2", "UASC", "2014-01-01", "2015-06-30"),  # was UASC ...
        _status("S3", "U2", "REFUGEE", "2015-07-01"),  # ... and is not any more: still counts
        _status("S4", "U3", "UASC", "2015-01-01", "2015-03-01"),  # two UASC spells: once
        _status("S5", "U3", "UASC", "2016-01-01"),
        _status("S6", "N1", "REFUGEE", "2015-01-01"),  # never UASC
    ]
    con = connect({"ssd_immigration_status": statuses})
    rows = con.execute("SELECT person_id FROM kp_uasc ORDER BY person_id").fetchall()
    assert rows == [("U1",), ("U2",), ("U3",)]


# --- kp_case_team ---------------------------------------------------------------------------------


def _allocation(
    iid: str,
    pid: str,
    team: str,
    start: str | None,
    end: str | None = None,
    *,
    role: str = "CW",
    worker: str = "W1",
) -> dict[str, Any]:
    return {
        "invo_involvements_id": iid,
        "invo_professional_id": worker,
        "invo_professional_role_id": role,
        "invo_professional_team": team,
        "invo_person_id": pid,
        "invo_involvement_start_date": d(start) if start else None,
        "invo_involvement_end_date": d(end) if end else None,
    }


def _case_team(con: duckdb.DuckDBPyConnection, pid: str) -> list[tuple[Any, ...]]:
    return con.execute(
        "SELECT team_id, worker_id, start_date, end_date FROM kp_case_team"
        " WHERE person_id = $1 ORDER BY start_date",
        [pid],
    ).fetchall()


def test_kp_case_team_a_new_allocation_ends_the_previous_one() -> None:
    con = connect(
        {
            "ssd_involvements": [
                # A: open allocation to T_DAR, then T_CIC_N from 1 Mar without closing the first.
                _allocation("I1", "A", "T_DAR", "2016-01-01", worker="W1"),
                _allocation("I2", "A", "T_CIC_N", "2016-03-01", worker="W2"),
                # B: a long allocation overlapped by a short one inside it: the short one ends
                # the long one, and after it ends B has no case-holding team.
                _allocation("I3", "B", "T_DAR", "2016-01-01", "2016-06-30"),
                _allocation("I4", "B", "T_UASC", "2016-03-01", "2016-04-30"),
                # C: closed before the next begins: both kept as they are (a gap between).
                _allocation("I5", "C", "T_DAR", "2016-01-01", "2016-02-01"),
                _allocation("I6", "C", "T_DAR", "2016-03-01"),
                # D: only roles other than the case worker, or no start date: no case team.
                _allocation("I7", "D", "T_DAR", "2016-01-01", role="IRO"),
                _allocation("I8", "D", "T_DAR", None),
            ]
        }
    )
    assert _case_team(con, "A") == [
        ("T_DAR", "W1", d("2016-01-01"), d("2016-03-01")),
        ("T_CIC_N", "W2", d("2016-03-01"), None),
    ]
    assert _case_team(con, "B") == [
        ("T_DAR", "W1", d("2016-01-01"), d("2016-03-01")),
        ("T_UASC", "W1", d("2016-03-01"), d("2016-04-30")),
    ]
    assert _case_team(con, "C") == [
        ("T_DAR", "W1", d("2016-01-01"), d("2016-02-01")),
        ("T_DAR", "W1", d("2016-03-01"), None),
    ]
    assert _case_team(con, "D") == []


def test_kp_case_team_gives_one_team_on_each_day() -> None:
    con = connect(
        {
            "ssd_involvements": [
                _allocation("I1", "A", "T_DAR", "2016-01-01"),
                _allocation("I2", "A", "T_CIC_N", "2016-03-01"),
            ]
        }
    )
    on_day = (
        "SELECT team_id FROM kp_case_team WHERE person_id = 'A'"
        " AND start_date <= $1 AND (end_date IS NULL OR end_date > $1)"
    )
    assert con.execute(on_day, [d("2016-02-29")]).fetchall() == [("T_DAR",)]
    assert con.execute(on_day, [d("2016-03-01")]).fetchall() == [("T_CIC_N",)]  # end exclusive
    assert con.execute(on_day, [d("2015-12-31")]).fetchall() == []


_allocations = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=60),  # start: days after 1 Jan 2016
        st.one_of(st.none(), st.integers(min_value=0, max_value=60)),  # length, None = open
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, deadline=None)
@given(_allocations)
def test_kp_case_team_spans_never_overlap(spans: list[tuple[int, int | None]]) -> None:
    base = dt.date(2016, 1, 1)
    rows = [
        _allocation(
            f"I{i}",
            "A",
            "T_DAR",
            (base + dt.timedelta(days=start)).isoformat(),
            None if length is None else (base + dt.timedelta(days=start + length)).isoformat(),
        )
        for i, (start, length) in enumerate(spans)
    ]
    out = _case_team(connect({"ssd_involvements": rows}), "A")
    # One span for each distinct start date (same-day allocations: one wins).
    assert len(out) == len({start for start, _ in spans})
    for (_, _, _, end), (_, _, next_start, _) in itertools.pairwise(out):
        assert end is not None
        assert end <= next_start  # end is exclusive: ending on the next start is no overlap


# --- kp_teams -------------------------------------------------------------------------------------


def test_kp_teams_area_for_district_and_area_level_teams() -> None:
    rows = plain().execute("SELECT * FROM kp_teams ORDER BY team_id").fetchall()
    assert rows == [
        # An area-level team: no district, the area is its parent.
        ("T_CIC_N", "T_CIC_N name", "cic", None, "AREA_N"),
        # A district team: its district, and the district's area.
        ("T_DAR", "T_DAR name", "cswt", "D_DAR", "AREA_N"),
        # A county-wide team under the county-wide 'area'.
        ("T_UASC", "T_UASC name", "uasc", None, "AREA_CW"),
    ]


# --- kp_home_district -----------------------------------------------------------------------------


def test_kp_home_district_from_home_addresses_and_the_postcode_lookup() -> None:
    def address(aid: str, pid: str, kind: str, postcode: str, start: str) -> dict[str, Any]:
        return {
            "addr_table_id": aid,
            "addr_person_id": pid,
            "addr_address_type": kind,
            "addr_address_postcode": postcode,
            "addr_address_start_date": d(start),
        }

    con = connect(
        {
            "local_postcode_districts": [{"postcode": "DA1 1AA", "district_id": "D_DAR"}],
            "ssd_address": [
                address("A1", "A", "HOME", "DA1 1AA", "2015-01-01"),  # home, in the lookup
                address("A2", "A", "PLACEMENT", "DA1 1AA", "2016-01-01"),  # not a home address
                address("A3", "B", "HOME", "ZZ9 9ZZ", "2015-01-01"),  # postcode not in lookup
            ],
        }
    )
    rows = con.execute("SELECT person_id, district_id, start_date FROM kp_home_district").fetchall()
    assert rows == [("A", "D_DAR", d("2015-01-01"))]


def test_every_helper_exists_with_its_documented_columns() -> None:
    con = plain()
    for helper in helpers.HELPERS:
        if helper.name == "kp_periods":
            continue  # made for each indicator's query from its period (engine.compile)
        described = con.execute(f"DESCRIBE {helper.name}").fetchall()
        assert [(r[0], r[1]) for r in described] == list(helper.columns), helper.name


def test_month_end_snapshots() -> None:
    """kp_team_at, kp_in_care_at and kp_cp_at at the month ends Jun to Sep 2016, by hand."""
    con = connect(
        {
            "ssd_involvements": [
                # A: T_DAR from 1 May, then T_CIC_N from 31 Jul (a month-end day).
                _allocation("I1", "A", "T_DAR", "2016-05-01", None, worker="W1"),
                _allocation("I2", "A", "T_CIC_N", "2016-07-31", None, worker="W2"),
            ],
            "ssd_cla_episodes": [
                # A in care 2016-07-15 to 2016-08-31: at the July month end, not at August's
                # (it ceased on the month-end day itself).
                {
                    "clae_cla_episode_id": "E1",
                    "clae_person_id": "A",
                    "clae_cla_id": "C1",
                    "clae_cla_placement_id": "P1",
                    "clae_cla_episode_start_date": dt.date(2016, 7, 15),
                    "clae_cla_episode_ceased_date": dt.date(2016, 8, 31),
                    "clae_entered_care_date": dt.date(2016, 7, 15),
                },
            ],
            "ssd_cp_plans": [
                # B on a plan from 30 Jun (a month-end day: counted) to 1 Sep.
                {
                    "cppl_cp_plan_id": "CP1",
                    "cppl_person_id": "B",
                    "cppl_cp_plan_start_date": dt.date(2016, 6, 30),
                    "cppl_cp_plan_end_date": dt.date(2016, 9, 1),
                },
            ],
        }
    )
    teams = con.execute(
        "SELECT period_end, team_id, worker_id FROM kp_team_at WHERE person_id = 'A' ORDER BY 1"
    ).fetchall()
    assert teams == [
        (dt.date(2016, 6, 30), "T_DAR", "W1"),
        (dt.date(2016, 7, 31), "T_CIC_N", "W2"),
        (dt.date(2016, 8, 31), "T_CIC_N", "W2"),
        (dt.date(2016, 9, 30), "T_CIC_N", "W2"),
    ]
    in_care = con.execute(
        "SELECT period_end, person_id, placement_id, team_id FROM kp_in_care_at"
    ).fetchall()
    assert in_care == [(dt.date(2016, 7, 31), "A", "P1", "T_CIC_N")]
    plans = con.execute("SELECT period_end, plan_id, team_id FROM kp_cp_at ORDER BY 1").fetchall()
    assert plans == [
        (dt.date(2016, 6, 30), "CP1", None),
        (dt.date(2016, 7, 31), "CP1", None),
        (dt.date(2016, 8, 31), "CP1", None),
    ]
