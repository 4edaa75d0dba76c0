"""Write the SSDA903 return (CSV tables) for one collection year from the data model.

``write_903(data, "2023-24", out)`` loads the data-model folder ``data`` (checked
as ``kpibook check`` does), builds the 903 tables for 1 April 2023 – 31 March
2024 and writes them, with the column names the DfE validator expects
(csc-validator-be-903 ``lac_validator/config.py``) and ``dd/mm/yyyy`` dates, to
``out``. The previous collection year's tables go to ``out/previous/``: several
DfE rules compare this year's return with last year's (the ``_last`` tables).
The folder is replaced only when everything has been written.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kpibook.ingest import load_or_fail
from kpibook.returns.ssda903.spec import TABLES
from kpibook.returns.ssda903.write_oc2 import oc2_rows
from kpibook.returns.ssda903.write_outcomes import (
    ad1_rows,
    oc3_cohort,
    oc3_rows,
    placed_adoption_rows,
    prev_perm_rows,
    sw_episode_rows,
)
from kpibook.returns.ssda903.write_tables import (
    Model,
    Row,
    Year,
    episodes_rows,
    header_rows,
    missing_rows,
    reviews_rows,
    uasc_rows,
)

WRITTEN = (
    "Header",
    "Episodes",
    "Reviews",
    "UASC",
    "OC2",
    "OC3",
    "AD1",
    "PlacedAdoption",
    "PrevPerm",
    "Missing",
    "SWEpisodes",
)
"""The 903 tables kpibook writes (not DoLo, from 2026-27: the data model has no such orders)."""

COLUMNS: dict[str, tuple[str, ...]] = {name: TABLES[name].columns for name in WRITTEN}
"""903 tables and their columns, in the DfE validator's order (from :mod:`.spec`)."""

FILE_NAMES: dict[str, str] = {name: f"{TABLES[name].file_stem}.csv" for name in WRITTEN}
"""File written for each table (the validator recognises a table by its columns)."""

PREVIOUS_DIR = "previous"
"""Sub-folder of the output holding the previous collection year's tables."""

SW_EPISODES_FROM = 2023
"""First collection year (its April) with the SWEpisodes table."""


def build_903(
    model: Model,
    year: Year,
    *,
    history: bool = False,
    la_number: str | None = None,
    coding: int | None = None,
) -> dict[str, list[Row]]:
    """The 903 tables for one collection year, rows in file order.

    With ``history`` (the previous year's return, read by the DfE rules as the
    ``_last`` tables), Episodes holds every earlier episode of the children too,
    as a stack of earlier returns would: the care-leaver rules look back to the
    child's 14th birthday. ``coding`` (a collection year's first calendar year)
    records SEX and H5 URNs as that year's return does: the previous year's
    tables are written in the current year's terms, so that the year-on-year
    rules (202: SEX unchanged; 503F: URN unchanged) compare like with like when
    the recording changes (SEX 1/2 to M/F in 2024-25; H5 URNs from 2023-24).
    """
    episodes = episodes_rows(model, year, coding=coding)
    looked_after = {str(r["CHILD"]) for r in episodes}
    leavers = oc3_cohort(model, year)
    tables: dict[str, list[Row]] = {
        "Header": header_rows(model, year, looked_after | set(leavers), looked_after, coding),
        "Episodes": episodes_rows(model, year, history=True, coding=coding)
        if history
        else episodes,
        "Reviews": reviews_rows(model, year, looked_after),
        "UASC": uasc_rows(model, year, looked_after | set(leavers), coding),
        "OC2": oc2_rows(model, year, looked_after),
        "OC3": oc3_rows(model, year, leavers),
        "AD1": ad1_rows(model, year),
        "PlacedAdoption": placed_adoption_rows(model, year, looked_after),
        "PrevPerm": prev_perm_rows(model, year, la_number),
        "Missing": missing_rows(model, year, looked_after, episodes),
    }
    if year.start.year >= SW_EPISODES_FROM:
        tables["SWEpisodes"] = sw_episode_rows(model, year, episodes)
    return tables


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _write_csv(path: Path, columns: Sequence[str], rows: Sequence[Row]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_text(row.get(c)) for c in columns])


def write_903(
    data: Path,
    year: str,
    out: Path,
    *,
    previous: bool = True,
    la_number: str | None = None,
) -> dict[str, Path]:
    """Write the 903 CSVs for collection ``year`` (e.g. ``"2023-24"``) from ``data`` to ``out``.

    Returns the path written for each table, keyed by the validator's table name
    (``"Episodes"``; ``"Episodes_last"`` for the previous year's, when
    ``previous``). ``la_number`` is the council's three-digit DfE number
    (Kent: 886), written as LA_PERM where a child had a permanence order before
    coming into care. Raises ValueError for a malformed year and
    :class:`~kpibook.errors.InputError` when the data folder cannot be used;
    nothing is written then, and an existing ``out`` is replaced only on success.
    """
    target = Year.parse(year)
    result = load_or_fail(Path(data))
    try:
        model = Model.read(result.con)
    finally:
        result.con.close()
    sets = {"": build_903(model, target, la_number=la_number)}
    if previous:
        sets["_last"] = build_903(
            model,
            target.previous(),
            history=True,
            la_number=la_number,
            coding=target.start.year,
        )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    written: dict[str, Path] = {}
    try:
        for suffix, tables in sets.items():
            folder = staging / PREVIOUS_DIR if suffix else staging
            folder.mkdir(exist_ok=True)
            for name, rows in tables.items():
                _write_csv(folder / FILE_NAMES[name], COLUMNS[name], rows)
                relative = (
                    Path(PREVIOUS_DIR, FILE_NAMES[name]) if suffix else Path(FILE_NAMES[name])
                )
                written[name + suffix] = out / relative
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            out.rename(old / "x")
            staging.rename(out)
            shutil.rmtree(old)
        else:
            staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written
