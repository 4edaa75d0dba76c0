"""The council profile and commentary files: the boundary where they are read.

Profile (``--profile``), YAML::

    council: Kent County Council
    short_name: Kent
    title: Specialist Children's Services Performance Management Scorecard
    portfolio: Specialist Children's Services
    cabinet_member: Cabinet Member for Specialist Children's Services
    director: Corporate Director, Children, Young People and Education
    produced_by: SC SCS Management Information
    data_source: Liberi

Commentary (``--commentary``), YAML: the month it is for and, per indicator,
the service's explanation of a Red figure::

    month: 2016-08
    indicators:
      SCS-09:
        author: Head of Service, Missing Children
        text: |
          Performance continues to improve month on month ...

Both are documented in docs/pack.md; every problem is reported with file and line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kpibook.errors import InputError
from kpibook.problems import Problem, Severity
from kpibook.rating.yamlnodes import line_index, line_of
from kpibook.scorecard.model import Profile


class ProfileModel(BaseModel):
    """Keys of the council profile file."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    council: str = Field(min_length=1)
    short_name: str = Field(min_length=1)
    title: str = Field(min_length=1)
    directorate: str = ""
    division: str = ""
    portfolio: str = ""
    cabinet_member: str = ""
    director: str = ""
    produced_by: str = ""
    data_source: str = ""
    drilldown: str = ""


class NoteModel(BaseModel):
    """One indicator's commentary."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str = Field(min_length=1)
    author: str = ""


class CommentaryModel(BaseModel):
    """Keys of the commentary file."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    month: str
    indicators: dict[str, NoteModel] = Field(default_factory=dict)

    @field_validator("month", mode="before")
    @classmethod
    def _month(cls, value: Any) -> str:
        text = str(value)
        try:
            dt.datetime.strptime(text, "%Y-%m")
        except ValueError:
            raise ValueError(f"'{text}' is not a month: write YYYY-MM, e.g. 2016-08") from None
        return text


PROFILE_KEYS = tuple(ProfileModel.model_fields)
COMMENTARY_KEYS = (*CommentaryModel.model_fields, *NoteModel.model_fields)


def _problem(path: Path, line: int | None, message: str, doc: str) -> Problem:
    return Problem(
        Severity.ERROR,
        "config-file",
        str(path),
        message,
        hint=f"see {doc} for the keys and an example",
        line=line,
    )


def _read(path: Path, model: type[BaseModel], doc: str) -> BaseModel:
    """Parse ``path`` as ``model``; :class:`InputError` with every problem and its line."""
    try:
        text = path.read_text(encoding="utf-8")
        raw: Any = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"{path}: cannot be read", [_problem(path, None, f"cannot read the file ({exc})", doc)]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError(
            f"{path}: not valid YAML", [_problem(path, line, f"not valid YAML: {exc}", doc)]
        ) from None
    index = line_index(text)
    if not isinstance(raw, dict):
        raise InputError(
            f"{path}: not a YAML mapping",
            [_problem(path, 1, "the file is not a mapping of keys to values", doc)],
        )
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"])
            if err["type"] == "extra_forbidden":
                message = f"unknown key '{where}'"
            elif err["type"] == "missing":
                message = f"required key '{where}' is missing"
            else:
                message = f"'{where}': {err['msg']}"
            problems.append(_problem(path, line_of(index, err["loc"]), message, doc))
        raise InputError(f"{path}: {len(problems)} problem(s)", problems) from None


def read_profile(path: Path) -> Profile:
    """The council profile in ``path``."""
    model = _read(path, ProfileModel, "docs/pack.md")
    assert isinstance(model, ProfileModel)
    return Profile(**model.model_dump())


@dataclass(frozen=True, slots=True)
class Note:
    """Commentary on one indicator."""

    text: str
    author: str


def read_commentary(path: Path, month: dt.date) -> dict[str, Note]:
    """Commentary by indicator id; an error if the file is for another month."""
    model = _read(path, CommentaryModel, "docs/pack.md")
    assert isinstance(model, CommentaryModel)
    if model.month != f"{month:%Y-%m}":
        raise InputError(
            f"{path}: commentary for {model.month}, not {month:%Y-%m}",
            [
                _problem(
                    path,
                    line_of(line_index(path.read_text(encoding="utf-8")), ["month"]),
                    f"this commentary is for {model.month} but the pack is for {month:%Y-%m}",
                    "docs/pack.md",
                )
            ],
        )
    return {k: Note(v.text.strip(), v.author) for k, v in model.indicators.items()}
