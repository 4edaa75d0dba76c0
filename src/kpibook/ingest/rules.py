"""The validation rules: stable ids, severities and what each one checks.

Rule ids appear in every problem message (``[missing-column]``), in
``kpibook check --json`` output and in ``docs/validation.md``; they never
change meaning once released.
"""

from __future__ import annotations

from dataclasses import dataclass

MISSING_FOLDER = "missing-folder"
MISSING_FILE = "missing-file"
DUPLICATE_FILE = "duplicate-file"
UNREADABLE_FILE = "unreadable-file"
MISSING_COLUMN = "missing-column"
DUPLICATE_COLUMN = "duplicate-column"
BAD_DATE = "bad-date"
BAD_NUMBER = "bad-number"
BAD_FLAG = "bad-flag"
MISSING_KEY = "missing-key"
DUPLICATE_KEY = "duplicate-key"
DANGLING_REFERENCE = "dangling-reference"
END_BEFORE_START = "end-before-start"
IMPLAUSIBLE_DATE = "implausible-date"
UNKNOWN_CODE = "unknown-code"
UNKNOWN_COLUMN = "unknown-column"
UNKNOWN_FILE = "unknown-file"

ROWS_LISTED = 20
"""At most this many problems are listed per rule and column (or per table for
duplicate keys); one more problem then says how many more rows there are."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One validation rule, as documented.

    Attributes:
        id: the stable rule id.
        severity: ``error``, ``warning`` or a sentence saying when each applies.
        checks: what the rule checks, in plain English.
    """

    id: str
    severity: str
    checks: str


RULES: tuple[Rule, ...] = (
    Rule(MISSING_FOLDER, "error", "The data folder exists and is a folder."),
    Rule(MISSING_FILE, "error", "Every required table has a file in the folder."),
    Rule(
        DUPLICATE_FILE,
        "error",
        "A table has only one file (not both a .csv and a .parquet, or two spellings).",
    ),
    Rule(
        UNREADABLE_FILE,
        "error",
        "The file can be read: UTF-8, comma-separated, every line with as many fields as "
        "the header, or a valid Parquet file.",
    ),
    Rule(MISSING_COLUMN, "error", "Every required column of the table is in the file."),
    Rule(DUPLICATE_COLUMN, "error", "No column name appears twice in the header."),
    Rule(
        BAD_DATE,
        "error",
        "Every value of a date column is a date kpibook can read.",
    ),
    Rule(
        BAD_NUMBER,
        "error in key columns, warning otherwise",
        "Every value of a number column is a number (whole number for integer columns).",
    ),
    Rule(
        BAD_FLAG,
        "error in key columns, warning otherwise",
        "Every value of a Y/N flag column is Y or N.",
    ),
    Rule(MISSING_KEY, "error", "Columns that identify or link rows are never empty."),
    Rule(DUPLICATE_KEY, "error", "No two rows of a table have the same primary key."),
    Rule(
        DANGLING_REFERENCE,
        "warning",
        "Every identifier that points at another table's row finds that row.",
    ),
    Rule(
        END_BEFORE_START,
        "warning",
        "End dates are not before their start dates.",
    ),
    Rule(
        IMPLAUSIBLE_DATE,
        "warning",
        "Dates are within a plausible range (see the bounds in the documentation).",
    ),
    Rule(UNKNOWN_CODE, "warning", "Coded values come from the column's code list."),
    Rule(UNKNOWN_COLUMN, "warning", "Every column of a file is part of the data model."),
    Rule(UNKNOWN_FILE, "warning", "Every file in the folder belongs to a table."),
)
"""Every rule, in the order ``docs/validation.md`` lists them."""
