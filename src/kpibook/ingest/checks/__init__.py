"""The row-level validation rules, one module per family.

* :mod:`.values`: ``bad-date``, ``bad-number``, ``bad-flag``, ``missing-key``
* :mod:`.keys`: ``duplicate-key``
* :mod:`.references`: ``dangling-reference``
* :mod:`.dates`: ``end-before-start``, ``implausible-date``
* :mod:`.codes`: ``unknown-code``

Every rule is one SQL query per table or column over the staging tables;
nothing loops over rows in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import duckdb

from kpibook.ingest.checks.base import run_row_checks
from kpibook.ingest.checks.codes import code_checks
from kpibook.ingest.checks.dates import implausible_checks, range_checks
from kpibook.ingest.checks.keys import duplicate_keys
from kpibook.ingest.checks.references import reference_checks
from kpibook.ingest.checks.values import value_checks
from kpibook.ingest.staged import StagedTable
from kpibook.problems import Problem


def run_checks(
    con: duckdb.DuckDBPyConnection, staged: Sequence[StagedTable], today: dt.date
) -> list[Problem]:
    """Every row-level problem in ``staged`` (typed tables must already exist)."""
    by_name = {s.table.name: s for s in staged}
    problems: list[Problem] = []
    for table in staged:
        if not table.loaded:
            continue
        checks = [
            *value_checks(table),
            *range_checks(table),
            *implausible_checks(table, today),
            *code_checks(table),
            *reference_checks(table, by_name),
        ]
        problems.extend(run_row_checks(con, table, checks))
        problems.extend(duplicate_keys(con, table))
    return problems


__all__ = ["run_checks"]
