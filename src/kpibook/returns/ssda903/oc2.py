"""The 903's OC2 table into the data model's SDQ, conviction, immunisation and misuse tables.

OC2 reports, for a child looked after for 12 months at 31 March, the year's
items without dates. Each is dated 31 March of the return's year (the day OC2
reports as at, not a recorded date; the provenance says so), one record per
child and year:

* SDQ_SCORE and SDQ_REASON: a ``ssd_sdq_scores`` row when either is given. A
  score that is not a whole number from 0 to 40 is not carried
  (``sdq-score-invalid`` finding); the reason, if any, is.
* CONVICTED 1: a ``ssd_cla_convictions`` row (offence not known). 0 or blank:
  none.
* IMMUNISATIONS 1/0: a ``ssd_cla_immunisations`` row, Y/N.
* SUBSTANCE_MISUSE 1: a ``ssd_cla_substance_misuse`` row, with
  INTERVENTION_RECEIVED as Y/N; INTERVENTION_OFFERED, when given, a
  ``local_substance_misuse_offers`` row. 0 or blank: none.

HEALTH_CHECK, TEETH_CHECK and HEALTH_ASSESSMENT are not carried: the data
model records dated checks (``ssd_cla_health``) and the 903 gives none.
A code outside the year's list is reported by :func:`.checks.check_codes`;
for the Y/N items it is carried as given, CONVICTED and SUBSTANCE_MISUSE
other than 1 make no row.
"""

from __future__ import annotations

from kpibook.problems import Problem
from kpibook.returns.common import finding
from kpibook.returns.ssda903.codes import field_codes
from kpibook.returns.ssda903.raw import Row
from kpibook.returns.ssda903.spec import year_end

_D = "derived from "
_AS_AT = _D + "the return's year (31 March: the day OC2 reports as at, not a recorded date)"

OC2_CARRIED: dict[str, str] = {
    "ssd_sdq_scores.csdq_table_id": _D + "OC2.CHILD and the year",
    "ssd_sdq_scores.csdq_person_id": "OC2.CHILD",
    "ssd_sdq_scores.csdq_sdq_completed_date": _AS_AT,
    "ssd_sdq_scores.csdq_sdq_score": "OC2.SDQ_SCORE",
    "ssd_sdq_scores.csdq_sdq_reason": "OC2.SDQ_REASON",
    "ssd_cla_convictions.clac_cla_conviction_id": _D + "OC2.CHILD and the year",
    "ssd_cla_convictions.clac_person_id": "OC2.CHILD (CONVICTED 1)",
    "ssd_cla_convictions.clac_cla_conviction_date": _AS_AT,
    "ssd_cla_immunisations.clai_person_id": "OC2.CHILD",
    "ssd_cla_immunisations.clai_immunisations_status": "OC2.IMMUNISATIONS",
    "ssd_cla_immunisations.clai_immunisations_status_date": _AS_AT,
    "ssd_cla_substance_misuse.clas_substance_misuse_id": _D + "OC2.CHILD and the year",
    "ssd_cla_substance_misuse.clas_person_id": "OC2.CHILD (SUBSTANCE_MISUSE 1)",
    "ssd_cla_substance_misuse.clas_substance_misuse_date": _AS_AT,
    "ssd_cla_substance_misuse.clas_intervention_received": "OC2.INTERVENTION_RECEIVED",
    "local_substance_misuse_offers.smo_substance_misuse_id": _D + "OC2.CHILD and the year",
    "local_substance_misuse_offers.smo_person_id": "OC2.CHILD",
    "local_substance_misuse_offers.smo_intervention_offered": "OC2.INTERVENTION_OFFERED",
}
"""Every data-model column OC2 fills, and from which 903 field."""

OC2_TABLES = (
    "ssd_sdq_scores",
    "ssd_cla_convictions",
    "ssd_cla_immunisations",
    "ssd_cla_substance_misuse",
    "local_substance_misuse_offers",
)


def _yes_no(r: Row, field: str) -> str | None:
    value = r.text.get(field)
    return None if value is None else field_codes(field).to_model(value, r.year)


def _score(r: Row, findings: list[Problem]) -> int | None:
    text = r.text.get("SDQ_SCORE")
    if text is None:
        return None
    if text.isascii() and text.isdigit() and 0 <= int(text) <= 40:
        return int(text)
    findings.append(
        finding(
            r.file,
            "sdq-score-invalid",
            f"OC2: SDQ_SCORE {text!r} is not a whole number from 0 to 40; it is not carried",
            "give the total difficulties score, 0 to 40, or a reason SDQ1-SDQ5",
            row=r.row,
            column=r.column("SDQ_SCORE"),
        )
    )
    return None


def oc2_tables(rows: list[Row], findings: list[Problem]) -> dict[str, list[dict[str, object]]]:
    """The rows of :data:`OC2_TABLES` from the combined OC2 rows (findings appended)."""
    out: dict[str, list[dict[str, object]]] = {name: [] for name in OC2_TABLES}
    for r in rows:
        key = f"{r.child}-{r.year}"
        day = year_end(r.year)
        score = _score(r, findings)
        reason = r.text.get("SDQ_REASON")
        if score is not None or reason is not None:
            out["ssd_sdq_scores"].append(
                {
                    "csdq_table_id": f"SDQ-{key}",
                    "csdq_person_id": r.child,
                    "csdq_sdq_completed_date": day,
                    "csdq_sdq_score": score,
                    "csdq_sdq_reason": reason,
                }
            )
        if r.text.get("CONVICTED") == "1":
            out["ssd_cla_convictions"].append(
                {
                    "clac_cla_conviction_id": f"CONV-{key}",
                    "clac_person_id": r.child,
                    "clac_cla_conviction_date": day,
                }
            )
        immunised = _yes_no(r, "IMMUNISATIONS")
        if immunised is not None:
            out["ssd_cla_immunisations"].append(
                {
                    "clai_person_id": r.child,
                    "clai_immunisations_status": immunised,
                    "clai_immunisations_status_date": day,
                }
            )
        if r.text.get("SUBSTANCE_MISUSE") == "1":
            out["ssd_cla_substance_misuse"].append(
                {
                    "clas_substance_misuse_id": f"SM-{key}",
                    "clas_person_id": r.child,
                    "clas_substance_misuse_date": day,
                    "clas_intervention_received": _yes_no(r, "INTERVENTION_RECEIVED"),
                }
            )
            offered = _yes_no(r, "INTERVENTION_OFFERED")
            if offered is not None:
                out["local_substance_misuse_offers"].append(
                    {
                        "smo_substance_misuse_id": f"SM-{key}",
                        "smo_person_id": r.child,
                        "smo_intervention_offered": offered,
                    }
                )
    return out
