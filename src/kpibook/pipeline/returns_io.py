"""``import`` and ``export``: statutory returns into a data folder, and out of one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from kpibook.errors import ConfigError, InputError
from kpibook.problems import Problem
from kpibook.returns.annex_a.reader import read_annex_a
from kpibook.returns.annex_a.writer import write_annex_a
from kpibook.returns.cin.reader import read_cin
from kpibook.returns.cin.writer import SYNTHETIC_LEA, write_cin
from kpibook.returns.common import Imported, Provenance, write_dataset
from kpibook.returns.dataset import assemble, missing_columns, organisation
from kpibook.returns.ssd import read_ssd
from kpibook.returns.ssda903.read import read_903
from kpibook.returns.ssda903.write import write_903

FORMATS = ("903", "cin", "annex-a")


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import wrote."""

    out: Path
    rows: dict[str, int]
    findings: tuple[Problem, ...]
    provenance: tuple[Provenance, ...]

    @property
    def empty_tables(self) -> list[str]:
        """Tables no source supplied (written with their header only)."""
        return [name for name, n in self.rows.items() if n == 0]


def import_returns(
    out: Path,
    *,
    ssda903: Sequence[Path] = (),
    cin: Sequence[Path] = (),
    annex_a: Path | None = None,
    ssd: Path | None = None,
    council_id: str = "LA",
    council_name: str = "Council",
) -> ImportResult:
    """Read every return given, and write one complete data folder to ``out`` (all or nothing).

    Structural problems in any input stop the import with all of them listed
    (:class:`InputError`); data-quality findings go to ``data-quality.csv``.
    """
    if not (ssda903 or cin or annex_a or ssd):
        raise ConfigError("give at least one of --903, --cin, --annex-a, --ssd")
    imports: list[Imported] = []
    problems: list[Problem] = []
    readers: list[Callable[[], Imported]] = []
    if ssd is not None:
        readers.append(partial(read_ssd, ssd))
    if ssda903:
        readers.append(partial(read_903, ssda903))
    if cin:
        readers.append(partial(read_cin, cin))
    if annex_a is not None:
        readers.append(partial(read_annex_a, annex_a))
    for read in readers:
        try:
            imports.append(read())
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(
            f"the returns cannot be imported: {len(problems)} problem(s); nothing was written",
            problems,
        )
    if not any("local_org_units" in i.tables for i in imports):
        imports.append(organisation(council_id, council_name))
    tables, findings, provenance = assemble(imports)
    write_dataset(out, tables, findings, provenance)
    return ImportResult(out, {k: v.num_rows for k, v in tables.items()}, findings, provenance)


def not_supplied(result: ImportResult) -> dict[str, tuple[str, ...]]:
    """Columns no source supplied, by table (only tables with some)."""
    return {t: cols for t, cols in missing_columns(result.provenance).items() if cols}


def export_return(
    data: Path,
    fmt: str,
    out: Path,
    *,
    year: str | None = None,
    period_end: dt.date | None = None,
    la_code: str = SYNTHETIC_LEA,
) -> list[Path]:
    """Write one return from a data folder: 903 CSVs or CIN XML for a year, or Annex A.

    ``la_code``: the council's three-digit DfE local authority number (the
    synthetic council uses Kent's, 886).
    """
    if fmt == "903":
        if year is None:
            raise ConfigError("--year is needed for the 903 (e.g. 2023-24)")
        return sorted(write_903(data, year, out, la_number=la_code).values())
    if fmt == "cin":
        if year is None:
            raise ConfigError("--year is needed for the CIN census (e.g. 2023-24)")
        return [write_cin(data, year, out, lea=la_code)]
    if fmt == "annex-a":
        if period_end is None:
            raise ConfigError("--month is needed for Annex A (the month the lists run to)")
        return [write_annex_a(data, period_end, out)]
    raise ConfigError(f"--format must be one of {', '.join(FORMATS)}, not '{fmt}'")
