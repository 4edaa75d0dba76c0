"""A minimal valid dataset, written programmatically, for the ingest tests.

Every table of the data model has at least one row, consistent with every
validation rule (references resolve, codes are in their lists, end dates
follow start dates, dates are plausible). A test takes the ``dataset``
fixture, corrupts one thing, writes it with ``dataset.write(tmp_path)`` and
checks the problem reported.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from kpibook.ingest import CheckReport, check_folder
from kpibook.model import SCHEMA, ColumnType, Schema
from kpibook.problems import Problem

TODAY = dt.date(2025, 6, 30)
"""The day the tests judge plausible dates against."""

Row = dict[str, str]

VALID_ROWS: dict[str, list[Row]] = {
    "ssd_person": [
        {
            "pers_person_id": "P1",
            "pers_sex": "M",
            "pers_dob": "2012-03-04",
            "pers_forename": "Alex",
            "pers_ethnicity": "WBRI",
        },
        {
            "pers_person_id": "P2",
            "pers_sex": "F",
            "pers_dob": "2015-06-07",
            "pers_forename": "Sam",
            "pers_ethnicity": "WIRI",
        },
        {
            "pers_person_id": "P3",
            "pers_sex": "U",
            "pers_dob": "2006-09-10",
            "pers_forename": "Jo",
            "pers_upn_unknown": "UN1",
        },
    ],
    "ssd_immigration_status": [
        {
            "immi_immigration_status_id": "I1",
            "immi_person_id": "P3",
            "immi_immigration_status_start_date": "2023-01-01",
            "immi_immigration_status_end_date": "2023-06-01",
            "immi_immigration_status": "UASC",
        },
    ],
    "ssd_disability": [
        {"disa_table_id": "D1", "disa_person_id": "P2", "disa_disability_code": "MOB"},
    ],
    "ssd_address": [
        {
            "addr_table_id": "A1",
            "addr_person_id": "P1",
            "addr_address_type": "HOME",
            "addr_address_start_date": "2020-01-01",
            "addr_address_postcode": "ME1 1AA",
        },
    ],
    "ssd_contacts": [
        {
            "cont_contact_id": "C1",
            "cont_person_id": "P1",
            "cont_contact_date": "2023-01-05",
            "cont_contact_source_code": "1A",
        },
    ],
    "ssd_early_help_episodes": [
        {
            "earl_episode_id": "E1",
            "earl_person_id": "P1",
            "earl_episode_start_date": "2022-01-01",
            "earl_episode_end_date": "2022-06-01",
            "earl_episode_worker_id": "W1",
        },
    ],
    "ssd_cin_episodes": [
        {
            "cine_referral_id": "R1",
            "cine_person_id": "P1",
            "cine_referral_date": "2023-01-06",
            "cine_cin_primary_need_code": "N1",
            "cine_referral_source_code": "1A",
            "cine_referral_nfa": "N",
            "cine_referral_team": "T1",
            "cine_referral_worker_id": "W1",
        },
        {
            "cine_referral_id": "R2",
            "cine_person_id": "P2",
            "cine_referral_date": "2023-02-01",
            "cine_referral_nfa": "N",
            "cine_close_date": "2023-12-01",
            "cine_close_reason": "RC1",
            "cine_referral_team": "T1",
        },
    ],
    "ssd_cin_assessments": [
        {
            "cina_assessment_id": "AS1",
            "cina_person_id": "P1",
            "cina_referral_id": "R1",
            "cina_assessment_start_date": "2023-01-07",
            "cina_assessment_child_seen": "Y",
            "cina_assessment_auth_date": "2023-02-01",
            "cina_assessment_outcome_nfa": "N",
            "cina_assessment_team": "T1",
            "cina_assessment_worker_id": "W1",
        },
    ],
    "ssd_assessment_factors": [
        {
            "cinf_table_id": "F1",
            "cinf_assessment_id": "AS1",
            "cinf_assessment_factors_json": '["1A", "2B"]',
        },
    ],
    "ssd_cin_plans": [
        {
            "cinp_cin_plan_id": "CP1",
            "cinp_referral_id": "R1",
            "cinp_person_id": "P1",
            "cinp_cin_plan_start_date": "2023-02-10",
            "cinp_cin_plan_end_date": "2023-08-10",
            "cinp_cin_plan_team": "T1",
            "cinp_cin_plan_worker_id": "W1",
        },
    ],
    "ssd_cin_visits": [
        {
            "cinv_cin_visit_id": "V1",
            "cinv_person_id": "P1",
            "cinv_cin_visit_date": "2023-03-01",
            "cinv_cin_visit_seen": "Y",
            "cinv_cin_visit_seen_alone": "Y",
            "cinv_cin_visit_bedroom": "N",
        },
    ],
    "ssd_s47_enquiry": [
        {
            "s47e_s47_enquiry_id": "S1",
            "s47e_referral_id": "R1",
            "s47e_person_id": "P1",
            "s47e_s47_start_date": "2023-01-08",
            "s47e_s47_end_date": "2023-01-20",
            "s47e_s47_nfa": "N",
            "s47e_s47_completed_by_team": "T1",
            "s47e_s47_completed_by_worker_id": "W1",
        },
    ],
    "ssd_initial_cp_conference": [
        {
            "icpc_icpc_id": "IC1",
            "icpc_s47_enquiry_id": "S1",
            "icpc_person_id": "P1",
            "icpc_cp_plan_id": "CPP1",
            "icpc_referral_id": "R1",
            "icpc_icpc_transfer_in": "N",
            "icpc_icpc_target_date": "2023-01-29",
            "icpc_icpc_date": "2023-01-28",
            "icpc_icpc_outcome_cp_flag": "Y",
            "icpc_icpc_team": "T1",
            "icpc_icpc_worker_id": "W1",
        },
    ],
    "ssd_cp_plans": [
        {
            "cppl_cp_plan_id": "CPP1",
            "cppl_referral_id": "R1",
            "cppl_icpc_id": "IC1",
            "cppl_person_id": "P1",
            "cppl_cp_plan_start_date": "2023-01-28",
            "cppl_cp_plan_end_date": "2023-09-01",
            "cppl_cp_plan_ola": "N",
            "cppl_cp_plan_initial_category": "NEG",
            "cppl_cp_plan_latest_category": "NEG",
        },
    ],
    "ssd_cp_visits": [
        {
            "cppv_cp_visit_id": "CV1",
            "cppv_person_id": "P1",
            "cppv_cp_plan_id": "CPP1",
            "cppv_cp_visit_date": "2023-02-05",
            "cppv_cp_visit_seen": "Y",
            "cppv_cp_visit_seen_alone": "Y",
            "cppv_cp_visit_bedroom": "Y",
        },
    ],
    "ssd_cp_reviews": [
        {
            "cppr_cp_review_id": "CR1",
            "cppr_person_id": "P1",
            "cppr_cp_plan_id": "CPP1",
            "cppr_cp_review_due": "2023-04-28",
            "cppr_cp_review_date": "2023-04-27",
            "cppr_cp_review_outcome_continue_cp": "Y",
            "cppr_cp_review_participation": "PN1",
        },
    ],
    "ssd_cla_episodes": [
        {
            "clae_cla_episode_id": "CE1",
            "clae_person_id": "P2",
            "clae_cla_placement_id": "PL1",
            "clae_cla_episode_start_date": "2023-03-01",
            "clae_cla_episode_start_reason": "S",
            "clae_cla_primary_need_code": "N1",
            "clae_cla_id": "CLA1",
            "clae_referral_id": "R2",
            "clae_entered_care_date": "2023-03-01",
        },
    ],
    "ssd_cla_placement": [
        {
            "clap_cla_placement_id": "PL1",
            "clap_cla_id": "CLA1",
            "clap_person_id": "P2",
            "clap_cla_placement_start_date": "2023-03-01",
            "clap_cla_placement_type": "U1",
            "clap_cla_placement_distance": "4.5",
            "clap_cla_placement_provider": "PR1",
            "clap_cla_placement_postcode": "ME2 2BB",
        },
    ],
    "ssd_legal_status": [
        {
            "lega_legal_status_id": "L1",
            "lega_person_id": "P2",
            "lega_legal_status": "C2",
            "lega_legal_status_start_date": "2023-03-01",
        },
    ],
    "ssd_cla_reviews": [
        {
            "clar_cla_review_id": "RV1",
            "clar_cla_id": "CLA1",
            "clar_cla_person_id": "P2",
            "clar_cla_review_due_date": "2023-03-29",
            "clar_cla_review_date": "2023-03-28",
            "clar_cla_review_cancelled": "N",
            "clar_cla_review_participation": "PN1",
        },
    ],
    "ssd_cla_visits": [
        {
            "clav_cla_visit_id": "CLV1",
            "clav_cla_id": "CLA1",
            "clav_person_id": "P2",
            "clav_cla_visit_date": "2023-03-08",
            "clav_cla_visit_seen": "Y",
            "clav_cla_visit_seen_alone": "Y",
        },
    ],
    "ssd_cla_health": [
        {
            "clah_health_check_id": "H1",
            "clah_person_id": "P2",
            "clah_health_check_type": "IHA",
            "clah_health_check_date": "2023-03-20",
            "clah_health_check_status": "COMPLETED",
        },
    ],
    "ssd_missing": [
        {
            "miss_table_id": "M1",
            "miss_person_id": "P2",
            "miss_missing_episode_start_date": "2023-05-01",
            "miss_missing_episode_type": "M",
            "miss_missing_episode_end_date": "2023-05-02",
            "miss_missing_rhi_offered": "Y",
            "miss_missing_rhi_accepted": "NA",
        },
    ],
    "ssd_permanence": [
        {
            "perm_table_id": "PM1",
            "perm_person_id": "P2",
            "perm_cla_id": "CLA1",
            "perm_siblings_placed_together": "1",
        },
    ],
    "ssd_care_leavers": [
        {
            "clea_table_id": "CL1",
            "clea_person_id": "P3",
            "clea_care_leaver_eligibility": "RELEVANT",
            "clea_care_leaver_in_touch": "YES",
            "clea_care_leaver_latest_contact": "2023-06-01",
            "clea_care_leaver_accommodation": "B",
            "clea_care_leaver_accom_suitable": "1",
            "clea_care_leaver_activity": "F1",
            "clea_pathway_plan_review_date": "2023-05-01",
            "clea_care_leaver_personal_advisor": "W1",
            "clea_care_leaver_allocated_team": "T1",
            "clea_care_leaver_worker_id": "W1",
        },
    ],
    "ssd_involvements": [
        {
            "invo_involvements_id": "IV1",
            "invo_professional_id": "W1",
            "invo_professional_role_id": "CW",
            "invo_professional_team": "T1",
            "invo_person_id": "P1",
            "invo_involvement_start_date": "2023-01-06",
            "invo_referral_id": "R1",
        },
    ],
    "ssd_professionals": [
        {
            "prof_professional_id": "W1",
            "prof_staff_id": "S001",
            "prof_professional_name": "Pat Worker",
            "prof_agency_worker_flag": "N",
            "prof_professional_caseload": "12",
            "prof_professional_department": "Team One",
            "prof_full_time_equivalency": "1.0",
        },
    ],
    "ssd_department": [
        {"dept_team_id": "DEP0", "dept_team_name": "Children's services"},
        {"dept_team_id": "T1", "dept_team_name": "Team One", "dept_team_parent_id": "DEP0"},
    ],
    "local_org_units": [
        {"org_unit_id": "KCC", "org_unit_name": "The council", "org_level": "council"},
        {"org_unit_id": "AR1", "org_unit_name": "North", "org_level": "area", "parent_id": "KCC"},
        {
            "org_unit_id": "DI1",
            "org_unit_name": "Dover",
            "org_level": "district",
            "parent_id": "AR1",
        },
        {
            "org_unit_id": "T1",
            "org_unit_name": "Team One",
            "org_level": "team",
            "parent_id": "DI1",
            "team_type": "cswt",
            "valid_from": "2020-04-01",
        },
    ],
    "local_team_districts": [{"team_id": "T1", "district_id": "DI1"}],
    "local_postcode_districts": [{"postcode": "CT17 9AA", "district_id": "DI1"}],
    "local_population": [
        {"population_year": "2023", "district_id": "DI1", "age": "0", "population": "1000"},
        {"population_year": "2023", "district_id": "DI1", "age": "1", "population": "1010"},
    ],
    "local_workforce": [
        {
            "month_end": "2023-03-31",
            "team_id": "T1",
            "posts_fte": "10",
            "permanent_qsw_fte": "7.5",
            "agency_fte": "1.5",
            "vacant_fte": "1",
            "caseholding_sw_fte": "9",
        },
    ],
    "local_foster_carers": [
        {
            "household_id": "HH1",
            "carer_type": "in_house",
            "approval_date": "2020-01-01",
            "supervising_worker_id": "W1",
            "team_id": "T1",
        },
    ],
    "local_return_interviews": [
        {
            "rhi_id": "RHI1",
            "rhi_missing_id": "M1",
            "rhi_person_id": "P2",
            "rhi_offered_date": "2023-05-03",
            "rhi_completed_date": "2023-05-04",
            "rhi_outcome": "completed",
        },
    ],
    "local_pep": [
        {
            "pep_id": "PEP1",
            "pep_person_id": "P2",
            "pep_date": "2023-04-01",
            "pep_status": "completed",
        },
    ],
    "local_iha_requests": [
        {
            "ihar_id": "IHR1",
            "ihar_person_id": "P2",
            "ihar_cla_id": "CLA1",
            "ihar_request_date": "2023-03-02",
        },
    ],
    "local_case_audits": [
        {
            "audit_id": "AU1",
            "audit_person_id": "P1",
            "audit_team_id": "T1",
            "audit_scheduled_date": "2023-06-01",
            "audit_completed_date": "2023-06-05",
            "audit_grade": "good",
        },
    ],
    "local_quality_gradings": [
        {
            "grading_id": "G1",
            "grading_person_id": "P1",
            "grading_document_type": "cp_social_work_report",
            "grading_date": "2023-04-20",
            "grading_grade": "good",
            "grading_team_id": "T1",
        },
    ],
    "local_private_fostering": [
        {
            "pf_id": "PF1",
            "pf_person_id": "P3",
            "pf_notification_date": "2023-02-01",
            "pf_start_date": "2023-01-25",
            "pf_team_id": "T1",
            "pf_worker_id": "W1",
        },
    ],
    "local_private_fostering_visits": [
        {
            "pfv_id": "PFV1",
            "pfv_pf_id": "PF1",
            "pfv_person_id": "P3",
            "pfv_due_date": "2023-02-08",
            "pfv_visit_date": "2023-02-07",
        },
    ],
    "ssd_sdq_scores": [
        {
            "csdq_table_id": "SDQ1",
            "csdq_person_id": "P2",
            "csdq_sdq_completed_date": "2023-09-01",
            "csdq_sdq_score": "14",
        },
        {
            "csdq_table_id": "SDQ2",
            "csdq_person_id": "P2",
            "csdq_sdq_completed_date": "2024-09-01",
            "csdq_sdq_reason": "SDQ2",
        },
    ],
    "ssd_cla_convictions": [
        {
            "clac_cla_conviction_id": "CV1",
            "clac_person_id": "P2",
            "clac_cla_conviction_date": "2023-10-01",
            "clac_cla_conviction_offence": "Criminal damage",
        },
    ],
    "ssd_cla_immunisations": [
        {
            "clai_person_id": "P2",
            "clai_immunisations_status": "Y",
            "clai_immunisations_status_date": "2023-09-01",
        },
        {
            "clai_person_id": "P2",
            "clai_immunisations_status": "N",
            "clai_immunisations_status_date": "2024-09-01",
        },
    ],
    "ssd_cla_substance_misuse": [
        {
            "clas_substance_misuse_id": "SM1",
            "clas_person_id": "P2",
            "clas_substance_misuse_date": "2023-11-01",
            "clas_substance_misused": "Cannabis",
            "clas_intervention_received": "N",
        },
    ],
    "local_substance_misuse_offers": [
        {
            "smo_substance_misuse_id": "SM1",
            "smo_person_id": "P2",
            "smo_intervention_offered": "Y",
        },
    ],
    "local_complaints": [
        {
            "complaint_id": "CO1",
            "complaint_person_id": "P1",
            "complaint_received_date": "2023-07-01",
            "complaint_by_child_in_care": "N",
            "complaint_stage": "1",
            "complaint_team_id": "T1",
            "complaint_closed_date": "2023-07-20",
        },
    ],
}


class Dataset:
    """Rows and headers of every table; tests corrupt them, then :meth:`write`."""

    def __init__(self) -> None:
        self.rows: dict[str, list[Row]] = copy.deepcopy(VALID_ROWS)
        self.headers: dict[str, list[str]] = {t.name: list(t.column_names) for t in SCHEMA}
        self.skip: set[str] = set()

    def set(self, table: str, row: int, column: str, value: str) -> None:
        """Set ``column`` of the 1-based data ``row`` of ``table``."""
        self.rows[table][row - 1][column] = value

    def write(self, folder: Path, fmt: str = "csv", schema: Schema = SCHEMA) -> Path:
        """Write one file per table of ``schema`` (except :attr:`skip`) into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        for table in schema:
            if table.name in self.skip:
                continue
            header = self.headers[table.name]
            rows = self.rows.get(table.name, [])
            if fmt == "csv":
                with (folder / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as f:
                    writer = csv.writer(f, lineterminator="\n")
                    writer.writerow(header)
                    writer.writerows([[row.get(c, "") for c in header] for row in rows])
            else:
                pq.write_table(_arrow(table.name, header, rows), folder / f"{table.name}.parquet")
        return folder


def _arrow(table: str, header: list[str], rows: list[Row]) -> pa.Table:
    """Rows as an Arrow table typed as the model says (unknown columns as text)."""
    model = SCHEMA.table(table)
    arrays = {}
    for name in header:
        values = [row.get(name) or None for row in rows]
        kind = model.column(name).type if name in model.column_names else ColumnType.TEXT
        if kind is ColumnType.DATE:
            arrays[name] = pa.array(
                [dt.date.fromisoformat(v) if v else None for v in values], pa.date32()
            )
        elif kind is ColumnType.INTEGER:
            arrays[name] = pa.array([int(v) if v else None for v in values], pa.int64())
        elif kind is ColumnType.DECIMAL:
            arrays[name] = pa.array([float(v) if v else None for v in values], pa.float64())
        else:
            arrays[name] = pa.array(values, pa.string())
    return pa.table(arrays)


@pytest.fixture
def dataset() -> Dataset:
    """A fresh valid dataset to corrupt."""
    return Dataset()


@pytest.fixture(scope="session")
def new_dataset() -> Callable[[], Dataset]:
    """Makes fresh valid datasets (for fixtures broader than one test)."""
    return Dataset


@pytest.fixture
def today() -> dt.date:
    """The day plausible dates are judged against in these tests."""
    return TODAY


Check = Callable[..., CheckReport]


def narrowed(tables: tuple[str, ...] | None) -> Schema:
    """The data model, or only the named tables of it (to keep unit tests fast)."""
    return SCHEMA if tables is None else Schema(tuple(SCHEMA.table(name) for name in tables))


@pytest.fixture
def check(tmp_path: Path) -> Check:
    """Write a dataset into a fresh folder and check it (as of :data:`TODAY`).

    ``tables`` narrows the data model to the tables a test is about; by
    default every table is written and checked.
    """
    counter = iter(range(1_000))

    def run(
        data: Dataset,
        fmt: str = "csv",
        strict: bool = False,
        tables: tuple[str, ...] | None = None,
    ) -> CheckReport:
        schema = narrowed(tables)
        folder = data.write(tmp_path / f"data{next(counter)}", fmt, schema)
        return check_folder(folder, strict=strict, schema=schema, today=TODAY)

    return run


def of_rule(report: CheckReport, rule: str) -> list[Problem]:
    """The problems of ``rule`` in ``report``."""
    return [p for p in report.problems if p.rule == rule]


@pytest.fixture
def only() -> Callable[[CheckReport, str], Problem]:
    """The single problem of a rule; fails if there is not exactly one, or any other."""

    def single(report: CheckReport, rule: str) -> Problem:
        found = of_rule(report, rule)
        assert len(found) == 1, [str(p) for p in report.problems]
        others = [str(p) for p in report.problems if p.rule != rule]
        assert not others, others
        return found[0]

    return single
