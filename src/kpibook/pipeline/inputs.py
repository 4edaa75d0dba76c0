"""Gathering a pack's inputs: figures (computed or supplied), org units, profile, commentary."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

import pyarrow as pa

from kpibook.engine.compute import RESULT_SCHEMA, Engine
from kpibook.engine.demographics import children_in_care_counts
from kpibook.errors import ConfigError, InputError
from kpibook.indicators.library import Library, load_library
from kpibook.ingest import load_or_fail
from kpibook.ingest.report import import_findings
from kpibook.pipeline.availability import unavailable
from kpibook.problems import Problem, Severity
from kpibook.rating.targets import Targets, load_targets
from kpibook.scorecard.config_files import Note, read_commentary, read_profile
from kpibook.scorecard.demographics import demographics
from kpibook.scorecard.figures import TREND_MONTHS, shift
from kpibook.scorecard.model import Demographics, OrgUnit, Profile
from kpibook.scorecard.results_file import read_results

Progress = Callable[[str, int, int], None]

EXAMPLE = "kpibook.examples.kent"
"""The shipped example configuration (the demo's targets, profile and commentary)."""


def example_file(name: str) -> Path:
    """A file of the shipped Kent example: targets.yaml, profile.yaml or commentary.yaml."""
    return Path(str(resources.files(EXAMPLE) / name))


@dataclass(frozen=True, slots=True)
class BuildRequest:
    """What ``kpibook build`` / ``publish`` were asked for.

    Exactly one of ``data`` (compute the figures) and ``results`` (figures
    computed elsewhere, in the engine's format) is given.
    """

    month: dt.date
    targets: Path
    data: Path | None = None
    results: Path | None = None
    profile: Path | None = None
    commentary: Path | None = None
    org_units: Path | None = None
    indicators: Sequence[Path] = field(default_factory=tuple)
    publication_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything a pack is built from, read and checked."""

    request: BuildRequest
    library: Library
    targets: Targets
    profile: Profile
    commentary: dict[str, Note]
    results: pa.Table
    units: dict[str, OrgUnit]
    demographics: Demographics | None
    files: dict[str, bytes]
    """The input files' bytes by role (targets, profile, commentary, results...), for provenance."""
    unavailable: dict[str, str] = field(default_factory=dict)
    """Indicators the data cannot give, with what they need (imported returns)."""
    data_quality: dict[str, int] = field(default_factory=dict)
    """Findings recorded when the data was imported, counted by rule."""


def _read_units_csv(path: Path) -> dict[str, OrgUnit]:
    problems: list[Problem] = []
    units: dict[str, OrgUnit] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            needed = ("org_unit_id", "org_unit_name", "org_level", "parent_id")
            missing = [c for c in needed if c not in (reader.fieldnames or [])]
            for column in missing:
                problems.append(
                    Problem(
                        Severity.ERROR,
                        "org-units",
                        str(path),
                        f"required column '{column}' is missing",
                        hint="use the local_org_units table's columns",
                        column=column,
                    )
                )
            if not missing:
                for number, row in enumerate(reader, start=1):
                    unit_id = (row["org_unit_id"] or "").strip()
                    if not unit_id:
                        problems.append(
                            Problem(
                                Severity.ERROR,
                                "org-units",
                                str(path),
                                "the org unit id is empty",
                                hint="fill it in",
                                row=number,
                                column="org_unit_id",
                            )
                        )
                        continue
                    units[unit_id] = OrgUnit(
                        unit_id,
                        row["org_unit_name"] or unit_id,
                        row["org_level"],
                        row["parent_id"] or None,
                    )
    except OSError as exc:
        raise ConfigError(f"--org-units {path}: cannot be read ({exc})") from None
    if problems:
        raise InputError(f"{path}: the org units file cannot be used", problems)
    return units


def units_from_data(engine: Engine) -> dict[str, OrgUnit]:
    rows = engine.con.execute(
        "SELECT org_unit_id, org_unit_name, org_level, parent_id FROM local_org_units"
    ).fetchall()
    return {str(u): OrgUnit(str(u), str(n or u), str(lv), p) for u, n, lv, p in rows}


def first_month(engine_con_first: dt.date | None, month: dt.date) -> dt.date:
    """The first month computed for a pack: five years back, but not before the data allows.

    A rolling-12-month figure needs 12 months of records, so figures start a
    year after the earliest contact in the data.
    """
    wanted = shift(month, -(TREND_MONTHS - 1))
    if engine_con_first is None:
        return wanted
    allowed = shift(engine_con_first, 12)
    return max(wanted, min(allowed, month))


def _compute(
    request: BuildRequest,
    library: Library,
    progress: Progress | None,
) -> tuple[pa.Table, dict[str, OrgUnit], Demographics]:
    assert request.data is not None
    loaded = load_or_fail(request.data, progress=progress)
    try:
        earliest = loaded.con.execute(
            "SELECT last_day(min(cont_contact_date)) FROM ssd_contacts"
        ).fetchone()
        start = first_month(earliest[0] if earliest else None, request.month)
        engine = Engine.prepare(loaded.con, start, request.month)
        table = engine.compute(library, progress=progress)
        counts = children_in_care_counts(engine, request.month)
        return table, units_from_data(engine), demographics(counts, request.month)
    finally:
        loaded.con.close()


def gather(request: BuildRequest, progress: Progress | None = None) -> Inputs:
    """Read and check every input; compute the figures when given data."""
    if (request.data is None) == (request.results is None):
        raise ConfigError(
            "give exactly one of --data (compute the figures) and --results "
            "(figures computed elsewhere)"
        )
    library = load_library(request.indicators)
    # The small files first, once: a typo in the targets should not wait for the figures.
    inputs = assemble(request, library, RESULT_SCHEMA.empty_table(), {}, None)
    if request.results is not None:
        files = dict(inputs.files)
        files["results"] = request.results.read_bytes()
        units = _read_units_csv(request.org_units) if request.org_units else {}
        if request.org_units is not None:
            files["org_units"] = request.org_units.read_bytes()
        return replace(inputs, results=read_results(request.results), units=units, files=files)
    assert request.data is not None
    missing = unavailable(request.data, library)
    computable = library.select([i.id for i in library.indicators if i.id not in missing])
    results, units, found = _compute(request, computable, progress)
    findings = Counter(p.rule for p in import_findings(request.data))
    return replace(
        inputs,
        results=results,
        units=units,
        demographics=found,
        unavailable=missing,
        data_quality=dict(findings),
    )


def assemble(
    request: BuildRequest,
    library: Library,
    results: pa.Table,
    units: dict[str, OrgUnit],
    found: Demographics | None,
) -> Inputs:
    """Inputs from figures already in hand, reading the targets, profile and commentary."""
    targets = load_targets(request.targets, library)
    profile_path = request.profile or example_file("profile.yaml")
    profile = read_profile(profile_path)
    commentary = read_commentary(request.commentary, request.month) if request.commentary else {}
    files = {"targets": request.targets.read_bytes(), "profile": profile_path.read_bytes()}
    if request.commentary is not None:
        files["commentary"] = request.commentary.read_bytes()
    return Inputs(request, library, targets, profile, commentary, results, units, found, files)
