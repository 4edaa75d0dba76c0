"""The organisation tables: teams, hierarchy, child population, staff and carers.

Written once per run, before the children (``run.generate``), from the
council's shape (:mod:`kpibook.synth.geography`) and the roster of workers
(:mod:`kpibook.synth.roster`):

* ``ssd_department``: every team, and the council, areas and districts they
  sit under (so every ``dept_team_parent_id`` is itself a department);
* ``local_org_units``: council -> areas -> districts -> teams, with team types;
* ``local_team_districts``: which districts each district team serves;
* ``local_postcode_districts``: the district of every postcode children's
  home addresses may be drawn from (:mod:`kpibook.synth.postcodes`);
* ``local_population``: mid-year child population by district and single
  year of age, for every year simulated;
* ``ssd_professionals``: every worker of the roster;
* ``local_workforce``: each team's case-holding establishment at every month
  end of the window (posts, permanent qualified, agency, vacant);
* ``local_foster_carers``: the council's fostering households
  (:mod:`kpibook.synth.foster_carers`).
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from kpibook.synth.context import Window
from kpibook.synth.foster_carers import foster_carer_rows
from kpibook.synth.geography import (
    AGE_PROFILE,
    AREAS,
    COUNCIL_ID,
    COUNCIL_NAME,
    DISTRICTS,
    TEAMS,
    Team,
)
from kpibook.synth.postcodes import home_postcodes_by_district
from kpibook.synth.roster import Roster, Worker
from kpibook.synth.sink import Batch


@dataclass(frozen=True, slots=True)
class OrganisationParams:
    """Tunable figures of the organisation tables (defaults are calibrated)."""

    population_growth: float = 0.006
    """Yearly growth of the child population (ONS mid-year estimates for Kent,
    2011-2018, grew by about 0.6% a year)."""
    population_base_year: int = 2016
    """The year ``District.children_2016`` describes."""


PARAMS = OrganisationParams()

_FORENAMES: tuple[str, ...] = (
    "Aisha", "Alex", "Amanda", "Amir", "Andrew", "Anna", "Ben", "Bethany", "Carl", "Charlotte",
    "Chloe", "Claire", "Daniel", "David", "Deborah", "Emma", "Farah", "Gemma", "Grace", "Hannah",
    "Helen", "Ian", "James", "Jane", "Joanne", "John", "Karen", "Kate", "Laura", "Lisa", "Mark",
    "Michelle", "Mohammed", "Natalie", "Nicola", "Oliver", "Paul", "Priya", "Rachel", "Rebecca",
    "Richard", "Sam", "Sarah", "Simon", "Sophie", "Stephen", "Tom", "Victoria", "Yetunde", "Zoe",
)  # fmt: skip
_SURNAMES: tuple[str, ...] = (
    "Adams", "Ahmed", "Baker", "Barnes", "Bell", "Brown", "Campbell", "Clarke", "Cole", "Cooper",
    "Davies", "Edwards", "Evans", "Fisher", "Green", "Hall", "Harris", "Hill", "Hughes", "Jackson",
    "James", "Johnson", "Jones", "Khan", "King", "Lewis", "Martin", "Mensah", "Moore", "Morgan",
    "Okafor", "Parker", "Patel", "Phillips", "Price", "Roberts", "Robinson", "Scott", "Shah",
    "Smith", "Taylor", "Thomas", "Thompson", "Turner", "Walker", "Ward", "White", "Williams",
    "Wilson", "Wood", "Wright", "Young",
)  # fmt: skip

_JOB_TITLES: dict[str, str] = {
    "fostering": "Fostering Social Worker",
    "adoption": "Adoption Social Worker",
    "iro": "Independent Reviewing Officer",
    "front_door": "Duty Social Worker",
}


def organisation_batch(
    seed: int, window: Window, roster: Roster, scale: float, params: OrganisationParams = PARAMS
) -> Batch:
    """Every organisation row of a run (see the module docstring)."""
    batch = Batch()
    _departments(batch)
    _org_units(batch)
    _postcode_districts(batch)
    _population(batch, window, scale, params)
    _professionals(batch, random.Random(f"professionals:{seed}"), roster)
    _workforce(batch, window, roster)
    for row in foster_carer_rows(random.Random(f"foster_carers:{seed}"), window, roster, scale):
        batch.add("local_foster_carers", row)
    return batch


def _units() -> list[tuple[str, str, str, str | None, str | None]]:
    """(id, name, level, parent id, team type) of every unit, council first."""
    units: list[tuple[str, str, str, str | None, str | None]] = [
        (COUNCIL_ID, COUNCIL_NAME, "council", None, None)
    ]
    units += [(area_id, name, "area", COUNCIL_ID, None) for area_id, name in AREAS]
    units += [(d.district_id, d.name, "district", d.area_id, None) for d in DISTRICTS]
    units += [(t.team_id, t.name, "team", t.parent_id, t.team_type) for t in TEAMS]
    return units


def _departments(batch: Batch) -> None:
    """``ssd_department``: teams, with the council, areas and districts above them."""
    names = {unit_id: name for unit_id, name, _, _, _ in _units()}
    for unit_id, name, _level, parent, _type in _units():
        batch.add(
            "ssd_department",
            {
                "dept_team_id": unit_id,
                "dept_team_name": name,
                "dept_team_parent_id": parent,
                "dept_team_parent_name": None if parent is None else names[parent],
            },
        )


def _org_units(batch: Batch) -> None:
    """``local_org_units`` and ``local_team_districts``."""
    for unit_id, name, level, parent, team_type in _units():
        batch.add(
            "local_org_units",
            {
                "org_unit_id": unit_id,
                "org_unit_name": name,
                "org_level": level,
                "parent_id": parent,
                "team_type": team_type,
            },
        )
    for d in DISTRICTS:
        for team_id in d.cswt_ids:
            batch.add("local_team_districts", {"team_id": team_id, "district_id": d.district_id})


def _postcode_districts(batch: Batch) -> None:
    """``local_postcode_districts``: every home-address postcode and its district, by postcode.

    The council's lookup from the ONS postcode directory, covering every
    postcode the generator may give a child's home address (whatever the
    scale), so each resident child can be placed in their district.
    """
    district_of = {d.ons_code: d.district_id for d in DISTRICTS}
    pairs = sorted(
        (postcode.postcode, district_of[ons_code])
        for ons_code, postcodes in home_postcodes_by_district().items()
        for postcode in postcodes
    )
    for postcode, district_id in pairs:
        batch.add("local_postcode_districts", {"postcode": postcode, "district_id": district_id})


def _population(batch: Batch, window: Window, scale: float, params: OrganisationParams) -> None:
    """``local_population``: mid-year estimates by district and single year of age.

    Each district's 2016 child population is spread over ages 0-17 by the
    county's age profile and grown (or shrunk) by ``population_growth`` a year.
    """
    total = sum(AGE_PROFILE)
    shares = [w / total for w in AGE_PROFILE]
    for year in range(window.sim_start.year, window.end.year + 1):
        growth = (1 + params.population_growth) ** (year - params.population_base_year)
        for d in DISTRICTS:
            for age, share in enumerate(shares):
                batch.add(
                    "local_population",
                    {
                        "population_year": year,
                        "district_id": d.district_id,
                        "age": age,
                        "population": round(d.children_2016 * share * growth * scale),
                    },
                )


def _job_title(team: Team, worker: Worker) -> str:
    if not worker.qualified:
        return "Family Support Worker"
    if team.team_id == "T_CPCH":
        return "Child Protection Conference Chair"
    title = _JOB_TITLES.get(team.team_type, "Social Worker")
    return f"Agency {title}" if worker.agency else title


def _professionals(batch: Batch, rng: random.Random, roster: Roster) -> None:
    """``ssd_professionals``: every worker of the roster, with a synthetic name.

    Employed staff have a staff number; agency staff do not. Qualified social
    workers have a (synthetic) Social Work England registration number.
    """
    teams = {t.team_id: t for t in TEAMS}
    for w in roster.workers:
        team = teams[w.team_id]
        batch.add(
            "ssd_professionals",
            {
                "prof_professional_id": w.professional_id,
                "prof_staff_id": None if w.agency else f"KCC{w.professional_id[-6:]}",
                "prof_professional_name": f"{rng.choice(_FORENAMES)} {rng.choice(_SURNAMES)}",
                "prof_social_worker_registration_no": (
                    f"SW{rng.randrange(10_000, 200_000)}" if w.qualified else None
                ),
                "prof_agency_worker_flag": "Y" if w.agency else "N",
                "prof_professional_job_title": _job_title(team, w),
                "prof_professional_caseload": None,
                "prof_professional_department": team.name,
                "prof_full_time_equivalency": w.fte,
            },
        )


def month_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every last day of a month from ``start`` to ``end`` (inclusive)."""
    out: list[dt.date] = []
    year, month = start.year, start.month
    while True:
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        last = nxt - dt.timedelta(days=1)
        if last > end:
            return out
        if last >= start:
            out.append(last)
        year, month = nxt.year, nxt.month


def _workforce(batch: Batch, window: Window, roster: Roster) -> None:
    """``local_workforce``: each team's establishment at every month end of the window.

    Filled posts are the FTE of the roster's workers in post on the month
    end (started on or before it, leaving on or after it). Case-holding social
    workers are the qualified ones, permanent or agency; vacancies are the
    funded posts not filled.
    """
    ends = month_ends(window.start, window.end)
    if not ends:
        return
    # Difference arrays per team and measure: +fte at the first month end in
    # post, -fte after the last.
    size = len(ends) + 1
    sums: dict[str, list[list[float]]] = {
        t.team_id: [[0.0] * size for _ in range(4)] for t in TEAMS
    }
    for w in roster.workers:
        first = bisect_left(ends, w.start)
        last = bisect_right(ends, w.leave)  # month ends <= leave
        if first >= last:
            continue
        arrays = sums[w.team_id]
        measures = (
            0,  # filled
            1 if w.agency else (2 if w.qualified else -1),  # agency / permanent QSW
            3 if w.qualified else -1,  # case-holding social workers
        )
        for m in measures:
            if m >= 0:
                arrays[m][first] += w.fte
                arrays[m][last] -= w.fte
    for i, day in enumerate(ends):
        for t in TEAMS:
            arrays = sums[t.team_id]
            values = []
            for m in range(4):
                if i:
                    arrays[m][i] += arrays[m][i - 1]
                values.append(round(arrays[m][i], 1))
            filled, agency, permanent_qsw, caseholding = values
            posts = roster.establishment.get(t.team_id, filled)
            batch.add(
                "local_workforce",
                {
                    "month_end": day,
                    "team_id": t.team_id,
                    "posts_fte": posts,
                    "permanent_qsw_fte": permanent_qsw,
                    "agency_fte": agency,
                    "vacant_fte": round(max(0.0, posts - filled), 1),
                    "caseholding_sw_fte": caseholding,
                },
            )
