"""The target-setting document: next year's targets beside this year's and the latest results.

Modelled on Kent's "Proposals for the 2018/2019 Children in Care Performance
Report" (seed 004, Appendix 2): for each indicator the latest result including
and excluding UASC with its rating, this year's target, the benchmark,
next year's target and bands, and the rationale. "New measures, or those
where the target, RAG rating or definition has been changed ... have been
shaded": a row is shaded when it is new, its target or bands changed, or the
targets file marks it ``changed: true``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kpibook.indicators.library import Library
from kpibook.rating.bands import Rag
from kpibook.rating.describe import describe_bands
from kpibook.rating.rag import rate
from kpibook.rating.targets import Target, Targets
from kpibook.scorecard.figures import Figures

SUFFIX = {"percent": "%"}


@dataclass(frozen=True, slots=True)
class Latest:
    """A latest result with its rating against this year's target."""

    value: float | None
    rag: Rag | None


@dataclass(frozen=True, slots=True)
class TargetRow:
    """One indicator of the target-setting document."""

    indicator_id: str
    title: str
    section: str
    unit: str
    polarity: str
    including: Latest
    excluding: Latest | None
    current_target: float | None
    current_bands: str
    benchmark: str
    proposed_target: float | None
    proposed_bands: str
    proposed_rag: Rag | None
    """How the latest result would rate against the proposed bands."""
    rationale: str
    source: str
    changes: tuple[str, ...]

    @property
    def shaded(self) -> bool:
        """New, or target, bands or definition changed."""
        return bool(self.changes)


@dataclass(frozen=True, slots=True)
class TargetDocument:
    """The whole document."""

    council: str
    year: str
    compare_year: str
    latest_month: dt.date | None
    agreed_by: str
    agreed_on: dt.date | None
    targets_label: str
    rows: tuple[TargetRow, ...]


def _changes(new: Target, old: Target | None) -> tuple[str, ...]:
    if old is None:
        return ("new measure or new target",)
    out = []
    if new.bands.target != old.bands.target:
        out.append(f"target changed from {old.bands.target:g} to {new.bands.target:g}")
    if new.bands != old.bands and new.bands.target == old.bands.target:
        out.append("RAG bands changed")
    if new.changed:
        out.append("definition or rating changed (marked in the targets file)")
    return tuple(out)


def _latest(
    figures: Figures | None,
    indicator_id: str,
    unit: str,
    cohort: str,
    target: Target | None,
    is_count: bool,
) -> Latest:
    if figures is None:
        return Latest(None, None)
    figure = figures.get(indicator_id, figures.month, "council", unit, cohort)
    if figure is None:
        return Latest(None, None)
    bands = target.bands if target is not None else None
    rating = rate(figure.value, None if is_count else figure.denominator, bands)
    return Latest(figure.value, rating.rag)


def target_document(
    targets: Targets,
    library: Library,
    year: str,
    compare_year: str,
    figures: Figures | None,
) -> TargetDocument:
    """The document for ``year`` compared with ``compare_year``, with the latest figures if any."""
    proposed = targets.years.get(year)
    if proposed is None:
        from kpibook.errors import ConfigError

        raise ConfigError(
            f"the targets file has no year {year}; it has {', '.join(targets.years) or 'none'}"
        )
    current = targets.years.get(compare_year)
    council = (figures.units.get("council", ("",)) if figures is not None else ("",))[0]
    rows = []
    for indicator_id, new in proposed.targets.items():
        indicator = library.get(indicator_id)
        old = current.targets.get(indicator_id) if current is not None else None
        suffix = SUFFIX.get(indicator.unit.value, "")
        is_count = indicator.unit.value == "count"
        cohorts = {c.value for c in indicator.cohorts}
        including = _latest(figures, indicator_id, council, "all", old, is_count)
        excluding = (
            _latest(figures, indicator_id, council, "exc_uasc", old, is_count)
            if "exc_uasc" in cohorts
            else None
        )
        would = rate(including.value, None, new.bands).rag if including.value is not None else None
        benchmark = ""
        if new.benchmark is not None:
            value = f"{new.benchmark.value:g}{suffix} " if new.benchmark.value is not None else ""
            benchmark = f"{value}{new.benchmark.label}".strip()
        rows.append(
            TargetRow(
                indicator_id=indicator_id,
                title=indicator.title,
                section=indicator.section.split(" / ")[0],
                unit=indicator.unit.value,
                polarity=indicator.polarity.value if indicator.polarity else "",
                including=including,
                excluding=excluding,
                current_target=old.bands.target if old is not None else None,
                current_bands=describe_bands(old.bands, suffix) if old is not None else "",
                benchmark=benchmark or "Local Measure",
                proposed_target=new.bands.target,
                proposed_bands=describe_bands(new.bands, suffix),
                proposed_rag=would,
                rationale=" ".join(new.rationale.split()),
                source=new.source,
                changes=_changes(new, old),
            )
        )
    order = {i: n for n, i in enumerate(library.ids)}
    rows.sort(key=lambda r: order.get(r.indicator_id, len(order)))
    return TargetDocument(
        council=targets.council,
        year=year,
        compare_year=compare_year,
        latest_month=figures.month if figures is not None else None,
        agreed_by=proposed.agreed_by,
        agreed_on=proposed.agreed_on,
        targets_label=targets.label,
        rows=tuple(rows),
    )
