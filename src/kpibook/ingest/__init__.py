"""Loading a folder of table files into DuckDB, and validating it.

A data folder holds one file per table of the data model, named
``<table>.csv`` (UTF-8, comma-separated, with a header line) or
``<table>.parquet``. :func:`load_folder` reads them all as text, converts each
column to its model type, and checks every rule in ``docs/validation.md``,
returning the connection and every :class:`~kpibook.problems.Problem`.

Row numbers in problems are 1-based data rows: the header is not counted, so
row N is the Nth data row (line N+1 of a CSV file without blank lines or
values spanning lines).
"""

from __future__ import annotations

from kpibook.ingest.load import LoadResult, load_folder, load_or_fail
from kpibook.ingest.report import CheckReport, check_folder, problem_record
from kpibook.ingest.rules import RULES, Rule

__all__ = [
    "RULES",
    "CheckReport",
    "LoadResult",
    "Rule",
    "check_folder",
    "load_folder",
    "load_or_fail",
    "problem_record",
]
