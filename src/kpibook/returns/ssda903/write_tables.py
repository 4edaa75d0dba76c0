"""Build the SSDA903 tables for one collection year from the data model.

Each ``*_rows`` function takes the :class:`Model` (the model tables the 903
return draws on, read once) and the collection year, and returns the rows of one
903 table as dictionaries keyed by the 903 column names, with dates still as
:class:`datetime.date` (``write.py`` formats them ``dd/mm/yyyy``). The rules for
who appears in which table are documented in docs/returns-dfe-rules.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb

from kpibook.returns.ssda903.codes import field_codes

Row = dict[str, Any]
Value = str | int | dt.date | None

# Placement-changing reasons for a new episode: the episode before it carries
# REASON_PLACE_CHANGE (903 rule 225).
_PLACEMENT_CHANGE_RNE = frozenset({"P", "B", "T", "U"})


def recode(field_name: str, value: str | None, first_year: int) -> str | None:
    """``value`` of the model as the 903 codes ``field_name`` in the year starting ``first_year``.

    From ``codes/<FIELD>.yaml`` (``from_model``), the lists the reader uses too:
    a value with no mapping that year is None, unless the year's entry says
    ``others: keep``; a year without a mapping writes the model's value.
    """
    return field_codes(field_name).from_model(value, first_year)


@dataclass(frozen=True)
class Year:
    """A 903 collection year: 1 April ``start.year`` to 31 March the year after."""

    label: str
    start: dt.date
    end: dt.date

    @classmethod
    def parse(cls, label: str) -> Year:
        """``"2023-24"`` → 1 Apr 2023 – 31 Mar 2024. ValueError for anything else."""
        parts = label.split("-")
        if len(parts) != 2 or not (parts[0].isdigit() and parts[1].isdigit()):
            raise ValueError(f"collection year {label!r}: expected the form 2023-24")
        first = int(parts[0])
        if len(parts[0]) != 4 or parts[1] != f"{(first + 1) % 100:02d}":
            raise ValueError(f"collection year {label!r}: expected the form 2023-24")
        return cls(label, dt.date(first, 4, 1), dt.date(first + 1, 3, 31))

    def previous(self) -> Year:
        """The collection year before this one."""
        first = self.start.year - 1
        label = f"{first}-{(first + 1) % 100:02d}"
        return Year(label, dt.date(first, 4, 1), dt.date(first + 1, 3, 31))


def _birthday(dob: dt.date, age: int) -> dt.date:
    try:
        return dob.replace(year=dob.year + age)
    except ValueError:  # 29 February
        return dt.date(dob.year + age, 3, 1)


def _age(dob: dt.date, on: dt.date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def _fetch(con: duckdb.DuckDBPyConnection, sql: str) -> list[Row]:
    rel = con.execute(sql)
    names = [d[0] for d in rel.description]
    return [dict(zip(names, values, strict=True)) for values in rel.fetchall()]


@dataclass
class Model:
    """The model rows the 903 return draws on, read once."""

    person: dict[str, Row]
    episodes: list[Row]
    placements: dict[str, Row]
    legal: dict[str, list[Row]]
    addresses: dict[str, list[Row]]
    reviews: list[Row]
    missing: list[Row]
    permanence: list[Row]
    health: dict[str, list[Row]]
    leavers: dict[str, list[Row]]
    uasc: dict[str, list[Row]]
    workers: list[Row]
    registration: dict[str, str] = field(default_factory=dict)
    sdq: dict[str, list[Row]] = field(default_factory=dict)
    """``ssd_sdq_scores`` by child, oldest first."""
    convictions: dict[str, list[Row]] = field(default_factory=dict)
    """``ssd_cla_convictions`` by child."""
    immunisations: dict[str, list[Row]] = field(default_factory=dict)
    """``ssd_cla_immunisations`` by child, oldest first."""
    misuse: dict[str, list[Row]] = field(default_factory=dict)
    """``ssd_cla_substance_misuse`` by child, with ``smo_intervention_offered``."""

    @classmethod
    def read(cls, con: duckdb.DuckDBPyConnection) -> Model:
        def grouped(rows: Iterable[Row], key: str) -> dict[str, list[Row]]:
            out: dict[str, list[Row]] = defaultdict(list)
            for row in rows:
                out[str(row[key])].append(row)
            return out

        person = {
            str(r["pers_person_id"]): r
            for r in _fetch(
                con,
                "SELECT pers_person_id, pers_upn, pers_sex, pers_ethnicity, pers_dob, "
                "pers_upn_unknown, pers_is_mother, pers_death_date FROM ssd_person",
            )
        }
        episodes = _fetch(
            con,
            "SELECT clae_cla_episode_id, clae_person_id, clae_cla_placement_id, "
            "clae_cla_episode_start_date, clae_cla_episode_start_reason, "
            "clae_cla_primary_need_code, clae_cla_episode_ceased_date, "
            "clae_cla_episode_ceased_reason, clae_cla_id, clae_entered_care_date "
            "FROM ssd_cla_episodes ORDER BY clae_person_id, clae_cla_episode_start_date, "
            "clae_cla_episode_id",
        )
        placements = {
            str(r["clap_cla_placement_id"]): r
            for r in _fetch(
                con,
                "SELECT clap_cla_placement_id, clap_cla_placement_type, "
                "clap_cla_placement_urn, clap_cla_placement_provider, "
                "clap_cla_placement_postcode, clap_cla_placement_change_reason, "
                "clap_cla_placement_start_date, clap_cla_placement_end_date "
                "FROM ssd_cla_placement",
            )
        }
        legal = grouped(
            _fetch(
                con,
                "SELECT lega_person_id, lega_legal_status, lega_legal_status_start_date, "
                "lega_legal_status_end_date FROM ssd_legal_status "
                "ORDER BY lega_person_id, lega_legal_status_start_date",
            ),
            "lega_person_id",
        )
        addresses = grouped(
            _fetch(
                con,
                "SELECT addr_person_id, addr_address_start_date, addr_address_end_date, "
                "addr_address_postcode FROM ssd_address "
                "ORDER BY addr_person_id, addr_address_start_date",
            ),
            "addr_person_id",
        )
        reviews = _fetch(
            con,
            "SELECT clar_cla_person_id, clar_cla_review_date, clar_cla_review_cancelled, "
            "clar_cla_review_participation FROM ssd_cla_reviews "
            "ORDER BY clar_cla_person_id, clar_cla_review_date",
        )
        missing = _fetch(
            con,
            "SELECT miss_person_id, miss_missing_episode_start_date, "
            "miss_missing_episode_type, miss_missing_episode_end_date FROM ssd_missing "
            "ORDER BY miss_person_id, miss_missing_episode_start_date",
        )
        permanence = _fetch(con, "SELECT * FROM ssd_permanence ORDER BY perm_person_id")
        health = grouped(
            _fetch(
                con,
                "SELECT clah_person_id, clah_health_check_type, clah_health_check_date, "
                "clah_health_check_status FROM ssd_cla_health ORDER BY clah_health_check_date",
            ),
            "clah_person_id",
        )
        leavers = grouped(
            _fetch(
                con,
                "SELECT clea_person_id, clea_care_leaver_in_touch, "
                "clea_care_leaver_latest_contact, clea_care_leaver_accommodation, "
                "clea_care_leaver_accom_suitable, clea_care_leaver_activity "
                "FROM ssd_care_leavers ORDER BY clea_person_id, clea_care_leaver_latest_contact",
            ),
            "clea_person_id",
        )
        uasc = grouped(
            _fetch(
                con,
                "SELECT immi_person_id, immi_immigration_status, "
                "immi_immigration_status_start_date, immi_immigration_status_end_date "
                "FROM ssd_immigration_status ORDER BY immi_immigration_status_start_date",
            ),
            "immi_person_id",
        )
        workers = _fetch(
            con,
            "SELECT i.invo_person_id, i.invo_professional_id, i.invo_involvement_start_date, "
            "i.invo_involvement_end_date, i.invo_worker_change_reason, "
            "p.prof_social_worker_registration_no FROM ssd_involvements AS i "
            "LEFT JOIN ssd_professionals AS p ON p.prof_professional_id = i.invo_professional_id "
            "WHERE i.invo_professional_role_id = 'CW' "
            "ORDER BY i.invo_person_id, i.invo_involvement_start_date",
        )
        oc2 = _oc2_tables(con, grouped)
        return cls(
            person,
            episodes,
            placements,
            legal,
            addresses,
            reviews,
            missing,
            permanence,
            health,
            leavers,
            uasc,
            workers,
            sdq=oc2["sdq"],
            convictions=oc2["convictions"],
            immunisations=oc2["immunisations"],
            misuse=oc2["misuse"],
        )


def _oc2_tables(
    con: duckdb.DuckDBPyConnection,
    grouped: Callable[[Iterable[Row], str], dict[str, list[Row]]],
) -> dict[str, dict[str, list[Row]]]:
    """The SDQ, conviction, immunisation and substance misuse records, by child."""
    return {
        "sdq": grouped(
            _fetch(
                con,
                "SELECT csdq_person_id, csdq_sdq_completed_date, csdq_sdq_score, "
                "csdq_sdq_reason FROM ssd_sdq_scores "
                "ORDER BY csdq_person_id, csdq_sdq_completed_date, csdq_table_id",
            ),
            "csdq_person_id",
        ),
        "convictions": grouped(
            _fetch(
                con,
                "SELECT clac_person_id, clac_cla_conviction_date FROM ssd_cla_convictions "
                "ORDER BY clac_person_id, clac_cla_conviction_date",
            ),
            "clac_person_id",
        ),
        "immunisations": grouped(
            _fetch(
                con,
                "SELECT clai_person_id, clai_immunisations_status, "
                "clai_immunisations_status_date FROM ssd_cla_immunisations "
                "ORDER BY clai_person_id, clai_immunisations_status_date",
            ),
            "clai_person_id",
        ),
        "misuse": grouped(
            _fetch(
                con,
                "SELECT s.clas_person_id, s.clas_substance_misuse_date, "
                "s.clas_intervention_received, o.smo_intervention_offered "
                "FROM ssd_cla_substance_misuse AS s "
                "LEFT JOIN local_substance_misuse_offers AS o "
                "ON o.smo_substance_misuse_id = s.clas_substance_misuse_id "
                "ORDER BY s.clas_person_id, s.clas_substance_misuse_date",
            ),
            "clas_person_id",
        ),
    }


def _in_force(rows: list[Row], start: str, end: str, on: dt.date) -> Row | None:
    """The last row whose [start, end) covers ``on`` (an open end runs on)."""
    found = None
    for row in rows:
        if row[start] is not None and row[start] <= on and (row[end] is None or row[end] > on):
            found = row
    return found


def year_episodes(model: Model, year: Year, *, history: bool = False) -> list[Row]:
    """Model episodes open at any time in the year (start ≤ 31 Mar, end ≥ 1 Apr or open).

    With ``history``, every episode that started by the year's end.
    """
    return [
        e
        for e in model.episodes
        if e["clae_cla_episode_start_date"] <= year.end
        and (
            history
            or e["clae_cla_episode_ceased_date"] is None
            or e["clae_cla_episode_ceased_date"] >= year.start
        )
    ]


def episodes_rows(
    model: Model, year: Year, *, history: bool = False, coding: int | None = None
) -> list[Row]:
    """903 episodes of the year (with ``history``, of every year up to it).

    Recorded as the return of collection year ``coding`` would (default: the
    year's own): H5 placements carry a URN from 2023-24.
    """
    by_child: dict[str, list[Row]] = defaultdict(list)
    for e in model.episodes:
        by_child[str(e["clae_person_id"])].append(e)
    rows: list[Row] = []
    for e in year_episodes(model, year, history=history):
        child = str(e["clae_person_id"])
        start: dt.date = e["clae_cla_episode_start_date"]
        ceased: dt.date | None = e["clae_cla_episode_ceased_date"]
        if ceased is not None and ceased > year.end:
            ceased = None
        placement = model.placements.get(str(e["clae_cla_placement_id"]), {})
        legal = _in_force(
            model.legal.get(child, []),
            "lega_legal_status_start_date",
            "lega_legal_status_end_date",
            start,
        )
        entered = e["clae_entered_care_date"] or start
        home = _in_force(
            model.addresses.get(child, []),
            "addr_address_start_date",
            "addr_address_end_date",
            entered,
        )
        change = None
        if ceased is not None:
            nxt = [
                n
                for n in by_child[child]
                if n["clae_cla_episode_start_date"] == ceased and n is not e
            ]
            if nxt and nxt[0]["clae_cla_episode_start_reason"] in _PLACEMENT_CHANGE_RNE:
                change = placement.get("clap_cla_placement_change_reason")
        rows.append(
            {
                "CHILD": child,
                "DECOM": start,
                "RNE": e["clae_cla_episode_start_reason"],
                "LS": legal["lega_legal_status"] if legal else None,
                "CIN": e["clae_cla_primary_need_code"],
                "PLACE": recode(
                    "PLACE", placement.get("clap_cla_placement_type"), coding or year.start.year
                ),
                "PLACE_PROVIDER": placement.get("clap_cla_placement_provider"),
                "DEC": ceased,
                "REC": e["clae_cla_episode_ceased_reason"] if ceased is not None else None,
                "REASON_PLACE_CHANGE": change,
                "HOME_POST": home["addr_address_postcode"] if home else None,
                "PL_POST": placement.get("clap_cla_placement_postcode"),
                "URN": _urn(placement, coding or year.start.year),
            }
        )
    return rows


H5_URN_FROM = 2023
"""First collection year (2023-24) whose returns carry a URN for supported
accommodation (H5): its providers are registered with Ofsted from 28 October
2023 (DfE rule 230); until 2022-23 an H5 placement has none (rule 222)."""


def _urn(placement: Row, coding: int) -> str | None:
    """The placement's URN as the return of collection year ``coding`` records it."""
    urn = placement.get("clap_cla_placement_urn")
    if placement.get("clap_cla_placement_type") == "H5" and coding < H5_URN_FROM:
        return None
    return None if urn is None else str(urn)


def _dob(model: Model, child: str) -> dt.date | None:
    person = model.person.get(child)
    return person["pers_dob"] if person else None


def oc3_children(model: Model, year: Year) -> dict[str, Row]:
    """Care leavers with their 17th to 21st birthday in the year: their record nearest it.

    Only records made after leaving care count (in touch, with accommodation
    recorded, or not in touch).
    """
    out: dict[str, Row] = {}
    for child, records in model.leavers.items():
        dob = _dob(model, child)
        if dob is None:
            continue
        birthdays = [
            b for b in (_birthday(dob, a) for a in range(17, 22)) if year.start <= b <= year.end
        ]
        if not birthdays:
            continue
        day = birthdays[0]
        dated = [
            r
            for r in records
            if r["clea_care_leaver_latest_contact"] is not None
            # In touch but no accommodation recorded: a contact while still in care.
            and not (
                r["clea_care_leaver_in_touch"] == "YES"
                and r["clea_care_leaver_accommodation"] is None
            )
        ]
        if not dated:
            continue
        out[child] = min(
            dated, key=lambda r: abs((r["clea_care_leaver_latest_contact"] - day).days)
        )
    return out


def header_rows(
    model: Model,
    year: Year,
    children: Iterable[str],
    looked_after: set[str],
    coding: int | None = None,
) -> list[Row]:
    """One row per child; MOTHER only for girls looked after in the year (rule 628).

    SEX is coded as in collection year ``coding`` (default: the year's own).
    """
    rows = []
    for child in sorted(set(children), key=_child_key):
        p = model.person[child]
        mother = None
        if p["pers_sex"] == "F" and child in looked_after:
            mother = "1" if p["pers_is_mother"] == "Y" else "0"
        rows.append(
            {
                "CHILD": child,
                "SEX": recode("SEX", p["pers_sex"], coding or year.start.year),
                "DOB": p["pers_dob"],
                "ETHNIC": p["pers_ethnicity"],
                "UPN": p["pers_upn"] or p["pers_upn_unknown"],
                "MOTHER": mother,
                "MC_DOB": None,
            }
        )
    return rows


def _child_key(child: str) -> tuple[int, str]:
    return (int(child), child) if child.isdigit() else (1 << 62, child)


def uasc_rows(
    model: Model, year: Year, children: Iterable[str], coding: int | None = None
) -> list[Row]:
    """Children who were unaccompanied asylum seekers, while that status lasts into the year.

    DUC, the date UASC status ceased, is the 18th birthday (DfE rule 205B
    checks it is), and a child whose 18th birthday was before the year is not
    reported (rule 104).
    """
    rows = []
    for child in sorted(set(children), key=_child_key):
        statuses = model.uasc.get(child, [])
        if not any(s["immi_immigration_status"] == "UASC" for s in statuses):
            continue
        p = model.person[child]
        dob = p["pers_dob"]
        duc = _birthday(dob, 18)
        if duc < year.start:
            continue
        rows.append(
            {
                "CHILD": child,
                "SEX": recode("SEX", p["pers_sex"], coding or year.start.year),
                "DOB": dob,
                "DUC": duc,
            }
        )
    return rows


def reviews_rows(model: Model, year: Year, children: set[str]) -> list[Row]:
    return [
        {
            "CHILD": str(r["clar_cla_person_id"]),
            "DOB": _dob(model, str(r["clar_cla_person_id"])),
            "REVIEW": r["clar_cla_review_date"],
            "REVIEW_CODE": r["clar_cla_review_participation"],
        }
        for r in model.reviews
        if str(r["clar_cla_person_id"]) in children
        and r["clar_cla_review_cancelled"] != "Y"
        and r["clar_cla_review_date"] is not None
        and year.start <= r["clar_cla_review_date"] <= year.end
    ]


def missing_rows(model: Model, year: Year, children: set[str], episodes: list[Row]) -> list[Row]:
    """Missing and away episodes of the year's looked-after children open during the year.

    A period still open on 1 April is reported again, with the start it had in
    last year's return (DfE rule 576).

    A child still missing when the episode they went missing from ended (they
    ceased to be looked after while missing) is reported as missing until
    that day: the 903 counts missing periods of looked-after children (DfE
    rules 575 and 577).
    """
    ends: dict[str, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for e in episodes:
        ends[str(e["CHILD"])].append((e["DECOM"], e["DEC"]))
    rows = []
    for m in model.missing:
        child = str(m["miss_person_id"])
        start = m["miss_missing_episode_start_date"]
        end = m["miss_missing_episode_end_date"]
        if child not in children or start > year.end or (end is not None and end < year.start):
            continue
        if end is not None and end > year.end:
            end = None
        if end is None:
            for decom, dec in ends[child]:
                if decom <= start and dec is not None and start <= dec:
                    end = dec
                    break
        rows.append(
            {
                "CHILD": child,
                "DOB": _dob(model, child),
                "MISSING": m["miss_missing_episode_type"],
                "MIS_START": start,
                "MIS_END": end,
            }
        )
    return rows
