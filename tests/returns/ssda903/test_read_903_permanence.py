"""Permanence milestones derived from the episodes and AD1, worked by hand.

Child P (2022-23 return): S 01/04/2021 under an interim care order in a
fostering-for-adoption placement (U5); L 01/10/2021 placement order (E1), same
placement; T 01/02/2022 placed for adoption with the same carers (A5);
adopted 01/09/2022 (E12). AD1: decision 15/09/2021, matched 10/01/2022,
adopted by the foster carer (1), one adopter, female, single adopter (L0).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpibook.returns.ssda903.read import read_903

D = dt.date


def test_adoption_milestones(tmp_path: Path) -> None:
    folder = tmp_path / "2022-23"
    folder.mkdir()
    (folder / "header.csv").write_text(
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nP,2,01/03/2021,WBRI,,,\n", encoding="utf-8"
    )
    (folder / "episodes.csv").write_text(
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
        "HOME_POST,PL_POST,URN\n"
        "P,01/04/2021,S,C1,N1,U5,PR1,01/10/2021,X1,,,,\n"
        "P,01/10/2021,L,E1,N1,U5,PR1,01/02/2022,X1,PLACE,,,\n"
        "P,01/02/2022,T,E1,N1,A5,PR1,01/09/2022,E12,,,,\n",
        encoding="utf-8",
    )
    (folder / "ad1.csv").write_text(
        "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n"
        "P,01/03/2021,15/09/2021,10/01/2022,1,1,F1,L0\n",
        encoding="utf-8",
    )
    result = read_903([folder])
    assert result.findings == ()
    assert result.tables["ssd_permanence"].to_pylist() == [
        {
            "perm_table_id": "PM-P-20210401",
            "perm_person_id": "P",
            "perm_cla_id": "CLA-P-20210401",
            "perm_adm_decision_date": D(2021, 9, 15),
            "perm_placement_order_date": D(2021, 10, 1),
            "perm_matched_date": D(2022, 1, 10),
            "perm_adopter_sex": "F1",
            "perm_adopter_legal_status": "L0",
            "perm_number_of_adopters": 1,
            "perm_placed_for_adoption_date": D(2022, 2, 1),
            "perm_adopted_by_carer_flag": "Y",
            "perm_placed_foster_carer_date": D(2021, 4, 1),
            "perm_placed_ffa_cp_date": D(2021, 4, 1),
            "perm_decision_reversed_date": None,
            "perm_decision_reversed_reason": None,
            "perm_permanence_order_date": D(2022, 9, 1),
            "perm_permanence_order_type": "ADOPTION",
        }
    ]
    # One placement: the L episode keeps it, and T (same carers) starts the adoptive one.
    places = result.tables["ssd_cla_placement"].to_pylist()
    assert [(p["clap_cla_placement_type"], p["clap_cla_placement_end_date"]) for p in places] == [
        ("U5", D(2022, 2, 1)),
        ("A5", D(2022, 9, 1)),
    ]


def test_decisions_belong_to_the_period_of_care_they_were_made_in(tmp_path: Path) -> None:
    """A 903 holds only the year's episodes, but PlacedAdoption keeps older decisions.

    2023-24 return, worked by hand:

    * Q entered care before the year: the return's first episode is L on
      01/06/2023 (placement order E1, still open). Decision 10/01/2023, before
      that episode: it belongs to Q's period of care (which began before the
      return), not to none (where it would count as current in every later one).
    * R: S 01/04/2023, home on 01/07/2023 (E13); S again 01/10/2023 (open).
      Decision 01/08/2023, between the two: no period of care holds it.
    * T: S 01/05/2023 (open). Decision 01/02/2023, before a period of care
      that starts in the return (RNE S): no period of care holds it.
    * U: L 01/06/2023 (open); AD1 decision 10/01/2023 and the same decision in
      PlacedAdoption: one permanence row for the period of care.
    """
    folder = tmp_path / "2023-24"
    folder.mkdir()
    (folder / "header.csv").write_text(
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
        "Q,1,01/03/2020,WBRI,,,\nR,2,01/03/2019,WBRI,,,\n"
        "T,1,01/03/2018,WBRI,,,\nU,2,01/03/2021,WBRI,,,\n",
        encoding="utf-8",
    )
    (folder / "episodes.csv").write_text(
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
        "HOME_POST,PL_POST,URN\n"
        "Q,01/06/2023,L,E1,N1,U4,PR1,,,,,,\n"
        "R,01/04/2023,S,C2,N1,U4,PR1,01/07/2023,E13,,,,\n"
        "R,01/10/2023,S,C2,N1,U4,PR1,,,,,,\n"
        "T,01/05/2023,S,C2,N1,U4,PR1,,,,,,\n"
        "U,01/06/2023,L,E1,N1,U4,PR1,,,,,,\n",
        encoding="utf-8",
    )
    (folder / "placed_for_adoption.csv").write_text(
        "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n"
        "Q,01/03/2020,10/01/2023,,\n"
        "R,01/03/2019,01/08/2023,,\n"
        "T,01/03/2018,01/02/2023,,\n"
        "U,01/03/2021,10/01/2023,,\n",
        encoding="utf-8",
    )
    (folder / "ad1.csv").write_text(
        "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n"
        "U,01/03/2021,10/01/2023,01/03/2024,0,1,F1,L0\n",
        encoding="utf-8",
    )
    result = read_903([folder])
    got = [
        (r["perm_person_id"], r["perm_cla_id"], r["perm_adm_decision_date"], r["perm_matched_date"])
        for r in result.tables["ssd_permanence"].to_pylist()
    ]
    assert got == [
        ("Q", "CLA-Q-20230601", D(2023, 1, 10), None),
        ("R", None, D(2023, 8, 1), None),
        ("T", None, D(2023, 2, 1), None),
        ("U", "CLA-U-20230601", D(2023, 1, 10), D(2024, 3, 1)),
    ]
