"""Loading the indicator library: the shipped definitions plus a council's own.

The library ships inside the package (``kpibook/indicators/library/``, one
folder per scorecard section, ``<ID>.yaml`` with ``<ID>.sql`` beside it). A
council may add indicators, or override shipped ones by id, from its own
folder (``--indicators DIR``, same layout, searched recursively). Loading
checks every file and reports every problem at once, each with its file and
line; nothing is returned unless all definitions are sound.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

from kpibook.engine.periods import Period
from kpibook.errors import InputError
from kpibook.indicators.definition import (
    Cohort,
    Indicator,
    Level,
    NationalMeasure,
    Polarity,
    Unit,
)
from kpibook.indicators.files import IndicatorFile, key_line, read_definition
from kpibook.indicators.sqlcheck import (
    RESULT_COLUMNS,
    bind_sql,
    binder,
    check_sql,
    known_tables,
)
from kpibook.problems import Problem, Severity, errors_in


def library_folder() -> Path:
    """The folder of the shipped indicator library."""
    return Path(str(resources.files("kpibook.indicators") / "library"))


@dataclass(frozen=True, slots=True)
class Library:
    """A loaded set of indicators, in id order."""

    indicators: tuple[Indicator, ...]

    def __len__(self) -> int:
        return len(self.indicators)

    def get(self, indicator_id: str) -> Indicator:
        """The indicator with id ``indicator_id``; KeyError if there is none."""
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every indicator id."""
        return tuple(i.id for i in self.indicators)

    def select(self, ids: Iterable[str]) -> Library:
        """A library of just these ids (in library order)."""
        wanted = set(ids)
        return Library(tuple(i for i in self.indicators if i.id in wanted))


def needed_outputs(model: IndicatorFile) -> tuple[str, ...]:
    """The result columns an indicator's query must return, given its cohorts and levels."""
    needed = list(RESULT_COLUMNS)
    if "exc_uasc" in model.cohorts:
        needed.append("person_id")
    if "team" in model.levels or "area" in model.levels:
        needed.append("team_id")
    if "district" in model.levels:
        needed.append("district_id")
    return tuple(needed)


def _problem(path: Path, line: int | None, message: str, hint: str) -> Problem:
    return Problem(Severity.ERROR, "indicator-definition", str(path), message, hint=hint, line=line)


class _Binder:
    """Binds queries in DuckDB (:func:`bind_sql`); the connection is made on first use."""

    def __init__(self) -> None:
        self._con: duckdb.DuckDBPyConnection | None = None

    def __call__(self, sql: str, path: Path) -> tuple[Problem, ...]:
        if self._con is None:
            self._con = binder()
        return bind_sql(sql, path, self._con)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None


def _read_sql(path: Path) -> tuple[str | None, list[Problem]]:
    try:
        return path.read_text(encoding="utf-8"), []
    except (OSError, UnicodeDecodeError) as exc:
        return None, [
            Problem(
                Severity.ERROR,
                "indicator-sql",
                str(path),
                f"cannot read the file ({exc})",
                hint="save it as UTF-8 text",
            )
        ]


def _check_query(
    sql_path: Path,
    needed: tuple[str, ...],
    tables: dict[str, tuple[str, ...]],
    bind: _Binder,
) -> tuple[str | None, tuple[str, ...], list[Problem]]:
    """The SQL text, the columns it reads and its problems (checked, then bound in DuckDB)."""
    sql, problems = _read_sql(sql_path)
    if sql is None:
        return None, (), problems
    checked = check_sql(sql, sql_path, needed, tables)
    problems.extend(checked.problems)
    if not checked.problems:
        problems.extend(bind(sql, sql_path))
    return sql, checked.requires, problems


def _build(
    path: Path, origin: str, tables: dict[str, tuple[str, ...]], bind: _Binder
) -> tuple[Indicator | None, list[Problem]]:
    model, found = read_definition(path)
    problems = list(found)
    if model is None:
        # Still check the SQL beside it, so every problem is reported at once.
        beside = path.with_suffix(".sql")
        if beside.is_file():
            problems.extend(_check_query(beside, RESULT_COLUMNS, tables, bind)[2])
        return None, problems
    if path.stem != model.id:
        problems.append(
            _problem(
                path,
                key_line(path, "id"),
                f"the id '{model.id}' does not match the file name '{path.name}'",
                f"rename the file to {model.id}.yaml or change the id",
            )
        )
    sql_path: Path | None = None
    sql: str | None = None
    requires = tuple(model.requires)
    if model.external:
        if model.sql is not None:
            problems.append(
                _problem(
                    path,
                    key_line(path, "sql"),
                    "an external indicator cannot have SQL",
                    "remove 'sql' or set 'external: false'",
                )
            )
    else:
        sql_path = path.with_name(model.sql) if model.sql else path.with_suffix(".sql")
        if not sql_path.is_file():
            problems.append(
                _problem(
                    path,
                    key_line(path, "sql") if model.sql else 1,
                    f"its SQL file {sql_path.name} is missing",
                    "write the SQL beside the YAML, or set 'external: true' if the figures "
                    "come from outside",
                )
            )
        else:
            sql, read, sql_problems = _check_query(sql_path, needed_outputs(model), tables, bind)
            problems.extend(sql_problems)
            declared = set(model.requires)
            if sql is not None and declared and declared != set(read):
                problems.append(
                    _problem(
                        path,
                        key_line(path, "requires"),
                        "'requires' does not match the columns the SQL reads: "
                        + ", ".join(sorted(declared ^ set(read))),
                        "remove 'requires' (it is worked out from the SQL) or correct it",
                    )
                )
            requires = read
    if model.variant == "national" and model.national is None:
        problems.append(
            _problem(
                path,
                key_line(path, "variant"),
                "a national variant needs 'national' (the DfE / LAIT code and name)",
                "add national: {code: ..., name: ...}",
            )
        )
    if model.id in model.related:
        problems.append(
            _problem(
                path,
                key_line(path, "related"),
                f"{model.id} lists itself as related",
                "list the other indicators offered beside it",
            )
        )
    if model.additive and model.period in ("SS", "M"):
        problems.append(
            _problem(
                path,
                key_line(path, "additive"),
                f"'additive' applies to windows longer than a month, not period {model.period}",
                "remove 'additive'",
            )
        )
    if model.headline_cohort not in model.cohorts:
        problems.append(
            _problem(
                path,
                key_line(path, "headline_cohort"),
                f"the headline cohort '{model.headline_cohort}' is not one of its cohorts",
                "add it to 'cohorts' or choose another",
            )
        )
    if model.unit != "count" and not model.denominator:
        problems.append(
            _problem(
                path,
                key_line(path, "unit"),
                f"a {model.unit} indicator needs a 'denominator' description",
                "say what the denominator counts",
            )
        )
    indicator = Indicator(
        id=model.id,
        title=model.title,
        section=model.section,
        products=tuple(model.products),
        polarity=Polarity(model.polarity) if model.polarity else None,
        unit=Unit(model.unit),
        period=Period(model.period),
        activity=model.activity,
        additive=model.additive,
        cohorts=tuple(Cohort(c) for c in model.cohorts),
        headline_cohort=Cohort(model.headline_cohort),
        levels=tuple(Level(v) for v in model.levels),
        team_basis=model.team_basis,
        definition=model.definition.strip(),
        numerator=model.numerator.strip(),
        denominator=model.denominator.strip(),
        national=NationalMeasure(model.national.code, model.national.name)
        if model.national
        else None,
        variant=model.variant,
        related=tuple(model.related),
        source=model.source,
        notes=model.notes.strip(),
        sql=sql,
        requires=requires,
        yaml_path=path,
        sql_path=sql_path,
        origin=origin,
    )
    return indicator, problems


def _load_folder(
    folder: Path, origin: str, tables: dict[str, tuple[str, ...]], bind: _Binder
) -> tuple[dict[str, Indicator], list[Problem]]:
    found: dict[str, Indicator] = {}
    problems: list[Problem] = []
    for path in sorted(folder.rglob("*.yaml")):
        indicator, file_problems = _build(path, origin, tables, bind)
        problems.extend(file_problems)
        if indicator is None:
            continue
        if indicator.id in found:
            problems.append(
                _problem(
                    path,
                    key_line(path, "id"),
                    f"indicator {indicator.id} is also defined in {found[indicator.id].yaml_path}",
                    "give each indicator its own id",
                )
            )
            continue
        found[indicator.id] = indicator
    return found, problems


def load_library(extra: Sequence[Path] = (), *, include_shipped: bool = True) -> Library:
    """Load the shipped library and then each folder of ``extra`` (later ones override).

    Raises:
        InputError: with every problem found, if any definition is unsound.
    """
    tables = known_tables()
    problems: list[Problem] = []
    indicators: dict[str, Indicator] = {}
    folders = [(library_folder(), "library")] if include_shipped else []
    for folder in extra:
        if not folder.is_dir():
            problems.append(
                _problem(
                    folder,
                    None,
                    "the indicators folder does not exist",
                    "pass a folder of <ID>.yaml files",
                )
            )
            continue
        folders.append((folder, str(folder)))
    bind = _Binder()
    try:
        for folder, origin in folders:
            found, folder_problems = _load_folder(folder, origin, tables, bind)
            problems.extend(folder_problems)
            indicators.update(found)
    finally:
        bind.close()
    for indicator in indicators.values():
        for other in indicator.related:
            if other not in indicators:
                problems.append(
                    _problem(
                        indicator.yaml_path,
                        key_line(indicator.yaml_path, "related"),
                        f"related indicator '{other}' is not defined",
                        "correct the id or remove it",
                    )
                )
    if errors_in(tuple(problems)):
        raise InputError(
            f"{len(problems)} problem(s) in the indicator definitions", problems=problems
        )
    return Library(tuple(indicators[k] for k in sorted(indicators)))
