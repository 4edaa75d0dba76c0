"""What the CIN census XML looks like, year by year.

A *schema year* is the year the census ends: schema 2024 is the 2023-24 census,
reference date 31 March 2024. The element tree is the same from 2017 to 2026
except for what this module records:

* the child's sex is ``GenderCurrent`` (1 male, 2 female, 0 not recorded or
  unborn, 9 indeterminate) up to 2024 and ``Sex`` (M, F, U) from 2025;
* ``CINPlanDates`` is in the schema from 2022 (readers accept it in any year);
* yes/no values are ``true``/``false``/``1``/``0`` up to 2024 and ``1``/``0``
  from 2025 (readers accept every form; the writer writes ``1``/``0``).

Code lists by schema year are data files in ``codes/`` (one YAML file per list,
each version applying from its ``from_schema`` year until the next).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

import yaml

FIRST_SCHEMA = 2017
"""The oldest CIN census schema kpibook reads (the 2016-17 census)."""
LAST_SCHEMA = 2026
"""The newest CIN census schema kpibook reads and writes (the 2025-26 census)."""
SEX_FROM = 2025
"""First schema year with ``Sex`` (M/F/U) in place of ``GenderCurrent``."""
CIN_PLANS_FROM = 2022
"""First schema year whose XSD has ``CINPlanDates``."""

GENDER_TO_SEX: Mapping[str, str] = MappingProxyType({"1": "M", "2": "F", "0": "U", "9": "U"})
"""GenderCurrent code -> the data model's sex code."""
SEX_TO_GENDER: Mapping[str, str] = MappingProxyType({"M": "1", "F": "2", "U": "0"})
"""The data model's sex code -> GenderCurrent (U is written as 0, 'not recorded or unborn')."""

TRUE_VALUES = frozenset({"true", "1", "y", "yes"})
FALSE_VALUES = frozenset({"false", "0", "n", "no"})

CODE_LISTS = (
    "abuse_category",
    "assessment_factor",
    "disability",
    "ethnicity",
    "primary_need",
    "reason_for_closure",
    "referral_source",
    "sex",
    "upn_unknown",
)
"""The code lists in ``codes/``."""

_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def schema_for_collection(year: str) -> int:
    """``'2023-24'`` -> 2024 (the schema year); ValueError for anything else."""
    match = _YEAR.match(year.strip())
    if not match:
        raise ValueError(f"'{year}' is not a collection year: write it as 2023-24")
    first, second = int(match.group(1)), int(match.group(2))
    if (first + 1) % 100 != second:
        raise ValueError(f"'{year}' is not a collection year: the years must follow each other")
    schema = first + 1
    if not FIRST_SCHEMA <= schema <= LAST_SCHEMA:
        raise ValueError(
            f"'{year}': kpibook knows the CIN census from 2016-17 to 2025-26 "
            f"(schemas {FIRST_SCHEMA}-{LAST_SCHEMA})"
        )
    return schema


def reference_date(schema: int) -> dt.date:
    """The census reference date: 31 March of the schema year."""
    return dt.date(schema, 3, 31)


def period_start(schema: int) -> dt.date:
    """The first day the census covers: 1 April of the year before."""
    return dt.date(schema - 1, 4, 1)


def schema_for_date(reference: dt.date) -> int:
    """The schema year whose census a reference date closes (31 March 2024 -> 2024).

    A date after 31 March belongs to the census ending the next March. Years
    outside 2017-2026 are clamped to the nearest schema kpibook knows.
    """
    year = reference.year if reference.month <= 3 else reference.year + 1
    return min(max(year, FIRST_SCHEMA), LAST_SCHEMA)


@cache
def _load(name: str) -> tuple[tuple[int, Mapping[str, str]], ...]:
    text = (
        resources.files("kpibook.returns.cin")
        .joinpath("codes", f"{name}.yaml")
        .read_text(encoding="utf-8")
    )
    raw = yaml.safe_load(text)
    versions = [
        (int(v["from_schema"]), MappingProxyType({str(k): str(m) for k, m in v["codes"].items()}))
        for v in raw["versions"]
    ]
    versions.sort(key=lambda v: v[0])
    return tuple(versions)


def codes(name: str, schema: int) -> Mapping[str, str]:
    """The codes of list ``name`` in force in ``schema`` (code -> meaning).

    Years before the first version use the first version.
    """
    versions = _load(name)
    chosen = versions[0][1]
    for start, listed in versions:
        if start <= schema:
            chosen = listed
    return chosen


def sex_element(schema: int) -> str:
    """``GenderCurrent`` before 2025, ``Sex`` from 2025."""
    return "Sex" if schema >= SEX_FROM else "GenderCurrent"


def parse_flag(text: str) -> bool | None:
    """A CIN yes/no value as a bool; None if it is not one of the forms the schemas allow."""
    value = text.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    return None
