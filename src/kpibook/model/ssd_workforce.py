"""SSD tables: workforce.

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


SSD_INVOLVEMENTS = Table(
    name="ssd_involvements",
    kind=TableKind.SSD,
    description=(
        "Allocations of a professional (and their team) to a child: who holds "
        "the case, from when to when."
    ),
    primary_key=("invo_involvements_id",),
    columns=(
        Column(
            "invo_involvements_id",
            T,
            "Row key for one worker or team allocation to a child",
            required=True,
            nullable=False,
        ),
        Column(
            "invo_professional_id",
            T,
            "Professional allocated to the child",
            references="ssd_professionals.prof_professional_id",
        ),
        Column(
            "invo_professional_role_id",
            T,
            "Allocation role, such as allocated case worker (CW)",
            required=True,
            codelist="involvement_role",
        ),
        Column(
            "invo_professional_team",
            T,
            "Team of the allocated professional",
            required=True,
            references="ssd_department.dept_team_id",
        ),
        Column(
            "invo_person_id",
            T,
            "Child the allocation is for",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column("invo_involvement_start_date", D, "Date the allocation started", required=True),
        Column("invo_involvement_end_date", D, "Date the allocation ended", required=True),
        Column(
            "invo_worker_change_reason",
            T,
            "Reason the social worker changed, e.g. LEFTRL, ORGRST",
            codelist="worker_change_reason",
        ),
        Column(
            "invo_referral_id",
            T,
            "Referral episode the allocation belongs to",
            references="ssd_cin_episodes.cine_referral_id",
        ),
    ),
    date_ranges=(DateRange("invo_involvement_start_date", "invo_involvement_end_date"),),
)


SSD_PROFESSIONALS = Table(
    name="ssd_professionals",
    kind=TableKind.SSD,
    description="Social workers and other professionals.",
    primary_key=("prof_professional_id",),
    columns=(
        Column(
            "prof_professional_id",
            T,
            "Row key: system identifier of the worker",
            required=True,
            nullable=False,
        ),
        Column(
            "prof_staff_id",
            T,
            "Staff number used in local reporting; external staff may lack one",
            personal=True,
        ),
        Column("prof_professional_name", T, "Worker's full name", personal=True),
        Column(
            "prof_social_worker_registration_no",
            T,
            "Social Work England registration number, where held",
            personal=True,
        ),
        Column(
            "prof_agency_worker_flag",
            F,
            "Y/N: agency rather than employed worker",
            required=True,
            codelist="yes_no",
        ),
        Column("prof_professional_job_title", T, "Worker's job title"),
        Column(
            "prof_professional_caseload",
            I,
            "Count of allocated open cases on the most recent 30 September",
        ),
        Column(
            "prof_professional_department",
            T,
            "Worker's team or organisation name",
            required=True,
        ),
        Column("prof_full_time_equivalency", N, "Worker's full-time equivalent"),
    ),
)


SSD_DEPARTMENT = Table(
    name="ssd_department",
    kind=TableKind.SSD,
    description="Teams and departments, with their parent in the organisation hierarchy.",
    primary_key=("dept_team_id",),
    columns=(
        Column(
            "dept_team_id",
            T,
            "Row key: team or department identifier",
            required=True,
            nullable=False,
        ),
        Column("dept_team_name", T, "Team or department name", required=True),
        Column(
            "dept_team_parent_id",
            T,
            "Identifier of the parent team or department",
            required=True,
            references="ssd_department.dept_team_id",
        ),
        Column("dept_team_parent_name", T, "Name or type of the parent team or department"),
    ),
)


TABLES: tuple[Table, ...] = (
    SSD_INVOLVEMENTS,
    SSD_PROFESSIONALS,
    SSD_DEPARTMENT,
)
