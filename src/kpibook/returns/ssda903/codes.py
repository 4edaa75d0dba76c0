"""The 903 code lists by collection year, read from ``codes/<FIELD>.yaml``.

Each file names a 903 field, the tables it appears in, the data-model column
it fills, and one or more versions, each valid from a collection year
(``from_year``, ``2023`` is 2023-24) to a collection year (``to_year``,
inclusive, absent while current). A version lists the codes the 903 accepts
that year and, where the data model holds a different value, ``to_model``
(903 code -> model code); otherwise the code is carried as it is. The same
files say how the 903 writer codes a model value: ``from_model`` (model code
-> 903 code), where a value not listed is written blank, unless ``others:
keep`` (written as it is); a version without ``from_model`` writes the model's
value as it is. Reader and writer have one source for each year's codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

import yaml


@dataclass(frozen=True, slots=True)
class CodeVersion:
    """The codes of one 903 field valid from one collection year to another."""

    from_year: int
    to_year: int | None
    codes: frozenset[str]
    to_model: Mapping[str, str]
    from_model: Mapping[str, str] | None = None
    """Model code -> 903 code for the writer; None: the model's value is written as it is."""
    keep_others: bool = False
    """With ``from_model``: a value not listed is written as it is (else blank)."""

    def covers(self, year: int) -> bool:
        """Whether the version is in force in collection year ``year``."""
        return self.from_year <= year and (self.to_year is None or year <= self.to_year)


@dataclass(frozen=True, slots=True)
class FieldCodes:
    """A 903 field's code list across collection years."""

    field: str
    tables: tuple[str, ...]
    description: str
    model_column: str
    model_codelist: str | None
    versions: tuple[CodeVersion, ...]

    def version(self, year: int) -> CodeVersion:
        """The version in force in ``year`` (the nearest one outside the covered years)."""
        for v in self.versions:
            if v.covers(year):
                return v
        return self.versions[0] if year < self.versions[0].from_year else self.versions[-1]

    def valid(self, code: str, year: int) -> bool:
        """Whether ``code`` is a valid 903 code for this field in ``year``."""
        return code in self.version(year).codes

    def to_model(self, code: str, year: int) -> str:
        """The data-model value for a 903 code (the code itself unless mapped)."""
        return self.version(year).to_model.get(code, code)

    def from_model(self, value: str | None, year: int) -> str | None:
        """How the 903 of ``year`` codes a data-model value (None: written blank)."""
        if value is None:
            return None
        version = self.version(year)
        if version.from_model is None:
            return value
        mapped = version.from_model.get(value)
        if mapped is None:
            return value if version.keep_others else None
        return mapped


def _read(text: str) -> FieldCodes:
    raw = yaml.safe_load(text)
    versions = tuple(
        CodeVersion(
            from_year=int(v["from_year"]),
            to_year=int(v["to_year"]) if v.get("to_year") is not None else None,
            codes=frozenset(str(c) for c in v["codes"]),
            to_model=MappingProxyType({str(k): str(m) for k, m in v.get("to_model", {}).items()}),
            from_model=MappingProxyType({str(k): str(m) for k, m in v["from_model"].items()})
            if "from_model" in v
            else None,
            keep_others=v.get("others") == "keep",
        )
        for v in raw["versions"]
    )
    return FieldCodes(
        field=str(raw["field"]),
        tables=tuple(str(t) for t in raw["tables"]),
        description=str(raw.get("description", "")).strip(),
        model_column=str(raw.get("model_column", "")).strip(),
        model_codelist=str(raw["model_codelist"]) if raw.get("model_codelist") else None,
        versions=versions,
    )


@cache
def load_codes() -> Mapping[str, FieldCodes]:
    """Every 903 code list, by field name."""
    folder = resources.files("kpibook.returns.ssda903").joinpath("codes")
    lists: dict[str, FieldCodes] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            codes = _read(entry.read_text(encoding="utf-8"))
            lists[codes.field] = codes
    return MappingProxyType(lists)


def field_codes(field: str) -> FieldCodes:
    """The code list of 903 field ``field``; KeyError naming the known fields if none."""
    lists = load_codes()
    try:
        return lists[field]
    except KeyError:
        raise KeyError(f"no 903 code list {field!r}; known: {', '.join(sorted(lists))}") from None
