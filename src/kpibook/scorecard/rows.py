"""Rating one figure in context: value, target, RAG, last month, last year, rolling 3 months."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from kpibook.indicators.definition import R3M_SUFFIX, Indicator, Unit
from kpibook.rating.bands import Bands, Rag
from kpibook.rating.describe import describe_bands
from kpibook.rating.dot import direction
from kpibook.rating.rag import rate
from kpibook.rating.targets import Targets
from kpibook.scorecard.figures import Figure, Figures, shift
from kpibook.scorecard.model import OrgUnit, Row


@dataclass(frozen=True, slots=True)
class Context:
    """What rating a row needs."""

    month: dt.date
    figures: Figures
    targets: Targets
    units: Mapping[str, OrgUnit]
    unavailable: Mapping[str, str] = field(default_factory=dict)
    """Indicator id -> what it needs that the data does not supply."""

    def name(self, unit: str) -> str:
        """The printed name of an org unit (its id if unknown)."""
        found = self.units.get(unit)
        return found.name if found is not None else unit

    def bands(self, indicator: Indicator, period_end: dt.date, unit: str | None) -> Bands | None:
        """Bands in force for ``period_end`` (its financial year's), with any unit override."""
        target = self.targets.for_month(indicator.id, period_end)
        return target.bands_for(unit) if target is not None else None

    def rag_at(
        self, indicator: Indicator, period_end: dt.date, level: str, unit: str, cohort: str
    ) -> Rag | None:
        """The rating a figure had in its own month, against that month's targets."""
        figure = self.figures.get(indicator.id, period_end, level, unit, cohort)
        if figure is None:
            return None
        return _rating(indicator, figure, self.bands(indicator, period_end, unit))


def _denominator(indicator: Indicator, figure: Figure) -> float | None:
    return None if indicator.unit is Unit.COUNT else figure.denominator


def _rating(indicator: Indicator, figure: Figure, bands: Bands | None) -> Rag | None:
    return rate(
        figure.value, _denominator(indicator, figure), bands, activity=indicator.activity
    ).rag


SUFFIX = {"percent": "%"}


def make_row(indicator: Indicator, ctx: Context, level: str, unit: str, cohort: str) -> Row:
    """The rated row for ``indicator`` at ``unit`` in the context's month."""
    month = ctx.month
    figure = ctx.figures.get(indicator.id, month, level, unit, cohort) or Figure(None, None, None)
    bands = ctx.bands(indicator, month, unit)
    rating = rate(
        figure.value,
        _denominator(indicator, figure),
        bands,
        activity=indicator.activity,
        available=indicator.id not in ctx.unavailable,
    )
    target = bands.target if bands is not None else None
    polarity = indicator.polarity
    before = shift(month, -1)
    month_ago = ctx.figures.value(indicator.id, before, level, unit, cohort)
    year_ago = ctx.figures.value(indicator.id, shift(month, -12), level, unit, cohort)
    r3m_value = r3m_rag = None
    if indicator.rolling_three_months:
        r3m = ctx.figures.get(indicator.id + R3M_SUFFIX, month, level, unit, cohort)
        if r3m is not None:
            r3m_value, r3m_rag = r3m.value, _rating(indicator, r3m, bands)
    return Row(
        indicator_id=indicator.id,
        title=indicator.title,
        section=indicator.section.split(" / ")[0],
        polarity=polarity.value if polarity is not None else None,
        period=indicator.period.value,
        unit=indicator.unit.value,
        org_level=level,
        org_unit=unit,
        org_unit_name=ctx.name(unit),
        cohort=cohort,
        value=figure.value,
        numerator=figure.numerator,
        denominator=_denominator(indicator, figure),
        target=target,
        floor=bands.floor if bands is not None else None,
        bands=describe_bands(bands, SUFFIX.get(indicator.unit.value, "")) if bands else "",
        rag=rating.rag,
        no_rating=rating.reason,
        month_ago=month_ago,
        month_ago_rag=ctx.rag_at(indicator, before, level, unit, cohort),
        month_ago_dot=direction(figure.value, month_ago, polarity, target),
        year_ago=year_ago,
        year_ago_dot=direction(figure.value, year_ago, polarity, target),
        r3m=r3m_value,
        r3m_rag=r3m_rag,
    )
