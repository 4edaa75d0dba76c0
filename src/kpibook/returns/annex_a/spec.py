"""The Annex A lists as data: sheets, header names, value kinds and code aliases.

Column names follow Ofsted's child-level data template for inspections of local
authority children's services (ILACS) as the sector's open pipelines spell
them. ``key`` fields identify a row (the child or adopter and the list's event
date): a missing key column or an unreadable key value is a structural error.
Every other column is optional: a workbook without it is imported with a
warning and the field left empty.

How coded values are read and written is in :mod:`.codes`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType


class Kind(Enum):
    """How a cell is read."""

    ID = "id"
    """An identifier: text, numbers written without a decimal part."""
    TEXT = "text"
    DATE = "date"
    """dd/mm/yyyy or yyyy-mm-dd text, or an Excel date cell."""
    INTEGER = "integer"
    CODE = "code"
    """A value from the code list named by ``codelist``."""


@dataclass(frozen=True, slots=True)
class Field:
    """One column of an Annex A list.

    Attributes:
        key: short name used by the importer and exporter.
        header: the column heading as Ofsted's template writes it.
        kind: how the cell is read.
        codelist: for CODE fields, the data-model code list the value maps to.
        aliases: other headings councils use for the same column.
        required: a key field: the column must be present and every row must
            have a readable value.
    """

    key: str
    header: str
    kind: Kind
    codelist: str | None = None
    aliases: tuple[str, ...] = ()
    required: bool = False

    @property
    def headers(self) -> tuple[str, ...]:
        """Every heading accepted for this column."""
        return (self.header, *self.aliases)


@dataclass(frozen=True, slots=True)
class ListSpec:
    """One Annex A list (one worksheet).

    Attributes:
        number: the list number, 1 to 11.
        title: what the list holds.
        months: the look-back window Ofsted asks for (6 or 12 months before
            the inspection date).
        fields: the columns in template order.
        required: the workbook must hold this list.
    """

    number: int
    title: str
    months: int
    fields: tuple[Field, ...]
    required: bool = True

    @property
    def sheet_name(self) -> str:
        """The worksheet name the exporter writes."""
        return f"List {self.number}"

    @property
    def source(self) -> str:
        """Provenance label, e.g. ``Annex A List 8``."""
        return f"Annex A List {self.number}"

    def field(self, key: str) -> Field:
        """The field called ``key``."""
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(f"Annex A list {self.number} has no field {key}")


def _id(header: str = "Child Unique ID") -> Field:
    return Field(
        "child_id", header, Kind.ID, aliases=("Child ID", "Child Unique Identifier"), required=True
    )


_COMMON: tuple[Field, ...] = (
    _id(),
    Field("sex", "Gender", Kind.CODE, "sex", aliases=("Sex",)),
    Field("ethnicity", "Ethnicity", Kind.CODE, "ethnicity"),
    Field("dob", "Date of Birth", Kind.DATE, aliases=("DOB",)),
    Field("age", "Age of Child (Years)", Kind.INTEGER, aliases=("Age", "Age of Child")),
)
_DISABILITY = Field(
    "disability",
    "Does the Child have a Disability",
    Kind.CODE,
    "yes_no",
    aliases=("Disability", "Does the child have a disability?"),
)
_TEAM = Field("team", "Allocated Team", Kind.TEXT)
_WORKER = Field("worker", "Allocated Worker", Kind.TEXT)

LISTS: tuple[ListSpec, ...] = (
    ListSpec(
        1,
        "Contacts",
        6,
        (
            *_COMMON,
            Field("contact_date", "Date of Contact", Kind.DATE, required=True),
            Field("source", "Contact Source", Kind.CODE, "referral_source"),
        ),
    ),
    ListSpec(
        2,
        "Early help",
        6,
        (
            *_COMMON,
            Field("start", "Assessment start date", Kind.DATE, required=True),
            Field("end", "Assessment completion date", Kind.DATE),
            Field("organisation", "Organisation completing assessment", Kind.TEXT),
        ),
    ),
    ListSpec(
        3,
        "Referrals",
        6,
        (
            *_COMMON,
            Field("referral_date", "Date of referral", Kind.DATE, required=True),
            Field("source", "Referral Source", Kind.CODE, "referral_source"),
            Field("nfa", "Referral NFA?", Kind.CODE, "yes_no", aliases=("Referral NFA",)),
            Field("referrals_12m", "Number of Referrals in Last 12 Months", Kind.INTEGER),
            _TEAM,
            _WORKER,
        ),
    ),
    ListSpec(
        4,
        "Assessments",
        6,
        (
            *_COMMON,
            _DISABILITY,
            Field(
                "start",
                "Continuous Assessment Start Date",
                Kind.DATE,
                required=True,
                aliases=("Assessment Start Date",),
            ),
            Field(
                "seen",
                "Child Seen During Continuous Assessment",
                Kind.CODE,
                "yes_no",
                aliases=("Child Seen During Assessment",),
            ),
            Field(
                "auth",
                "Continuous Assessment Date of Authorisation",
                Kind.DATE,
                aliases=("Assessment Date of Authorisation",),
            ),
            Field(
                "needs_support",
                "Was the child assessed as requiring LA children's social care support?",
                Kind.CODE,
                "yes_no",
            ),
            _TEAM,
            _WORKER,
        ),
    ),
    ListSpec(
        5,
        "Section 47 enquiries and ICPCs",
        6,
        (
            *_COMMON,
            _DISABILITY,
            Field(
                "s47_start",
                "Strategy discussion initiating Section 47 Enquiry Start Date",
                Kind.DATE,
                required=True,
                aliases=("Section 47 Enquiry Start Date",),
            ),
            Field(
                "icpc_unnecessary",
                "Was an Initial Child Protection Conference deemed unnecessary?",
                Kind.CODE,
                "yes_no",
            ),
            Field("icpc_date", "Date of Initial Child Protection Conference", Kind.DATE),
            Field(
                "icpc_cp",
                "Did the Initial Child Protection Conference Result in a Child Protection Plan",
                Kind.CODE,
                "yes_no",
            ),
            Field("s47_12m", "Number of Section 47 Enquiries in the last 12 months", Kind.INTEGER),
            Field("icpc_12m", "Number of ICPCs in the last 12 months", Kind.INTEGER),
            _TEAM,
            _WORKER,
        ),
    ),
    ListSpec(
        6,
        "Children in need",
        6,
        (
            *_COMMON,
            _DISABILITY,
            Field("cin_start", "CIN Start Date", Kind.DATE, required=True),
            Field(
                "primary_need",
                "Primary Need Code",
                Kind.CODE,
                "primary_need",
                aliases=("Primary Need",),
            ),
            Field("last_seen", "Date Child Was Last Seen", Kind.DATE),
            Field("cin_close", "CIN Closure Date", Kind.DATE),
            Field("close_reason", "Reason for Closure", Kind.CODE, "cin_closure_reason"),
            Field("case_status", "Case Status", Kind.TEXT),
            _TEAM,
            _WORKER,
        ),
    ),
    ListSpec(
        7,
        "Child protection",
        6,
        (
            *_COMMON,
            _DISABILITY,
            Field("cp_start", "Child Protection Plan Start Date", Kind.DATE, required=True),
            Field("initial_category", "Initial Category of Abuse", Kind.CODE, "abuse_category"),
            Field("latest_category", "Latest Category of Abuse", Kind.CODE, "abuse_category"),
            Field("last_visit", "Date of the Last Statutory Visit", Kind.DATE),
            Field("seen_alone", "Was the Child Seen Alone?", Kind.CODE, "yes_no"),
            Field("last_review", "Date of latest review conference", Kind.DATE),
            Field("cp_end", "Child Protection Plan End Date", Kind.DATE),
            Field(
                "epo",
                "Subject to Emergency Protection Order or Protected Under Police Powers in "
                "Last Six Months (Y/N)",
                Kind.CODE,
                "yes_no",
            ),
            Field("previous_plans", "Number of Previous Child Protection Plans", Kind.INTEGER),
            _TEAM,
            _WORKER,
        ),
    ),
    ListSpec(
        8,
        "Children in care",
        6,
        (
            *_COMMON,
            Field(
                "uasc",
                "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
                Kind.CODE,
                "yes_no",
                aliases=("UASC within the Last 12 Months (Y/N)", "UASC"),
            ),
            _DISABILITY,
            Field("care_start", "Date Started to be Looked After", Kind.DATE, required=True),
            Field(
                "need",
                "Child's Category of Need",
                Kind.CODE,
                "primary_need",
                aliases=("Category of Need",),
            ),
            Field(
                "subsequent",
                "Is this a second or subsequent period of being a Looked After Child within "
                "the last 12 months (Y/N)",
                Kind.CODE,
                "yes_no",
            ),
            Field("legal_start", "Start date of current legal status", Kind.DATE),
            Field(
                "legal_status",
                "Child's Legal Status",
                Kind.CODE,
                "legal_status",
                aliases=("Legal Status",),
            ),
            Field("last_review", "Date of Latest Statutory Review", Kind.DATE),
            Field("last_visit", "Date of Last Social Work Visit", Kind.DATE),
            Field("permanence_plan", "What is the permanence plan for this child?", Kind.TEXT),
            Field("last_iro", "Date of Last IRO Visit / Contact to the Child", Kind.DATE),
            Field("last_health", "Date of Last Health Assessment", Kind.DATE),
            Field("last_dental", "Date of Last Dental Check", Kind.DATE),
            Field("placements_12m", "Number of Placements in the Last 12 months", Kind.INTEGER),
            Field("ceased", "Date Ceased to be Looked After", Kind.DATE),
            Field(
                "ceased_reason",
                "Reason Ceased to be Looked After",
                Kind.CODE,
                "reason_episode_ceased",
            ),
            Field("placement_start", "Start Date of Most Recent Placement", Kind.DATE),
            Field("placement_type", "Placement Type", Kind.CODE, "placement_type"),
            Field("provider", "Placement Provider", Kind.CODE, "placement_provider"),
            Field("postcode", "Placement postcode", Kind.TEXT, aliases=("Placement Postcode",)),
            Field("urn", "URN of Placement", Kind.ID),
            Field("location", "Placement Location", Kind.TEXT),
            Field("placement_la", "LA of Placement", Kind.TEXT),
            Field(
                "missing_12m",
                "Number of Episodes the Child has been 'Missing' from their "
                "Placement in the last 12 months",
                Kind.INTEGER,
            ),
            Field(
                "absent_12m",
                "Number of Episodes the Child has been 'Absent' from their "
                "Placement in the last 12 months",
                Kind.INTEGER,
            ),
            Field(
                "rhi_offered",
                "Was the child offered a Return Interview after their last missing episode (Y/N)?",
                Kind.CODE,
                "yes_no",
            ),
            Field(
                "rhi_accepted",
                "Did the child accept a Return Interview after their last missing episode (Y/N)?",
                Kind.CODE,
                "yes_no",
            ),
            _TEAM,
            _WORKER,
        ),
    ),
    ListSpec(
        9,
        "Care leavers",
        12,
        (
            *_COMMON,
            Field(
                "uasc",
                "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
                Kind.CODE,
                "yes_no",
                aliases=("UASC, or formerly UASC if 18 or over (Y/N)", "UASC"),
            ),
            _DISABILITY,
            _TEAM,
            _WORKER,
            Field(
                "advisor",
                "Allocated Personal Advisor",
                Kind.TEXT,
                aliases=("Allocated Personal Adviser",),
            ),
            Field("eligibility", "Eligibility Category", Kind.CODE, "care_leaver_eligibility"),
            Field("pathway_review", "Latest Pathway Plan Review Date", Kind.DATE),
            Field("in_touch", "LA in Touch", Kind.CODE, "care_leaver_in_touch"),
            Field("latest_contact", "Latest Date of Contact", Kind.DATE),
            Field("accommodation", "Type of Accommodation", Kind.CODE, "care_leaver_accommodation"),
            Field("suitable", "Suitability of Accommodation", Kind.CODE, "accommodation_suitable"),
            Field("activity", "Activity Status", Kind.CODE, "care_leaver_activity"),
        ),
    ),
    ListSpec(
        10,
        "Adoption",
        12,
        (
            _id(),
            Field("family_id", "Family identifier", Kind.ID),
            *_COMMON[1:],
            _DISABILITY,
            Field("entered_care", "Date the Child Entered Care", Kind.DATE),
            Field(
                "adm_decision",
                "Date of Decision that Child Should be Placed for Adoption",
                Kind.DATE,
            ),
            Field("placement_order", "Date of Placement Order", Kind.DATE),
            Field("matched", "Date of Matching Child and Prospective Adopters", Kind.DATE),
            Field("placed", "Date Placed for Adoption", Kind.DATE),
            Field("adoption_order", "Date of Adoption Order", Kind.DATE),
            Field(
                "reversed",
                "Date of Decision that Child Should No Longer be Placed for Adoption",
                Kind.DATE,
            ),
            Field(
                "reversed_reason",
                "Reason Why Child No Longer Placed for Adoption",
                Kind.CODE,
                "adoption_reversal_reason",
            ),
            Field(
                "ffa_placed",
                "Date the child was placed for fostering in FFA or concurrent planning placement",
                Kind.DATE,
            ),
        ),
        required=False,
    ),
    ListSpec(
        11,
        "Adopters",
        12,
        (
            Field("adopter_id", "Individual adopter identifier", Kind.ID, required=True),
            Field("family_id", "Family identifier", Kind.ID),
            Field("sex", "Gender", Kind.CODE, "sex", aliases=("Sex",)),
            Field("ethnicity", "Ethnicity", Kind.CODE, "ethnicity"),
            Field("disability", "Disability", Kind.CODE, "yes_no"),
            Field(
                "ffa", "Is the (prospective) adopter fostering for adoption?", Kind.CODE, "yes_no"
            ),
            Field("enquiry", "Date enquiry received", Kind.DATE),
            Field("stage1_start", "Date Stage 1 started", Kind.DATE),
            Field("stage1_end", "Date Stage 1 ended", Kind.DATE),
            Field("stage2_start", "Date Stage 2 started", Kind.DATE),
            Field("stage2_end", "Date Stage 2 ended", Kind.DATE),
            Field("submitted", "Date application submitted", Kind.DATE),
            Field("approved", "Date application approved", Kind.DATE),
            Field("matched", "Date adopter matched with child(ren)", Kind.DATE),
            Field("placed", "Date child/children placed with adopter(s)", Kind.DATE),
            Field("children_placed", "No. of children placed", Kind.INTEGER),
            Field("adoption_order", "Date of Adoption Order", Kind.DATE),
            Field("left", "Date of leaving adoption process", Kind.DATE),
            Field("left_reason", "Reason for leaving adoption process", Kind.TEXT),
        ),
        required=False,
    ),
)
"""Lists 1 to 11. Lists 10 and 11 are often produced by the regional adoption
agency rather than the council, so only lists 1 to 9 must be in a workbook."""

LIST_BY_NUMBER: Mapping[int, ListSpec] = MappingProxyType({s.number: s for s in LISTS})


def normalise_header(text: str) -> str:
    """A heading reduced to lower-case words, for matching."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())
