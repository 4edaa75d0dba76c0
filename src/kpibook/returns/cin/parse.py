"""One CIN census XML file -> plain records (children with their episodes of need).

Structural problems (not a census, a child without ``LAchildID``, an episode
or block whose start date is missing or unreadable) are collected as ERROR
problems; data-quality findings (unknown codes, unreadable optional values,
ends before starts) as WARNING problems. :mod:`kpibook.returns.cin.reader`
turns the records into data-model tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.etree.ElementTree import Element
from xml.parsers import expat

from kpibook.problems import Problem
from kpibook.returns.cin import spec
from kpibook.returns.common import MAX_ROWS, finding, parse_date, structural


@dataclass(slots=True)
class CpPlan:
    start: dt.date
    end: dt.date | None
    initial: str | None
    latest: str | None
    previous: int | None
    reviews: list[dt.date] = field(default_factory=list)


@dataclass(slots=True)
class S47:
    start: dt.date
    target: dt.date | None
    icpc: dt.date | None
    not_required: bool | None


@dataclass(slots=True)
class Assessment:
    start: dt.date
    auth: dt.date | None
    factors: list[str] | None


@dataclass(slots=True)
class Referral:
    date: dt.date
    source: str | None
    need: str | None
    close: dt.date | None
    reason: str | None
    icpc: dt.date | None
    nfa: bool | None
    row: int = 0
    """The 1-based position of the child in its file."""
    assessments: list[Assessment] = field(default_factory=list)
    plans: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)
    s47s: list[S47] = field(default_factory=list)
    cpps: list[CpPlan] = field(default_factory=list)


@dataclass(slots=True)
class Child:
    child_id: str
    row: int
    upn: str | None = None
    upn_unknown: str | None = None
    dob: dt.date | None = None
    expected_dob: dt.date | None = None
    sex: str | None = None
    death: dt.date | None = None
    ethnicity: str | None = None
    disabilities: list[str] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)


@dataclass(slots=True)
class CensusFile:
    path: Path
    reference: dt.date | None
    schema: int
    children: list[Child]
    lines: list[int] = field(default_factory=list)
    """The line of each ``<Child>`` start tag, in file order."""

    def at_line(self, problem: Problem) -> Problem:
        """``problem`` with the line of its child (its ``row``) filled in."""
        return at_line(problem, self.lines)


def at_line(problem: Problem, lines: list[int]) -> Problem:
    """``problem`` with ``line`` set to the line of child ``row`` when known."""
    if problem.row is None or problem.line is not None or not 0 < problem.row <= len(lines):
        return problem
    return replace(problem, line=lines[problem.row - 1])


def child_lines(data: bytes) -> list[int]:
    """The line of each ``<Message>/<Children>/<Child>`` start tag.

    Only called on a file :func:`~kpibook.returns.common.parse_xml` accepted, so
    it has no DTD and no entity declarations; declarations are refused here too.
    """
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[str] = []
    lines: list[int] = []

    def start(name: str, _attrs: object) -> None:
        if name == "Child" and stack == ["Message", "Children"]:
            lines.append(parser.CurrentLineNumber)
        stack.append(name)

    def end(_name: str) -> None:
        stack.pop()

    def refuse(*_args: object) -> None:
        raise ValueError("entity declarations are not read")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except (expat.ExpatError, ValueError):
        return []
    return lines


_KNOWN = {
    "Message": {"Header", "Children"},
    "ChildIdentifiers": {
        "LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate",
        "ExpectedPersonBirthDate", "GenderCurrent", "Sex", "PersonDeathDate",
    },
    "CINdetails": {
        "CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate",
        "ReasonForClosure", "DateOfInitialCPC", "ReferralNFA", "Assessments", "CINPlanDates",
        "Section47", "ChildProtectionPlans",
    },
}  # fmt: skip
"""Children the reader imports, by parent; anything else is reported once per file."""


class _Reader:
    """Reads one parsed file, collecting errors and findings."""

    def __init__(self, path: Path, schema: int) -> None:
        self.path = path
        self.schema = schema
        self.errors: list[Problem] = []
        self.findings: list[Problem] = []
        self.skipped: set[str] = set()

    # -- values -----------------------------------------------------------------

    def text(self, parent: Element, tag: str) -> str | None:
        node = parent.find(tag)
        if node is None or node.text is None:
            return None
        value = node.text.strip()
        return value or None

    def date(self, parent: Element, tag: str, row: int, where: str) -> dt.date | None:
        """An optional date: unreadable -> finding, and the value is left empty."""
        value = self.text(parent, tag)
        try:
            return parse_date(value)
        except ValueError as exc:
            self.findings.append(
                finding(
                    self.path, "cin-date-unreadable", f"{where}/{tag}: {exc}; left empty",
                    "correct the date in the case system and export the census again",
                    row=row, column=f"{where}/{tag}",
                )
            )  # fmt: skip
            return None

    def key_date(self, parent: Element, tag: str, row: int, where: str) -> dt.date | None:
        """A date a row is keyed on: missing or unreadable is structural."""
        value = self.text(parent, tag)
        if value is None:
            self.errors.append(
                structural(
                    self.path, "cin-key-missing", f"{where}/{tag} is missing or empty",
                    f"every {where.rsplit('/', 1)[-1].split('[')[0]} needs its {tag}",
                    row=row, column=f"{where}/{tag}",
                )
            )  # fmt: skip
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.errors.append(
                structural(
                    self.path, "cin-key-unreadable", f"{where}/{tag}: {exc}",
                    "the row cannot be identified without this date; correct it and export again",
                    row=row, column=f"{where}/{tag}",
                )
            )  # fmt: skip
            return None

    def code(self, parent: Element, tag: str, listname: str, row: int, where: str) -> str | None:
        """A coded value; an unknown code is kept as it is, with a finding."""
        value = self.text(parent, tag)
        if value is not None and value not in spec.codes(listname, self.schema):
            self.findings.append(
                finding(
                    self.path, "cin-unknown-code",
                    f"{where}/{tag}: '{value}' is not in the {listname} code list of the "
                    f"{self.schema - 1}-{self.schema % 100:02d} census; kept as it is",
                    "check the code against the DfE CIN census guide for that year",
                    row=row, column=f"{where}/{tag}",
                )
            )  # fmt: skip
        return value

    def flag(self, parent: Element, tag: str, row: int, where: str) -> bool | None:
        value = self.text(parent, tag)
        if value is None:
            return None
        parsed = spec.parse_flag(value)
        if parsed is None:
            self.findings.append(
                finding(
                    self.path, "cin-flag-unreadable",
                    f"{where}/{tag}: '{value}' is not true/false or 1/0; left empty",
                    "write 1 or 0", row=row, column=f"{where}/{tag}",
                )
            )  # fmt: skip
        return parsed

    def order(self, start: dt.date | None, end: dt.date | None, row: int, column: str) -> None:
        """A finding if ``end`` (named by ``column``) is before ``start``."""
        if start is not None and end is not None and end < start:
            self.findings.append(
                finding(
                    self.path, "cin-end-before-start",
                    f"{column} ({end.isoformat()}) is before the start ({start.isoformat()}); "
                    "imported as it is",
                    "correct the dates in the case system", row=row, column=column,
                )
            )  # fmt: skip

    def note_unknown(self, parent: Element, kind: str) -> None:
        for node in parent:
            if isinstance(node.tag, str) and node.tag not in _KNOWN[kind]:
                self.skipped.add(f"{kind}/{node.tag}")

    # -- blocks -----------------------------------------------------------------

    def child(self, node: Element, row: int) -> Child | None:
        ids = node.find("ChildIdentifiers")
        child_id = None if ids is None else self.text(ids, "LAchildID")
        if ids is None or child_id is None:
            self.errors.append(
                structural(
                    self.path, "cin-key-missing",
                    "Child has no ChildIdentifiers/LAchildID",
                    "every child needs the LA's identifier", row=row,
                    column="ChildIdentifiers/LAchildID",
                )
            )  # fmt: skip
            return None
        w = "ChildIdentifiers"
        self.note_unknown(ids, "ChildIdentifiers")
        child = Child(child_id, row)
        child.upn = self.text(ids, "UPN")
        child.upn_unknown = self.code(ids, "UPNunknown", "upn_unknown", row, w)
        child.dob = self.date(ids, "PersonBirthDate", row, w)
        child.expected_dob = self.date(ids, "ExpectedPersonBirthDate", row, w)
        child.death = self.date(ids, "PersonDeathDate", row, w)
        child.sex = self.sex(ids, row)
        chars = node.find("ChildCharacteristics")
        if chars is not None:
            where = "ChildCharacteristics"
            child.ethnicity = self.code(chars, "Ethnicity", "ethnicity", row, where)
            block = chars.find("Disabilities")
            for item in () if block is None else block.findall("Disability"):
                value = (item.text or "").strip()
                if not value:
                    continue
                if value not in spec.codes("disability", self.schema):
                    self.findings.append(
                        finding(
                            self.path, "cin-unknown-code",
                            f"ChildCharacteristics/Disabilities/Disability: '{value}' is not a "
                            "disability code; kept as it is",
                            "check the code against the DfE CIN census guide for that year",
                            row=row, column="ChildCharacteristics/Disabilities/Disability",
                        )
                    )  # fmt: skip
                child.disabilities.append(value)
        for index, detail in enumerate(node.findall("CINdetails"), start=1):
            referral = self.referral(detail, row, f"CINdetails[{index}]")
            if referral is not None:
                child.referrals.append(referral)
        return child

    def sex(self, ids: Element, row: int) -> str | None:
        gender = self.text(ids, "GenderCurrent")
        sex = self.text(ids, "Sex")
        if sex is not None:
            value = sex.upper()
            if value in spec.SEX_TO_GENDER:
                return value
            if value in spec.GENDER_TO_SEX:  # Sex written with the old numeric codes
                return spec.GENDER_TO_SEX[value]
            bad, tag = sex, "Sex"
        elif gender is not None:
            if gender in spec.GENDER_TO_SEX:
                return spec.GENDER_TO_SEX[gender]
            if gender.upper() in spec.SEX_TO_GENDER:
                return gender.upper()
            bad, tag = gender, "GenderCurrent"
        else:
            return None
        self.findings.append(
            finding(
                self.path, "cin-unknown-code",
                f"ChildIdentifiers/{tag}: '{bad}' is neither M/F/U nor 1/2/0/9; sex left empty",
                "record the child's sex as M, F or U", row=row, column=f"ChildIdentifiers/{tag}",
            )
        )  # fmt: skip
        return None

    def referral(self, node: Element, row: int, w: str) -> Referral | None:
        self.note_unknown(node, "CINdetails")
        start = self.key_date(node, "CINreferralDate", row, w)
        referral = Referral(
            date=start or dt.date.min,
            source=self.code(node, "ReferralSource", "referral_source", row, w),
            need=self.code(node, "PrimaryNeedCode", "primary_need", row, w),
            close=self.date(node, "CINclosureDate", row, w),
            reason=self.code(node, "ReasonForClosure", "reason_for_closure", row, w),
            icpc=self.date(node, "DateOfInitialCPC", row, w),
            nfa=self.flag(node, "ReferralNFA", row, w),
            row=row,
        )
        self.order(start, referral.close, row, f"{w}/CINclosureDate")
        for i, block in enumerate(node.findall("Assessments"), start=1):
            where = f"{w}/Assessments[{i}]"
            a_start = self.key_date(block, "AssessmentActualStartDate", row, where)
            auth = self.date(block, "AssessmentAuthorisationDate", row, where)
            self.order(a_start, auth, row, f"{where}/AssessmentAuthorisationDate")
            factors = None
            holder = block.find("FactorsIdentifiedAtAssessment")
            if holder is not None:
                factors = []
                for item in holder.findall("AssessmentFactors"):
                    value = (item.text or "").strip()
                    if value:
                        self.factor(value, row, where)
                        factors.append(value)
            if a_start is not None:
                referral.assessments.append(Assessment(a_start, auth, factors))
        for i, block in enumerate(node.findall("CINPlanDates"), start=1):
            where = f"{w}/CINPlanDates[{i}]"
            p_start = self.key_date(block, "CINPlanStartDate", row, where)
            p_end = self.date(block, "CINPlanEndDate", row, where)
            self.order(p_start, p_end, row, f"{where}/CINPlanEndDate")
            if p_start is not None:
                referral.plans.append((p_start, p_end))
        for i, block in enumerate(node.findall("Section47"), start=1):
            where = f"{w}/Section47[{i}]"
            s_start = self.key_date(block, "S47ActualStartDate", row, where)
            s47 = S47(
                start=s_start or dt.date.min,
                target=self.date(block, "InitialCPCtarget", row, where),
                icpc=self.date(block, "DateOfInitialCPC", row, where),
                not_required=self.flag(block, "ICPCnotRequired", row, where),
            )
            self.order(s_start, s47.icpc, row, f"{where}/DateOfInitialCPC")
            if s_start is not None:
                referral.s47s.append(s47)
        for i, block in enumerate(node.findall("ChildProtectionPlans"), start=1):
            plan = self.cp_plan(block, row, f"{w}/ChildProtectionPlans[{i}]")
            if plan is not None:
                referral.cpps.append(plan)
        return referral if start is not None else None

    def factor(self, value: str, row: int, where: str) -> None:
        if value not in spec.codes("assessment_factor", self.schema):
            self.findings.append(
                finding(
                    self.path, "cin-unknown-code",
                    f"{where}/FactorsIdentifiedAtAssessment/AssessmentFactors: '{value}' is not "
                    f"an assessment factor code in the {self.schema - 1}-{self.schema % 100:02d} "
                    "census; kept as it is",
                    "check the code against the DfE CIN census guide for that year", row=row,
                    column=f"{where}/FactorsIdentifiedAtAssessment/AssessmentFactors",
                )
            )  # fmt: skip

    def cp_plan(self, block: Element, row: int, where: str) -> CpPlan | None:
        start = self.key_date(block, "CPPstartDate", row, where)
        end = self.date(block, "CPPendDate", row, where)
        self.order(start, end, row, f"{where}/CPPendDate")
        previous_text = self.text(block, "NumberOfPreviousCPP")
        previous: int | None = None
        if previous_text is not None:
            if previous_text.isdigit() and len(previous_text) < 4:
                previous = int(previous_text)
            else:
                self.findings.append(
                    finding(
                        self.path, "cin-number-unreadable",
                        f"{where}/NumberOfPreviousCPP: '{previous_text}' is not a whole number "
                        "from 0; left empty",
                        "write the number of previous plans", row=row,
                        column=f"{where}/NumberOfPreviousCPP",
                    )
                )  # fmt: skip
        plan = CpPlan(
            start=start or dt.date.min,
            end=end,
            initial=self.code(block, "InitialCategoryOfAbuse", "abuse_category", row, where),
            latest=self.code(block, "LatestCategoryOfAbuse", "abuse_category", row, where),
            previous=previous,
        )
        for holder in block.findall("Reviews"):
            for item in holder.findall("CPPreviewDate"):
                value = (item.text or "").strip()
                try:
                    day = parse_date(value)
                except ValueError as exc:
                    self.findings.append(
                        finding(
                            self.path, "cin-date-unreadable",
                            f"{where}/Reviews/CPPreviewDate: {exc}; review left out",
                            "correct the date in the case system", row=row,
                            column=f"{where}/Reviews/CPPreviewDate",
                        )
                    )  # fmt: skip
                    continue
                if day is not None:
                    plan.reviews.append(day)
        return plan if start is not None else None


def read_file(path: Path, root: Element) -> tuple[CensusFile, list[Problem], list[Problem]]:
    """Records, errors and findings of one parsed census file."""
    errors: list[Problem] = []
    if root.tag != "Message" or root.find("Children") is None:
        errors.append(
            structural(
                path, "cin-not-a-census",
                f"the root element is <{root.tag}>"
                + ("" if root.tag != "Message" else " with no <Children>")
                + "; a CIN census file is <Message> with <Header> and <Children>",
                "check that this is the CIN census XML export", column="Message/Children",
            )
        )  # fmt: skip
        return CensusFile(path, None, spec.LAST_SCHEMA, []), errors, []
    reference_text = None
    details = root.find("Header/CollectionDetails")
    if details is not None:
        node = details.find("ReferenceDate")
        reference_text = None if node is None or node.text is None else node.text.strip()
    findings: list[Problem] = []
    reference: dt.date | None = None
    try:
        reference = parse_date(reference_text)
    except ValueError:
        reference = None
    if reference is None:
        findings.append(
            finding(
                path, "cin-no-reference-date",
                "Header/CollectionDetails/ReferenceDate is missing or unreadable: the file is "
                "read with the newest schema's codes and ranks before every dated file when "
                "years supersede each other",
                "export the census with its header",
                column="Header/CollectionDetails/ReferenceDate",
            )
        )  # fmt: skip
    schema = spec.schema_for_date(reference) if reference is not None else spec.LAST_SCHEMA
    reader = _Reader(path, schema)
    reader.note_unknown(root, "Message")
    nodes = root.findall("Children/Child")
    if len(nodes) > MAX_ROWS:
        errors.append(
            structural(
                path, "cin-too-many-children",
                f"the file holds {len(nodes):,} children; the limit is {MAX_ROWS:,}",
                "split the file",
            )
        )  # fmt: skip
        return CensusFile(path, reference, schema, []), errors, findings
    children = []
    for row, node in enumerate(nodes, start=1):
        child = reader.child(node, row)
        if child is not None:
            children.append(child)
    if reader.skipped:
        findings.append(
            finding(
                path, "cin-not-imported",
                "elements with no place in the data model were not imported: "
                + ", ".join(sorted(reader.skipped)),
                "nothing to do: kpibook does not use them",
            )
        )  # fmt: skip
    errors.extend(reader.errors)
    findings.extend(reader.findings)
    census = CensusFile(path, reference, schema, children, child_lines(path.read_bytes()))
    return census, [census.at_line(p) for p in errors], [census.at_line(p) for p in findings]
