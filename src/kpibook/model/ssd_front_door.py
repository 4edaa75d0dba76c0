"""SSD tables: front door.

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


SSD_CONTACTS = Table(
    name="ssd_contacts",
    kind=TableKind.SSD,
    description="Contacts received by children's services (the front door), one per contact.",
    primary_key=("cont_contact_id",),
    columns=(
        Column(
            "cont_contact_id",
            T,
            "Row key for a contact received by children's services",
            required=True,
            nullable=False,
        ),
        Column(
            "cont_person_id",
            T,
            "Child the contact is about",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column("cont_contact_date", D, "Date the authority received the contact", required=True),
        Column(
            "cont_contact_source_code",
            T,
            "Code for who made the contact",
            codelist="referral_source",
        ),
        Column("cont_contact_source_desc", T, "Text label of the contact source"),
        Column(
            "cont_contact_outcome_json",
            T,
            "Contact outcome flags held as a JSON object string",
        ),
    ),
)


SSD_EARLY_HELP_EPISODES = Table(
    name="ssd_early_help_episodes",
    kind=TableKind.SSD,
    description="Early help episodes opened for a child.",
    primary_key=("earl_episode_id",),
    columns=(
        Column(
            "earl_episode_id",
            T,
            "Row key for the early help episode",
            required=True,
            nullable=False,
        ),
        Column(
            "earl_person_id",
            T,
            "Child receiving early help",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column("earl_episode_start_date", D, "Date the early help episode opened", required=True),
        Column("earl_episode_end_date", D, "Date the early help episode closed"),
        Column("earl_episode_reason", T, "Broad reason early help got involved"),
        Column(
            "earl_episode_end_reason",
            T,
            "Why early help closed: goals achieved, escalated to social care, or no further action",
        ),
        Column("earl_episode_organisation", T, "Organisation leading the early help work"),
        Column(
            "earl_episode_worker_id",
            T,
            "Worker leading the early help episode",
            references="ssd_professionals.prof_professional_id",
        ),
    ),
    date_ranges=(DateRange("earl_episode_start_date", "earl_episode_end_date"),),
)


SSD_CIN_EPISODES = Table(
    name="ssd_cin_episodes",
    kind=TableKind.SSD,
    description="Referrals: one row per child-in-need episode, from referral to closure.",
    primary_key=("cine_referral_id",),
    columns=(
        Column(
            "cine_referral_id",
            T,
            "Row key for the referral, i.e. the child in need episode",
            required=True,
            nullable=False,
        ),
        Column(
            "cine_person_id",
            T,
            "Child who was referred",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column("cine_referral_date", D, "Date the referral took effect", required=True),
        Column(
            "cine_cin_primary_need_code",
            T,
            "Main category of need, codes N0–N9",
            codelist="primary_need",
        ),
        Column(
            "cine_referral_source_code",
            T,
            "Code for the source of the referral",
            codelist="referral_source",
        ),
        Column("cine_referral_source_desc", T, "Text label of the referral source"),
        Column(
            "cine_referral_outcome_json",
            T,
            "Referral outcome flags held as a JSON object string",
        ),
        Column(
            "cine_referral_nfa",
            F,
            "Y/N: referral closed with no further action",
            codelist="yes_no",
        ),
        Column(
            "cine_close_reason",
            T,
            "Reason children's services support ended, codes RC1–RC9",
            codelist="cin_closure_reason",
        ),
        Column("cine_close_date", D, "Date the episode was closed", required=True),
        Column(
            "cine_referral_team",
            T,
            "Team that dealt with the referral",
            required=True,
            references="ssd_department.dept_team_id",
        ),
        Column(
            "cine_referral_worker_id",
            T,
            "Worker who dealt with the referral",
            references="ssd_professionals.prof_professional_id",
        ),
    ),
    date_ranges=(DateRange("cine_referral_date", "cine_close_date"),),
)


SSD_CIN_ASSESSMENTS = Table(
    name="ssd_cin_assessments",
    kind=TableKind.SSD,
    description="Child and family (single) assessments, one per assessment.",
    primary_key=("cina_assessment_id",),
    columns=(
        Column(
            "cina_assessment_id",
            T,
            "Row key for the single (child and family) assessment",
            required=True,
            nullable=False,
        ),
        Column(
            "cina_person_id",
            T,
            "Child who was assessed",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column(
            "cina_referral_id",
            T,
            "Referral episode the assessment sits under",
            required=True,
            references="ssd_cin_episodes.cine_referral_id",
        ),
        Column("cina_assessment_start_date", D, "Date the assessment began", required=True),
        Column(
            "cina_assessment_child_seen",
            F,
            "Y/N: child seen during the assessment",
            required=True,
            codelist="yes_no",
        ),
        Column(
            "cina_assessment_auth_date",
            D,
            "Date the assessment was completed and signed off",
            required=True,
        ),
        Column(
            "cina_assessment_outcome_json",
            T,
            "Assessment outcome flags, outcome count and comments as a JSON string",
        ),
        Column(
            "cina_assessment_outcome_nfa",
            F,
            "Y/N: assessment closed with no further action",
            codelist="yes_no",
        ),
        Column(
            "cina_assessment_team",
            T,
            "Team that completed the assessment",
            references="ssd_department.dept_team_id",
        ),
        Column(
            "cina_assessment_worker_id",
            T,
            "Worker who completed the assessment",
            references="ssd_professionals.prof_professional_id",
        ),
    ),
    date_ranges=(DateRange("cina_assessment_start_date", "cina_assessment_auth_date"),),
)


SSD_ASSESSMENT_FACTORS = Table(
    name="ssd_assessment_factors",
    kind=TableKind.SSD,
    description=(
        "Factors identified at the end of an assessment, as a JSON array of CIN factor codes."
    ),
    primary_key=("cinf_table_id", "cinf_assessment_id"),
    columns=(
        Column(
            "cinf_table_id",
            T,
            "Row key for the factors record; half of a composite key",
            required=True,
            nullable=False,
        ),
        Column(
            "cinf_assessment_id",
            T,
            "Assessment in which the factors were identified",
            required=True,
            nullable=False,
            references="ssd_cin_assessments.cina_assessment_id",
        ),
        Column(
            "cinf_assessment_factors_json",
            T,
            "CIN factor codes found at assessment end, as a JSON array string",
            required=True,
        ),
    ),
)


SSD_CIN_PLANS = Table(
    name="ssd_cin_plans",
    kind=TableKind.SSD,
    description="Child in need plans.",
    primary_key=("cinp_cin_plan_id",),
    columns=(
        Column(
            "cinp_cin_plan_id",
            T,
            "Row key for the child in need plan",
            required=True,
            nullable=False,
        ),
        Column(
            "cinp_referral_id",
            T,
            "Referral episode the plan sits under",
            required=True,
            references="ssd_cin_episodes.cine_referral_id",
        ),
        Column(
            "cinp_person_id",
            T,
            "Child on the plan",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column("cinp_cin_plan_start_date", D, "Date the CIN plan started", required=True),
        Column("cinp_cin_plan_end_date", D, "Date the CIN plan ended", required=True),
        Column(
            "cinp_cin_plan_team",
            T,
            "Team responsible for the plan",
            references="ssd_department.dept_team_id",
        ),
        Column(
            "cinp_cin_plan_worker_id",
            T,
            "Worker coordinating the plan",
            references="ssd_professionals.prof_professional_id",
        ),
    ),
    date_ranges=(DateRange("cinp_cin_plan_start_date", "cinp_cin_plan_end_date"),),
)


SSD_CIN_VISITS = Table(
    name="ssd_cin_visits",
    kind=TableKind.SSD,
    description="Visits to children on child in need plans.",
    primary_key=("cinv_cin_visit_id",),
    columns=(
        Column(
            "cinv_cin_visit_id",
            T,
            "Row key for the visit case note",
            required=True,
            nullable=False,
        ),
        Column(
            "cinv_person_id",
            T,
            "Child who was visited",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column("cinv_cin_visit_date", D, "Date of the visit", required=True),
        Column("cinv_cin_visit_seen", F, "Y/N: child seen at the visit", codelist="yes_no"),
        Column("cinv_cin_visit_seen_alone", F, "Y/N: child seen on their own", codelist="yes_no"),
        Column("cinv_cin_visit_bedroom", F, "Y/N: child's bedroom was seen", codelist="yes_no"),
    ),
)


TABLES: tuple[Table, ...] = (
    SSD_CONTACTS,
    SSD_EARLY_HELP_EPISODES,
    SSD_CIN_EPISODES,
    SSD_CIN_ASSESSMENTS,
    SSD_ASSESSMENT_FACTORS,
    SSD_CIN_PLANS,
    SSD_CIN_VISITS,
)
