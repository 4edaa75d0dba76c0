"""The exception page every Red indicator gets: trend, notes, breakdown, commentary."""

from __future__ import annotations

import math

from kpibook.indicators.definition import Indicator
from kpibook.rating.bands import Rag
from kpibook.scorecard import format as fmt
from kpibook.scorecard.config_files import Note
from kpibook.scorecard.figures import TREND_MONTHS, shift
from kpibook.scorecard.model import BreakdownLine, ExceptionPage, Profile, Row, TrendPoint
from kpibook.scorecard.rows import Context, make_row


def trend(ctx: Context, indicator: Indicator, unit: str, months: int) -> tuple[TrendPoint, ...]:
    """The council's headline figure for the ``months`` months to the pack's month, oldest first."""
    cohort = indicator.headline_cohort.value
    points = []
    for back in range(months - 1, -1, -1):
        day = shift(ctx.month, -back)
        bands = ctx.bands(indicator, day, unit)
        low = bands.green_low if bands is not None else None
        high = bands.green_high if bands is not None else None
        points.append(
            TrendPoint(
                day,
                ctx.figures.value(indicator.id, day, "council", unit, cohort),
                bands.target if bands is not None else None,
                bands.floor if bands is not None else None,
                ctx.rag_at(indicator, day, "council", unit, cohort),
                low.value if low is not None else None,
                high.value if high is not None else None,
            )
        )
    return tuple(points)


def period_note(indicator: Indicator, row: Row, ctx: Context) -> str:
    """What the period means, with the pack's month as the example (as the seeds word it)."""
    month = ctx.month
    code = indicator.period.value
    if code == "R12M":
        start = shift(month, -11)
        return (
            "Data: Figures shown are based on a rolling 12 month period. The result for "
            f"{fmt.month(month)} for example shows performance for {fmt.month(start)} to "
            f"{fmt.month(month)}."
        )
    if code == "SS":
        return (
            "Data: Figures shown are based on a snapshot taken at the end of each calendar month."
        )
    if code == "FYTD":
        return (
            "Data: Figures shown are year to date (April to the end of the month); treat the "
            "first months of a year with caution, as they are based on few children."
        )
    if code == "AYTD":
        return "Data: Figures shown are academic year to date (September to the end of the month)."
    if code == "M":
        return "Data: Figures shown are for the calendar month."
    return f"Data: {indicator.period.description.capitalize()}."


def _target_note(row: Row) -> str:
    if row.target is None:
        return "Target: none set."
    return f"Target: {fmt.target(row.target, row.unit)} (RAG Bandings: {row.bands})"


def cases_short(row: Row) -> float | None:
    """How many more cases would have met the target (percent measures); None otherwise."""
    if row.unit != "percent" or None in (row.target, row.numerator, row.denominator):
        return None
    assert row.target is not None and row.numerator is not None and row.denominator is not None
    needed = row.target / 100 * row.denominator
    gap = needed - row.numerator if row.polarity == "H" else row.numerator - needed
    return float(max(0, math.ceil(gap - 1e-9)))


def _breakdown(ctx: Context, indicator: Indicator) -> tuple[BreakdownLine, ...]:
    lines = []
    cohort = indicator.headline_cohort.value
    for level in ("area", "team"):
        if level not in {lv.value for lv in indicator.levels}:
            continue
        for unit in ctx.figures.units.get(level, ()):
            figure = ctx.figures.get(indicator.id, ctx.month, level, unit, cohort)
            # Real org units with something counted: not the engine's UNALLOCATED
            # bucket, not a team with no children in the measure.
            if figure is None or figure.value is None or unit not in ctx.units:
                continue
            if figure.denominator is not None and figure.denominator <= 0:
                continue
            row = make_row(indicator, ctx, level, unit, cohort)
            lines.append(BreakdownLine(row, cases_short(row)))
    rank = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
    lines.sort(
        key=lambda b: (
            b.row.org_level != "area",
            -(b.cases_short or 0),
            rank.get(b.row.rag, 3) if b.row.rag is not None else 3,
            b.row.org_unit_name,
        )
    )
    return tuple(lines)


def _sentences(
    ctx: Context,
    indicator: Indicator,
    row: Row,
    year: tuple[TrendPoint, ...],
) -> tuple[str, ...]:
    out = []
    if indicator.period.value == "R12M" and row.numerator is not None and row.denominator:
        out.append(
            f"During the 12 month period to {fmt.month_long(ctx.month)} there were "
            f"{fmt.count(row.denominator)} {indicator.denominator.rstrip('.')}; of these "
            f"{fmt.count(row.numerator)} ({fmt.value(row.value, row.unit)}) met the measure "
            f"({indicator.numerator.rstrip('.')})."
        )
    if row.r3m is not None:
        band = f", which is within the {row.r3m_rag.word} banding" if row.r3m_rag else ""
        out.append(
            f"Performance for the 3 months up to {fmt.date(ctx.month)} is "
            f"{fmt.value(row.r3m, row.unit)}{band}."
        )
    first = next((p for p in year if p.value is not None), None)
    if first is not None and first.period_end != ctx.month and row.value is not None:
        out.append(
            f"Performance has moved from {fmt.value(first.value, row.unit)} in "
            f"{fmt.month_long(first.period_end)} to {fmt.value(row.value, row.unit)} in "
            f"{fmt.month_long(ctx.month)}."
        )
    if row.floor is not None and row.target is not None:
        side = "below" if row.polarity == "H" else "above"
        out.append(
            f"As performance is {side} {fmt.target(row.floor, row.unit)}, the minimum level of "
            f"performance set against the target of {fmt.target(row.target, row.unit)}, a Red "
            "RAG rating has been applied."
        )
    return tuple(out)


def exception_page(
    ctx: Context, indicator: Indicator, row: Row, note: Note | None, profile: Profile
) -> ExceptionPage:
    """The exception page for a Red council-level row."""
    unit = row.org_unit
    year = trend(ctx, indicator, unit, 12)
    notes = [
        _target_note(row),
        "Tolerance: " + fmt.POLARITY_WORDS.get(row.polarity or "", "No polarity") + ".",
        period_note(indicator, row, ctx),
        f"Data Source: {profile.data_source or indicator.source}",
    ]
    return ExceptionPage(
        row=row,
        definition=" ".join(indicator.definition.split()),
        theme=row.section,
        numerator_text=indicator.numerator,
        denominator_text=indicator.denominator,
        last_four=year[-4:],
        last_twelve=year,
        five_years=trend(ctx, indicator, unit, TREND_MONTHS),
        data_notes=tuple(notes),
        breakdown=_breakdown(ctx, indicator),
        sentences=_sentences(ctx, indicator, row, year),
        commentary=note.text if note is not None else None,
        commentary_author=note.author if note is not None else "",
    )
