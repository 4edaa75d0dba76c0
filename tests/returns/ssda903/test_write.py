"""write_903 on a small hand-made model dataset: every 903 row worked out by hand.

Collection year 2023-24 (1 April 2023 to 31 March 2024). Four children:

* C1, a girl born 6 May 2010, in care since 1 June 2022: interim care order
  (C1), full care order (C2) from 1 July 2023, moved from in-house fostering
  (U6) to a private children's home (K2) on 10 September 2023 after the carer
  asked for it (CREQB); one review, one cancelled review, a missing night, a
  health assessment and a dental check in the year; two social workers.
* C2, a boy born 20 August 2005, once an unaccompanied asylum seeker, in care
  1 September 2020 to 20 August 2022 (independent living, E5); his 18th
  birthday falls in the year: a care leaver in touch, in supported lodgings.
* C3, a boy born 1 January 2019, adopted on 30 June 2023 (E11).
* C4, a girl born 2 February 2012, comes into care on 1 November 2023
  (s20, relative foster carers); she had been under a special guardianship
  order since 1 January 2018.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from kpibook.model import SCHEMA
from kpibook.returns.ssda903.codes import field_codes
from kpibook.returns.ssda903.write import COLUMNS, FILE_NAMES, write_903
from kpibook.returns.ssda903.write_oc2 import (
    immunisations_item,
    misuse_items,
    oc2_rows,
    sdq_items,
)
from kpibook.returns.ssda903.write_tables import Model, Year, _urn, recode

Rows = list[dict[str, str]]

MODEL: dict[str, Rows] = {
    "ssd_person": [
        {"pers_person_id": "C1", "pers_sex": "F", "pers_dob": "2010-05-06",
         "pers_ethnicity": "WBRI", "pers_upn": "A886000000001"},
        {"pers_person_id": "C2", "pers_sex": "M", "pers_dob": "2005-08-20",
         "pers_ethnicity": "BAFR", "pers_upn_unknown": "UN2"},
        {"pers_person_id": "C3", "pers_sex": "M", "pers_dob": "2019-01-01",
         "pers_ethnicity": "WBRI", "pers_upn_unknown": "UN1"},
        {"pers_person_id": "C4", "pers_sex": "F", "pers_dob": "2012-02-02",
         "pers_ethnicity": "MWBC", "pers_upn": "B886000000002"},
    ],
    "ssd_address": [
        {"addr_table_id": "A1", "addr_person_id": "C1", "addr_address_start_date": "2015-01-01",
         "addr_address_postcode": "ME14 1AA"},
        {"addr_table_id": "A3", "addr_person_id": "C3", "addr_address_start_date": "2019-01-01",
         "addr_address_postcode": "CT1 1AA"},
        {"addr_table_id": "A4", "addr_person_id": "C4", "addr_address_start_date": "2018-01-01",
         "addr_address_postcode": "TN1 1AA"},
    ],
    "ssd_immigration_status": [
        {"immi_immigration_status_id": "I1", "immi_person_id": "C2",
         "immi_immigration_status_start_date": "2020-09-01",
         "immi_immigration_status_end_date": "2021-06-01", "immi_immigration_status": "UASC"},
        {"immi_immigration_status_id": "I2", "immi_person_id": "C2",
         "immi_immigration_status_start_date": "2021-06-01",
         "immi_immigration_status": "REFUGEE"},
    ],
    "ssd_cla_placement": [
        {"clap_cla_placement_id": "PL1", "clap_cla_id": "K1", "clap_person_id": "C1",
         "clap_cla_placement_start_date": "2022-06-01", "clap_cla_placement_type": "U6",
         "clap_cla_placement_urn": "SC048207", "clap_cla_placement_provider": "PR1",
         "clap_cla_placement_postcode": "ME15 6AA", "clap_cla_placement_end_date": "2023-09-10",
         "clap_cla_placement_change_reason": "CREQB"},
        {"clap_cla_placement_id": "PL2", "clap_cla_id": "K1", "clap_person_id": "C1",
         "clap_cla_placement_start_date": "2023-09-10", "clap_cla_placement_type": "K2",
         "clap_cla_placement_urn": "SC111111", "clap_cla_placement_provider": "PR4",
         "clap_cla_placement_postcode": "TN23 1AA"},
        {"clap_cla_placement_id": "PL3", "clap_cla_id": "K2", "clap_person_id": "C2",
         "clap_cla_placement_start_date": "2020-09-01", "clap_cla_placement_type": "U4",
         "clap_cla_placement_urn": "SC222222", "clap_cla_placement_provider": "PR4",
         "clap_cla_placement_postcode": "CT20 1AA", "clap_cla_placement_end_date": "2022-08-20"},
        {"clap_cla_placement_id": "PL4", "clap_cla_id": "K3", "clap_person_id": "C3",
         "clap_cla_placement_start_date": "2021-03-01", "clap_cla_placement_type": "A6",
         "clap_cla_placement_urn": "SC048208", "clap_cla_placement_provider": "PR1",
         "clap_cla_placement_postcode": "CT2 2AA", "clap_cla_placement_end_date": "2023-06-30"},
        {"clap_cla_placement_id": "PL5", "clap_cla_id": "K4", "clap_person_id": "C4",
         "clap_cla_placement_start_date": "2023-11-01", "clap_cla_placement_type": "U3",
         "clap_cla_placement_urn": "SC048207", "clap_cla_placement_provider": "PR1",
         "clap_cla_placement_postcode": "TN2 2AA"},
    ],
    "ssd_cla_episodes": [
        {"clae_cla_episode_id": "E1", "clae_person_id": "C1", "clae_cla_placement_id": "PL1",
         "clae_cla_episode_start_date": "2022-06-01", "clae_cla_episode_start_reason": "S",
         "clae_cla_primary_need_code": "N1", "clae_cla_episode_ceased_date": "2023-07-01",
         "clae_cla_episode_ceased_reason": "X1", "clae_cla_id": "K1",
         "clae_entered_care_date": "2022-06-01"},
        {"clae_cla_episode_id": "E2", "clae_person_id": "C1", "clae_cla_placement_id": "PL1",
         "clae_cla_episode_start_date": "2023-07-01", "clae_cla_episode_start_reason": "L",
         "clae_cla_primary_need_code": "N1", "clae_cla_episode_ceased_date": "2023-09-10",
         "clae_cla_episode_ceased_reason": "X1", "clae_cla_id": "K1",
         "clae_entered_care_date": "2022-06-01"},
        {"clae_cla_episode_id": "E3", "clae_person_id": "C1", "clae_cla_placement_id": "PL2",
         "clae_cla_episode_start_date": "2023-09-10", "clae_cla_episode_start_reason": "P",
         "clae_cla_primary_need_code": "N1", "clae_cla_id": "K1",
         "clae_entered_care_date": "2022-06-01"},
        {"clae_cla_episode_id": "E4", "clae_person_id": "C2", "clae_cla_placement_id": "PL3",
         "clae_cla_episode_start_date": "2020-09-01", "clae_cla_episode_start_reason": "S",
         "clae_cla_primary_need_code": "N8", "clae_cla_episode_ceased_date": "2022-08-20",
         "clae_cla_episode_ceased_reason": "E5", "clae_cla_id": "K2",
         "clae_entered_care_date": "2020-09-01"},
        {"clae_cla_episode_id": "E5", "clae_person_id": "C3", "clae_cla_placement_id": "PL4",
         "clae_cla_episode_start_date": "2021-03-01", "clae_cla_episode_start_reason": "S",
         "clae_cla_primary_need_code": "N1", "clae_cla_episode_ceased_date": "2023-06-30",
         "clae_cla_episode_ceased_reason": "E11", "clae_cla_id": "K3",
         "clae_entered_care_date": "2021-03-01"},
        {"clae_cla_episode_id": "E6", "clae_person_id": "C4", "clae_cla_placement_id": "PL5",
         "clae_cla_episode_start_date": "2023-11-01", "clae_cla_episode_start_reason": "S",
         "clae_cla_primary_need_code": "N2", "clae_cla_id": "K4",
         "clae_entered_care_date": "2023-11-01"},
    ],
    "ssd_legal_status": [
        {"lega_legal_status_id": "L1", "lega_person_id": "C1", "lega_legal_status": "C1",
         "lega_legal_status_start_date": "2022-06-01", "lega_legal_status_end_date": "2023-07-01"},
        {"lega_legal_status_id": "L2", "lega_person_id": "C1", "lega_legal_status": "C2",
         "lega_legal_status_start_date": "2023-07-01"},
        {"lega_legal_status_id": "L3", "lega_person_id": "C2", "lega_legal_status": "V2",
         "lega_legal_status_start_date": "2020-09-01", "lega_legal_status_end_date": "2022-08-20"},
        {"lega_legal_status_id": "L4", "lega_person_id": "C3", "lega_legal_status": "E1",
         "lega_legal_status_start_date": "2021-03-01", "lega_legal_status_end_date": "2023-06-30"},
        {"lega_legal_status_id": "L5", "lega_person_id": "C4", "lega_legal_status": "V2",
         "lega_legal_status_start_date": "2023-11-01"},
    ],
    "ssd_cla_reviews": [
        {"clar_cla_review_id": "R1", "clar_cla_id": "K1", "clar_cla_person_id": "C1",
         "clar_cla_review_due_date": "2022-12-01", "clar_cla_review_date": "2022-12-01",
         "clar_cla_review_cancelled": "N", "clar_cla_review_participation": "PN1"},
        {"clar_cla_review_id": "R2", "clar_cla_id": "K1", "clar_cla_person_id": "C1",
         "clar_cla_review_due_date": "2023-05-02", "clar_cla_review_date": "2023-05-02",
         "clar_cla_review_cancelled": "N", "clar_cla_review_participation": "PN3"},
        {"clar_cla_review_id": "R3", "clar_cla_id": "K1", "clar_cla_person_id": "C1",
         "clar_cla_review_due_date": "2023-08-01", "clar_cla_review_date": "2023-08-01",
         "clar_cla_review_cancelled": "Y"},
    ],
    "ssd_missing": [
        {"miss_table_id": "M1", "miss_person_id": "C1",
         "miss_missing_episode_start_date": "2023-10-01", "miss_missing_episode_type": "M",
         "miss_missing_episode_end_date": "2023-10-02"},
    ],
    "ssd_cla_health": [
        {"clah_health_check_id": "H1", "clah_person_id": "C1", "clah_health_check_type": "RHA",
         "clah_health_check_date": "2023-06-01", "clah_health_check_status": "COMPLETED"},
        {"clah_health_check_id": "H2", "clah_person_id": "C1",
         "clah_health_check_type": "DENTAL", "clah_health_check_date": "2023-07-01",
         "clah_health_check_status": "COMPLETED"},
    ],
    "ssd_sdq_scores": [
        {"csdq_table_id": "Q1", "csdq_person_id": "C1", "csdq_sdq_completed_date": "2022-12-01",
         "csdq_sdq_score": "20"},
        {"csdq_table_id": "Q2", "csdq_person_id": "C1", "csdq_sdq_completed_date": "2023-05-01",
         "csdq_sdq_reason": "SDQ2"},
        {"csdq_table_id": "Q3", "csdq_person_id": "C1", "csdq_sdq_completed_date": "2023-11-01",
         "csdq_sdq_score": "17"},
    ],
    "ssd_cla_convictions": [
        {"clac_cla_conviction_id": "V1", "clac_person_id": "C1",
         "clac_cla_conviction_date": "2023-10-05", "clac_cla_conviction_offence": "Theft"},
    ],
    "ssd_cla_immunisations": [
        {"clai_person_id": "C1", "clai_immunisations_status": "N",
         "clai_immunisations_status_date": "2022-09-01"},
        {"clai_person_id": "C1", "clai_immunisations_status": "Y",
         "clai_immunisations_status_date": "2023-09-01"},
        {"clai_person_id": "C1", "clai_immunisations_status": "N",
         "clai_immunisations_status_date": "2024-05-01"},
    ],
    "ssd_cla_substance_misuse": [
        {"clas_substance_misuse_id": "S1", "clas_person_id": "C1",
         "clas_substance_misuse_date": "2023-12-01", "clas_substance_misused": "Cannabis",
         "clas_intervention_received": "N"},
    ],
    "local_substance_misuse_offers": [
        {"smo_substance_misuse_id": "S1", "smo_person_id": "C1", "smo_intervention_offered": "Y"},
    ],
    "ssd_care_leavers": [
        {"clea_table_id": "CL1", "clea_person_id": "C2", "clea_care_leaver_eligibility":
         "FORMER_RELEVANT", "clea_care_leaver_in_touch": "YES",
         "clea_care_leaver_latest_contact": "2023-08-01", "clea_care_leaver_accommodation": "E",
         "clea_care_leaver_accom_suitable": "1", "clea_care_leaver_activity": "F2"},
        {"clea_table_id": "CL2", "clea_person_id": "C2", "clea_care_leaver_eligibility":
         "FORMER_RELEVANT", "clea_care_leaver_in_touch": "YES",
         "clea_care_leaver_latest_contact": "2023-12-01", "clea_care_leaver_accommodation": "U",
         "clea_care_leaver_accom_suitable": "1", "clea_care_leaver_activity": "G5"},
    ],
    "ssd_permanence": [
        {"perm_table_id": "PM1", "perm_person_id": "C3", "perm_cla_id": "K3",
         "perm_adm_decision_date": "2021-05-01", "perm_placement_order_date": "2021-03-01",
         "perm_matched_date": "2022-11-01", "perm_adopter_sex": "MF",
         "perm_adopter_legal_status": "L11", "perm_number_of_adopters": "2",
         "perm_placed_for_adoption_date": "2022-12-01", "perm_adopted_by_carer_flag": "N",
         "perm_permanence_order_date": "2023-06-30", "perm_permanence_order_type": "ADOPTION"},
        {"perm_table_id": "PM2", "perm_person_id": "C4",
         "perm_permanence_order_date": "2018-01-01", "perm_permanence_order_type": "SGO"},
    ],
    "ssd_professionals": [
        {"prof_professional_id": "W1", "prof_social_worker_registration_no": "SW1",
         "prof_agency_worker_flag": "N", "prof_professional_department": "Team A"},
        {"prof_professional_id": "W2", "prof_social_worker_registration_no": "SW2",
         "prof_agency_worker_flag": "N", "prof_professional_department": "Team A"},
    ],
    "ssd_involvements": [
        {"invo_involvements_id": "V1", "invo_professional_id": "W1",
         "invo_professional_role_id": "CW", "invo_professional_team": "T1",
         "invo_person_id": "C1", "invo_involvement_start_date": "2022-06-01",
         "invo_involvement_end_date": "2023-08-15", "invo_worker_change_reason": "LEFTRL"},
        {"invo_involvements_id": "V2", "invo_professional_id": "W2",
         "invo_professional_role_id": "CW", "invo_professional_team": "T1",
         "invo_person_id": "C1", "invo_involvement_start_date": "2023-08-15"},
        {"invo_involvements_id": "V3", "invo_professional_id": "W2",
         "invo_professional_role_id": "CW", "invo_professional_team": "T1",
         "invo_person_id": "C4", "invo_involvement_start_date": "2023-09-01"},
    ],
}  # fmt: skip


def _write_model(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for table in SCHEMA.tables:
        names = [c.name for c in table.columns]
        with (folder / f"{table.name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, names)
            writer.writeheader()
            for row in MODEL.get(table.name, []):
                writer.writerow(row)
    return folder


def _read(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("w903")
    data = _write_model(root / "model")
    return write_903(data, "2023-24", root / "out", la_number="886")


def _body(written: dict[str, Path], table: str) -> list[list[str]]:
    rows = _read(written[table])
    assert rows[0] == list(COLUMNS[table.removesuffix("_last")])
    return rows[1:]


def test_files_and_headers(exported: dict[str, Path]) -> None:
    assert set(exported) == set(COLUMNS) | {f"{t}_last" for t in COLUMNS if t != "SWEpisodes"}
    for table, path in exported.items():
        name = table.removesuffix("_last")
        assert path.name == FILE_NAMES[name]
        assert (path.parent.name == "previous") == table.endswith("_last")


def test_header(exported: dict[str, Path]) -> None:
    # Looked after in the year: C1, C3, C4; C2 is in OC3. MOTHER only for girls in care.
    assert _body(exported, "Header") == [
        ["C1", "2", "06/05/2010", "WBRI", "A886000000001", "0", ""],
        ["C2", "1", "20/08/2005", "BAFR", "UN2", "", ""],
        ["C3", "1", "01/01/2019", "WBRI", "UN1", "", ""],
        ["C4", "2", "02/02/2012", "MWBC", "B886000000002", "0", ""],
    ]


def test_episodes(exported: dict[str, Path]) -> None:
    assert _body(exported, "Episodes") == [
        ["C1", "01/06/2022", "S", "C1", "N1", "U6", "PR1", "01/07/2023", "X1", "",
         "ME14 1AA", "ME15 6AA", "SC048207"],
        # The next episode changes the placement (P), so this one carries the reason.
        ["C1", "01/07/2023", "L", "C2", "N1", "U6", "PR1", "10/09/2023", "X1", "CREQB",
         "ME14 1AA", "ME15 6AA", "SC048207"],
        ["C1", "10/09/2023", "P", "C2", "N1", "K2", "PR4", "", "", "",
         "ME14 1AA", "TN23 1AA", "SC111111"],
        ["C3", "01/03/2021", "S", "E1", "N1", "A6", "PR1", "30/06/2023", "E11", "",
         "CT1 1AA", "CT2 2AA", "SC048208"],
        ["C4", "01/11/2023", "S", "V2", "N2", "U3", "PR1", "", "", "",
         "TN1 1AA", "TN2 2AA", "SC048207"],
    ]  # fmt: skip


def test_previous_year_episodes_hold_the_history(exported: dict[str, Path]) -> None:
    # 2022-23, with every earlier episode (C2's), ends after 31 March 2023 left open.
    assert _body(exported, "Episodes_last") == [
        ["C1", "01/06/2022", "S", "C1", "N1", "U6", "PR1", "", "", "",
         "ME14 1AA", "ME15 6AA", "SC048207"],
        ["C2", "01/09/2020", "S", "V2", "N8", "U4", "PR4", "20/08/2022", "E5", "",
         "", "CT20 1AA", "SC222222"],
        ["C3", "01/03/2021", "S", "E1", "N1", "A6", "PR1", "", "", "",
         "CT1 1AA", "CT2 2AA", "SC048208"],
    ]  # fmt: skip


def test_reviews_missing_uasc(exported: dict[str, Path]) -> None:
    assert _body(exported, "Reviews") == [["C1", "06/05/2010", "02/05/2023", "PN3"]]
    assert _body(exported, "Missing") == [["C1", "06/05/2010", "M", "01/10/2023", "02/10/2023"]]
    # UASC status ceases at 18 (20 August 2023), in the year.
    assert _body(exported, "UASC") == [["C2", "1", "20/08/2005", "20/08/2023"]]


def test_outcomes(exported: dict[str, Path]) -> None:
    # C1: looked after since 1 June 2022, so 12 months at 31 March 2024; aged 13: SDQ
    # the latest of the year (17 on 1 November; the SDQ2 of May is older), convicted in
    # October, no health promotion (5 or over), immunisations up to date on 1 September
    # 2023 (the later N is after 31 March), dental check and health assessment, substance
    # misuse in December with no intervention received, one offered and refused.
    assert _body(exported, "OC2") == [
        ["C1", "06/05/2010", "17", "", "1", "", "1", "1", "1", "1", "0", "1"]
    ]
    # C2: 18th birthday 20/08/2023; the contact on 1 August 2023 is nearest it.
    assert _body(exported, "OC3") == [["C2", "20/08/2005", "YES", "F2", "E1"]]
    assert _body(exported, "AD1") == [
        ["C3", "01/01/2019", "01/05/2021", "01/11/2022", "0", "2", "MF", "L11"]
    ]
    assert _body(exported, "PlacedAdoption") == [["C3", "01/01/2019", "01/05/2021", "", ""]]
    assert _body(exported, "PrevPerm") == [["C4", "02/02/2012", "P2", "886", "01/01/2018"]]


def test_social_worker_episodes(exported: dict[str, Path]) -> None:
    assert _body(exported, "SWEpisodes") == [
        # From the start of the year; ends when the next worker starts; the last is open.
        ["C1", "06/05/2010", "SW1", "01/04/2023", "15/08/2023", "FCONTA"],
        ["C1", "06/05/2010", "SW2", "15/08/2023", "", "LEFTRL"],
        # From the day she came into care.
        ["C4", "02/02/2012", "SW2", "01/11/2023", "", "FCONTA"],
    ]


def test_sex_coded_by_collection_year(tmp_path: Path) -> None:
    assert recode("SEX", "M", 2023) == "1"
    assert recode("SEX", "F", 2023) == "2"
    assert recode("SEX", "F", 2024) == "F"
    assert recode("PLACE", "H5", 2024) == "H5"
    assert recode("PLACE", "H5", 2025) == "K3"  # no H5 in the 2025-26 return
    assert recode("PLACE", "U4", 2025) == "U4"
    written = write_903(_write_model(tmp_path / "model"), "2024-25", tmp_path / "out")
    header = _read(written["Header"])
    # C1 and C4 looked after in 2024-25; C2 (19th birthday) in OC3.
    assert [r[:2] for r in header[1:]] == [["C1", "F"], ["C2", "M"], ["C4", "F"]]
    # Last year's tables in this year's codes, so that rule 202 compares like with like.
    assert {r[1] for r in _read(written["Header_last"])[1:]} <= {"M", "F"}


def test_year_labels() -> None:
    year = Year.parse("2023-24")
    assert (year.start, year.end) == (dt.date(2023, 4, 1), dt.date(2024, 3, 31))
    assert Year.parse("2024-25").previous() == year
    for bad in ("2023-25", "2023", "23-24", "2023/24", "abcd-ef"):
        with pytest.raises(ValueError):
            Year.parse(bad)


def test_nothing_written_when_the_data_cannot_be_used(tmp_path: Path) -> None:
    data = _write_model(tmp_path / "model")
    (data / "ssd_cla_episodes.csv").write_text("nonsense\n1\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("old", encoding="utf-8")
    with pytest.raises(Exception) as info:
        write_903(data, "2023-24", out)
    assert type(info.value).__name__ == "InputError"
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model", "out"]


def test_supported_accommodation_urn_from_2023_24() -> None:
    h5 = {"clap_cla_placement_type": "H5", "clap_cla_placement_urn": "SC123456"}
    assert _urn(h5, 2022) is None  # rule 222 (2022-23): no URN for H5
    assert _urn(h5, 2023) == "SC123456"  # rule 230 (2023-24): H5 has a URN
    k2 = {"clap_cla_placement_type": "K2", "clap_cla_placement_urn": "SC654321"}
    assert _urn(k2, 2022) == "SC654321"


def _oc2_model(**tables: dict[str, list[dict[str, Any]]]) -> Model:
    return Model({}, [], {}, {}, {}, [], [], [], {}, {}, {}, [], **tables)  # type: ignore[arg-type]


_Y2324 = Year.parse("2023-24")


@pytest.mark.parametrize(
    ("dob", "due"),
    [
        (dt.date(2020, 3, 31), True),  # 4 on 31 March 2024: rule 197B
        (dt.date(2020, 4, 1), False),  # 4 on 1 April 2024: rule 188
        (dt.date(2006, 4, 1), True),  # 17 on 1 April 2023: rule 197B
        (dt.date(2006, 3, 31), False),  # 17 on 31 March 2023: rule 189
        (dt.date(2012, 7, 1), True),  # 11: rule 186
    ],
)
def test_sdq_is_reported_from_the_4th_to_the_17th_birthday(dob: dt.date, due: bool) -> None:
    model = _oc2_model(
        sdq={"C": [{"csdq_sdq_completed_date": dt.date(2023, 6, 1), "csdq_sdq_score": 9,
                    "csdq_sdq_reason": None}]}
    )  # fmt: skip
    assert sdq_items(model, "C", dob, _Y2324) == (("9", None) if due else (None, None))


def test_sdq_outside_the_year_and_reasons() -> None:
    rows: list[dict[str, Any]] = [
        {"csdq_sdq_completed_date": dt.date(2023, 3, 31), "csdq_sdq_score": 30,
         "csdq_sdq_reason": None},
        {"csdq_sdq_completed_date": dt.date(2024, 2, 1), "csdq_sdq_score": None,
         "csdq_sdq_reason": "SDQ3"},
        {"csdq_sdq_completed_date": dt.date(2024, 4, 1), "csdq_sdq_score": 5,
         "csdq_sdq_reason": None},
    ]  # fmt: skip
    model = _oc2_model(sdq={"C": rows})
    assert sdq_items(model, "C", dt.date(2012, 1, 1), _Y2324) == (None, "SDQ3")
    assert sdq_items(model, "C", dt.date(2012, 1, 1), Year.parse("2022-23")) == ("30", None)
    assert sdq_items(model, "C", dt.date(2012, 1, 1), Year.parse("2021-22")) == (None, None)


def test_substance_misuse_items() -> None:
    def items(*records: tuple[str, str | None, str | None]) -> tuple[str, str | None, str | None]:
        rows = [
            {"clas_substance_misuse_date": dt.date.fromisoformat(day),
             "clas_intervention_received": received, "smo_intervention_offered": offered}
            for day, received, offered in records
        ]  # fmt: skip
        return misuse_items(_oc2_model(misuse={"C": rows}), "C", _Y2324)

    assert items() == ("0", None, None)
    assert items(("2023-03-01", "Y", None)) == ("0", None, None)  # the year before
    assert items(("2023-05-01", "Y", None)) == ("1", "1", None)  # rule 158: offered blank
    assert items(("2023-05-01", "N", "N")) == ("1", "0", "0")  # rule 159: offered given
    assert items(("2023-05-01", "N", "Y"), ("2024-01-01", "Y", None)) == ("1", "1", None)
    assert items(("2023-05-01", None, None)) == ("1", None, None)  # not recorded: rule 192


def test_immunisations_latest_status_by_31_march() -> None:
    rows = [
        {"clai_immunisations_status": "Y", "clai_immunisations_status_date": dt.date(2021, 5, 1)},
        {"clai_immunisations_status": "N", "clai_immunisations_status_date": dt.date(2024, 3, 31)},
    ]
    model = _oc2_model(immunisations={"C": rows})
    assert immunisations_item(model, "C", _Y2324) == "0"
    assert immunisations_item(model, "C", Year.parse("2022-23")) == "1"
    assert immunisations_item(model, "C", Year.parse("2020-21")) is None


@pytest.mark.parametrize(
    ("entered", "ceased", "in_oc2"),
    [
        (dt.date(2023, 4, 1), None, True),
        (dt.date(2023, 4, 2), None, False),
        (dt.date(2023, 4, 1), dt.date(2024, 3, 31), True),
        (dt.date(2023, 4, 1), dt.date(2024, 3, 30), False),
    ],
)
def test_oc2_children_were_looked_after_from_1_april(
    entered: dt.date, ceased: dt.date | None, in_oc2: bool
) -> None:
    # DfE: looked after continuously for 12 months at 31 March = since 1 April at the latest,
    # to 31 March (ceasing that day counts, as the DfE rules' definition has it).
    model = _oc2_model()
    model.person = {"C": {"pers_dob": dt.date(2000 + 15, 6, 1)}}
    model.episodes = [
        {"clae_person_id": "C", "clae_cla_episode_start_date": entered,
         "clae_cla_episode_ceased_date": ceased, "clae_entered_care_date": entered},
    ]  # fmt: skip
    rows = oc2_rows(model, _Y2324, {"C"})
    assert [r["CHILD"] for r in rows] == (["C"] if in_oc2 else [])
    if in_oc2:  # aged 8: no conviction item, no health promotion; SDQ due but none recorded
        assert rows[0]["CONVICTED"] is None and rows[0]["HEALTH_CHECK"] is None
        assert rows[0]["SUBSTANCE_MISUSE"] == "0" and rows[0]["IMMUNISATIONS"] is None


@pytest.mark.parametrize("year", range(2016, 2027))
def test_reader_and_writer_share_the_sex_codes(year: int) -> None:
    """codes/SEX.yaml is the one list: what the writer writes, the reader reads back."""
    codes = field_codes("SEX")
    for value in ("M", "F"):
        written = recode("SEX", value, year)
        assert written is not None and codes.valid(written, year)
        assert codes.to_model(written, year) == value
    assert recode("SEX", "U", year) == (None if year <= 2023 else "U")
