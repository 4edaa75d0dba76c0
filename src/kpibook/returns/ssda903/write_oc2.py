"""The SSDA903 OC2 table: children looked after continuously for 12 months at 31 March.

What each item reports (DfE SSDA903 guide; the DfE validation rules named):

* SDQ_SCORE / SDQ_REASON: for a child whose 4th birthday is on or before 31
  March and 17th on or after 1 April (rules 186, 197B; none otherwise, 188,
  189), the latest SDQ record of the year (``ssd_sdq_scores``): its score, or
  its reason SDQ1-SDQ5 if it has no score. Blank when the year has none.
* CONVICTED: aged 10 or over at 31 March (rules 542, 543): 1 if an offence is
  recorded in the year (``ssd_cla_convictions``), else 0.
* HEALTH_CHECK: aged under 5 at 31 March (rules 545, 546): 1 if a health
  assessment was completed in the year (``ssd_cla_health``), else 0.
* IMMUNISATIONS: 1/0 from the latest ``ssd_cla_immunisations`` status recorded
  on or before 31 March (Y/N); blank if none is recorded.
* TEETH_CHECK, HEALTH_ASSESSMENT: 1 if a dental check / health assessment was
  completed in the year (``ssd_cla_health``), else 0.
* SUBSTANCE_MISUSE: 1 if a substance misuse problem was recorded in the year
  (``ssd_cla_substance_misuse``), else 0. Then INTERVENTION_RECEIVED: 1 if any
  of the year's records says an intervention was received, 0 if they say not
  (rule 192); and, when 0, INTERVENTION_OFFERED: 1 if one was offered and
  refused, 0 if not (``local_substance_misuse_offers``; rules 158, 159, 193).
"""

from __future__ import annotations

import datetime as dt

from kpibook.returns.ssda903.write_tables import Model, Row, Year, _age, _birthday, _dob


def _period_start(model: Model, child: str, on: dt.date) -> dt.date | None:
    """Start of the period of care the child is in on ``on``, or ceased on ``on`` (else None)."""
    start = None
    for e in model.episodes:
        if str(e["clae_person_id"]) != child:
            continue
        began, ceased = e["clae_cla_episode_start_date"], e["clae_cla_episode_ceased_date"]
        if began <= on and (ceased is None or ceased >= on):
            start = e["clae_entered_care_date"] or began
    return start


def _in_year(rows: list[Row], column: str, year: Year) -> list[Row]:
    return [r for r in rows if r[column] is not None and year.start <= r[column] <= year.end]


def _flag(value: object) -> str | None:
    return {"Y": "1", "N": "0"}.get(str(value)) if value is not None else None


def sdq_items(model: Model, child: str, dob: dt.date, year: Year) -> tuple[str | None, str | None]:
    """SDQ_SCORE and SDQ_REASON (both None when not due, or when the year has no record)."""
    if _birthday(dob, 4) > year.end or _birthday(dob, 17) < year.start:
        return None, None
    for r in reversed(_in_year(model.sdq.get(child, []), "csdq_sdq_completed_date", year)):
        if r["csdq_sdq_score"] is not None:
            return str(r["csdq_sdq_score"]), None
        if r["csdq_sdq_reason"]:
            return None, str(r["csdq_sdq_reason"])
    return None, None


def immunisations_item(model: Model, child: str, year: Year) -> str | None:
    """IMMUNISATIONS: the latest status recorded on or before 31 March."""
    status = None
    for r in model.immunisations.get(child, []):
        if r["clai_immunisations_status_date"] <= year.end:
            status = _flag(r["clai_immunisations_status"])
    return status


def misuse_items(model: Model, child: str, year: Year) -> tuple[str, str | None, str | None]:
    """SUBSTANCE_MISUSE, INTERVENTION_RECEIVED and INTERVENTION_OFFERED."""
    found = _in_year(model.misuse.get(child, []), "clas_substance_misuse_date", year)
    if not found:
        return "0", None, None
    received = [_flag(r["clas_intervention_received"]) for r in found]
    if "1" in received:
        return "1", "1", None
    if "0" not in received:
        return "1", None, None
    offered = [_flag(r["smo_intervention_offered"]) for r in found]
    return "1", "0", "1" if "1" in offered else ("0" if "0" in offered else None)


def oc2_rows(model: Model, year: Year, children: set[str]) -> list[Row]:
    """Children looked after continuously for 12 months or more at 31 March.

    Those whose period of care began on or before 1 April and who were still
    looked after at 31 March or ceased to be that day: the DfE's definition, as
    its rules 186 to 198 apply it (a child who came into care on 1 April has been
    looked after for the whole year; only a period ending before 31 March breaks
    the year).
    """
    rows = []
    for child in sorted(children, key=lambda c: (len(c), c)):
        start = _period_start(model, child, year.end)
        if start is None or start > year.start:
            continue
        dob = _dob(model, child)
        if dob is None:
            continue
        age = _age(dob, year.end)
        checks = [
            h
            for h in model.health.get(child, [])
            if h["clah_health_check_status"] == "COMPLETED"
            and year.start <= h["clah_health_check_date"] <= year.end
        ]
        kinds = {h["clah_health_check_type"] for h in checks}
        score, reason = sdq_items(model, child, dob, year)
        convicted = _in_year(model.convictions.get(child, []), "clac_cla_conviction_date", year)
        misuse, received, offered = misuse_items(model, child, year)
        rows.append(
            {
                "CHILD": child,
                "DOB": dob,
                "SDQ_SCORE": score,
                "SDQ_REASON": reason,
                "CONVICTED": ("1" if convicted else "0") if age >= 10 else None,
                "HEALTH_CHECK": ("1" if kinds & {"IHA", "RHA"} else "0") if age < 5 else None,
                "IMMUNISATIONS": immunisations_item(model, child, year),
                "TEETH_CHECK": "1" if "DENTAL" in kinds else "0",
                "HEALTH_ASSESSMENT": "1" if kinds & {"IHA", "RHA"} else "0",
                "SUBSTANCE_MISUSE": misuse,
                "INTERVENTION_RECEIVED": received,
                "INTERVENTION_OFFERED": offered,
            }
        )
    return rows
