"""From combined 903 rows to the data model's tables (see ``docs/returns-903.md``).

Identifiers the 903 does not have are made from the child's id and a date,
so the same return always gives the same ids: ``EP-<child>-<yyyymmdd>`` for
an episode (its start), ``CLA-<child>-<yyyymmdd>`` for a period of care (its
first day), ``PL-...`` for a placement, ``LS-...`` a legal status spell,
``RV-...`` a review, ``MS-...`` a missing episode, ``SW-...-<worker>`` a social
worker episode, ``PM-...`` a permanence record, ``CL-<child>-<year>`` a care
leaver row, ``AD-...`` a home address and ``UASC-<child>`` the UASC status.

Each output table has the columns the 903 fills plus the data model's
required columns (empty where the 903 has nothing); other columns are left
out. :data:`CARRIED` lists every column filled, with where it comes from.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import pyarrow as pa

from kpibook.model.columns import ColumnType
from kpibook.model.schema import SCHEMA
from kpibook.problems import Problem
from kpibook.returns.common import finding
from kpibook.returns.ssda903.checks import code_year
from kpibook.returns.ssda903.codes import field_codes
from kpibook.returns.ssda903.distance import miles_between
from kpibook.returns.ssda903.oc2 import OC2_CARRIED
from kpibook.returns.ssda903.raw import Row
from kpibook.returns.ssda903.spec import year_end, year_start

_D = "derived from "
CARRIED: Mapping[str, str] = MappingProxyType(
    {
        "ssd_person.pers_person_id": "Header.CHILD",
        "ssd_person.pers_sex": "Header.SEX",
        "ssd_person.pers_dob": "Header.DOB",
        "ssd_person.pers_ethnicity": "Header.ETHNIC",
        "ssd_person.pers_upn": "Header.UPN",
        "ssd_person.pers_upn_unknown": "Header.UPN",
        "ssd_person.pers_is_mother": "Header.MOTHER",
        "ssd_immigration_status.immi_immigration_status_id": _D + "UASC.CHILD",
        "ssd_immigration_status.immi_person_id": "UASC.CHILD",
        "ssd_immigration_status.immi_immigration_status_end_date": "UASC.DUC",
        "ssd_immigration_status.immi_immigration_status": _D + "UASC (UASC)",
        "ssd_address.addr_table_id": _D + "Episodes.CHILD, DECOM",
        "ssd_address.addr_person_id": "Episodes.CHILD",
        "ssd_address.addr_address_type": _D + "Episodes.HOME_POST (HOME)",
        "ssd_address.addr_address_start_date": _D + "Episodes.DECOM",
        "ssd_address.addr_address_end_date": _D + "Episodes.DECOM",
        "ssd_address.addr_address_postcode": "Episodes.HOME_POST",
        "ssd_cla_episodes.clae_cla_episode_id": _D + "Episodes.CHILD, DECOM",
        "ssd_cla_episodes.clae_person_id": "Episodes.CHILD",
        "ssd_cla_episodes.clae_cla_placement_id": _D + "Episodes",
        "ssd_cla_episodes.clae_cla_episode_start_date": "Episodes.DECOM",
        "ssd_cla_episodes.clae_cla_episode_start_reason": "Episodes.RNE",
        "ssd_cla_episodes.clae_cla_primary_need_code": "Episodes.CIN",
        "ssd_cla_episodes.clae_cla_episode_ceased_date": "Episodes.DEC",
        "ssd_cla_episodes.clae_cla_episode_ceased_reason": "Episodes.REC",
        "ssd_cla_episodes.clae_cla_id": _D + "Episodes",
        "ssd_cla_episodes.clae_entered_care_date": _D + "Episodes.DECOM",
        "ssd_cla_placement.clap_cla_placement_id": _D + "Episodes",
        "ssd_cla_placement.clap_cla_id": _D + "Episodes",
        "ssd_cla_placement.clap_person_id": "Episodes.CHILD",
        "ssd_cla_placement.clap_cla_placement_start_date": "Episodes.DECOM",
        "ssd_cla_placement.clap_cla_placement_type": "Episodes.PLACE",
        "ssd_cla_placement.clap_cla_placement_urn": "Episodes.URN",
        "ssd_cla_placement.clap_cla_placement_provider": "Episodes.PLACE_PROVIDER",
        "ssd_cla_placement.clap_cla_placement_postcode": "Episodes.PL_POST",
        "ssd_cla_placement.clap_cla_placement_distance": _D
        + "Episodes.HOME_POST and PL_POST (ONS grid references)",
        "ssd_cla_placement.clap_cla_placement_end_date": "Episodes.DEC",
        "ssd_cla_placement.clap_cla_placement_change_reason": "Episodes.REASON_PLACE_CHANGE",
        "ssd_legal_status.lega_legal_status_id": _D + "Episodes",
        "ssd_legal_status.lega_person_id": "Episodes.CHILD",
        "ssd_legal_status.lega_legal_status": "Episodes.LS",
        "ssd_legal_status.lega_legal_status_start_date": "Episodes.DECOM",
        "ssd_legal_status.lega_legal_status_end_date": "Episodes.DEC",
        "ssd_cla_reviews.clar_cla_review_id": _D + "Reviews.CHILD, REVIEW",
        "ssd_cla_reviews.clar_cla_id": _D + "Reviews.REVIEW and Episodes",
        "ssd_cla_reviews.clar_cla_person_id": "Reviews.CHILD",
        "ssd_cla_reviews.clar_cla_review_date": "Reviews.REVIEW",
        "ssd_cla_reviews.clar_cla_review_participation": "Reviews.REVIEW_CODE",
        "ssd_missing.miss_table_id": _D + "Missing.CHILD, MIS_START",
        "ssd_missing.miss_person_id": "Missing.CHILD",
        "ssd_missing.miss_missing_episode_start_date": "Missing.MIS_START",
        "ssd_missing.miss_missing_episode_type": "Missing.MISSING",
        "ssd_missing.miss_missing_episode_end_date": "Missing.MIS_END",
        "ssd_permanence.perm_table_id": _D + "PlacedAdoption, AD1 and Episodes",
        "ssd_permanence.perm_person_id": "PlacedAdoption/AD1/Episodes.CHILD",
        "ssd_permanence.perm_cla_id": _D + "Episodes",
        "ssd_permanence.perm_adm_decision_date": "PlacedAdoption.DATE_PLACED, AD1.DATE_INT",
        "ssd_permanence.perm_matched_date": "AD1.DATE_MATCH",
        "ssd_permanence.perm_adopter_sex": "AD1.SEX_ADOPTR",
        "ssd_permanence.perm_adopter_legal_status": "AD1.LS_ADOPTR",
        "ssd_permanence.perm_number_of_adopters": "AD1.NB_ADOPTR",
        "ssd_permanence.perm_placed_for_adoption_date": _D + "Episodes.PLACE A3-A6, DECOM",
        "ssd_permanence.perm_adopted_by_carer_flag": "AD1.FOSTER_CARE",
        "ssd_permanence.perm_decision_reversed_date": "PlacedAdoption.DATE_PLACED_CEASED",
        "ssd_permanence.perm_decision_reversed_reason": "PlacedAdoption.REASON_PLACED_CEASED",
        "ssd_permanence.perm_permanence_order_date": _D + "Episodes.DEC (REC E11-E48)",
        "ssd_permanence.perm_placement_order_date": _D + "Episodes.DECOM (LS E1 or D1)",
        "ssd_permanence.perm_placed_ffa_cp_date": _D + "Episodes.DECOM (PLACE U2 or U5)",
        "ssd_permanence.perm_placed_foster_carer_date": _D
        + "Episodes.DECOM (carers of an A3/A5 placement)",
        "ssd_permanence.perm_permanence_order_type": _D + "Episodes.REC",
        "ssd_care_leavers.clea_table_id": _D + "OC3.CHILD and the year",
        "ssd_care_leavers.clea_person_id": "OC3.CHILD",
        "ssd_care_leavers.clea_care_leaver_eligibility": _D + "OC3, DOB and Episodes",
        "ssd_care_leavers.clea_care_leaver_in_touch": "OC3.IN_TOUCH",
        "ssd_care_leavers.clea_care_leaver_latest_contact": _D + "DOB (birthday in the year)",
        "ssd_care_leavers.clea_care_leaver_accommodation": "OC3.ACCOM (letter)",
        "ssd_care_leavers.clea_care_leaver_accom_suitable": "OC3.ACCOM (digit)",
        "ssd_care_leavers.clea_care_leaver_activity": "OC3.ACTIV",
        "ssd_involvements.invo_involvements_id": _D + "SWEpisodes.CHILD, SW_DECOM, SW_ID",
        "ssd_involvements.invo_professional_id": "SWEpisodes.SW_ID",
        "ssd_involvements.invo_professional_role_id": _D + "SWEpisodes (CW)",
        "ssd_involvements.invo_person_id": "SWEpisodes.CHILD",
        "ssd_involvements.invo_involvement_start_date": "SWEpisodes.SW_DECOM",
        "ssd_involvements.invo_involvement_end_date": "SWEpisodes.SW_DEC",
        "ssd_involvements.invo_worker_change_reason": "SWEpisodes.SW_REASON",
    }
    | OC2_CARRIED
)
"""Every data-model column (``table.column``) the 903 fills, and from which 903 field."""

_ORDERS = {"E11": "ADOPTION", "E12": "ADOPTION", "E41": "CAO"} | {
    f"E4{i}": "SGO" for i in (5, 6, 7, 8)
}
_ADOPTION_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})
_NEW_PLACEMENT = frozenset({"S", "P", "T", "B", "U"})
_DETAILS = ("PLACE", "PLACE_PROVIDER", "PL_POST", "URN")
"""Episode fields describing the placement: a change in any starts a new placement."""


def _ymd(day: dt.date | None) -> str:
    return day.strftime("%Y%m%d") if day is not None else "unknown"


def _code(r: Row, f: str) -> str | None:
    value = r.text.get(f)
    return None if value is None else field_codes(f).to_model(value, code_year(r))


@dataclass(slots=True)
class _Period:
    cla_id: str
    start: dt.date
    end: dt.date | None
    episodes: list[Row] = field(default_factory=list)

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


_ARROW = {
    ColumnType.TEXT: pa.string(),
    ColumnType.FLAG: pa.string(),
    ColumnType.DATE: pa.date32(),
    ColumnType.INTEGER: pa.int64(),
    ColumnType.DECIMAL: pa.float64(),
}


def _arrow(name: str, rows: list[dict[str, object]]) -> pa.Table:
    """Rows as a table with the model's types: carried columns plus required ones."""
    model = SCHEMA.table(name)
    columns = [c for c in model.columns if f"{name}.{c.name}" in CARRIED or c.required]
    return pa.table(
        {c.name: pa.array([r.get(c.name) for r in rows], _ARROW[c.type]) for c in columns}
    )


def _periods(episodes: list[Row], findings: list[Problem]) -> dict[str, list[_Period]]:
    out: dict[str, list[_Period]] = defaultdict(list)
    for r in episodes:
        start = r.dates["DECOM"]
        assert start is not None  # a key field: checked when read
        periods = out[r.child]
        prev = periods[-1] if periods else None
        joined = prev is not None and r.text.get("RNE") != "S" and prev.end == start
        if prev is not None and not joined and r.text.get("RNE") != "S":
            findings.append(
                finding(
                    r.file,
                    "gap-before-episode",
                    "the episode does not start the day the child's previous one ended, "
                    "but its reason for new episode is not S; it starts a new period of care",
                    "check the dates and RNE of the child's episodes",
                    row=r.row,
                    column=r.column("DECOM"),
                )
            )
        if prev is None or not joined:
            prev = _Period(f"CLA-{r.child}-{_ymd(start)}", start, r.dates["DEC"])
            periods.append(prev)
        prev.episodes.append(r)
        prev.end = r.dates["DEC"]
    return out


def _care(periods: dict[str, list[_Period]]) -> dict[str, list[dict[str, object]]]:
    eps: list[dict[str, object]] = []
    places: list[dict[str, object]] = []
    legal: list[dict[str, object]] = []
    homes: list[dict[str, object]] = []
    for child in sorted(periods):
        home: dict[str, object] | None = None
        for p in periods[child]:
            place: dict[str, object] | None = None
            spell: dict[str, object] | None = None
            for r in p.episodes:
                start, end = r.dates["DECOM"], r.dates["DEC"]
                details = tuple(
                    r.text.get(f) for f in ("PLACE", "PLACE_PROVIDER", "PL_POST", "URN")
                )
                if place is None or r.text.get("RNE") in _NEW_PLACEMENT or place["_d"] != details:
                    place = {
                        "_d": details,
                        "clap_cla_placement_id": f"PL-{child}-{_ymd(start)}",
                        "clap_cla_id": p.cla_id,
                        "clap_person_id": child,
                        "clap_cla_placement_start_date": start,
                        "clap_cla_placement_type": _code(r, "PLACE"),
                        "clap_cla_placement_urn": r.text.get("URN"),
                        "clap_cla_placement_provider": _code(r, "PLACE_PROVIDER"),
                        "clap_cla_placement_postcode": r.text.get("PL_POST"),
                        "clap_cla_placement_distance": miles_between(
                            r.text.get("HOME_POST"), r.text.get("PL_POST")
                        ),
                    }
                    places.append(place)
                place["clap_cla_placement_end_date"] = end
                place["clap_cla_placement_change_reason"] = (
                    _code(r, "REASON_PLACE_CHANGE") if end is not None else None
                )
                ls = _code(r, "LS")
                if spell is None or spell["lega_legal_status"] != ls:
                    spell = {
                        "lega_legal_status_id": f"LS-{child}-{_ymd(start)}",
                        "lega_person_id": child,
                        "lega_legal_status": ls,
                        "lega_legal_status_start_date": start,
                    }
                    legal.append(spell)
                spell["lega_legal_status_end_date"] = end
                post = r.text.get("HOME_POST")
                if post is not None and (home is None or home["addr_address_postcode"] != post):
                    if home is not None:
                        home["addr_address_end_date"] = start
                    home = {
                        "addr_table_id": f"AD-{child}-{_ymd(start)}",
                        "addr_person_id": child,
                        "addr_address_type": "HOME",
                        "addr_address_start_date": start,
                        "addr_address_end_date": None,
                        "addr_address_postcode": post,
                    }
                    homes.append(home)
                eps.append(
                    {
                        "clae_cla_episode_id": f"EP-{child}-{_ymd(start)}",
                        "clae_person_id": child,
                        "clae_cla_placement_id": place["clap_cla_placement_id"],
                        "clae_cla_episode_start_date": start,
                        "clae_cla_episode_start_reason": _code(r, "RNE"),
                        "clae_cla_primary_need_code": _code(r, "CIN"),
                        "clae_cla_episode_ceased_date": end,
                        "clae_cla_episode_ceased_reason": _code(r, "REC"),
                        "clae_cla_id": p.cla_id,
                        "clae_entered_care_date": p.start,
                    }
                )
    return {
        "ssd_cla_episodes": eps,
        "ssd_cla_placement": places,
        "ssd_legal_status": legal,
        "ssd_address": homes,
    }


def _person(tables: dict[str, list[Row]], findings: list[Problem]) -> list[dict[str, object]]:
    people: dict[str, dict[str, object]] = {}
    for r in tables.get("Header", []):
        upn = r.text.get("UPN")
        unknown = upn is not None and field_codes("UPN").valid(upn, r.year)
        people[r.child] = {
            "pers_person_id": r.child,
            "pers_sex": _code(r, "SEX"),
            "pers_dob": r.dates.get("DOB"),
            "pers_ethnicity": r.text.get("ETHNIC"),
            "pers_upn": None if unknown else upn,
            "pers_upn_unknown": upn if unknown else None,
            "pers_is_mother": _code(r, "MOTHER"),
        }
    for name, rows in tables.items():
        for r in rows:
            if r.child not in people:
                findings.append(
                    finding(
                        r.file,
                        "child-not-in-header",
                        f"{name}: the child is not in the Header table; a person row is "
                        "made from this row's date of birth, with sex and ethnicity empty",
                        "include every child in the Header table",
                        row=r.row,
                        column=r.column("CHILD"),
                    )
                )
                people[r.child] = {"pers_person_id": r.child, "pers_dob": r.dates.get("DOB")}
    return [people[c] for c in sorted(people)]


def _birthday(dob: dt.date, year: int) -> dt.date:
    for y in (year, year + 1):
        try:
            day = dob.replace(year=y)
        except ValueError:
            day = dt.date(y, 2, 28)
        if year_start(year) <= day <= year_end(year):
            return day
    raise AssertionError("unreachable")


def _leavers(
    rows: list[Row], dob: Mapping[str, object], periods: dict[str, list[_Period]]
) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for r in rows:
        born = dob.get(r.child)
        day = _birthday(born, r.year) if isinstance(born, dt.date) else None
        eligibility = None
        if day is not None:
            age = day.year - born.year if isinstance(born, dt.date) else 0
            in_care = any(p.covers(day) for p in periods.get(r.child, []))
            eligibility = "ELIGIBLE" if in_care else "RELEVANT" if age < 18 else "FORMER_RELEVANT"
        accom = r.text.get("ACCOM")
        known = accom is not None and len(accom) == 2
        out.append(
            {
                "clea_table_id": f"CL-{r.child}-{r.year}",
                "clea_person_id": r.child,
                "clea_care_leaver_eligibility": eligibility,
                "clea_care_leaver_in_touch": r.text.get("IN_TOUCH"),
                "clea_care_leaver_latest_contact": day,
                "clea_care_leaver_accommodation": accom[0] if known and accom else None,
                "clea_care_leaver_accom_suitable": accom[1] if known and accom else None,
                "clea_care_leaver_activity": r.text.get("ACTIV"),
            }
        )
    return out


def _period_of(periods: list[_Period], day: dt.date | None) -> _Period | None:
    if day is None:
        return None
    for p in periods:
        if p.covers(day):
            return p
    return None
