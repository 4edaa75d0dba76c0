"""A data folder -> the CIN census XML for one collection year.

Who and what is in the census (``docs/returns-cin.md`` has the field mapping):

* every episode of need (``ssd_cin_episodes``) open at any time in the year:
  referred on or before 31 March and not closed before 1 April; a closure
  after 31 March is not written (the episode is open at the reference date);
* within it, assessments, CIN plans and CP plans that overlap the year and
  started by 31 March, with end or authorisation dates after 31 March left out
  (an assessment's factors are written only with its authorisation date);
  section 47 enquiries that started in the year or whose conference was held in
  it; CP plan reviews held in the year;
* the conference of an enquiry goes in ``Section47/DateOfInitialCPC``; a
  conference with no enquiry (a transfer-in) in ``CINdetails/DateOfInitialCPC``;
* ``NumberOfPreviousCPP`` counts the child's CP plans in the data that started
  before this one; ``InitialCPCtarget`` is the conference's target date, else
  15 working days after the enquiry began; ``ICPCnotRequired`` is 1 when the
  enquiry has no conference and its outcome says none was needed (or, without
  an outcome, it ended by 31 March).

The file is checked (:mod:`kpibook.returns.cin.check`) before it replaces
``out``; nothing is written if the check fails.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ElementTree, SubElement, indent

from sqlglot import exp

from kpibook.errors import ConfigError, InputError
from kpibook.ingest import load_or_fail
from kpibook.ingest.sql import render, table
from kpibook.model.workdays import add_working_days
from kpibook.problems import Problem, Severity
from kpibook.returns.cin import spec
from kpibook.returns.cin.check import check

SYNTHETIC_LEA = "886"
"""The LA code written when none is given: Kent's, the synthetic council's area."""

_TABLES = (
    "ssd_person", "ssd_disability", "ssd_cin_episodes", "ssd_cin_assessments",
    "ssd_assessment_factors", "ssd_cin_plans", "ssd_s47_enquiry", "ssd_initial_cp_conference",
    "ssd_cp_plans", "ssd_cp_reviews",
)  # fmt: skip

Row = dict[str, Any]


def _rows(con: Any, name: str) -> list[Row]:
    cursor = con.execute(render(exp.select(exp.Star()).from_(table(name))))
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]


def _by(rows: Iterable[Row], key: str) -> dict[Any, list[Row]]:
    grouped: dict[Any, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row[key], []).append(row)
    return grouped


def _within(start: dt.date | None, end: dt.date | None, first: dt.date, last: dt.date) -> bool:
    """Started by ``last`` and not ended before ``first``."""
    return start is not None and start <= last and (end is None or end >= first)


def _add(parent: Element, tag: str, value: object) -> None:
    if value is None or value == "":
        return
    node = SubElement(parent, tag)
    node.text = value.isoformat() if isinstance(value, dt.date) else str(value)


def write_cin(data: Path, year: str, out: Path, *, lea: str = SYNTHETIC_LEA) -> Path:
    """Write the CIN census for collection ``year`` (e.g. ``2023-24``) from a data folder.

    Args:
        data: a folder of data-model tables (loaded and checked as by ``kpibook check``).
        year: the collection year, ``2016-17`` to ``2025-26``.
        out: the XML file to write; replaced only when the new file is complete
            and passes kpibook's structural check for that year's schema.
        lea: the council's three-digit LA code for the header.

    Returns:
        ``out``.

    Raises:
        ConfigError: the year or LA code is not one kpibook can write.
        InputError: the data folder has structural problems, or the census built
            from it does not pass the structural check (nothing is written).
    """
    try:
        schema = spec.schema_for_collection(year)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    if not (len(lea) == 3 and lea.isdigit()):
        raise ConfigError(f"'{lea}' is not an LA code: give the council's three-digit code")
    loaded = load_or_fail(data)
    rows = {name: _rows(loaded.con, name) for name in _TABLES}
    root = build(rows, schema, lea)
    if root.find("Children/Child") is None:
        raise InputError(
            f"no child was in need in {year}: there is no census to write",
            [
                Problem(
                    Severity.ERROR, "cin-export-empty", str(data),
                    f"no episode in ssd_cin_episodes is open between {spec.period_start(schema)} "
                    f"and {spec.reference_date(schema)}",
                    hint="check the year and the data folder",
                )
            ],
        )  # fmt: skip
    problems = check(root, schema)
    if problems:
        raise InputError(
            f"the {year} CIN census built from {data} does not fit the schema",
            [Problem(Severity.ERROR, "cin-export-invalid", str(out), p) for p in problems[:200]],
        )
    indent(root, space="  ")
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(handle)
    try:
        ElementTree(root).write(temp, encoding="UTF-8", xml_declaration=True)
        Path(temp).replace(out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return out


def build(rows: Mapping[str, list[Row]], schema: int, lea: str) -> Element:
    """The census ``<Message>`` for ``schema`` from data-model rows."""
    last = spec.reference_date(schema)
    first = spec.period_start(schema)
    root = Element("Message")
    header = SubElement(root, "Header")
    details = SubElement(header, "CollectionDetails")
    _add(details, "Collection", "CIN")
    _add(details, "Year", schema)
    _add(details, "ReferenceDate", last)
    source = SubElement(header, "Source")
    _add(source, "SourceLevel", "L")
    _add(source, "LEA", lea)
    _add(source, "SoftwareCode", "kpibook")
    _add(source, "Release", "1")
    _add(source, "SerialNo", "001")
    _add(source, "DateTime", dt.datetime.combine(last, dt.time(0, 0)).isoformat())
    children = SubElement(root, "Children")

    episodes = [
        e for e in rows["ssd_cin_episodes"]
        if _within(e["cine_referral_date"], e["cine_close_date"], first, last)
    ]  # fmt: skip
    people = {p["pers_person_id"]: p for p in rows["ssd_person"]}
    disabilities = _by(rows["ssd_disability"], "disa_person_id")
    context = _Context(rows, first, last)
    for person_id, own in sorted(_by(episodes, "cine_person_id").items()):
        person = people.get(person_id)
        if person is None:
            continue
        child = SubElement(children, "Child")
        _identifiers(child, person, schema)
        chars = SubElement(child, "ChildCharacteristics")
        _add(chars, "Ethnicity", person.get("pers_ethnicity") or "NOBT")
        codes = [d["disa_disability_code"] for d in disabilities.get(person_id, [])]
        if codes:
            block = SubElement(chars, "Disabilities")
            for code in codes:
                _add(block, "Disability", code)
        for episode in sorted(own, key=lambda e: (e["cine_referral_date"], e["cine_referral_id"])):
            context.episode(child, episode, schema)
    return root


def _identifiers(child: Element, person: Row, schema: int) -> None:
    ids = SubElement(child, "ChildIdentifiers")
    _add(ids, "LAchildID", person["pers_person_id"])
    _add(ids, "UPN", person.get("pers_upn"))
    _add(ids, "UPNunknown", None if person.get("pers_upn") else person.get("pers_upn_unknown"))
    _add(ids, "PersonBirthDate", person.get("pers_dob"))
    _add(
        ids,
        "ExpectedPersonBirthDate",
        None if person.get("pers_dob") else person.get("pers_expected_dob"),
    )
    sex = person.get("pers_sex") or "U"
    if schema >= spec.SEX_FROM:
        _add(ids, "Sex", sex)
    else:
        _add(ids, "GenderCurrent", spec.SEX_TO_GENDER.get(sex, "0"))
    _add(ids, "PersonDeathDate", person.get("pers_death_date"))


class _Context:
    """The rows of one dataset grouped for writing episodes."""

    def __init__(self, rows: Mapping[str, list[Row]], first: dt.date, last: dt.date) -> None:
        self.first = first
        self.last = last
        self.assessments = _by(rows["ssd_cin_assessments"], "cina_referral_id")
        self.factors = _by(rows["ssd_assessment_factors"], "cinf_assessment_id")
        self.plans = _by(rows["ssd_cin_plans"], "cinp_referral_id")
        self.s47s = _by(rows["ssd_s47_enquiry"], "s47e_referral_id")
        self.icpcs = _by(rows["ssd_initial_cp_conference"], "icpc_referral_id")
        self.icpc_by_s47 = _by(
            (r for r in rows["ssd_initial_cp_conference"] if r["icpc_s47_enquiry_id"]),
            "icpc_s47_enquiry_id",
        )
        self.cpps = _by(rows["ssd_cp_plans"], "cppl_referral_id")
        self.reviews = _by(rows["ssd_cp_reviews"], "cppr_cp_plan_id")
        self.cpp_starts = {
            person: sorted(r["cppl_cp_plan_start_date"] for r in plans)
            for person, plans in _by(rows["ssd_cp_plans"], "cppl_person_id").items()
        }

    def in_year(self, day: dt.date | None) -> dt.date | None:
        return day if day is not None and self.first <= day <= self.last else None

    def by_ref(self, day: dt.date | None) -> dt.date | None:
        return day if day is not None and day <= self.last else None

    def episode(self, child: Element, e: Row, schema: int) -> None:
        referral_id = e["cine_referral_id"]
        node = SubElement(child, "CINdetails")
        close = self.by_ref(e["cine_close_date"])
        _add(node, "CINreferralDate", e["cine_referral_date"])
        _add(node, "ReferralSource", e.get("cine_referral_source_code") or "10")
        _add(node, "PrimaryNeedCode", e.get("cine_cin_primary_need_code"))
        _add(node, "CINclosureDate", close)
        _add(node, "ReasonForClosure", e.get("cine_close_reason") if close else None)
        transfer = [
            self.in_year(c["icpc_icpc_date"]) for c in self.icpcs.get(referral_id, [])
            if not c["icpc_s47_enquiry_id"]
        ]  # fmt: skip
        _add(node, "DateOfInitialCPC", min((d for d in transfer if d), default=None))
        for a in sorted(
            self.assessments.get(referral_id, []), key=lambda r: r["cina_assessment_start_date"]
        ):
            if _within(
                a["cina_assessment_start_date"],
                a["cina_assessment_auth_date"],
                self.first,
                self.last,
            ):
                self.assessment(node, a)
        if schema >= spec.CIN_PLANS_FROM:
            for p in sorted(
                self.plans.get(referral_id, []), key=lambda r: r["cinp_cin_plan_start_date"]
            ):
                if _within(
                    p["cinp_cin_plan_start_date"],
                    p["cinp_cin_plan_end_date"],
                    self.first,
                    self.last,
                ):
                    block = SubElement(node, "CINPlanDates")
                    _add(block, "CINPlanStartDate", p["cinp_cin_plan_start_date"])
                    _add(block, "CINPlanEndDate", self.by_ref(p["cinp_cin_plan_end_date"]))
        for s in sorted(self.s47s.get(referral_id, []), key=lambda r: r["s47e_s47_start_date"]):
            self.section47(node, s)
        _add(node, "ReferralNFA", "1" if e.get("cine_referral_nfa") == "Y" else "0")
        for c in sorted(self.cpps.get(referral_id, []), key=lambda r: r["cppl_cp_plan_start_date"]):
            if _within(
                c["cppl_cp_plan_start_date"], c["cppl_cp_plan_end_date"], self.first, self.last
            ):
                self.cp_plan(node, c)

    def assessment(self, node: Element, a: Row) -> None:
        block = SubElement(node, "Assessments")
        auth = self.by_ref(a["cina_assessment_auth_date"])
        _add(block, "AssessmentActualStartDate", a["cina_assessment_start_date"])
        _add(block, "AssessmentAuthorisationDate", auth)
        if auth is None:
            return
        codes: list[str] = []
        for f in self.factors.get(a["cina_assessment_id"], []):
            try:
                listed = json.loads(f["cinf_assessment_factors_json"] or "[]")
            except ValueError:
                continue
            if isinstance(listed, list):
                codes.extend(str(c) for c in listed if str(c) not in codes)
        if codes:
            holder = SubElement(block, "FactorsIdentifiedAtAssessment")
            for code in codes:
                _add(holder, "AssessmentFactors", code)

    def section47(self, node: Element, s: Row) -> None:
        start = s["s47e_s47_start_date"]
        conferences = sorted(
            self.icpc_by_s47.get(s["s47e_s47_enquiry_id"], []), key=lambda c: c["icpc_icpc_date"]
        )
        conference = conferences[0] if conferences else None
        icpc = self.by_ref(conference["icpc_icpc_date"]) if conference else None
        if self.in_year(start) is None and self.in_year(icpc) is None:
            return
        block = SubElement(node, "Section47")
        _add(block, "S47ActualStartDate", start)
        target = conference.get("icpc_icpc_target_date") if conference else None
        _add(block, "InitialCPCtarget", target or add_working_days(start, 15))
        _add(block, "DateOfInitialCPC", icpc)
        _add(block, "ICPCnotRequired", "1" if self._not_required(s, conference) else "0")

    def _not_required(self, s: Row, conference: Row | None) -> bool:
        if conference is not None:
            return False
        try:
            outcome = json.loads(s.get("s47e_s47_outcome_json") or "{}")
        except ValueError:
            outcome = {}
        if isinstance(outcome, dict) and outcome.get("CP_CONFERENCE_FLAG") in ("Y", "N"):
            return bool(outcome["CP_CONFERENCE_FLAG"] == "N")
        end = s.get("s47e_s47_end_date")
        return end is not None and end <= self.last

    def cp_plan(self, node: Element, c: Row) -> None:
        block = SubElement(node, "ChildProtectionPlans")
        start = c["cppl_cp_plan_start_date"]
        _add(block, "CPPstartDate", start)
        _add(block, "CPPendDate", self.by_ref(c["cppl_cp_plan_end_date"]))
        initial = c.get("cppl_cp_plan_initial_category") or "MUL"
        _add(block, "InitialCategoryOfAbuse", initial)
        _add(block, "LatestCategoryOfAbuse", c.get("cppl_cp_plan_latest_category") or initial)
        earlier = self.cpp_starts.get(c["cppl_person_id"], [])
        _add(block, "NumberOfPreviousCPP", sum(1 for d in earlier if d < start))
        days = sorted(
            d for r in self.reviews.get(c["cppl_cp_plan_id"], [])
            if (d := self.in_year(r["cppr_cp_review_date"])) is not None
        )  # fmt: skip
        if days:
            holder = SubElement(block, "Reviews")
            for day in days:
                _add(holder, "CPPreviewDate", day)
