"""Lists 8 (children in care), 9 (care leavers) and 10 (adoption) into data-model rows.

See ``docs/returns-annex-a.md`` for the mapping field by field.
"""

from __future__ import annotations

import datetime as dt

from kpibook.returns.annex_a.tomodel import Builder, as_date, as_text, rows_of
from kpibook.returns.annex_a.workbook import Row, Sheet

INITIAL_HEALTH_DAYS = 28
"""A health assessment within this many days of entering care is taken to be the initial one."""


def _episode_start(
    care: dt.date | None, placement: dt.date | None, legal: dt.date | None
) -> tuple[dt.date | None, str]:
    """Start and reason (903 RNE) of the current episode: the latest of the three starts.

    S when it is the day the child started to be looked after; B when both
    placement and legal status changed that day; P for a placement change;
    L for a legal status change.
    """
    days = [d for d in (care, placement, legal) if d is not None]
    if not days:
        return None, "S"
    start = max(days)
    if care is not None and start == care:
        return start, "S"
    if placement == start and legal == start:
        return start, "B"
    return start, "P" if placement == start else "L"


def children_in_care(b: Builder, sheets: dict[int, Sheet]) -> None:
    """List 8 -> a period of care with its current episode, placement and legal status,
    latest review, visit, IRO contact, health and dental checks, and UASC status."""
    for sheet, row in rows_of(sheets, 8):
        _one_child_in_care(b, sheet, row)


def _one_child_in_care(b: Builder, sheet: Sheet, row: Row) -> None:
    v = row.values
    source = sheet.spec.source
    person = b.person(sheet, row)
    care = as_date(v.get("care_start"))
    ceased = as_date(v.get("ceased"))
    placed = as_date(v.get("placement_start"))
    legal = as_date(v.get("legal_start"))
    cla_id = f"AA8-{row.number}"
    b.periods.setdefault(person, cla_id)
    b.allocate(sheet, row, person, (care, ceased))
    placement_id = f"{cla_id}-placement"
    b.add(
        "ssd_cla_placement",
        source,
        {
            "clap_cla_placement_id": placement_id,
            "clap_cla_id": cla_id,
            "clap_person_id": person,
            "clap_cla_placement_start_date": placed,
            "clap_cla_placement_type": as_text(v.get("placement_type")),
            "clap_cla_placement_urn": as_text(v.get("urn")),
            "clap_cla_placement_provider": as_text(v.get("provider")),
            "clap_cla_placement_postcode": as_text(v.get("postcode")),
            "clap_cla_placement_end_date": ceased,
        },
    )
    start, reason = _episode_start(care, placed, legal)
    b.add(
        "ssd_cla_episodes",
        source,
        {
            "clae_cla_episode_id": f"{cla_id}-episode",
            "clae_person_id": person,
            "clae_cla_placement_id": placement_id,
            "clae_cla_episode_start_date": start,
            "clae_cla_episode_start_reason": reason if start is not None else None,
            "clae_cla_primary_need_code": as_text(v.get("need")),
            "clae_cla_episode_ceased_date": ceased,
            "clae_cla_episode_ceased_reason": as_text(v.get("ceased_reason")),
            "clae_cla_id": cla_id,
            "clae_referral_id": b.referral_for(person, care),
            "clae_cla_last_iro_contact_date": as_date(v.get("last_iro")),
            "clae_entered_care_date": care,
        },
    )
    status = as_text(v.get("legal_status"))
    if status is not None:
        b.add(
            "ssd_legal_status",
            source,
            {
                "lega_legal_status_id": f"{cla_id}-legal",
                "lega_person_id": person,
                "lega_legal_status": status,
                "lega_legal_status_start_date": legal or care,
                "lega_legal_status_end_date": ceased,
            },
        )
    _dated_events(b, source, cla_id, person, care, row)
    if v.get("uasc") == "Y":
        b.add(
            "ssd_immigration_status",
            source,
            {
                "immi_immigration_status_id": f"{cla_id}-uasc",
                "immi_person_id": person,
                "immi_immigration_status_start_date": care,
                "immi_immigration_status": "UASC",
            },
        )


def _dated_events(
    b: Builder, source: str, cla_id: str, person: str, care: dt.date | None, row: Row
) -> None:
    v = row.values
    review = as_date(v.get("last_review"))
    if review is not None:
        b.add(
            "ssd_cla_reviews",
            source,
            {
                "clar_cla_review_id": f"{cla_id}-review",
                "clar_cla_id": cla_id,
                "clar_cla_person_id": person,
                "clar_cla_review_date": review,
            },
        )
    visit = as_date(v.get("last_visit"))
    if visit is not None:
        b.add(
            "ssd_cla_visits",
            source,
            {
                "clav_cla_visit_id": f"{cla_id}-visit",
                "clav_cla_id": cla_id,
                "clav_person_id": person,
                "clav_cla_visit_date": visit,
            },
        )
    health = as_date(v.get("last_health"))
    if health is not None:
        initial = care is not None and (health - care).days <= INITIAL_HEALTH_DAYS
        b.add(
            "ssd_cla_health",
            source,
            {
                "clah_health_check_id": f"{cla_id}-health",
                "clah_person_id": person,
                "clah_health_check_type": "IHA" if initial else "RHA",
                "clah_health_check_date": health,
                "clah_health_check_status": "COMPLETED",
            },
        )
    dental = as_date(v.get("last_dental"))
    if dental is not None:
        b.add(
            "ssd_cla_health",
            source,
            {
                "clah_health_check_id": f"{cla_id}-dental",
                "clah_person_id": person,
                "clah_health_check_type": "DENTAL",
                "clah_health_check_date": dental,
                "clah_health_check_status": "COMPLETED",
            },
        )


def care_leavers(b: Builder, sheets: dict[int, Sheet]) -> None:
    """List 9 -> ssd_care_leavers (team, worker and personal adviser included)."""
    for sheet, row in rows_of(sheets, 9):
        v = row.values
        source = sheet.spec.source
        person = b.person(sheet, row)
        team = b.team(as_text(v.get("team")), source)
        worker = b.worker(as_text(v.get("worker")), team, source)
        advisor = b.worker(as_text(v.get("advisor")), team, source)
        b.add(
            "ssd_care_leavers",
            source,
            {
                "clea_table_id": f"AA9-{row.number}",
                "clea_person_id": person,
                "clea_care_leaver_eligibility": as_text(v.get("eligibility")),
                "clea_care_leaver_in_touch": as_text(v.get("in_touch")),
                "clea_care_leaver_latest_contact": as_date(v.get("latest_contact")),
                "clea_care_leaver_accommodation": as_text(v.get("accommodation")),
                "clea_care_leaver_accom_suitable": as_text(v.get("suitable")),
                "clea_care_leaver_activity": as_text(v.get("activity")),
                "clea_pathway_plan_review_date": as_date(v.get("pathway_review")),
                "clea_care_leaver_personal_advisor": advisor,
                "clea_care_leaver_allocated_team": team,
                "clea_care_leaver_worker_id": worker,
            },
        )


def adoption(b: Builder, sheets: dict[int, Sheet]) -> None:
    """List 10 -> ssd_permanence (the adoption route of each child)."""
    for sheet, row in rows_of(sheets, 10):
        v = row.values
        person = b.person(sheet, row)
        order = as_date(v.get("adoption_order"))
        b.add(
            "ssd_permanence",
            sheet.spec.source,
            {
                "perm_table_id": f"AA10-{row.number}",
                "perm_person_id": person,
                "perm_cla_id": b.periods.get(person),
                "perm_adm_decision_date": as_date(v.get("adm_decision")),
                "perm_placement_order_date": as_date(v.get("placement_order")),
                "perm_matched_date": as_date(v.get("matched")),
                "perm_placed_for_adoption_date": as_date(v.get("placed")),
                "perm_placed_ffa_cp_date": as_date(v.get("ffa_placed")),
                "perm_decision_reversed_date": as_date(v.get("reversed")),
                "perm_decision_reversed_reason": as_text(v.get("reversed_reason")),
                "perm_permanence_order_date": order,
                "perm_permanence_order_type": "ADOPTION" if order is not None else None,
            },
        )
