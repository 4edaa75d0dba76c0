"""SSD tables: protection.

Names, types and keys follow the Standard Safeguarding Dataset v1.4.5
(``ssd-columns.csv`` in the project reference). Dates are loaded as DATE:
the SSD stores ``datetime`` but every value is a calendar day.
"""

from __future__ import annotations

from kpibook.model.columns import Column, ColumnType, DateRange, Table, TableKind

D = ColumnType.DATE
T = ColumnType.TEXT
F = ColumnType.FLAG
I = ColumnType.INTEGER
N = ColumnType.DECIMAL


SSD_S47_ENQUIRY = Table(
    name="ssd_s47_enquiry",
    kind=TableKind.SSD,
    description="Section 47 enquiries, from strategy discussion to authorisation.",
    primary_key=("s47e_s47_enquiry_id",),
    columns=(
        Column(
            "s47e_s47_enquiry_id",
            T,
            "Row key for the section 47 enquiry",
            required=True,
            nullable=False,
        ),
        Column(
            "s47e_referral_id",
            T,
            "Referral episode the enquiry sits under",
            required=True,
            references="ssd_cin_episodes.cine_referral_id",
        ),
        Column(
            "s47e_person_id",
            T,
            "Child subject to the enquiry",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column(
            "s47e_s47_start_date",
            D,
            "Date of the strategy discussion that began the enquiry",
            required=True,
        ),
        Column(
            "s47e_s47_end_date",
            D,
            "Date the enquiry was finished and authorised",
            required=True,
        ),
        Column("s47e_s47_nfa", F, "Y/N: enquiry closed with no further action", codelist="yes_no"),
        Column(
            "s47e_s47_outcome_json",
            T,
            "Enquiry outcome flags, outcome count and comments as a JSON string",
        ),
        Column(
            "s47e_s47_completed_by_team",
            T,
            "Team that completed the enquiry",
            references="ssd_department.dept_team_id",
        ),
        Column(
            "s47e_s47_completed_by_worker_id",
            T,
            "Worker who completed the enquiry",
            references="ssd_professionals.prof_professional_id",
        ),
    ),
    date_ranges=(DateRange("s47e_s47_start_date", "s47e_s47_end_date"),),
)


SSD_INITIAL_CP_CONFERENCE = Table(
    name="ssd_initial_cp_conference",
    kind=TableKind.SSD,
    description="Initial child protection conferences.",
    primary_key=("icpc_icpc_id",),
    columns=(
        Column(
            "icpc_icpc_id",
            T,
            "Row key for the initial child protection conference",
            required=True,
            nullable=False,
        ),
        Column("icpc_icpc_meeting_id", T, "Meeting record identifier behind the conference"),
        Column(
            "icpc_s47_enquiry_id",
            T,
            "Section 47 enquiry that led to the conference",
            required=True,
            references="ssd_s47_enquiry.s47e_s47_enquiry_id",
        ),
        Column(
            "icpc_person_id",
            T,
            "Child considered at the conference",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column(
            "icpc_cp_plan_id",
            T,
            "Child protection plan that resulted, if any",
            references="ssd_cp_plans.cppl_cp_plan_id",
        ),
        Column(
            "icpc_referral_id",
            T,
            "Referral episode the conference sits under",
            references="ssd_cin_episodes.cine_referral_id",
        ),
        Column(
            "icpc_icpc_transfer_in",
            F,
            "Y/N: conference for a child transferring in from another authority",
            codelist="yes_no",
        ),
        Column(
            "icpc_icpc_target_date",
            D,
            "Due date: 15 working days after the initiating strategy discussion",
        ),
        Column("icpc_icpc_date", D, "Date the conference actually took place", required=True),
        Column(
            "icpc_icpc_outcome_cp_flag",
            F,
            "Y/N: conference put the child on a protection plan",
            required=True,
            codelist="yes_no",
        ),
        Column(
            "icpc_icpc_outcome_json",
            T,
            "Conference outcome flags, outcome count and comments as a JSON string",
        ),
        Column(
            "icpc_icpc_team",
            T,
            "Team that organised the conference",
            references="ssd_department.dept_team_id",
        ),
        Column(
            "icpc_icpc_worker_id",
            T,
            "Worker who organised the conference",
            references="ssd_professionals.prof_professional_id",
        ),
    ),
)


SSD_CP_PLANS = Table(
    name="ssd_cp_plans",
    kind=TableKind.SSD,
    description="Child protection plans.",
    primary_key=("cppl_cp_plan_id",),
    columns=(
        Column(
            "cppl_cp_plan_id",
            T,
            "Row key for the child protection plan",
            required=True,
            nullable=False,
        ),
        Column(
            "cppl_referral_id",
            T,
            "Referral episode the plan sits under",
            references="ssd_cin_episodes.cine_referral_id",
        ),
        Column(
            "cppl_icpc_id",
            T,
            "Initial conference that started the plan",
            references="ssd_initial_cp_conference.icpc_icpc_id",
        ),
        Column(
            "cppl_person_id",
            T,
            "Child on the plan",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column("cppl_cp_plan_start_date", D, "Date the protection plan started", required=True),
        Column("cppl_cp_plan_end_date", D, "Date the protection plan ended", required=True),
        Column(
            "cppl_cp_plan_ola",
            F,
            "Y/N: plan is held by another local authority",
            codelist="yes_no",
        ),
        Column(
            "cppl_cp_plan_initial_category",
            T,
            "Category of abuse recorded when the plan began",
            required=True,
            codelist="abuse_category",
        ),
        Column(
            "cppl_cp_plan_latest_category",
            T,
            "Most recent category of abuse on the plan",
            codelist="abuse_category",
        ),
    ),
    date_ranges=(DateRange("cppl_cp_plan_start_date", "cppl_cp_plan_end_date"),),
)


SSD_CP_VISITS = Table(
    name="ssd_cp_visits",
    kind=TableKind.SSD,
    description="Statutory visits to children on child protection plans.",
    primary_key=("cppv_cp_visit_id",),
    columns=(
        Column(
            "cppv_cp_visit_id",
            T,
            "Row key for the protection-plan visit case note",
            required=True,
            nullable=False,
        ),
        Column(
            "cppv_person_id",
            T,
            "Child who was visited",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column(
            "cppv_cp_plan_id",
            T,
            "Protection plan the visit belongs to",
            required=True,
            references="ssd_cp_plans.cppl_cp_plan_id",
        ),
        Column("cppv_cp_visit_date", D, "Date of the visit", required=True),
        Column("cppv_cp_visit_seen", F, "Y/N: child seen at the visit", codelist="yes_no"),
        Column("cppv_cp_visit_seen_alone", F, "Y/N: child seen on their own", codelist="yes_no"),
        Column("cppv_cp_visit_bedroom", F, "Y/N: child's bedroom was seen", codelist="yes_no"),
    ),
)


SSD_CP_REVIEWS = Table(
    name="ssd_cp_reviews",
    kind=TableKind.SSD,
    description="Child protection review conferences.",
    primary_key=("cppr_cp_review_id",),
    columns=(
        Column(
            "cppr_cp_review_id",
            T,
            "Row key for the protection plan review conference",
            required=True,
            nullable=False,
        ),
        Column(
            "cppr_person_id",
            T,
            "Child whose plan was reviewed",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column(
            "cppr_cp_plan_id",
            T,
            "Protection plan under review",
            required=True,
            references="ssd_cp_plans.cppl_cp_plan_id",
        ),
        Column("cppr_cp_review_due", D, "Date the review was due", required=True),
        Column("cppr_cp_review_date", D, "Date the review conference was held", required=True),
        Column("cppr_cp_review_meeting_id", T, "Meeting record identifier behind the review"),
        Column(
            "cppr_cp_review_outcome_continue_cp",
            F,
            "Y/N: review decided the plan should carry on",
            codelist="yes_no",
        ),
        Column(
            "cppr_cp_review_quorate",
            T,
            "Whether enough agencies attended for a valid decision",
        ),
        Column(
            "cppr_cp_review_participation",
            T,
            "Child's participation code PN0–PN7 at the review",
            codelist="review_participation",
        ),
    ),
)


TABLES: tuple[Table, ...] = (
    SSD_S47_ENQUIRY,
    SSD_INITIAL_CP_CONFERENCE,
    SSD_CP_PLANS,
    SSD_CP_VISITS,
    SSD_CP_REVIEWS,
)
