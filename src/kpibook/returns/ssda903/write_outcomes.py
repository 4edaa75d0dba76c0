"""SSDA903 outcome and permanence tables: OC3, AD1, PlacedAdoption, PrevPerm, SWEpisodes.

OC2 is in :mod:`kpibook.returns.ssda903.write_oc2`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from kpibook.returns.ssda903.write_tables import (
    Model,
    Row,
    Year,
    _age,
    _birthday,
    _dob,
    oc3_children,
    year_episodes,
)

_ADOPTED = frozenset({"E11", "E12"})
_PREV_PERM = {"ADOPTION": "P1", "SGO": "P2", "CAO": "P3"}
_ONE_YEAR = dt.timedelta(days=365)


def _days_after(episodes: list[Row], since: dt.date, end: dt.date) -> int:
    total = 0
    for e in episodes:
        began = max(e["clae_cla_episode_start_date"], since)
        ceased = e["clae_cla_episode_ceased_date"] or end
        total += max(0, (min(ceased, end) - began).days)
    return total


def oc3_cohort(model: Model, year: Year) -> dict[str, Row]:
    """Care leavers reported in OC3, with the care-leaver record reported for each.

    Young people with their 17th to 21st birthday in the year who were looked
    after for at least 13 weeks after their 14th birthday, including some time
    after their 16th (relevant or former relevant: DfE rule 1001), and whose
    last period of care did not end in adoption; leaving out those the DfE
    says need no care-leaver information: 17- and 18-year-olds looked after on
    that birthday (rule 1007) or at 31 March, or who ceased to be looked after
    on or after that birthday (rule 1016).
    """
    by_child: dict[str, list[Row]] = defaultdict(list)
    for e in model.episodes:
        if e["clae_cla_episode_start_date"] <= year.end:
            by_child[str(e["clae_person_id"])].append(e)
    out: dict[str, Row] = {}
    for child, record in oc3_children(model, year).items():
        episodes = by_child.get(child, [])
        dob = _dob(model, child)
        if not episodes or dob is None:
            continue
        last = max(episodes, key=lambda e: e["clae_cla_episode_start_date"])
        if last["clae_cla_episode_ceased_reason"] in _ADOPTED:
            continue
        after14 = _days_after(episodes, _birthday(dob, 14), year.end)
        after16 = _days_after(episodes, _birthday(dob, 16), year.end)
        if after14 < 91 or after16 < 1:
            continue
        age = _age(dob, year.end)
        if age in (17, 18):
            birthday = _birthday(dob, age)
            in_care = any(
                e["clae_cla_episode_start_date"] <= day
                and (
                    e["clae_cla_episode_ceased_date"] is None
                    or e["clae_cla_episode_ceased_date"] > day
                )
                for e in episodes
                for day in (birthday, year.end)
            )
            ceased_after = any(
                e["clae_cla_episode_ceased_date"] is not None
                and year.start <= e["clae_cla_episode_ceased_date"] <= year.end
                and e["clae_cla_episode_ceased_date"] >= birthday
                for e in episodes
            )
            if in_care or ceased_after:
                continue
        out[child] = record
    return out


def oc3_rows(model: Model, year: Year, leavers: dict[str, Row]) -> list[Row]:
    """IN_TOUCH, ACTIV and ACCOM from the care-leaver record nearest the birthday.

    Activity and accommodation are 0 unless the council is in touch (rule 344
    requires 0 for DIED and RHOM).
    """
    rows = []
    for child in sorted(leavers, key=lambda c: (len(c), c)):
        r = leavers[child]
        accom = r["clea_care_leaver_accommodation"]
        suitable = r["clea_care_leaver_accom_suitable"]
        in_touch = r["clea_care_leaver_in_touch"]
        touch = in_touch == "YES"
        rows.append(
            {
                "CHILD": child,
                "DOB": _dob(model, child),
                "IN_TOUCH": in_touch,
                "ACTIV": (r["clea_care_leaver_activity"] or "0") if touch else "0",
                "ACCOM": f"{accom}{suitable}" if touch and accom and suitable else "0",
            }
        )
    return rows


def _by_child(model: Model) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = defaultdict(list)
    for p in model.permanence:
        out[str(p["perm_person_id"])].append(p)
    return out


def ad1_rows(model: Model, year: Year) -> list[Row]:
    """Children adopted (episode ceased E11/E12) during the year."""
    perm = _by_child(model)
    rows = []
    for e in year_episodes(model, year):
        ceased = e["clae_cla_episode_ceased_date"]
        if e["clae_cla_episode_ceased_reason"] not in _ADOPTED or ceased is None:
            continue
        if not year.start <= ceased <= year.end:
            continue
        child = str(e["clae_person_id"])
        adoption = [p for p in perm.get(child, []) if p["perm_adm_decision_date"] is not None]
        if not adoption:
            continue
        p = adoption[-1]
        rows.append(
            {
                "CHILD": child,
                "DOB": _dob(model, child),
                "DATE_INT": p["perm_adm_decision_date"],
                "DATE_MATCH": p["perm_matched_date"],
                "FOSTER_CARE": "1" if p["perm_adopted_by_carer_flag"] == "Y" else "0",
                "NB_ADOPTR": None
                if p["perm_number_of_adopters"] is None
                else str(p["perm_number_of_adopters"]),
                "SEX_ADOPTR": p["perm_adopter_sex"],
                "LS_ADOPTR": p["perm_adopter_legal_status"],
            }
        )
    return rows


def placed_adoption_rows(model: Model, year: Year, children: set[str]) -> list[Row]:
    """Children looked after in the year with a decision that they should be placed for adoption."""
    rows = []
    for child, records in sorted(_by_child(model).items(), key=lambda kv: (len(kv[0]), kv[0])):
        if child not in children:
            continue
        for p in records:
            decided = p["perm_adm_decision_date"]
            if decided is None or decided > year.end:
                continue
            reversed_on = p["perm_decision_reversed_date"]
            if reversed_on is not None and reversed_on < year.start:
                continue
            ceased = reversed_on if reversed_on is not None and reversed_on <= year.end else None
            rows.append(
                {
                    "CHILD": child,
                    "DOB": _dob(model, child),
                    "DATE_PLACED": decided,
                    "DATE_PLACED_CEASED": ceased,
                    "REASON_PLACED_CEASED": p["perm_decision_reversed_reason"] if ceased else None,
                }
            )
    return rows


def prev_perm_rows(model: Model, year: Year, la_number: str | None = None) -> list[Row]:
    """Children starting a period of care in the year: any permanence order before it.

    LA_PERM, the authority that made the arrangement, is ``la_number`` (the
    council's three-digit DfE number; the model records no other authority),
    required by DfE rule 630 whenever PREV_PERM is not Z1.
    """
    perm = _by_child(model)
    rows = []
    seen: set[str] = set()
    for e in year_episodes(model, year):
        child = str(e["clae_person_id"])
        start = e["clae_cla_episode_start_date"]
        if e["clae_cla_episode_start_reason"] != "S" or start < year.start or child in seen:
            continue
        seen.add(child)
        earlier = [
            p
            for p in perm.get(child, [])
            if p["perm_permanence_order_date"] is not None
            and p["perm_permanence_order_date"] < start
            and p["perm_permanence_order_type"] in _PREV_PERM
        ]
        last = earlier[-1] if earlier else None
        rows.append(
            {
                "CHILD": child,
                "DOB": _dob(model, child),
                "PREV_PERM": _PREV_PERM[last["perm_permanence_order_type"]] if last else "Z1",
                "LA_PERM": la_number if last else None,
                "DATE_PERM": last["perm_permanence_order_date"] if last else None,
            }
        )
    return rows


def _sw_window(episodes: list[Row], year: Year) -> tuple[dt.date, dt.date]:
    """The days whose social-worker episodes the 903 reports for one child.

    Those of the child's latest period of care in the year: from its start (or
    the year's) to the day the child ceased to be looked after (or the year's
    end). The DfE's rule SW12 checks both bounds.
    """
    start, end = year.start, year.end
    for e in sorted(episodes, key=lambda e: e["DECOM"]):
        if e["RNE"] == "S" and e["DECOM"] >= year.start:
            start, end = e["DECOM"], year.end
        if e["DEC"] is not None and e["REC"] != "X1":
            end = e["DEC"]
    return start, end


def sw_episode_rows(model: Model, year: Year, episodes: list[Row]) -> list[Row]:
    """Social-worker episodes of the year's looked-after children (DfE SWEpisodes).

    A child's allocated social workers (``ssd_involvements`` role CW) are
    reported from the start of the year, or of a period of care starting in it,
    to the end of the year, or the day the child left care. SW_REASON is why
    the episode started: the previous worker's change reason when the previous
    episode ended within 7 days before, else FCONTA (first contact). SW_DEC is
    recorded when another social-worker episode follows: the child's last
    episode is left open (DfE rules SW11a and SW11b).
    """
    by_child: dict[str, list[Row]] = defaultdict(list)
    for e in episodes:
        by_child[str(e["CHILD"])].append(e)
    workers: dict[str, list[Row]] = defaultdict(list)
    for w in model.workers:
        if w["invo_involvement_start_date"] is not None:
            workers[str(w["invo_person_id"])].append(w)
    rows: list[Row] = []
    for child in sorted(by_child, key=lambda c: (len(c), c)):
        start, end = _sw_window(by_child[child], year)
        first = len(rows)
        previous: Row | None = None
        for w in workers.get(child, []):
            began, ended = w["invo_involvement_start_date"], w["invo_involvement_end_date"]
            if began <= end and (ended is None or ended > start):
                reason = "FCONTA"
                prev_end = previous["invo_involvement_end_date"] if previous else None
                if (
                    previous is not None
                    and prev_end is not None
                    and (began - dt.timedelta(days=7) <= prev_end <= began)
                ):
                    reason = previous["invo_worker_change_reason"] or "OTHERS"
                rows.append(
                    {
                        "CHILD": child,
                        "DOB": _dob(model, child),
                        "SW_ID": w["prof_social_worker_registration_no"],
                        "SW_DECOM": max(began, start),
                        "SW_DEC": ended if ended is not None and ended <= year.end else None,
                        "SW_REASON": reason,
                    }
                )
            previous = w
        if len(rows) == first:
            _last_known_worker(rows, model, child, workers.get(child, []), start, end)
        _one_at_a_time(rows, first)
    return rows


def _last_known_worker(
    rows: list[Row], model: Model, child: str, workers: list[Row], start: dt.date, end: dt.date
) -> None:
    """A child with no worker allocated in the window: the one allocated last before it.

    (A child looked after for one day, whose worker's allocation ended that day.)
    """
    before = [w for w in workers if w["invo_involvement_start_date"] <= end]
    if not before:
        return
    w = before[-1]
    rows.append(
        {
            "CHILD": child,
            "DOB": _dob(model, child),
            "SW_ID": w["prof_social_worker_registration_no"],
            "SW_DECOM": max(w["invo_involvement_start_date"], start),
            "SW_DEC": None,
            "SW_REASON": "FCONTA",
        }
    )


def _one_at_a_time(rows: list[Row], first: int) -> None:
    """A child has one social worker at a time: an episode ends when the next starts.

    The last is left open; an earlier one still open, or ending after the next
    began, ends when the next begins (DfE rules SW08, SW11b).
    """
    for i in range(first, len(rows) - 1):
        ended, following = rows[i]["SW_DEC"], rows[i + 1]["SW_DECOM"]
        if ended is None or ended > following:
            rows[i]["SW_DEC"] = following
    if len(rows) > first:
        rows[-1]["SW_DEC"] = None
