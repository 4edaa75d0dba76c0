"""Primary keys used by more than one row (duplicate-key)."""

from __future__ import annotations

from kpibook.problems import Severity


def test_duplicate_key_is_an_error_at_the_repeated_row(dataset, check, only) -> None:
    dataset.set("ssd_person", 3, "pers_person_id", "P1")
    problem = only(check(dataset, tables=("ssd_person",)), "duplicate-key")
    assert problem.severity is Severity.ERROR
    assert (problem.file, problem.row, problem.column) == ("ssd_person.csv", 3, "pers_person_id")
    assert "rows 1, 3" in problem.message
    assert "P1" not in problem.message  # person identifiers are personal data: never shown


def test_duplicate_non_personal_key_is_quoted(dataset, check, only) -> None:
    first = dataset.rows["ssd_disability"][0]
    dataset.rows["ssd_disability"] += [dict(first)]
    problem = only(check(dataset, tables=("ssd_disability",)), "duplicate-key")
    assert repr(first["disa_table_id"]) in problem.message


def test_keys_are_compared_after_trimming(dataset, check, only) -> None:
    dataset.set("ssd_person", 2, "pers_person_id", " P1 ")
    problem = only(check(dataset, tables=("ssd_person",)), "duplicate-key")
    assert problem.row == 2


def test_composite_key(dataset, check, only) -> None:
    first = dataset.rows["ssd_assessment_factors"][0]
    dataset.rows["ssd_assessment_factors"] += [dict(first), {**first, "cinf_table_id": "F2"}]
    problem = only(check(dataset, tables=("ssd_assessment_factors",)), "duplicate-key")
    assert problem.row == 2
    assert problem.column == "cinf_table_id, cinf_assessment_id"
    assert "('F1', 'AS1')" in problem.message


def test_many_duplicated_keys_are_capped_with_exact_counts(dataset, check) -> None:
    base = dataset.rows["ssd_disability"][0]
    dataset.rows["ssd_disability"] = [
        {**base, "disa_table_id": f"D{i // 2}"} for i in range(50)
    ] + [{**base, "disa_table_id": "BIG"} for _ in range(15)]
    found = check(dataset, tables=("ssd_disability",)).problems
    assert [p.rule for p in found] == ["duplicate-key"] * 21
    assert found[0].row == 2 and "rows 1, 2" in found[0].message
    assert found[20].row is None
    assert "6 more duplicated keys" in found[20].message
    assert "(26 in all)" in found[20].message and "65 rows" in found[20].message


def test_rows_sharing_one_key_are_named_up_to_ten(dataset, check) -> None:
    base = dataset.rows["ssd_disability"][0]
    dataset.rows["ssd_disability"] = [{**base, "disa_table_id": "BIG"} for _ in range(15)]
    (problem,) = check(dataset, tables=("ssd_disability",)).problems
    assert "used by 15 rows (rows 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 5 more)" in problem.message
