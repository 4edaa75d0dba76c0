"""The targets file: the boundary where it is read and checked.

A YAML file, documented in docs/targets.md. Each indicator's entry for a
financial year states its target and its bands in the seeds' words, each
boundary explicit about where a value exactly on it falls::

    SCS-27:
      target: 60          # Green 60% and above (green_from defaults to the target)
      red_below: 45       # Red below 45%, so 45% itself is Amber
      source: local
      rationale: Target and RAG bandings to remain the same as 2017/18.

Every problem is reported at once, with the file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from kpibook.problems import Problem, Severity
from kpibook.rating.yamlnodes import line_index, line_of

YEAR_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
"""A financial year, ``2016-17``."""

Source = Literal["local", "national", "nhs", "statistical_neighbours", "partner"]

BAND_KEYS = (
    "green_from",
    "green_above",
    "green_to",
    "green_below",
    "green_between",
    "red_below",
    "red_at_or_below",
    "red_above",
    "red_from",
    "amber_tolerance",
    "no_amber",
)
"""The keys that state bands (see :mod:`kpibook.rating.targets`)."""


class BenchmarkModel(BaseModel):
    """``benchmark:`` the comparator printed beside the target."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    value: float | None = None
    label: str = Field(min_length=1)


class BandsModel(BaseModel):
    """Target and bands (shared by an indicator's entry and its overrides)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    target: float
    green_from: float | None = None
    green_above: float | None = None
    green_to: float | None = None
    green_below: float | None = None
    green_between: tuple[float, float] | None = None
    red_below: float | None = None
    red_at_or_below: float | None = None
    red_above: float | None = None
    red_from: float | None = None
    amber_tolerance: float | None = Field(default=None, ge=0)
    no_amber: bool = False


class OverrideModel(BandsModel):
    """One entry of ``overrides:``: other bands for one org unit."""

    org_unit: str = Field(min_length=1)


class TargetModel(BandsModel):
    """One indicator's entry for one year."""

    source: Source = "local"
    rationale: str = ""
    changed: bool | None = None
    benchmark: BenchmarkModel | None = None
    overrides: list[OverrideModel] = Field(default_factory=list)


class YearModel(BaseModel):
    """One financial year's targets."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    agreed_by: str = ""
    agreed_on: dt.date | None = None
    notes: str = ""
    indicators: dict[str, TargetModel | None] = Field(default_factory=dict)


def _financial_year(label: str) -> str:
    match = YEAR_PATTERN.match(label)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValueError(f"'{label}' is not a financial year: write it as 2016-17")
    return label


YearLabel = Annotated[str, AfterValidator(_financial_year)]


class TargetsFileModel(BaseModel):
    """The whole file."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str = Field(min_length=1)
    council: str = ""
    years: dict[YearLabel, YearModel]


TOP_KEYS = tuple(TargetsFileModel.model_fields)
YEAR_KEYS = tuple(YearModel.model_fields)
ENTRY_KEYS = tuple(TargetModel.model_fields)
OVERRIDE_KEYS = tuple(OverrideModel.model_fields)


def problem(path: Path, line: int | None, message: str, hint: str) -> Problem:
    """A targets-file problem (always structural: a pack is never rated on a broken file)."""
    return Problem(Severity.ERROR, "targets-file", str(path), message, hint=hint, line=line)


def read_targets_file(
    path: Path,
) -> tuple[TargetsFileModel | None, dict[tuple[str, ...], int], tuple[Problem, ...]]:
    """The parsed file (None if unusable), its line index, and every shape problem found."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, {}, (problem(path, None, f"cannot read the file ({exc})", "check the path"),)
    try:
        raw: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        return None, {}, (problem(path, line, f"not valid YAML: {exc}", "fix the YAML syntax"),)
    index = line_index(text)
    if not isinstance(raw, dict):
        hint = "see docs/targets.md for an example"
        return None, index, (problem(path, 1, "the file is not a YAML mapping", hint),)
    try:
        return TargetsFileModel.model_validate(raw), index, ()
    except ValidationError as exc:
        found: list[Problem] = []
        for err in exc.errors():
            loc = [p for p in err["loc"] if p not in ("TargetModel", "none-required", "[key]")]
            where = ".".join(str(p) for p in loc)
            if err["type"] == "extra_forbidden":
                message, hint = f"unknown key '{where}'", "check its spelling in docs/targets.md"
            elif err["type"] == "missing":
                message, hint = f"required key '{where}' is missing", "add it (docs/targets.md)"
            else:
                message, hint = f"'{where}': {err['msg']}", "see docs/targets.md"
            found.append(problem(path, line_of(index, loc), message, hint))
        return None, index, tuple(dict.fromkeys(found))
