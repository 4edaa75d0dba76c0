"""The SSDA903 return's tables and columns, by collection year, as data.

The 903 is submitted as CSV tables (one file per table, with a header row)
or as one XML file. This module says which tables exist in which collection
year, their columns in file order, the columns that identify a row, and which
columns hold dates (``dd/mm/yyyy``). Readers and writers both use it.

A collection year is named by the calendar year it starts in: ``2023`` is the
2023-24 return, covering 1 April 2023 to 31 March 2024.

Column sets have been stable since 2016-17 apart from the social worker
episodes table (``SWEpisodes``, from 2023-24) and deprivation of liberty
orders (``DoLo``, from 2026-27). Sources: the DfE 903 guides, as transcribed
in the public validator's column configuration (see ``docs/returns-903.md``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

FIRST_YEAR = 2016
"""The first collection year (2016-17) whose column sets this module describes."""


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One 903 table.

    Attributes:
        name: the table's name as the sector's tools use it (``Episodes``).
        columns: the columns in file order (a CSV is recognised by this exact set).
        key: the columns that identify a row within one return.
        dates: the columns holding dates (``dd/mm/yyyy``).
        required: columns that must hold a readable value in every row (an empty
            or unreadable value is a structural problem).
        first_year: first collection year the table is collected.
        last_year: last collection year, or None while still collected.
        xml_element: the XML element one row comes from (``EPISODE``, ``AREVIEW``,
            ...); ``HEADER`` for tables whose fields sit on the child's header.
        file_stem: the usual file name stem when written as CSV.
    """

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    dates: tuple[str, ...]
    required: tuple[str, ...]
    first_year: int
    last_year: int | None
    xml_element: str
    file_stem: str

    def collected_in(self, year: int) -> bool:
        """Whether the table is part of the ``year`` return."""
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


def _t(
    name: str,
    columns: str,
    key: str,
    dates: str,
    required: str,
    xml_element: str,
    file_stem: str,
    first_year: int = FIRST_YEAR,
) -> TableSpec:
    return TableSpec(
        name=name,
        columns=tuple(columns.split()),
        key=tuple(key.split()),
        dates=tuple(dates.split()),
        required=tuple(required.split()),
        first_year=first_year,
        last_year=None,
        xml_element=xml_element,
        file_stem=file_stem,
    )


_TABLES = (
    _t(
        "Header",
        "CHILD SEX DOB ETHNIC UPN MOTHER MC_DOB",
        "CHILD",
        "DOB MC_DOB",
        "CHILD",
        "HEADER",
        "header",
    ),
    _t(
        "Episodes",
        "CHILD DECOM RNE LS CIN PLACE PLACE_PROVIDER DEC REC REASON_PLACE_CHANGE "
        "HOME_POST PL_POST URN",
        "CHILD DECOM",
        "DECOM DEC",
        "CHILD DECOM",
        "EPISODE",
        "episodes",
    ),
    _t(
        "Reviews",
        "CHILD DOB REVIEW REVIEW_CODE",
        "CHILD REVIEW",
        "DOB REVIEW",
        "CHILD REVIEW",
        "AREVIEW",
        "reviews",
    ),
    _t("UASC", "CHILD SEX DOB DUC", "CHILD", "DOB DUC", "CHILD", "HEADER", "uasc"),
    _t(
        "OC2",
        "CHILD DOB SDQ_SCORE SDQ_REASON CONVICTED HEALTH_CHECK IMMUNISATIONS TEETH_CHECK "
        "HEALTH_ASSESSMENT SUBSTANCE_MISUSE INTERVENTION_RECEIVED INTERVENTION_OFFERED",
        "CHILD",
        "DOB",
        "CHILD",
        "OC2",
        "oc2",
    ),
    _t("OC3", "CHILD DOB IN_TOUCH ACTIV ACCOM", "CHILD", "DOB", "CHILD", "HEADER", "oc3"),
    _t(
        "AD1",
        "CHILD DOB DATE_INT DATE_MATCH FOSTER_CARE NB_ADOPTR SEX_ADOPTR LS_ADOPTR",
        "CHILD",
        "DOB DATE_INT DATE_MATCH",
        "CHILD",
        "HEADER",
        "ad1",
    ),
    _t(
        "PlacedAdoption",
        "CHILD DOB DATE_PLACED DATE_PLACED_CEASED REASON_PLACED_CEASED",
        "CHILD DATE_PLACED",
        "DOB DATE_PLACED DATE_PLACED_CEASED",
        "CHILD DATE_PLACED",
        "AD_PLACED",
        "placed_for_adoption",
    ),
    _t(
        "PrevPerm",
        "CHILD DOB PREV_PERM LA_PERM DATE_PERM",
        "CHILD",
        "DOB DATE_PERM",
        "CHILD",
        "PERMANENCE",
        "previous_permanence",
    ),
    _t(
        "Missing",
        "CHILD DOB MISSING MIS_START MIS_END",
        "CHILD MIS_START",
        "DOB MIS_START MIS_END",
        "CHILD MIS_START",
        "AMISSING",
        "missing",
    ),
    _t(
        "SWEpisodes",
        "CHILD DOB SW_ID SW_DECOM SW_DEC SW_REASON",
        "CHILD SW_ID SW_DECOM",
        "DOB SW_DECOM SW_DEC",
        "CHILD SW_ID SW_DECOM",
        "SWEPISODE",
        "sw_episodes",
        first_year=2023,
    ),
    _t(
        "DoLo",
        "CHILD DOB DOLO_START DOLO_END",
        "CHILD DOLO_START",
        "DOB DOLO_START DOLO_END",
        "CHILD DOLO_START",
        "DOLO",
        "dolo",
        first_year=2026,
    ),
)

TABLES: Mapping[str, TableSpec] = MappingProxyType({t.name: t for t in _TABLES})
"""Every 903 table by name, in the order the DfE guide lists them."""

XML_ROOT = "EXPSSDA903"
"""The root element of a 903 XML file; each child is a ``CHILD`` element."""

XML_RENAMED: Mapping[str, str] = MappingProxyType({"CHILDID": "CHILD", "PL": "PLACE"})
"""XML element names that differ from the CSV column names (XML name -> CSV name)."""


def tables_in(year: int) -> tuple[TableSpec, ...]:
    """The tables of the ``year`` return (``2023`` is 2023-24)."""
    return tuple(t for t in _TABLES if t.collected_in(year))


def identify(columns: tuple[str, ...] | list[str]) -> TableSpec | None:
    """The table whose column set is exactly ``columns`` (case and order ignored)."""
    wanted = frozenset(c.strip().upper() for c in columns)
    for table in _TABLES:
        if frozenset(table.columns) == wanted:
            return table
    return None


def year_label(year: int) -> str:
    """``2023`` -> ``2023-24``."""
    return f"{year}-{(year + 1) % 100:02d}"


def parse_year_label(label: str) -> int:
    """``2023-24`` -> ``2023``. Raises ValueError for anything else."""
    text = label.strip()
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
        year = int(text[:4])
        if (year + 1) % 100 == int(text[5:]):
            return year
    raise ValueError(f"'{label}' is not a collection year: write it as 2023-24")


def year_start(year: int) -> dt.date:
    """1 April of ``year``: the first day the return covers."""
    return dt.date(year, 4, 1)


def year_end(year: int) -> dt.date:
    """31 March of ``year + 1``: the last day the return covers."""
    return dt.date(year + 1, 3, 31)


def year_of(day: dt.date) -> int:
    """The collection year ``day`` falls in."""
    return day.year if day.month >= 4 else day.year - 1
