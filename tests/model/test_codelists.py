"""Code lists: versions in force on a given day."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest

from kpibook.model import codelist, load_codelists
from kpibook.returns.ssda903.codes import field_codes


def test_k3_is_valid_only_from_april_2024() -> None:
    placement = codelist("placement_type")
    assert "K3" not in placement.codes_at(dt.date(2024, 3, 31))
    assert "K3" in placement.codes_at(dt.date(2024, 4, 1))
    assert "K3" in placement.codes_at(dt.date(2026, 1, 1))


def test_h5_is_gone_from_april_2025() -> None:
    placement = codelist("placement_type")
    assert "H5" in placement.codes_at(dt.date(2016, 8, 31))
    assert "H5" in placement.codes_at(dt.date(2025, 3, 31))
    assert "H5" not in placement.codes_at(dt.date(2025, 4, 1))


def test_days_before_the_first_version_use_the_first_version() -> None:
    placement = codelist("placement_type")
    assert placement.codes_at(dt.date(1990, 1, 1)) == placement.versions[0].codes


def test_all_codes_include_every_version() -> None:
    assert {"H5", "K3", "Z11"} <= codelist("placement_type").all_codes


def test_every_list_has_versions_in_date_order_without_overlap() -> None:
    for name, codes in load_codelists().items():
        assert codes.versions, name
        for before, after in pairwise(codes.versions):
            assert before.valid_to is not None, name
            assert before.valid_to < after.valid_from, name


def test_unknown_list_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="placement_type"):
        codelist("no_such_list")


def test_adopters_legal_status_is_the_dfe_list() -> None:
    """The model's codes are the 903's LS_ADOPTR codes in every year, labelled as the DfE does.

    The labels follow the DfE 903 validation rules (2022-23 to 2026-27), which tie
    each code to the adopters' sex: 514 L0 a single adopter (M1, F1); 520 L11 a
    married couple of different sexes (MF); 524 L12 of the same sex (MM, FF); 519
    L2 civil partners; 517 L3 an unmarried couple of different sexes (MF); 518 L4
    of the same sex (MM, FF).
    """
    legal = codelist("adopter_legal_status")
    ls_adoptr = field_codes("LS_ADOPTR")
    for year in range(2016, 2027):
        codes = legal.codes_at(dt.date(year, 4, 1))
        assert set(codes) == set(ls_adoptr.version(year).codes), year
        assert codes == {
            "L0": "Single adopter",
            "L11": "Married couple of different sexes",
            "L12": "Married couple of the same sex",
            "L2": "Civil partners",
            "L3": "Unmarried couple of different sexes",
            "L4": "Unmarried couple of the same sex",
        }
