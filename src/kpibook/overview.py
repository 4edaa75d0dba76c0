"""A council at a glance: the figures ``kpibook synth`` and ``kpibook demo`` print.

Works on any loaded dataset (synthetic or real), from a DuckDB connection
holding the data model's tables. Every query is fixed SQL with the date bound
as a parameter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

_OPEN_CASES_BY_AREA = """
WITH open_allocations AS (
    SELECT DISTINCT i.invo_person_id AS person_id, i.invo_professional_team AS team_id
    FROM ssd_involvements AS i
    JOIN ssd_cin_episodes AS c
      ON c.cine_person_id = i.invo_person_id
     AND c.cine_referral_date <= $day
     AND (c.cine_close_date IS NULL OR c.cine_close_date > $day)
    WHERE i.invo_professional_role_id = 'CW'
      AND i.invo_involvement_start_date <= $day
      AND (i.invo_involvement_end_date IS NULL OR i.invo_involvement_end_date > $day)
)
SELECT COALESCE(area.org_unit_name, 'Unknown') AS area, COUNT(DISTINCT a.person_id) AS children
FROM open_allocations AS a
LEFT JOIN local_org_units AS team ON team.org_unit_id = a.team_id
LEFT JOIN local_org_units AS parent ON parent.org_unit_id = team.parent_id
LEFT JOIN local_org_units AS area
  ON area.org_unit_id = CASE WHEN parent.org_level = 'district' THEN parent.parent_id
                             ELSE parent.org_unit_id END
GROUP BY ALL
ORDER BY area
"""

_OPEN_CASES = """
SELECT COUNT(DISTINCT cine_person_id) FROM ssd_cin_episodes
WHERE cine_referral_date <= $day AND (cine_close_date IS NULL OR cine_close_date > $day)
"""

_CP_PLANS = """
SELECT COUNT(DISTINCT cppl_person_id) FROM ssd_cp_plans
WHERE cppl_cp_plan_start_date <= $day
  AND (cppl_cp_plan_end_date IS NULL OR cppl_cp_plan_end_date > $day)
"""

_CHILDREN_IN_CARE = """
WITH cic AS (
    SELECT DISTINCT clae_person_id AS person_id FROM ssd_cla_episodes
    WHERE clae_cla_episode_start_date <= $day
      AND (clae_cla_episode_ceased_date IS NULL OR clae_cla_episode_ceased_date > $day)
), uasc AS (
    SELECT DISTINCT immi_person_id AS person_id FROM ssd_immigration_status
    WHERE immi_immigration_status = 'UASC' AND immi_immigration_status_start_date <= $day
)
SELECT COUNT(*), COUNT(*) FILTER (WHERE cic.person_id NOT IN (SELECT person_id FROM uasc))
FROM cic
"""


@dataclass(frozen=True, slots=True)
class Overview:
    """Headline counts on one day.

    Attributes:
        day: the day counted (cases open at the end of it).
        open_cases: children with an open referral (child in need episode).
        cp_plans: children on a child protection plan.
        children_in_care: children looked after, including UASC.
        children_in_care_exc_uasc: children looked after, excluding UASC.
        open_cases_by_area: children with an open, allocated case, by the area
            of the team holding it.
    """

    day: dt.date
    open_cases: int
    cp_plans: int
    children_in_care: int
    children_in_care_exc_uasc: int
    open_cases_by_area: tuple[tuple[str, int], ...]


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, day: dt.date) -> int:
    row = con.execute(sql, {"day": day}).fetchone()
    return 0 if row is None else int(row[0])


def overview(con: duckdb.DuckDBPyConnection, day: dt.date) -> Overview:
    """Count open cases, CP plans and children in care at the end of ``day``.

    Something "open at the end of the day" started on or before it and ended
    after it (or has not ended).
    """
    cic = con.execute(_CHILDREN_IN_CARE, {"day": day}).fetchone()
    by_area = con.execute(_OPEN_CASES_BY_AREA, {"day": day}).fetchall()
    return Overview(
        day=day,
        open_cases=_scalar(con, _OPEN_CASES, day),
        cp_plans=_scalar(con, _CP_PLANS, day),
        children_in_care=0 if cic is None else int(cic[0]),
        children_in_care_exc_uasc=0 if cic is None else int(cic[1]),
        open_cases_by_area=tuple((str(a), int(n)) for a, n in by_area),
    )
