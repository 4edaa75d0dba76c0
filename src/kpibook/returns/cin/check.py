"""kpibook's own structural check of a CIN census file, for every schema year.

It follows the CIN census XSDs (``xsd/``): element order and cardinality,
dates, yes/no values, UPN and LA code patterns, and the year's code lists.
The writer runs it on every export; :func:`validate_xsd` additionally checks a
file against the stored XSD for its year when the ``xmlschema`` package is
installed and the year's XSD is stored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from xml.etree.ElementTree import Element

from kpibook.returns.cin import spec

Occurs = tuple[str, int, int | None]
"""(child element, fewest, most or None for unbounded)."""

_N = None


def sequences(schema: int) -> Mapping[str, tuple[Occurs, ...]]:
    """Each complex element's children in order, for ``schema``."""
    sex = spec.sex_element(schema)
    details: list[Occurs] = [
        ("CINreferralDate", 1, 1), ("ReferralSource", 1, 1), ("PrimaryNeedCode", 0, 1),
        ("CINclosureDate", 0, 1), ("ReasonForClosure", 0, 1), ("DateOfInitialCPC", 0, 1),
        ("Assessments", 0, _N), ("CINPlanDates", 0, _N), ("Section47", 0, _N),
        ("ReferralNFA", 1, 1), ("ChildProtectionPlans", 0, _N),
    ]  # fmt: skip
    if schema < spec.CIN_PLANS_FROM:
        details.remove(("CINPlanDates", 0, _N))
    return {
        "Message": (("Header", 0, 1), ("Children", 1, 1)),
        "Header": (("CollectionDetails", 0, 1), ("Source", 0, _N)),
        "CollectionDetails": (("Collection", 0, 1), ("Year", 0, 1), ("ReferenceDate", 0, 1)),
        "Source": (
            ("SourceLevel", 0, 1), ("LEA", 1, 1), ("SoftwareCode", 0, 1), ("Release", 0, 1),
            ("SerialNo", 0, 1), ("DateTime", 0, 1),
        ),
        "Children": (("Child", 1, _N),),
        "Child": (
            ("ChildIdentifiers", 1, 1), ("ChildCharacteristics", 1, 1), ("CINdetails", 1, _N),
        ),
        "ChildIdentifiers": (
            ("LAchildID", 1, 1), ("UPN", 0, 1), ("FormerUPN", 0, 1), ("UPNunknown", 0, 1),
            ("PersonBirthDate", 0, 1), ("ExpectedPersonBirthDate", 0, 1), (sex, 1, 1),
            ("PersonDeathDate", 0, 1),
        ),
        "ChildCharacteristics": (("Ethnicity", 1, 1), ("Disabilities", 0, 1)),
        "Disabilities": (("Disability", 1, _N),),
        "CINdetails": tuple(details),
        "Assessments": (
            ("AssessmentActualStartDate", 1, 1), ("AssessmentInternalReviewDate", 0, 1),
            ("AssessmentAuthorisationDate", 0, 1), ("FactorsIdentifiedAtAssessment", 0, 1),
        ),
        "FactorsIdentifiedAtAssessment": (("AssessmentFactors", 1, _N),),
        "CINPlanDates": (("CINPlanStartDate", 1, 1), ("CINPlanEndDate", 0, 1)),
        "Section47": (
            ("S47ActualStartDate", 1, 1), ("InitialCPCtarget", 0, 1), ("DateOfInitialCPC", 0, 1),
            ("ICPCnotRequired", 1, 1),
        ),
        "ChildProtectionPlans": (
            ("CPPstartDate", 1, 1), ("CPPendDate", 0, 1), ("InitialCategoryOfAbuse", 1, 1),
            ("LatestCategoryOfAbuse", 1, 1), ("NumberOfPreviousCPP", 1, 1), ("Reviews", 0, 1),
        ),
        "Reviews": (("CPPreviewDate", 1, _N),),
    }  # fmt: skip


DATES = frozenset({
    "ReferenceDate", "PersonBirthDate", "ExpectedPersonBirthDate", "PersonDeathDate",
    "CINreferralDate", "CINclosureDate", "DateOfInitialCPC", "AssessmentActualStartDate",
    "AssessmentInternalReviewDate", "AssessmentAuthorisationDate", "CINPlanStartDate",
    "CINPlanEndDate", "S47ActualStartDate", "InitialCPCtarget", "CPPstartDate", "CPPendDate",
    "CPPreviewDate",
})  # fmt: skip
CODED: Mapping[str, str] = {
    "UPNunknown": "upn_unknown", "GenderCurrent": "sex", "Sex": "sex", "Ethnicity": "ethnicity",
    "Disability": "disability", "ReferralSource": "referral_source",
    "PrimaryNeedCode": "primary_need", "ReasonForClosure": "reason_for_closure",
    "AssessmentFactors": "assessment_factor", "InitialCategoryOfAbuse": "abuse_category",
    "LatestCategoryOfAbuse": "abuse_category",
}  # fmt: skip
FLAGS = frozenset({"ReferralNFA", "ICPCnotRequired"})
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PATTERNS: Mapping[str, re.Pattern[str]] = {
    "UPN": re.compile(r"^[A-Za-z]\d{11}[0-9A-Za-z]$"),
    "FormerUPN": re.compile(r"^[A-Za-z]\d{11}[0-9A-Za-z]$"),
    "LEA": re.compile(r"^\d{3}$"),
    "SerialNo": re.compile(r"^\d{3}\d*$"),
    "Year": re.compile(r"^\d{4}$"),
    "Collection": re.compile(r"^CIN$"),
    "SourceLevel": re.compile(r"^L$"),
    "NumberOfPreviousCPP": re.compile(r"^\d+$"),
    "DateTime": re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$"),
}


def check(root: Element, schema: int) -> list[str]:
    """Every way ``root`` breaks the CIN census structure of ``schema`` (empty if none)."""
    shapes = sequences(schema)
    problems: list[str] = []
    if root.tag != "Message":
        return [f"the root element is <{root.tag}>, not <Message>"]
    _walk(root, "Message", shapes, schema, problems)
    return problems


def _walk(
    node: Element, path: str, shapes: Mapping[str, tuple[Occurs, ...]], schema: int, out: list[str]
) -> None:
    shape = shapes.get(node.tag)
    if shape is None:
        _leaf(node, path, schema, out)
        return
    if (node.text or "").strip():
        out.append(f"{path}: holds text where only elements belong")
    children = [c for c in node if isinstance(c.tag, str)]
    position = 0
    for name, least, most in shape:
        count = 0
        while position < len(children) and children[position].tag == name:
            count += 1
            position += 1
        if count < least:
            out.append(f"{path}: <{name}> is missing")
        if most is not None and count > most:
            out.append(f"{path}: <{name}> appears {count} times (at most {most})")
    for extra in children[position:]:
        out.append(f"{path}: <{extra.tag}> is not allowed here (or is out of order)")
    counts: dict[str, int] = {}
    for child in children:
        counts[child.tag] = counts.get(child.tag, 0) + 1
        _walk(child, f"{path}/{child.tag}[{counts[child.tag]}]", shapes, schema, out)


def _leaf(node: Element, path: str, schema: int, out: list[str]) -> None:
    if len(node):
        out.append(f"{path}: <{node.tag}> should hold a value, not elements")
        return
    value = (node.text or "").strip()
    tag = node.tag
    if tag in DATES:
        if not _ISO.match(value):
            out.append(f"{path}: '{value}' is not a date as yyyy-mm-dd")
        else:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                out.append(f"{path}: '{value}' is not a real date")
    elif tag in CODED:
        if value not in spec.codes(CODED[tag], schema):
            out.append(f"{path}: '{value}' is not in the {CODED[tag]} code list of schema {schema}")
    elif tag in FLAGS:
        allowed = {"0", "1"} if schema >= spec.SEX_FROM else {"0", "1", "true", "false"}
        if value not in allowed:
            out.append(f"{path}: '{value}' is not one of {sorted(allowed)}")
    elif tag in _PATTERNS:
        if not _PATTERNS[tag].match(value):
            out.append(f"{path}: '{value}' does not have the form the schema requires")
    elif not value:
        out.append(f"{path}: is empty")


def stored_xsd(schema: int) -> Path | None:
    """The stored XSD for ``schema``, if kpibook has it (see ``xsd/NOTICE.md``)."""
    entry = resources.files("kpibook.returns.cin").joinpath("xsd", f"CIN_schema_{schema}.xsd")
    return Path(str(entry)) if entry.is_file() else None


def validate_xsd(path: Path, schema: int) -> list[str] | None:
    """Messages of every way ``path`` breaks the stored XSD for ``schema``.

    None when there is nothing to validate against: no XSD stored for that
    year, or the ``xmlschema`` package is not installed.
    """
    xsd = stored_xsd(schema)
    if xsd is None:
        return None
    try:
        import xmlschema  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    validator = xmlschema.XMLSchema(str(xsd))
    return [str(error.reason or error) for error in validator.iter_errors(str(path))]
