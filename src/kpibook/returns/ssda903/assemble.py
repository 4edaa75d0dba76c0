"""Putting the data-model tables together from combined 903 rows, with provenance.

Rules for rows the 903 cannot place (each recorded as a finding):

* ``review-outside-care``: a review dated outside every period of care is
  kept with an empty period of care (``clar_cla_id``).
* A decision that the child should be placed for adoption (PlacedAdoption
  ``DATE_PLACED``) dated before the first episode the returns hold of a
  period of care that began before them (its first episode's RNE is not
  ``S``), and after any earlier period ended, belongs to that period: a 903
  holds only the episodes open in its year, while its PlacedAdoption table
  keeps every decision not ceased before the year, however old. Any other
  decision outside every period of care is kept with an empty period of care.
* ``child-not-in-header``, ``gap-before-episode``: see :mod:`.mapping`.
* ``sdq-score-invalid``: see :mod:`.oc2`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

import pyarrow as pa

from kpibook.problems import Problem
from kpibook.returns.common import Provenance, finding
from kpibook.returns.ssda903.checks import check_codes, check_spans, trim_overlaps
from kpibook.returns.ssda903.combine import Return
from kpibook.returns.ssda903.mapping import (
    _ADOPTION_PLACEMENTS,
    _ORDERS,
    CARRIED,
    _arrow,
    _care,
    _code,
    _leavers,
    _Period,
    _period_of,
    _periods,
    _person,
    _ymd,
)
from kpibook.returns.ssda903.oc2 import OC2_TABLES, oc2_tables
from kpibook.returns.ssda903.raw import Row
from kpibook.returns.ssda903.spec import year_label

_ORDER_STATUSES = frozenset({"E1", "D1"})
_FFA_PLACEMENTS = frozenset({"U2", "U5"})
_WITH_CARERS = frozenset({"A3", "A5"})
_SAME_CARERS = frozenset({"T", "U", "L"})


def _first(episodes: list[Row], field: str, codes: frozenset[str]) -> dt.date | None:
    return next((e.dates["DECOM"] for e in episodes if e.text.get(field) in codes), None)


def _milestones(episodes: list[Row]) -> dict[str, object]:
    """Placement order, FFA/concurrent placement and foster-carer dates of a period of care.

    The placement order date is the start of the first episode with legal
    status E1 (or D1, a freeing order); the fostering-for-adoption date the
    start of the first U2/U5 placement; for an adoption placement with the
    current foster carers (A3/A5), the date the child moved in with those
    carers is the start of the episode that began the run of episodes with
    the same carers (reasons T, U and L keep the carers).
    """
    out: dict[str, object] = {}
    order = _first(episodes, "LS", _ORDER_STATUSES)
    if order is not None:
        out["perm_placement_order_date"] = order
    ffa = _first(episodes, "PLACE", _FFA_PLACEMENTS)
    if ffa is not None:
        out["perm_placed_ffa_cp_date"] = ffa
    for i, e in enumerate(episodes):
        if e.text.get("PLACE") in _WITH_CARERS:
            j = i
            while j > 0 and episodes[j].text.get("RNE") in _SAME_CARERS:
                j -= 1
            if j < i:
                out["perm_placed_foster_carer_date"] = episodes[j].dates["DECOM"]
            break
    return out


def _decision_period(periods: list[_Period], day: dt.date | None) -> _Period | None:
    """The period of care of a decision dated ``day`` (see the module's rules)."""
    found = _period_of(periods, day)
    if found is not None or day is None:
        return found
    for before, p in zip([None, *periods], periods, strict=False):
        if p.start > day:
            opened_earlier = p.episodes[0].text.get("RNE") != "S"
            after_previous = before is None or (before.end is not None and before.end < day)
            return p if opened_earlier and after_previous else None
    return None


def _permanence(
    tables: dict[str, list[Row]], periods: dict[str, list[_Period]]
) -> list[dict[str, object]]:
    decisions: dict[str, list[Row]] = defaultdict(list)
    for r in tables.get("PlacedAdoption", []):
        decisions[r.child].append(r)
    ad1 = {r.child: r for r in tables.get("AD1", [])}
    out: list[dict[str, object]] = []
    children = sorted(set(decisions) | set(ad1) | set(periods))
    for child in children:
        spans = periods.get(child, [])
        by_period: dict[str | None, list[Row]] = defaultdict(list)
        for d in decisions.get(child, []):
            p = _decision_period(spans, d.dates["DATE_PLACED"])
            by_period[p.cla_id if p else None].append(d)
        adopted = ad1.get(child)
        adopted_in = _period_of(spans, adopted.dates.get("DATE_INT")) if adopted else None
        if adopted is not None and adopted_in is None:
            ends = [p for p in spans if p.episodes[-1].text.get("REC") in {"E11", "E12"}]
            adopted_in = ends[-1] if ends else (spans[-1] if spans else None)
        for p in [*spans, None]:
            cla_id = p.cla_id if p else None
            rows: list[dict[str, object]] = []
            for d in sorted(
                by_period.get(cla_id, []), key=lambda r: r.dates["DATE_PLACED"] or dt.date.min
            ):
                rows.append(
                    {
                        "perm_table_id": f"PM-{child}-{_ymd(d.dates['DATE_PLACED'])}",
                        "perm_person_id": child,
                        "perm_cla_id": cla_id,
                        "perm_adm_decision_date": d.dates["DATE_PLACED"],
                        "perm_decision_reversed_date": d.dates.get("DATE_PLACED_CEASED"),
                        "perm_decision_reversed_reason": d.text.get("REASON_PLACED_CEASED"),
                    }
                )
            extra: dict[str, object] = {}
            if p is not None:
                last = p.episodes[-1]
                order = _ORDERS.get(last.text.get("REC") or "")
                if order is not None:
                    extra["perm_permanence_order_date"] = last.dates["DEC"]
                    extra["perm_permanence_order_type"] = order
                placed = [
                    e.dates["DECOM"]
                    for e in p.episodes
                    if e.text.get("PLACE") in _ADOPTION_PLACEMENTS
                ]
                if placed:
                    extra["perm_placed_for_adoption_date"] = placed[0]
                extra.update(_milestones(p.episodes))
            if adopted is not None and adopted_in is p:
                extra["perm_matched_date"] = adopted.dates.get("DATE_MATCH")
                extra["perm_adopter_sex"] = adopted.text.get("SEX_ADOPTR")
                extra["perm_adopter_legal_status"] = adopted.text.get("LS_ADOPTR")
                number = adopted.text.get("NB_ADOPTR")
                extra["perm_number_of_adopters"] = int(number) if number in {"1", "2"} else None
                extra["perm_adopted_by_carer_flag"] = _code(adopted, "FOSTER_CARE")
                if not rows:
                    extra["perm_adm_decision_date"] = adopted.dates.get("DATE_INT")
            if not rows and not extra:
                continue
            if not rows:
                start = p.start if p else None
                rows.append(
                    {
                        "perm_table_id": f"PM-{child}-{_ymd(start)}",
                        "perm_person_id": child,
                        "perm_cla_id": cla_id,
                    }
                )
            rows[-1].update(extra)
            out.extend(rows)
    return out


def _reviews(
    rows: list[Row], periods: dict[str, list[_Period]], findings: list[Problem]
) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for r in rows:
        day = r.dates["REVIEW"]
        p = _period_of(periods.get(r.child, []), day)
        if p is None:
            findings.append(
                finding(
                    r.file,
                    "review-outside-care",
                    "Reviews: the review is not within any of the child's episodes; it is kept "
                    "without a period of care",
                    "check the review date and the child's episodes",
                    row=r.row,
                    column=r.column("REVIEW"),
                )
            )
        out.append(
            {
                "clar_cla_review_id": f"RV-{r.child}-{_ymd(day)}",
                "clar_cla_id": p.cla_id if p else None,
                "clar_cla_person_id": r.child,
                "clar_cla_review_date": day,
                "clar_cla_review_participation": r.text.get("REVIEW_CODE"),
            }
        )
    return out


def _simple(tables: dict[str, list[Row]]) -> dict[str, list[dict[str, object]]]:
    missing: list[dict[str, object]] = [
        {
            "miss_table_id": f"MS-{r.child}-{_ymd(r.dates['MIS_START'])}",
            "miss_person_id": r.child,
            "miss_missing_episode_start_date": r.dates["MIS_START"],
            "miss_missing_episode_type": r.text.get("MISSING"),
            "miss_missing_episode_end_date": r.dates.get("MIS_END"),
        }
        for r in tables.get("Missing", [])
    ]
    workers: list[dict[str, object]] = [
        {
            "invo_involvements_id": f"SW-{r.child}-{_ymd(r.dates['SW_DECOM'])}-{r.text['SW_ID']}",
            "invo_professional_id": r.text.get("SW_ID"),
            "invo_professional_role_id": "CW",
            "invo_person_id": r.child,
            "invo_involvement_start_date": r.dates["SW_DECOM"],
            "invo_involvement_end_date": r.dates.get("SW_DEC"),
            "invo_worker_change_reason": r.text.get("SW_REASON"),
        }
        for r in tables.get("SWEpisodes", [])
    ]
    uasc: list[dict[str, object]] = [
        {
            "immi_immigration_status_id": f"UASC-{r.child}",
            "immi_person_id": r.child,
            "immi_immigration_status_end_date": r.dates.get("DUC"),
            "immi_immigration_status": "UASC",
        }
        for r in tables.get("UASC", [])
    ]
    return {"ssd_missing": missing, "ssd_involvements": workers, "ssd_immigration_status": uasc}


_SOURCES = {
    "Header": "Header",
    "Episodes": "Episodes",
    "UASC": "UASC",
    "Reviews": "Reviews",
    "Missing": "Missing",
    "OC3": "OC3",
    "AD1": "AD1",
    "PlacedAdoption": "PlacedAdoption",
    "SWEpisodes": "SWEpisodes",
    "OC2": "OC2",
}


def _provenance(tables: dict[str, pa.Table], returns: Sequence[Return]) -> list[Provenance]:
    out: list[Provenance] = []
    for key, origin in CARRIED.items():
        table, column = key.split(".", 1)
        if table not in tables:
            continue
        # A field the return carries is supplied even when every value is empty (no such
        # events this year): whether an indicator is available must not depend on the sample.
        used = sorted(
            {ret.year for ret in returns for t in _SOURCES if t in origin and t in ret.tables}
        ) or sorted({ret.year for ret in returns})
        years = ", ".join(year_label(y) for y in used)
        out.append(Provenance(table, column, f"SSDA903 {origin} ({years})"))
    return out


def to_model(
    combined: dict[str, list[Row]], returns: Sequence[Return]
) -> tuple[dict[str, pa.Table], list[Provenance], list[Problem]]:
    """The data-model tables, their provenance and the data-quality findings."""
    findings = check_codes(combined) + check_spans(combined)
    episodes, found = trim_overlaps(combined.get("Episodes", []))
    findings.extend(found)
    periods = _periods(episodes, findings)
    rows = _care(periods)
    people = _person(combined, findings)
    rows["ssd_person"] = people
    dob: dict[str, object] = {str(p["pers_person_id"]): p.get("pers_dob") for p in people}
    rows["ssd_care_leavers"] = _leavers(combined.get("OC3", []), dob, periods)
    rows["ssd_cla_reviews"] = _reviews(combined.get("Reviews", []), periods, findings)
    rows["ssd_permanence"] = _permanence(combined, periods)
    rows.update(_simple(combined))
    rows.update(oc2_tables(combined.get("OC2", []), findings))
    order = [
        "ssd_person",
        "ssd_immigration_status",
        "ssd_address",
        "ssd_cla_episodes",
        "ssd_cla_placement",
        "ssd_legal_status",
        "ssd_cla_reviews",
        "ssd_missing",
        "ssd_permanence",
        "ssd_care_leavers",
        "ssd_involvements",
        *OC2_TABLES,
    ]
    tables = {name: _arrow(name, rows[name]) for name in order}
    return tables, _provenance(tables, returns), findings
