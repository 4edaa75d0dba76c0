"""Coded values that are not in their code list (``unknown-code``).

A value is compared, after removing surrounding spaces, with every code valid
in any version of the column's code list, case-sensitively. Flag columns are
left to ``bad-flag``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

from kpibook.ingest import rules
from kpibook.ingest.checks.base import RowCheck, shown
from kpibook.ingest.convert import is_flag
from kpibook.ingest.sql import func, param
from kpibook.ingest.staged import StagedTable
from kpibook.model import Column, codelist
from kpibook.problems import Severity

MAX_CODES_IN_HINT = 20
"""Code lists up to this long are spelt out in the hint."""


@dataclass(frozen=True, slots=True)
class _UnknownCode:
    column: Column
    list_name: str

    def __call__(self, values: tuple[object, ...]) -> str:
        value = values[0] if values else None
        return (
            f"{shown(self.column, value)} is not a code of the code list {self.list_name}, "
            "so the row may be missed or misplaced in indicators."
        )


def code_hint(list_name: str, codes: frozenset[str]) -> str:
    """What to do about an unknown code of ``list_name``."""
    if len(codes) <= MAX_CODES_IN_HINT:
        allowed = "one of: " + ", ".join(sorted(codes))
    else:
        allowed = f"a code of the list {list_name} (see docs/data-model.md)"
    return f"Use {allowed}. Codes are case-sensitive; correct or map the value in the export."


def code_checks(staged: StagedTable) -> list[RowCheck]:
    """``unknown-code`` checks for every coded column of ``staged``."""
    checks: list[RowCheck] = []
    for column in staged.present():
        if column.codelist is None or is_flag(column):
            continue
        codes = codelist(column.codelist).all_codes
        value = staged.value(column.name)
        condition = exp.and_(
            exp.Not(this=exp.Is(this=value.copy(), expression=exp.Null())),
            exp.Not(this=func("list_contains", param("codes"), value.copy())),
        )
        checks.append(
            RowCheck(
                rule=rules.UNKNOWN_CODE,
                severity=Severity.WARNING,
                column=column.name,
                condition=condition,
                describe=_UnknownCode(column, column.codelist),
                hint=code_hint(column.codelist, codes),
                values=() if column.personal else (value,),
                params={"codes": sorted(codes)},
            )
        )
    return checks
