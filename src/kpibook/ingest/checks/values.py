"""Values that cannot be read (``bad-date``, ``bad-number``, ``bad-flag``) and
empty key values (``missing-key``).

A date that cannot be read is always an error. A number or flag that cannot
be read is an error in a key column and a warning elsewhere (the value is
loaded as empty). An empty value in a column that may not be empty is an
error.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

from kpibook.ingest import rules
from kpibook.ingest.checks.base import RowCheck, shown
from kpibook.ingest.convert import is_flag, is_key
from kpibook.ingest.sql import is_null, not_null
from kpibook.ingest.staged import StagedTable
from kpibook.model import Column, ColumnType, Table
from kpibook.problems import Severity

DATE_HINT = (
    "Write dates as YYYY-MM-DD (e.g. 2024-03-31) or DD/MM/YYYY (31/03/2024); a time after "
    "the date (YYYY-MM-DD HH:MM:SS) is accepted and ignored. Correct the value in the "
    "source system or the export."
)
NUMBER_HINT = (
    "Write numbers with digits only, a full stop for decimals and no thousands separators, "
    "units or spaces (e.g. 12 or 12.5)."
)
FLAG_HINT = "Use Y for yes and N for no; leave the value empty if it is not known."
MISSING_KEY_HINT = (
    "Fill in the value in the source system, or remove the row if it is not a real record."
)


@dataclass(frozen=True, slots=True)
class _ValueMessage:
    """Builds ``<the value 'x'> <phrase>``, hiding personal values."""

    column: Column
    phrase: str

    def __call__(self, values: tuple[object, ...]) -> str:
        return shown(self.column, values[0] if values else None) + " " + self.phrase


@dataclass(frozen=True, slots=True)
class _FixedMessage:
    """The same message for every row."""

    message: str

    def __call__(self, values: tuple[object, ...]) -> str:
        return self.message


def value_checks(staged: StagedTable) -> list[RowCheck]:
    """Checks for unreadable values and empty key values in ``staged``."""
    checks: list[RowCheck] = []
    for column in staged.present():
        text, value = staged.text(column.name), staged.value(column.name)
        parse = _parse_rule(staged.table, column)
        if parse is not None:
            rule, severity, phrase, hint = parse
            checks.append(
                RowCheck(
                    rule=rule,
                    severity=severity,
                    column=column.name,
                    condition=exp.and_(not_null(text.copy()), is_null(value), copy=False),
                    describe=_ValueMessage(column, phrase),
                    hint=hint,
                    values=() if column.personal else (text,),
                )
            )
        if not column.nullable:
            checks.append(
                RowCheck(
                    rule=rules.MISSING_KEY,
                    severity=Severity.ERROR,
                    column=column.name,
                    condition=is_null(staged.text(column.name)),
                    describe=_FixedMessage(
                        f"{column.name} is empty, but it identifies or links rows and must "
                        "always have a value."
                    ),
                    hint=MISSING_KEY_HINT,
                )
            )
    return checks


def _parse_rule(table: Table, column: Column) -> tuple[str, Severity, str, str] | None:
    """(rule, severity, message phrase, hint) for a column whose values can fail to parse."""
    key = is_key(table, column)
    severity = Severity.ERROR if key else Severity.WARNING
    consequence = (
        ": the column identifies or links rows, so the table cannot be used until it is fixed."
        if key
        else ", so it was loaded as empty."
    )
    if is_flag(column):
        return rules.BAD_FLAG, severity, "is not Y or N" + consequence, FLAG_HINT
    if column.type is ColumnType.DATE:
        return (
            rules.BAD_DATE,
            Severity.ERROR,
            "is not a date kpibook can read, so the table cannot be used until it is fixed.",
            DATE_HINT,
        )
    if column.type is ColumnType.INTEGER:
        return rules.BAD_NUMBER, severity, "is not a whole number" + consequence, NUMBER_HINT
    if column.type is ColumnType.DECIMAL:
        return rules.BAD_NUMBER, severity, "is not a number" + consequence, NUMBER_HINT
    return None
