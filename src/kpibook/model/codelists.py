"""Code lists, versioned by date, read from the YAML files beside this module.

Each code list (``codelists/<name>.yaml``) has one or more versions, each valid
from a date (and optionally to a date), because the DfE changes the 903 and CIN
code lists between collection years. The files are package data: a council can
read and review them, and a test checks every list a column names exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

import yaml


@dataclass(frozen=True, slots=True)
class CodeListVersion:
    """The codes of a list valid between two dates (inclusive)."""

    valid_from: dt.date
    valid_to: dt.date | None
    codes: Mapping[str, str]

    def covers(self, day: dt.date) -> bool:
        """Whether this version is in force on ``day``."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class CodeList:
    """A named code list with its versions, oldest first."""

    name: str
    description: str
    versions: tuple[CodeListVersion, ...]

    def codes_at(self, day: dt.date) -> Mapping[str, str]:
        """The codes in force on ``day`` (code -> meaning).

        Days before the first version use the first version; the lists start
        well before any data kpibook handles.
        """
        for version in self.versions:
            if version.covers(day):
                return version.codes
        return (
            self.versions[0].codes if day < self.versions[0].valid_from else self.versions[-1].codes
        )

    @property
    def all_codes(self) -> frozenset[str]:
        """Every code valid in any version."""
        return frozenset(code for v in self.versions for code in v.codes)


def _parse_date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _read(name: str, text: str) -> CodeList:
    raw = yaml.safe_load(text)
    versions = tuple(
        CodeListVersion(
            valid_from=_parse_date(v["valid_from"]),
            valid_to=_parse_date(v["valid_to"]) if v.get("valid_to") else None,
            codes=MappingProxyType({str(k): str(m) for k, m in v["codes"].items()}),
        )
        for v in raw["versions"]
    )
    return CodeList(name=name, description=str(raw.get("description", "")), versions=versions)


@cache
def load_codelists() -> Mapping[str, CodeList]:
    """Every code list shipped with kpibook, by name."""
    folder = resources.files("kpibook.model").joinpath("codelists")
    lists: dict[str, CodeList] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            name = entry.name.removesuffix(".yaml")
            lists[name] = _read(name, entry.read_text(encoding="utf-8"))
    return MappingProxyType(lists)


def codelist(name: str) -> CodeList:
    """The code list called ``name``.

    Raises:
        KeyError: naming the known lists, if there is no such list.
    """
    lists = load_codelists()
    try:
        return lists[name]
    except KeyError:
        raise KeyError(f"no code list {name!r}; known lists: {', '.join(sorted(lists))}") from None
