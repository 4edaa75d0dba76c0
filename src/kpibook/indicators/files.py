"""Reading indicator definition files: YAML metadata, SQL beside it.

The boundary where files are read: pydantic checks the YAML's shape, and every
problem is reported with the file and line it is on. Nothing here raises on
the first problem; :func:`read_definition` returns what it could read plus
every problem found.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kpibook.problems import Problem, Severity

ID_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
"""Indicator ids: upper-case words joined by hyphens, e.g. ``SCS-01`` or ``SCS-13-DFE``."""


_COHORTS: tuple[Literal["all", "exc_uasc"], ...] = ("all", "exc_uasc")
_LEVELS: tuple[Literal["council", "area", "district", "team"], ...] = ("council", "area", "team")


class NationalModel(BaseModel):
    """``national:`` the DfE / LAIT measure."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str = Field(min_length=1)
    name: str = Field(min_length=1)


class IndicatorFile(BaseModel):
    """The keys of an indicator YAML file (documented in docs/indicators.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str = Field(min_length=1)
    section: str = Field(min_length=1)
    products: list[str] = Field(default_factory=list)
    polarity: Literal["H", "L", "T"] | None = None
    unit: Literal["percent", "count", "days", "average", "rate_per_10000"]
    period: Literal["SS", "M", "R3M", "R12M", "FYTD", "AYTD", "Q", "A"]
    activity: bool = False
    additive: bool = False
    cohorts: list[Literal["all", "exc_uasc"]] = Field(default_factory=lambda: [*_COHORTS])
    headline_cohort: Literal["all", "exc_uasc"] = "all"
    levels: list[Literal["council", "area", "district", "team"]] = Field(
        default_factory=lambda: [*_LEVELS]
    )
    team_basis: str = ""
    definition: str = Field(min_length=1)
    numerator: str = Field(min_length=1)
    denominator: str = ""
    national: NationalModel | None = None
    variant: Literal["local", "national", ""] = ""
    related: list[str] = Field(default_factory=list)
    source: str = ""
    notes: str = ""
    sql: str | None = None
    external: bool = False
    requires: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError(
                f"'{value}' is not a valid indicator id: use upper-case letters and digits "
                "joined by hyphens, e.g. SCS-01"
            )
        return value

    @field_validator("cohorts", "levels")
    @classmethod
    def _not_empty(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("list at least one")
        if len(set(value)) != len(value):
            raise ValueError("each entry once only")
        return value


KEYS = tuple(IndicatorFile.model_fields)
"""Every key an indicator file may have (a test checks each is documented)."""


def _top_keys(text: str) -> list[tuple[str, int]]:
    """Each top-level key of a YAML mapping with its 1-based line, in file order."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(node, yaml.MappingNode):
        return []
    return [
        (str(k.value), k.start_mark.line + 1)
        for k, _ in node.value
        if isinstance(k, yaml.ScalarNode)
    ]


def _key_lines(text: str) -> dict[str, int]:
    """1-based line of each top-level key in a YAML mapping (empty if not a mapping)."""
    lines: dict[str, int] = {}
    for key, line in _top_keys(text):
        lines.setdefault(key, line)
    return lines


def _problem(path: Path, line: int | None, message: str, hint: str) -> Problem:
    return Problem(Severity.ERROR, "indicator-definition", str(path), message, hint=hint, line=line)


def read_definition(path: Path) -> tuple[IndicatorFile | None, tuple[Problem, ...]]:
    """Read one YAML definition: the parsed file (None if unusable) and every problem found.

    Problems carry the line number in ``line`` (1-based line of the offending key).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, (_problem(path, None, f"cannot read the file ({exc})", "check the file"),)
    try:
        raw: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        return None, (
            _problem(path, line, f"not valid YAML: {exc}", "fix the YAML syntax at that line"),
        )
    if not isinstance(raw, dict):
        return None, (
            _problem(path, 1, "the file is not a YAML mapping of keys to values", "see docs"),
        )
    lines = _key_lines(text)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for key, line in _top_keys(text):
        if key in seen:
            problems.append(
                _problem(
                    path,
                    line,
                    f"the key '{key}' appears twice (first on line {seen[key]})",
                    "keep one of them; YAML would silently use the last",
                )
            )
        seen.setdefault(key, line)
    try:
        model = IndicatorFile.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            loc = err["loc"]
            key = str(loc[0]) if loc else ""
            where = ".".join(str(p) for p in loc)
            if err["type"] == "extra_forbidden":
                message = f"unknown key '{where}'"
                hint = "remove it, or check its spelling against docs/indicators.md"
            elif err["type"] == "missing":
                message = f"required key '{where}' is missing"
                hint = "add it; docs/indicators.md lists every key"
            else:
                message = f"'{where}': {err['msg']}"
                hint = "see docs/indicators.md for the allowed values"
            problems.append(_problem(path, lines.get(key, 1), message, hint))
        return None, tuple(problems)
    return model, tuple(problems)


def key_line(path: Path, key: str) -> int:
    """Line of ``key`` in the YAML file at ``path`` (1 if not found)."""
    try:
        return _key_lines(path.read_text(encoding="utf-8")).get(key, 1)
    except OSError:
        return 1
