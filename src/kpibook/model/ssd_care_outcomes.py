"""SSD tables: care outcomes.

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


SSD_CLA_HEALTH = Table(
    name="ssd_cla_health",
    kind=TableKind.SSD,
    description="Health assessments and dental checks of looked-after children.",
    primary_key=("clah_health_check_id",),
    columns=(
        Column(
            "clah_health_check_id",
            T,
            "Row key for the health check",
            required=True,
            nullable=False,
        ),
        Column(
            "clah_person_id",
            T,
            "Child who had the check",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column(
            "clah_health_check_type",
            T,
            "Kind of check, e.g. health assessment or dental check",
            required=True,
            codelist="health_check_type",
        ),
        Column("clah_health_check_date", D, "Date of the check", required=True),
        Column(
            "clah_health_check_status",
            T,
            "Check status: planned, refused, cancelled or completed",
            required=True,
            codelist="health_check_status",
        ),
    ),
)


SSD_MISSING = Table(
    name="ssd_missing",
    kind=TableKind.SSD,
    description="Missing and away-from-placement episodes.",
    primary_key=("miss_table_id",),
    columns=(
        Column(
            "miss_table_id",
            T,
            "Row key for the missing episode",
            required=True,
            nullable=False,
        ),
        Column(
            "miss_person_id",
            T,
            "Child who went missing",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column(
            "miss_missing_episode_start_date",
            D,
            "Date the child left or was last seen",
            required=True,
        ),
        Column(
            "miss_missing_episode_type",
            T,
            "Category: missing (whereabouts unknown) or away (whereabouts known, unauthorised)",
            required=True,
            codelist="missing_type",
        ),
        Column("miss_missing_episode_end_date", D, "Date the child was found or came back"),
        Column(
            "miss_missing_rhi_offered",
            T,
            "Return home interview offered: Y, N or NA",
            codelist="yes_no_na",
        ),
        Column(
            "miss_missing_rhi_accepted",
            T,
            "Return home interview taken up: Y, N or NA",
            codelist="yes_no_na",
        ),
    ),
    date_ranges=(DateRange("miss_missing_episode_start_date", "miss_missing_episode_end_date"),),
)


SSD_PERMANENCE = Table(
    name="ssd_permanence",
    kind=TableKind.SSD,
    description=(
        "Adoption, special guardianship and child arrangements milestones for a period of care."
    ),
    primary_key=("perm_table_id",),
    columns=(
        Column(
            "perm_table_id",
            T,
            "Row key for the permanence (adoption/SGO/CAO) record",
            required=True,
            nullable=False,
        ),
        Column(
            "perm_person_id",
            T,
            "Child on the permanence route",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column(
            "perm_cla_id",
            T,
            "Period of care the permanence outcome relates to",
            references="ssd_cla_episodes.clae_cla_id",
        ),
        Column(
            "perm_adm_decision_date",
            D,
            "Date the agency decision maker endorsed an adoption plan",
        ),
        Column(
            "perm_part_of_sibling_group",
            T,
            "Whether the child is in a sibling group (0/1)",
            codelist="zero_one",
        ),
        Column(
            "perm_siblings_placed_together",
            I,
            "Siblings placed or planned together for adoption, this child included",
        ),
        Column(
            "perm_siblings_placed_apart",
            I,
            "Siblings placed or planned for adoption apart from this child",
        ),
        Column(
            "perm_ffa_cp_decision_date",
            D,
            "Date of decision for a fostering-for-adoption or concurrent placement",
        ),
        Column("perm_placement_order_date", D, "Date a placement or freeing order was granted"),
        Column("perm_matched_date", D, "Date the child was matched with prospective adopters"),
        Column(
            "perm_adopter_sex",
            T,
            "Adopter sex or couple code, e.g. F1, MF, MM",
            codelist="adopter_sex",
        ),
        Column(
            "perm_adopter_legal_status",
            T,
            "Adopter legal status code, L0–L4",
            codelist="adopter_legal_status",
        ),
        Column("perm_number_of_adopters", I, "How many adopters or prospective adopters"),
        Column(
            "perm_placed_for_adoption_date",
            D,
            "Date the child moved in with the prospective adopters",
        ),
        Column(
            "perm_adopted_by_carer_flag",
            F,
            "Y/N: adopted by the carer already looking after them",
            codelist="yes_no",
        ),
        Column(
            "perm_placed_foster_carer_date",
            D,
            "First placement date with foster carers who later adopted",
        ),
        Column(
            "perm_placed_ffa_cp_date",
            D,
            "Date placed in a fostering-for-adoption or concurrent placement",
        ),
        Column("perm_placement_provider_urn", T, "Ofsted URN of the adoption placement provider"),
        Column("perm_decision_reversed_date", D, "Date adoption stopped being the plan"),
        Column(
            "perm_decision_reversed_reason",
            T,
            "Why adoption stopped being the plan, RD1–RD4",
            codelist="adoption_reversal_reason",
        ),
        Column("perm_permanence_order_date", D, "Date the permanence order was made"),
        Column(
            "perm_permanence_order_type",
            T,
            "Order made: adoption, special guardianship or child arrangements",
            codelist="permanence_order_type",
        ),
        Column(
            "perm_adoption_worker_id",
            T,
            "Social worker for the adoption",
            references="ssd_professionals.prof_professional_id",
        ),
    ),
    date_ranges=(
        DateRange("perm_adm_decision_date", "perm_matched_date"),
        DateRange("perm_matched_date", "perm_placed_for_adoption_date"),
        DateRange("perm_placed_for_adoption_date", "perm_permanence_order_date"),
    ),
)


SSD_CARE_LEAVERS = Table(
    name="ssd_care_leavers",
    kind=TableKind.SSD,
    description="Care leavers: eligibility, contact, accommodation, activity and pathway plan.",
    primary_key=("clea_table_id",),
    columns=(
        Column(
            "clea_table_id",
            T,
            "Row key for the care leaver record",
            required=True,
            nullable=False,
        ),
        Column(
            "clea_person_id",
            T,
            "Care leaver",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column(
            "clea_care_leaver_eligibility",
            T,
            "Leaving-care category: relevant, former relevant, eligible, qualifying or none",
            required=True,
            codelist="care_leaver_eligibility",
        ),
        Column(
            "clea_care_leaver_in_touch",
            T,
            "Contact status code, e.g. YES, NO, DIED, REFU, NREQ, RHOM",
            required=True,
            codelist="care_leaver_in_touch",
        ),
        Column(
            "clea_care_leaver_latest_contact",
            D,
            "Date of the latest personal adviser contact",
        ),
        Column(
            "clea_care_leaver_accommodation",
            T,
            "Accommodation type around birthday or latest contact",
            codelist="care_leaver_accommodation",
        ),
        Column(
            "clea_care_leaver_accom_suitable",
            T,
            "Whether that accommodation is judged suitable",
            codelist="accommodation_suitable",
        ),
        Column(
            "clea_care_leaver_activity",
            T,
            "Main education, training or employment activity code",
            codelist="care_leaver_activity",
        ),
        Column("clea_pathway_plan_review_date", D, "Latest pathway plan start or review date"),
        Column(
            "clea_care_leaver_personal_advisor",
            T,
            "Personal adviser allocated to the young person",
            references="ssd_professionals.prof_professional_id",
        ),
        Column(
            "clea_care_leaver_allocated_team",
            T,
            "Team responsible for the care leaver",
            references="ssd_department.dept_team_id",
        ),
        Column(
            "clea_care_leaver_worker_id",
            T,
            "Worker allocated to the care leaver",
            references="ssd_professionals.prof_professional_id",
        ),
    ),
)


_OC2 = ("SSDA903 OC2 (no seed indicator yet)",)
"""What the four OC2 tables are used for: the 903's OC2 items, not yet any indicator."""


SSD_SDQ_SCORES = Table(
    name="ssd_sdq_scores",
    kind=TableKind.SSD,
    description=(
        "Strengths and difficulties questionnaires (SDQ) of looked-after children: each score, "
        "or the reason an SDQ due was not completed."
    ),
    primary_key=("csdq_table_id",),
    columns=(
        Column("csdq_table_id", T, "Row key for the SDQ record", required=True, nullable=False),
        Column(
            "csdq_person_id",
            T,
            "Child the questionnaire is about",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column(
            "csdq_sdq_completed_date",
            D,
            "Date the questionnaire was completed (or, with a reason, recorded as not completed)",
        ),
        Column("csdq_sdq_score", I, "Total SDQ score from 0 to 40; empty with a reason"),
        Column(
            "csdq_sdq_reason",
            T,
            "Code SDQ1-SDQ5 explaining a missing score; empty with a score",
            codelist="sdq_reason",
        ),
    ),
    required=False,
    used_for=_OC2,
)


SSD_CLA_CONVICTIONS = Table(
    name="ssd_cla_convictions",
    kind=TableKind.SSD,
    description=(
        "Convictions, youth cautions and conditional cautions of looked-after children: "
        "one row per offence."
    ),
    primary_key=("clac_cla_conviction_id",),
    columns=(
        Column(
            "clac_cla_conviction_id",
            T,
            "Row key for the offence record",
            required=True,
            nullable=False,
        ),
        Column(
            "clac_person_id",
            T,
            "Child who offended",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column("clac_cla_conviction_date", D, "Date of the offence", required=True),
        Column(
            "clac_cla_conviction_offence",
            T,
            "Free-text description of the offence",
            personal=True,
        ),
    ),
    required=False,
    used_for=_OC2,
)


SSD_CLA_IMMUNISATIONS = Table(
    name="ssd_cla_immunisations",
    kind=TableKind.SSD,
    description=(
        "Whether a looked-after child's immunisations are up to date, as recorded on a date. "
        "The SSD keeps one row per child (the latest status); kpibook keys by child and date "
        "so that a history can be kept, and loads an SSD extract unchanged."
    ),
    primary_key=("clai_person_id", "clai_immunisations_status_date"),
    columns=(
        Column(
            "clai_person_id",
            T,
            "Looked-after child",
            required=True,
            nullable=False,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column(
            "clai_immunisations_status",
            F,
            "Y/N: immunisations are up to date",
            required=True,
            codelist="yes_no",
        ),
        Column(
            "clai_immunisations_status_date",
            D,
            "When the immunisation status was last updated",
            required=True,
            nullable=False,
        ),
    ),
    required=False,
    used_for=_OC2,
)


SSD_CLA_SUBSTANCE_MISUSE = Table(
    name="ssd_cla_substance_misuse",
    kind=TableKind.SSD,
    description=(
        "Substance misuse problems identified for looked-after children, and whether the "
        "child received an intervention for it."
    ),
    primary_key=("clas_substance_misuse_id",),
    columns=(
        Column(
            "clas_substance_misuse_id",
            T,
            "Row key for the substance misuse record",
            required=True,
            nullable=False,
        ),
        Column(
            "clas_person_id",
            T,
            "Child concerned",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column(
            "clas_substance_misuse_date",
            D,
            "Date the substance misuse was recorded",
            required=True,
        ),
        Column("clas_substance_misused", T, "Substance being misused", personal=True),
        Column(
            "clas_intervention_received",
            F,
            "Y/N: child got an intervention for the misuse",
            codelist="yes_no",
        ),
    ),
    required=False,
    used_for=_OC2,
)


TABLES: tuple[Table, ...] = (
    SSD_CLA_HEALTH,
    SSD_MISSING,
    SSD_PERMANENCE,
    SSD_CARE_LEAVERS,
    SSD_SDQ_SCORES,
    SSD_CLA_CONVICTIONS,
    SSD_CLA_IMMUNISATIONS,
    SSD_CLA_SUBSTANCE_MISUSE,
)
