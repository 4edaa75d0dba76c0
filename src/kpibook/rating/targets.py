"""Targets by indicator and financial year: loading, checking and looking up.

The file is read in :mod:`kpibook.rating.targets_file`; here each entry becomes
:class:`~kpibook.rating.bands.Bands` for the indicator's polarity, with every
problem reported at once (file, line, what, what to do).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kpibook.errors import InputError
from kpibook.indicators.definition import Polarity
from kpibook.indicators.library import Library
from kpibook.problems import Problem
from kpibook.rating.bands import Bands, Boundary, Edge
from kpibook.rating.targets_file import (
    BandsModel,
    TargetModel,
    problem,
    read_targets_file,
)
from kpibook.rating.yamlnodes import line_of


def financial_year(day: dt.date) -> str:
    """The financial year (April to March) a day falls in, e.g. ``2016-17``."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def previous_year(year: str) -> str:
    """``2017-18`` -> ``2016-17``."""
    start = int(year[:4]) - 1
    return f"{start}-{(start + 1) % 100:02d}"


@dataclass(frozen=True, slots=True)
class Benchmark:
    """A comparator printed beside a target (England, statistical neighbours...)."""

    value: float | None
    label: str


@dataclass(frozen=True, slots=True)
class Target:
    """One indicator's target and bands for one year.

    Attributes:
        indicator_id: the indicator.
        year: financial year, ``2016-17``.
        bands: the council-wide bands.
        source: who set it: local, national, nhs, statistical_neighbours, partner.
        rationale: why, as the target-setting document prints it.
        changed: explicitly marked new or changed (shaded); None to work it out.
        benchmark: comparator printed beside it, if any.
        overrides: other bands for particular org units, by org unit id.
        line: line of the entry in the targets file.
    """

    indicator_id: str
    year: str
    bands: Bands
    source: str = "local"
    rationale: str = ""
    changed: bool | None = None
    benchmark: Benchmark | None = None
    overrides: Mapping[str, Bands] = field(default_factory=dict)
    line: int = 0

    def bands_for(self, org_unit: str | None) -> Bands:
        """The bands that apply to ``org_unit`` (its override, else the council's)."""
        if org_unit is not None and org_unit in self.overrides:
            return self.overrides[org_unit]
        return self.bands


@dataclass(frozen=True, slots=True)
class YearTargets:
    """One financial year's targets."""

    year: str
    agreed_by: str
    agreed_on: dt.date | None
    notes: str
    targets: Mapping[str, Target]


@dataclass(frozen=True, slots=True)
class Targets:
    """A targets file, checked against the indicator library.

    Attributes:
        version: the file's own version label.
        council: the council it is for.
        path: where it was read from.
        checksum: SHA-256 of the file's bytes (recorded with every published month).
        years: targets by financial year.
    """

    version: str
    council: str
    path: Path
    checksum: str
    years: Mapping[str, YearTargets]

    @property
    def label(self) -> str:
        """Version and short checksum, e.g. ``kent-2018-19 (sha256 1a2b3c4d5e6f)``."""
        return f"{self.version} (sha256 {self.checksum[:12]})"

    def target(self, indicator_id: str, year: str) -> Target | None:
        """The target for an indicator in a financial year, if one is set."""
        found = self.years.get(year)
        return found.targets.get(indicator_id) if found is not None else None

    def for_month(self, indicator_id: str, period_end: dt.date) -> Target | None:
        """The target in force for a month (its financial year's)."""
        return self.target(indicator_id, financial_year(period_end))


def _edge_key(model: BandsModel, better: str, worse: str) -> tuple[Boundary | None, list[str]]:
    """The boundary stated by one of two keys (``better``: value on it rates better)."""
    given = [
        (k, e)
        for k, e in ((better, Edge.BETTER), (worse, Edge.WORSE))
        if getattr(model, k) is not None
    ]
    if not given:
        return None, []
    key, edge = given[0]
    return Boundary(float(getattr(model, key)), edge), [k for k, _ in given]


def bands_from(model: BandsModel, polarity: Polarity) -> tuple[Bands | None, list[str]]:
    """Bands for a polarity from a file entry, or the messages saying what is wrong."""
    wrong = {
        Polarity.HIGH: ("green_to", "green_below", "green_between", "red_above", "red_from"),
        Polarity.LOW: (
            "green_from",
            "green_above",
            "green_between",
            "red_below",
            "red_at_or_below",
        ),
        Polarity.TARGET: ("green_from", "green_above", "green_to", "green_below"),
    }[polarity]
    words = {
        Polarity.HIGH: "higher is better",
        Polarity.LOW: "lower is better",
        Polarity.TARGET: "close to target",
    }[polarity]
    errors = [
        f"'{key}' does not fit an indicator whose polarity is {polarity.value} ({words})"
        for key in wrong
        if getattr(model, key) is not None
    ]
    if errors:
        return None, errors
    if polarity is Polarity.TARGET:
        return _target_bands(model)
    high = polarity is Polarity.HIGH
    green, green_keys = _edge_key(
        model, *(("green_from", "green_above") if high else ("green_to", "green_below"))
    )
    red, red_keys = _edge_key(
        model, *(("red_below", "red_at_or_below") if high else ("red_above", "red_from"))
    )
    if len(green_keys) > 1:
        errors.append(f"give one of {' / '.join(green_keys)}, not both")
    ways = [
        *red_keys,
        *(["amber_tolerance"] if model.amber_tolerance is not None else []),
        *(["no_amber"] if model.no_amber else []),
    ]
    if len(ways) != 1:
        red_words = "red_below or red_at_or_below" if high else "red_above or red_from"
        errors.append(
            f"state the floor exactly once: {red_words}, amber_tolerance, or no_amber: true"
            + (f" (found {', '.join(ways)})" if ways else "")
        )
    if errors:
        return None, errors
    green = green or Boundary(model.target)
    if model.amber_tolerance is not None:
        step = model.amber_tolerance
        red = Boundary(green.value - step if high else green.value + step)
    if red is not None and (red.value > green.value if high else red.value < green.value):
        side = "above" if high else "below"
        return None, [f"the red threshold {red.value:g} is {side} the green one {green.value:g}"]
    return Bands(polarity, model.target, green=green, red=red), []


def _target_bands(model: BandsModel) -> tuple[Bands | None, list[str]]:
    low, high = model.green_between or (model.target, model.target)
    errors = []
    if not low <= model.target <= high:
        errors.append(f"the target {model.target:g} is outside green_between [{low:g}, {high:g}]")
    red_low, low_keys = _edge_key(model, "red_below", "red_at_or_below")
    red_high, high_keys = _edge_key(model, "red_above", "red_from")
    if len(low_keys) > 1 or len(high_keys) > 1:
        errors.append("give each red threshold once")
    if model.amber_tolerance is not None:
        if red_low is not None or red_high is not None or model.no_amber:
            errors.append("give amber_tolerance or red thresholds, not both")
        red_low = Boundary(low - model.amber_tolerance)
        red_high = Boundary(high + model.amber_tolerance)
    elif red_low is None and red_high is None and not model.no_amber:
        errors.append("state red_below / red_above, amber_tolerance, or no_amber: true")
    if red_low is not None and red_low.value > low:
        errors.append(f"red_below {red_low.value:g} is inside the green band")
    if red_high is not None and red_high.value < high:
        errors.append(f"red_above {red_high.value:g} is inside the green band")
    if errors:
        return None, errors
    return Bands(
        Polarity.TARGET,
        model.target,
        green_low=Boundary(low),
        green_high=Boundary(high),
        red_low=red_low,
        red_high=red_high,
    ), []


def load_targets(path: Path, library: Library) -> Targets:
    """Read and check a targets file; raise :class:`InputError` with every problem found."""
    model, index, found = read_targets_file(path)
    problems = list(found)
    years: dict[str, YearTargets] = {}
    if model is not None:
        for year, entry in model.years.items():
            targets: dict[str, Target] = {}
            for indicator_id, target_model in entry.indicators.items():
                where = ("years", year, "indicators", indicator_id)
                made = _target(path, index, library, year, indicator_id, target_model, problems)
                if made is not None:
                    targets[indicator_id] = made
                elif target_model is None:
                    problems.append(
                        problem(
                            path,
                            line_of(index, where),
                            f"{indicator_id} in {year} has no target",
                            "give it a target, or remove it: indicators without one are not rated",
                        )
                    )
            years[year] = YearTargets(year, entry.agreed_by, entry.agreed_on, entry.notes, targets)
    if problems:
        raise InputError(
            f"The targets file {path} cannot be used: {len(problems)} problem(s).", problems
        )
    assert model is not None
    checksum = hashlib.sha256(path.read_bytes()).hexdigest()
    return Targets(model.version, model.council, path, checksum, years)


def _target(
    path: Path,
    index: dict[tuple[str, ...], int],
    library: Library,
    year: str,
    indicator_id: str,
    model: TargetModel | None,
    problems: list[Problem],
) -> Target | None:
    where = ("years", year, "indicators", indicator_id)
    line = line_of(index, where)
    if model is None:
        return None
    try:
        indicator = library.get(indicator_id)
    except KeyError:
        problems.append(
            problem(
                path,
                line,
                f"unknown indicator '{indicator_id}'",
                "check the id against `kpibook indicators`",
            )
        )
        return None
    if indicator.activity or indicator.polarity is None:
        why = "an activity measure" if indicator.activity else "a context measure (no polarity)"
        problems.append(
            problem(path, line, f"{indicator_id} is {why}: it is never rated", "remove its target")
        )
        return None
    bands, errors = bands_from(model, indicator.polarity)
    for message in errors:
        problems.append(
            problem(
                path,
                line,
                f"{indicator_id} ({year}): {message}",
                "see docs/targets.md for how bands are stated",
            )
        )
    overrides: dict[str, Bands] = {}
    for i, override in enumerate(model.overrides):
        o_bands, o_errors = bands_from(override, indicator.polarity)
        o_line = line_of(index, (*where, "overrides", i))
        for message in o_errors:
            problems.append(
                problem(
                    path,
                    o_line,
                    f"{indicator_id} ({year}) override for {override.org_unit}: {message}",
                    "see docs/targets.md",
                )
            )
        if override.org_unit in overrides:
            problems.append(
                problem(path, o_line, f"two overrides for {override.org_unit}", "keep one")
            )
        if o_bands is not None:
            overrides[override.org_unit] = o_bands
    if bands is None:
        return None
    benchmark = Benchmark(model.benchmark.value, model.benchmark.label) if model.benchmark else None
    return Target(
        indicator_id,
        year,
        bands,
        model.source,
        model.rationale,
        model.changed,
        benchmark,
        overrides,
        line,
    )
