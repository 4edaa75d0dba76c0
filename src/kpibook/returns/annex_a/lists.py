"""One function per Annex A list: its rows into data-model rows.

See ``docs/returns-annex-a.md`` for the mapping field by field.
"""

from __future__ import annotations

from kpibook.returns.annex_a.cells import Value
from kpibook.returns.annex_a.tomodel import Builder, Episode, as_date, as_text, rows_of
from kpibook.returns.annex_a.workbook import Sheet


def _nfa_from_support(value: Value) -> str | None:
    """'Assessed as requiring support?' Yes -> not NFA; No -> NFA."""
    return {"Y": "N", "N": "Y"}.get(str(value)) if value is not None else None


def contacts(b: Builder, sheets: dict[int, Sheet]) -> None:
    """List 1 -> ssd_contacts."""
    for sheet, row in rows_of(sheets, 1):
        v = row.values
        b.add(
            "ssd_contacts",
            sheet.spec.source,
            {
                "cont_contact_id": f"AA1-{row.number}",
                "cont_person_id": b.person(sheet, row),
                "cont_contact_date": as_date(v.get("contact_date")),
                "cont_contact_source_code": as_text(v.get("source")),
            },
        )


def early_help(b: Builder, sheets: dict[int, Sheet]) -> None:
    """List 2 -> ssd_early_help_episodes."""
    for sheet, row in rows_of(sheets, 2):
        v = row.values
        b.add(
            "ssd_early_help_episodes",
            sheet.spec.source,
            {
                "earl_episode_id": f"AA2-{row.number}",
                "earl_person_id": b.person(sheet, row),
                "earl_episode_start_date": as_date(v.get("start")),
                "earl_episode_end_date": as_date(v.get("end")),
                "earl_episode_organisation": as_text(v.get("organisation")),
            },
        )


def referrals(b: Builder, sheets: dict[int, Sheet]) -> None:
    """List 3 -> ssd_cin_episodes (and the allocation), then List 6 merged in."""
    for sheet, row in rows_of(sheets, 3):
        v = row.values
        person = b.person(sheet, row)
        referral_id = f"AA3-{row.number}"
        start = as_date(v.get("referral_date"))
        team, worker = b.allocate(sheet, row, person, (start, start), referral=referral_id)
        b.add(
            "ssd_cin_episodes",
            sheet.spec.source,
            {
                "cine_referral_id": referral_id,
                "cine_person_id": person,
                "cine_referral_date": start,
                "cine_referral_source_code": as_text(v.get("source")),
                "cine_referral_nfa": as_text(v.get("nfa")),
                "cine_referral_team": team,
                "cine_referral_worker_id": worker,
            },
        )
        if start is not None:
            b.episodes.setdefault(person, []).append(Episode(referral_id, person, start))
    _children_in_need(b, sheets)


def _children_in_need(b: Builder, sheets: dict[int, Sheet]) -> None:
    """List 6: closes and codes the episode with the same child and start, or adds one."""
    episodes = {
        (str(r["cine_person_id"]), r["cine_referral_date"]): r
        for r in reversed(b.rows.get("ssd_cin_episodes", []))
    }
    for sheet, row in rows_of(sheets, 6):
        v = row.values
        source = sheet.spec.source
        person = b.person(sheet, row)
        start = as_date(v.get("cin_start"))
        close = as_date(v.get("cin_close"))
        known = episodes.get((person, start))
        referral_id = str(known["cine_referral_id"]) if known else f"AA6-{row.number}"
        team, worker = b.allocate(sheet, row, person, (start, close), referral=referral_id)
        values: dict[str, object] = {
            "cine_cin_primary_need_code": as_text(v.get("primary_need")),
            "cine_close_reason": as_text(v.get("close_reason")),
            "cine_close_date": close,
        }
        if known is None:
            episode = b.add(
                "ssd_cin_episodes",
                source,
                {
                    "cine_referral_id": referral_id,
                    "cine_person_id": person,
                    "cine_referral_date": start,
                    "cine_referral_team": team,
                    "cine_referral_worker_id": worker,
                    **values,
                },
            )
            episodes[(person, start)] = episode
            if start is not None:
                b.episodes.setdefault(person, []).append(Episode(referral_id, person, start))
        else:
            filled = {k: x for k, x in values.items() if x is not None}
            if known.get("cine_referral_team") is None and team is not None:
                filled["cine_referral_team"] = team
                filled["cine_referral_worker_id"] = worker
            known.update(filled)
            b.note("ssd_cin_episodes", source, filled)
        seen = as_date(v.get("last_seen"))
        if seen is not None:
            b.add(
                "ssd_cin_visits",
                source,
                {
                    "cinv_cin_visit_id": f"AA6-{row.number}-seen",
                    "cinv_person_id": person,
                    "cinv_cin_visit_date": seen,
                    "cinv_cin_visit_seen": "Y",
                },
            )


def assessments(b: Builder, sheets: dict[int, Sheet]) -> None:
    """List 4 -> ssd_cin_assessments."""
    for sheet, row in rows_of(sheets, 4):
        v = row.values
        person = b.person(sheet, row)
        start = as_date(v.get("start"))
        auth = as_date(v.get("auth"))
        referral = b.referral_for(person, start)
        team, worker = b.allocate(sheet, row, person, (start, auth), referral=referral)
        b.add(
            "ssd_cin_assessments",
            sheet.spec.source,
            {
                "cina_assessment_id": f"AA4-{row.number}",
                "cina_person_id": person,
                "cina_referral_id": referral,
                "cina_assessment_start_date": start,
                "cina_assessment_child_seen": as_text(v.get("seen")),
                "cina_assessment_auth_date": auth,
                "cina_assessment_outcome_nfa": _nfa_from_support(v.get("needs_support")),
                "cina_assessment_team": team,
                "cina_assessment_worker_id": worker,
            },
        )


def enquiries(b: Builder, sheets: dict[int, Sheet]) -> None:
    """List 5 -> ssd_s47_enquiry, and ssd_initial_cp_conference where a conference was held."""
    for sheet, row in rows_of(sheets, 5):
        v = row.values
        source = sheet.spec.source
        person = b.person(sheet, row)
        start = as_date(v.get("s47_start"))
        icpc = as_date(v.get("icpc_date"))
        referral = b.referral_for(person, start)
        team, worker = b.allocate(sheet, row, person, (start, icpc or start), referral=referral)
        enquiry_id = f"AA5-{row.number}"
        b.add(
            "ssd_s47_enquiry",
            source,
            {
                "s47e_s47_enquiry_id": enquiry_id,
                "s47e_referral_id": referral,
                "s47e_person_id": person,
                "s47e_s47_start_date": start,
                "s47e_s47_completed_by_team": team,
                "s47e_s47_completed_by_worker_id": worker,
            },
        )
        if icpc is not None:
            b.add(
                "ssd_initial_cp_conference",
                source,
                {
                    "icpc_icpc_id": f"{enquiry_id}-icpc",
                    "icpc_s47_enquiry_id": enquiry_id,
                    "icpc_person_id": person,
                    "icpc_referral_id": referral,
                    "icpc_icpc_date": icpc,
                    "icpc_icpc_outcome_cp_flag": as_text(v.get("icpc_cp")),
                    "icpc_icpc_team": team,
                    "icpc_icpc_worker_id": worker,
                },
            )


def protection(b: Builder, sheets: dict[int, Sheet]) -> None:
    """List 7 -> ssd_cp_plans, ssd_cp_visits (last visit), ssd_cp_reviews (latest review)."""
    conferences = {
        (r["icpc_person_id"], r["icpc_icpc_date"]): r["icpc_icpc_id"]
        for r in b.rows.get("ssd_initial_cp_conference", [])
    }
    for sheet, row in rows_of(sheets, 7):
        v = row.values
        source = sheet.spec.source
        person = b.person(sheet, row)
        start = as_date(v.get("cp_start"))
        end = as_date(v.get("cp_end"))
        referral = b.referral_for(person, start)
        b.allocate(sheet, row, person, (start, end), referral=referral)
        plan_id = f"AA7-{row.number}"
        b.add(
            "ssd_cp_plans",
            source,
            {
                "cppl_cp_plan_id": plan_id,
                "cppl_referral_id": referral,
                "cppl_icpc_id": conferences.get((person, start)),
                "cppl_person_id": person,
                "cppl_cp_plan_start_date": start,
                "cppl_cp_plan_end_date": end,
                "cppl_cp_plan_initial_category": as_text(v.get("initial_category")),
                "cppl_cp_plan_latest_category": as_text(v.get("latest_category")),
            },
        )
        visit = as_date(v.get("last_visit"))
        if visit is not None:
            alone = as_text(v.get("seen_alone"))
            b.add(
                "ssd_cp_visits",
                source,
                {
                    "cppv_cp_visit_id": f"{plan_id}-visit",
                    "cppv_person_id": person,
                    "cppv_cp_plan_id": plan_id,
                    "cppv_cp_visit_date": visit,
                    "cppv_cp_visit_seen": "Y" if alone == "Y" else None,
                    "cppv_cp_visit_seen_alone": alone,
                },
            )
        review = as_date(v.get("last_review"))
        if review is not None:
            b.add(
                "ssd_cp_reviews",
                source,
                {
                    "cppr_cp_review_id": f"{plan_id}-review",
                    "cppr_person_id": person,
                    "cppr_cp_plan_id": plan_id,
                    "cppr_cp_review_date": review,
                },
            )
