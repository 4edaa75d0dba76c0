"""A small hand-made 903 return imports into exactly the model rows worked out by hand.

The return (fixtures/read/handworked, 2023-24, year taken from its latest date):

* A1, a girl born 15/05/2010: S on 10/05/2023 (interim care order C1, U6
  foster placement 8.0 miles from home); L on 01/08/2023 (full care order, same placement, so
  the placement row continues); P on 15/11/2023 (new placement U4, still
  open). Reviews 01/06 and 20/11/2023; missing 03-05/09/2023.
* B2, a UASC boy born 20/01/2007, no UPN (UN2): S on 01/06/2023 under s20
  (V2) in a children's home, left on 31/01/2024 to independent living (E5).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpibook.returns.ssda903.read import read_903

FIXTURE = Path(__file__).parent / "fixtures" / "read" / "handworked"
D = dt.date


def rows(name: str) -> list[dict[str, object]]:
    result = read_903([FIXTURE])
    table = result.tables[name]
    return list(table.to_pylist())


def test_person() -> None:
    assert rows("ssd_person") == [
        {
            "pers_person_id": "A1",
            "pers_upn": "A123456789012",
            "pers_sex": "F",
            "pers_ethnicity": "WBRI",
            "pers_dob": D(2010, 5, 15),
            "pers_upn_unknown": None,
            "pers_is_mother": "N",
        },
        {
            "pers_person_id": "B2",
            "pers_upn": None,
            "pers_sex": "M",
            "pers_ethnicity": "BAFR",
            "pers_dob": D(2007, 1, 20),
            "pers_upn_unknown": "UN2",
            "pers_is_mother": None,
        },
    ]


def test_episodes() -> None:
    a, b = "CLA-A1-20230510", "CLA-B2-20230601"
    assert rows("ssd_cla_episodes") == [
        {
            "clae_cla_episode_id": "EP-A1-20230510",
            "clae_person_id": "A1",
            "clae_cla_placement_id": "PL-A1-20230510",
            "clae_cla_episode_start_date": D(2023, 5, 10),
            "clae_cla_episode_start_reason": "S",
            "clae_cla_primary_need_code": "N1",
            "clae_cla_episode_ceased_date": D(2023, 8, 1),
            "clae_cla_episode_ceased_reason": "X1",
            "clae_cla_id": a,
            "clae_entered_care_date": D(2023, 5, 10),
        },
        {
            "clae_cla_episode_id": "EP-A1-20230801",
            "clae_person_id": "A1",
            "clae_cla_placement_id": "PL-A1-20230510",
            "clae_cla_episode_start_date": D(2023, 8, 1),
            "clae_cla_episode_start_reason": "L",
            "clae_cla_primary_need_code": "N1",
            "clae_cla_episode_ceased_date": D(2023, 11, 15),
            "clae_cla_episode_ceased_reason": "X1",
            "clae_cla_id": a,
            "clae_entered_care_date": D(2023, 5, 10),
        },
        {
            "clae_cla_episode_id": "EP-A1-20231115",
            "clae_person_id": "A1",
            "clae_cla_placement_id": "PL-A1-20231115",
            "clae_cla_episode_start_date": D(2023, 11, 15),
            "clae_cla_episode_start_reason": "P",
            "clae_cla_primary_need_code": "N1",
            "clae_cla_episode_ceased_date": None,
            "clae_cla_episode_ceased_reason": None,
            "clae_cla_id": a,
            "clae_entered_care_date": D(2023, 5, 10),
        },
        {
            "clae_cla_episode_id": "EP-B2-20230601",
            "clae_person_id": "B2",
            "clae_cla_placement_id": "PL-B2-20230601",
            "clae_cla_episode_start_date": D(2023, 6, 1),
            "clae_cla_episode_start_reason": "S",
            "clae_cla_primary_need_code": "N8",
            "clae_cla_episode_ceased_date": D(2024, 1, 31),
            "clae_cla_episode_ceased_reason": "E5",
            "clae_cla_id": b,
            "clae_entered_care_date": D(2023, 6, 1),
        },
    ]


def test_placements() -> None:
    assert rows("ssd_cla_placement") == [
        {
            "clap_cla_placement_id": "PL-A1-20230510",
            "clap_cla_id": "CLA-A1-20230510",
            "clap_person_id": "A1",
            "clap_cla_placement_start_date": D(2023, 5, 10),
            "clap_cla_placement_type": "U6",
            "clap_cla_placement_urn": "SC123456",
            "clap_cla_placement_provider": "PR1",
            "clap_cla_placement_postcode": "ME7 1NH",
            # ME14 1XQ (576017, 156294) to ME7 1NH (577123, 169155): 12,908 m = 8.0 miles
            "clap_cla_placement_distance": 8.0,
            "clap_cla_placement_end_date": D(2023, 11, 15),
            "clap_cla_placement_change_reason": "CARPL",
        },
        {
            "clap_cla_placement_id": "PL-A1-20231115",
            "clap_cla_id": "CLA-A1-20230510",
            "clap_person_id": "A1",
            "clap_cla_placement_start_date": D(2023, 11, 15),
            "clap_cla_placement_type": "U4",
            "clap_cla_placement_urn": "SC654321",
            "clap_cla_placement_provider": "PR4",
            "clap_cla_placement_postcode": "XX3 3CC",
            "clap_cla_placement_distance": None,  # not a real postcode
            "clap_cla_placement_end_date": None,
            "clap_cla_placement_change_reason": None,
        },
        {
            "clap_cla_placement_id": "PL-B2-20230601",
            "clap_cla_id": "CLA-B2-20230601",
            "clap_person_id": "B2",
            "clap_cla_placement_start_date": D(2023, 6, 1),
            "clap_cla_placement_type": "K2",
            "clap_cla_placement_urn": "SC111111",
            "clap_cla_placement_provider": "PR4",
            "clap_cla_placement_postcode": "XX5 5EE",
            "clap_cla_placement_distance": None,
            "clap_cla_placement_end_date": D(2024, 1, 31),
            "clap_cla_placement_change_reason": None,
        },
    ]


def test_legal_status() -> None:
    assert rows("ssd_legal_status") == [
        {
            "lega_legal_status_id": "LS-A1-20230510",
            "lega_person_id": "A1",
            "lega_legal_status": "C1",
            "lega_legal_status_start_date": D(2023, 5, 10),
            "lega_legal_status_end_date": D(2023, 8, 1),
        },
        {
            "lega_legal_status_id": "LS-A1-20230801",
            "lega_person_id": "A1",
            "lega_legal_status": "C2",
            "lega_legal_status_start_date": D(2023, 8, 1),
            "lega_legal_status_end_date": None,
        },
        {
            "lega_legal_status_id": "LS-B2-20230601",
            "lega_person_id": "B2",
            "lega_legal_status": "V2",
            "lega_legal_status_start_date": D(2023, 6, 1),
            "lega_legal_status_end_date": D(2024, 1, 31),
        },
    ]


def test_reviews_missing_uasc_address() -> None:
    assert rows("ssd_cla_reviews") == [
        {
            "clar_cla_review_id": f"RV-{c}-{d:%Y%m%d}",
            "clar_cla_id": cla,
            "clar_cla_person_id": c,
            "clar_cla_review_due_date": None,
            "clar_cla_review_date": d,
            "clar_cla_review_participation": code,
        }
        for c, cla, d, code in (
            ("A1", "CLA-A1-20230510", D(2023, 6, 1), "PN1"),
            ("A1", "CLA-A1-20230510", D(2023, 11, 20), "PN6"),
            ("B2", "CLA-B2-20230601", D(2023, 6, 28), "PN1"),
        )
    ]
    assert rows("ssd_missing") == [
        {
            "miss_table_id": "MS-A1-20230903",
            "miss_person_id": "A1",
            "miss_missing_episode_start_date": D(2023, 9, 3),
            "miss_missing_episode_type": "M",
            "miss_missing_episode_end_date": D(2023, 9, 5),
        }
    ]
    assert rows("ssd_immigration_status") == [
        {
            "immi_immigration_status_id": "UASC-B2",
            "immi_person_id": "B2",
            "immi_immigration_status_start_date": None,
            "immi_immigration_status_end_date": D(2025, 1, 20),
            "immi_immigration_status": "UASC",
        }
    ]
    assert rows("ssd_address") == [
        {
            "addr_table_id": "AD-A1-20230510",
            "addr_person_id": "A1",
            "addr_address_type": "HOME",
            "addr_address_start_date": D(2023, 5, 10),
            "addr_address_end_date": None,
            "addr_address_postcode": "ME14 1XQ",
        },
        {
            "addr_table_id": "AD-B2-20230601",
            "addr_person_id": "B2",
            "addr_address_type": "HOME",
            "addr_address_start_date": D(2023, 6, 1),
            "addr_address_end_date": None,
            "addr_address_postcode": "XX4 4DD",
        },
    ]


def test_no_findings_and_provenance() -> None:
    result = read_903([FIXTURE])
    assert result.findings == ()
    sources = {(p.table, p.column): p.source for p in result.provenance}
    assert sources[("ssd_cla_placement", "clap_cla_placement_type")] == (
        "SSDA903 Episodes.PLACE (2023-24)"
    )
    assert ("ssd_cla_reviews", "clar_cla_review_due_date") not in sources
    assert result.tables["ssd_permanence"].num_rows == 0
    assert result.tables["ssd_involvements"].num_rows == 0
