"""Reading SSDA903 returns (CSV tables and/or XML, one or more years) into the data model.

:func:`read_903` takes folders and files:

* a folder is searched (with its sub-folders) for ``.csv`` and ``.xml`` files;
* each CSV file is recognised by its exact column set (:func:`.spec.identify`),
  never by its name; CSV files in one folder form one return, unless their
  names carry different collection years (``2022-23`` or ``2023`` style, see
  :func:`year_in_name`), in which case each year's files form a return;
* each XML file is one return.

A return's collection year is the one named in its file or folder name; if
none is named, the year of the latest date in the return. Several years are
combined by :func:`kpibook.returns.ssda903.combine.combine` (later years
supersede earlier ones for the same child), then mapped to the data model by
:mod:`kpibook.returns.ssda903.mapping`.

Structural problems anywhere (unreadable file, unknown column set, a key
field empty or unreadable, malformed or unsafe XML, two returns for one year)
are all collected and raised together as one
:class:`~kpibook.errors.InputError`; nothing is returned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from kpibook.errors import InputError
from kpibook.problems import Problem
from kpibook.returns.common import Imported, structural
from kpibook.returns.ssda903.assemble import to_model
from kpibook.returns.ssda903.combine import Return, combine, dedupe
from kpibook.returns.ssda903.raw import RawReturn, Row, type_rows
from kpibook.returns.ssda903.read_csv import read_csv_table
from kpibook.returns.ssda903.read_xml import read_xml_return
from kpibook.returns.ssda903.spec import year_label, year_of

_SPAN = re.compile(r"(?<!\d)(20\d\d)[-_](\d\d)(?!\d)")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_NOT_EVENTS = frozenset({"DOB", "MC_DOB", "DUC", "DATE_PERM"})
"""Dates that do not date an event of the year (DUC is often the 18th birthday, ahead)."""


def year_in_name(name: str) -> int | None:
    """The collection year a file or folder name gives, if any.

    ``2023-24`` or ``2023_24`` is the 2023-24 return; a lone ``2024`` is the
    return for the year *ending* in March 2024 (2023-24), as the sector's
    file names (``SSDA903_2024_episodes.csv``) use it.
    """
    match = _SPAN.search(name)
    if match and (int(match.group(1)) + 1) % 100 == int(match.group(2)):
        return int(match.group(1))
    match = _YEAR.search(name)
    return int(match.group(1)) - 1 if match else None


def _files(sources: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    problems: list[Problem] = []
    seen: dict[Path, None] = {}
    for source in sources:
        if source.is_dir():
            found = sorted(
                p for p in source.rglob("*") if p.is_file() and p.suffix.lower() in {".csv", ".xml"}
            )
            if not found:
                problems.append(
                    structural(
                        source,
                        "no-903-files",
                        "the folder holds no .csv or .xml files",
                        "give the folder holding the 903 return's tables",
                    )
                )
            for p in found:
                seen.setdefault(p.resolve(), None)
        elif source.is_file():
            if source.suffix.lower() not in {".csv", ".xml"}:
                problems.append(
                    structural(
                        source,
                        "unknown-file-type",
                        "a 903 return is CSV tables or one XML file",
                        "give .csv or .xml files, or the folder holding them",
                    )
                )
            else:
                seen.setdefault(source.resolve(), None)
        else:
            problems.append(
                structural(source, "source-missing", "no such file or folder", "check the path")
            )
    return list(seen), problems


def _gather(sources: Sequence[Path]) -> tuple[list[RawReturn], list[Problem]]:
    files, problems = _files(sources)
    returns: list[RawReturn] = []
    groups: dict[tuple[Path, int | None], RawReturn] = {}
    for path in files:
        if path.suffix.lower() == ".xml":
            tables, found = read_xml_return(path)
            problems.extend(found)
            raw = RawReturn(str(path), "XML", year_in_name(path.name), tables)
            raw.files = {t: str(path) for t in tables}
            returns.append(raw)
            continue
        spec, rows, found = read_csv_table(path)
        problems.extend(found)
        hint = year_in_name(path.name)
        if hint is None:
            hint = year_in_name(path.parent.name)
        key = (path.parent, hint)
        if key not in groups:
            groups[key] = RawReturn(str(path.parent), "CSV", hint)
            returns.append(groups[key])
        group = groups[key]
        if spec is None:
            continue
        if spec.name in group.files:
            problems.append(
                structural(
                    path,
                    "duplicate-table",
                    f"a second {spec.name} table for the same return "
                    f"(the first is {group.files[spec.name]})",
                    "keep one file per table per year, or name each file's year",
                )
            )
            continue
        group.files[spec.name] = str(path)
        group.tables[spec.name] = rows
    return returns, problems


def _year(raw: RawReturn, rows: dict[str, list[Row]]) -> int | None:
    if raw.year_hint is not None:
        return raw.year_hint
    days = [
        d
        for table in rows.values()
        for r in table
        for col, d in r.dates.items()
        if d is not None and col not in _NOT_EVENTS
    ]
    return year_of(max(days)) if days else None


def read_903(sources: Sequence[Path]) -> Imported:
    """Read 903 returns (folders and/or files, CSV and/or XML, one or more years).

    Returns the data-model tables the 903 fills, every data-quality finding
    (WARNING problems with file, row, column and rule) and the provenance of
    each column filled. Raises :class:`~kpibook.errors.InputError` listing
    every structural problem if there is any.
    """
    raws, problems = _gather(sources)
    findings: list[Problem] = []
    returns: list[Return] = []
    for raw in raws:
        if not raw.tables:
            continue
        typed, errors, found = type_rows(raw)
        problems.extend(errors)
        findings.extend(found)
        year = _year(raw, typed)
        if year is None:
            problems.append(
                structural(
                    raw.name,
                    "year-unknown",
                    "the return holds no dates to tell its collection year from",
                    "put the year in the folder or file name, e.g. 2023-24",
                )
            )
            continue
        for rows in typed.values():
            for r in rows:
                r.year = year
        tables, dupes = dedupe(typed)
        findings.extend(dupes)
        returns.append(Return(raw.name, raw.kind, year, tables, raw.files))
    by_year: dict[int, Return] = {}
    for ret in returns:
        if ret.year in by_year:
            problems.append(
                structural(
                    ret.name,
                    "duplicate-year",
                    f"a second return for {year_label(ret.year)} "
                    f"(the first is {by_year[ret.year].name})",
                    "give one return per collection year",
                )
            )
        by_year[ret.year] = ret
    if not problems and not returns:
        problems.append(
            structural(
                ", ".join(str(s) for s in sources) or "(none)",
                "no-903-files",
                "no 903 return was found",
                "give the 903 folder, CSV files or XML file",
            )
        )
    if problems:
        raise InputError(f"the 903 return cannot be read: {len(problems)} problem(s)", problems)
    ordered = [by_year[y] for y in sorted(by_year)]
    combined, found = combine(ordered)
    findings.extend(found)
    tables, provenance, found = to_model(combined, ordered)
    findings.extend(found)
    return Imported(tables, tuple(findings), tuple(provenance))
