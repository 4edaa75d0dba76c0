"""Local extension tables: casework the seed scorecards measure and the SSD lacks.

Return home (returner) interviews, personal education plans, requests for
initial health assessments, case file audits, quality gradings of reports and
care plans, private fostering, complaints and whether a substance misuse
intervention was offered. Names start with ``local_``.
"""

from __future__ import annotations

from kpibook.model.columns import Column, ColumnType, DateRange, Table, TableKind

D = ColumnType.DATE
T = ColumnType.TEXT

_PERSON = "ssd_person.pers_person_id"
_TEAM = "local_org_units.org_unit_id"
_WORKER = "ssd_professionals.prof_professional_id"

LOCAL_RETURN_INTERVIEWS = Table(
    name="local_return_interviews",
    kind=TableKind.LOCAL,
    description=(
        "Return home (returner) interviews offered after a missing episode, and when each "
        "was completed."
    ),
    primary_key=("rhi_id",),
    columns=(
        Column("rhi_id", T, "Interview record", required=True, nullable=False),
        Column(
            "rhi_missing_id",
            T,
            "The missing episode the interview follows",
            required=True,
            references="ssd_missing.miss_table_id",
        ),
        Column("rhi_person_id", T, "Child", required=True, references=_PERSON, personal=True),
        Column("rhi_offered_date", D, "Date the interview was offered", required=True),
        Column("rhi_completed_date", D, "Date the interview was completed; empty if not"),
        Column(
            "rhi_outcome",
            T,
            "completed, declined or not_completed",
            required=True,
            codelist="rhi_outcome",
        ),
    ),
    date_ranges=(DateRange("rhi_offered_date", "rhi_completed_date"),),
    used_for=("SCS-09", "CIC-25", "CIC-26"),
)

LOCAL_PEP = Table(
    name="local_pep",
    kind=TableKind.LOCAL,
    description="Personal education plans of looked-after children: each completion or update.",
    primary_key=("pep_id",),
    columns=(
        Column("pep_id", T, "PEP record", required=True, nullable=False),
        Column("pep_person_id", T, "Child", required=True, references=_PERSON, personal=True),
        Column("pep_date", D, "Date the PEP was completed or updated", required=True),
        Column("pep_status", T, "completed or updated", required=True, codelist="pep_status"),
    ),
    used_for=("SCS-26",),
)

LOCAL_IHA_REQUESTS = Table(
    name="local_iha_requests",
    kind=TableKind.LOCAL,
    description=(
        "Requests (referrals) sent to health for a child's initial health assessment after "
        "they became looked after."
    ),
    primary_key=("ihar_id",),
    columns=(
        Column("ihar_id", T, "Request record", required=True, nullable=False),
        Column("ihar_person_id", T, "Child", required=True, references=_PERSON, personal=True),
        Column(
            "ihar_cla_id",
            T,
            "Period of care the request belongs to",
            required=True,
            references="ssd_cla_episodes.clae_cla_id",
        ),
        Column("ihar_request_date", D, "Date the request was sent to health", required=True),
    ),
    used_for=("SCS-25", "HLT-01"),
)

LOCAL_CASE_AUDITS = Table(
    name="local_case_audits",
    kind=TableKind.LOCAL,
    description="Case file audits: scheduled, completed and graded.",
    primary_key=("audit_id",),
    columns=(
        Column("audit_id", T, "Audit record", required=True, nullable=False),
        Column(
            "audit_person_id",
            T,
            "Child whose file was audited",
            required=True,
            references=_PERSON,
            personal=True,
        ),
        Column("audit_team_id", T, "Team holding the case", required=True, references=_TEAM),
        Column("audit_scheduled_date", D, "Date the audit was due", required=True),
        Column("audit_completed_date", D, "Date the audit was completed; empty if not"),
        Column(
            "audit_grade",
            T,
            "outstanding, good, requires_improvement or inadequate; empty until completed",
            codelist="quality_grade",
        ),
    ),
    date_ranges=(),
    used_for=("SCS-36", "SCS-37", "SCS-38"),
)

LOCAL_QUALITY_GRADINGS = Table(
    name="local_quality_gradings",
    kind=TableKind.LOCAL,
    description=(
        "Quality gradings of documents by conference chairs and IROs: child protection "
        "social work reports and children in care care plans."
    ),
    primary_key=("grading_id",),
    columns=(
        Column("grading_id", T, "Grading record", required=True, nullable=False),
        Column("grading_person_id", T, "Child", required=True, references=_PERSON, personal=True),
        Column(
            "grading_document_type",
            T,
            "cp_social_work_report or cic_care_plan",
            required=True,
            codelist="graded_document",
        ),
        Column("grading_date", D, "Date the document was graded", required=True),
        Column("grading_grade", T, "Grade given", required=True, codelist="quality_grade"),
        Column("grading_team_id", T, "Team holding the case", references=_TEAM),
    ),
    used_for=("SCS-39", "SCS-40"),
)

LOCAL_PRIVATE_FOSTERING = Table(
    name="local_private_fostering",
    kind=TableKind.LOCAL,
    description="Private fostering arrangements notified to the council.",
    primary_key=("pf_id",),
    columns=(
        Column("pf_id", T, "Arrangement", required=True, nullable=False),
        Column(
            "pf_person_id",
            T,
            "Child privately fostered",
            required=True,
            references=_PERSON,
            personal=True,
        ),
        Column("pf_notification_date", D, "Date the council was notified", required=True),
        Column("pf_start_date", D, "Date the arrangement began", required=True),
        Column("pf_end_date", D, "Date the arrangement ended; empty while current"),
        Column("pf_team_id", T, "Team holding the case", required=True, references=_TEAM),
        Column("pf_worker_id", T, "Allocated worker", references=_WORKER),
    ),
    date_ranges=(DateRange("pf_start_date", "pf_end_date"),),
    used_for=("SCS-08", "ACT-11"),
)

LOCAL_PRIVATE_FOSTERING_VISITS = Table(
    name="local_private_fostering_visits",
    kind=TableKind.LOCAL,
    description="Statutory visits to privately fostered children: when due and when held.",
    primary_key=("pfv_id",),
    columns=(
        Column("pfv_id", T, "Visit record", required=True, nullable=False),
        Column(
            "pfv_pf_id",
            T,
            "Arrangement visited",
            required=True,
            references="local_private_fostering.pf_id",
        ),
        Column("pfv_person_id", T, "Child", required=True, references=_PERSON, personal=True),
        Column("pfv_due_date", D, "Date the visit was due", required=True),
        Column("pfv_visit_date", D, "Date the visit took place; empty if not yet held"),
    ),
    used_for=("SCS-08",),
)

LOCAL_COMPLAINTS = Table(
    name="local_complaints",
    kind=TableKind.LOCAL,
    description="Complaints received by children's services.",
    primary_key=("complaint_id",),
    columns=(
        Column("complaint_id", T, "Complaint", required=True, nullable=False),
        Column(
            "complaint_person_id",
            T,
            "Child the complaint concerns",
            references=_PERSON,
            personal=True,
        ),
        Column("complaint_received_date", D, "Date received", required=True),
        Column(
            "complaint_by_child_in_care",
            ColumnType.FLAG,
            "Y if made by a child in care or on their behalf",
            required=True,
            codelist="yes_no",
        ),
        Column("complaint_stage", T, "Stage 1, 2 or 3", codelist="complaint_stage"),
        Column("complaint_team_id", T, "Team complained about", references=_TEAM),
        Column("complaint_closed_date", D, "Date the complaint was closed"),
    ),
    date_ranges=(DateRange("complaint_received_date", "complaint_closed_date"),),
    used_for=("CIC-29",),
)

LOCAL_SUBSTANCE_MISUSE_OFFERS = Table(
    name="local_substance_misuse_offers",
    kind=TableKind.LOCAL,
    description=(
        "For a substance misuse problem whose child did not receive an intervention: whether "
        "one was offered and refused (the 903's INTERVENTION_OFFERED, which the SSD lacks)."
    ),
    primary_key=("smo_substance_misuse_id",),
    columns=(
        Column(
            "smo_substance_misuse_id",
            T,
            "The substance misuse record",
            required=True,
            nullable=False,
            references="ssd_cla_substance_misuse.clas_substance_misuse_id",
        ),
        Column("smo_person_id", T, "Child", required=True, references=_PERSON, personal=True),
        Column(
            "smo_intervention_offered",
            ColumnType.FLAG,
            "Y/N: an intervention was offered and refused",
            required=True,
            codelist="yes_no",
        ),
    ),
    required=False,
    used_for=("SSDA903 OC2 (no seed indicator yet)",),
)


TABLES: tuple[Table, ...] = (
    LOCAL_RETURN_INTERVIEWS,
    LOCAL_PEP,
    LOCAL_IHA_REQUESTS,
    LOCAL_CASE_AUDITS,
    LOCAL_QUALITY_GRADINGS,
    LOCAL_PRIVATE_FOSTERING,
    LOCAL_PRIVATE_FOSTERING_VISITS,
    LOCAL_COMPLAINTS,
    LOCAL_SUBSTANCE_MISUSE_OFFERS,
)
