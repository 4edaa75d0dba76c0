"""Assembling a month's pack from figures, definitions, targets, profile and commentary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from kpibook.indicators.definition import Indicator
from kpibook.indicators.library import Library
from kpibook.rating.targets import Targets, financial_year
from kpibook.scorecard.config_files import Note
from kpibook.scorecard.exceptions import exception_page
from kpibook.scorecard.figures import Figures, select_figures, shift
from kpibook.scorecard.model import (
    ActivityCell,
    ActivityColumn,
    ActivityRow,
    ActivityTable,
    Demographics,
    OrgUnit,
    Pack,
    Profile,
    Row,
    Scorecard,
    Section,
    UascBlock,
    UascLine,
)
from kpibook.scorecard.rows import Context, make_row
from kpibook.scorecard.summary import Published, summarise

ACTIVITY_SECTION = "SCS Activity"


@dataclass(frozen=True, slots=True)
class Layout:
    """Which products the pack shows, and where.

    Attributes:
        main: the product of the council and area scorecards, the summary and the exceptions.
        others: further council-level scorecards (e.g. the CIC scorecard).
        uasc: the product of the Impact of UASC page's "other indicators" block.
    """

    main: str = "scs-2016"
    others: tuple[str, ...] = ("cic-2018",)
    uasc: str = "scs-uasc-2016"
    titles: Mapping[str, str] = field(
        default_factory=lambda: {
            "scs-2016": "Scorecard",
            "cic-2018": "Children in Care Scorecard",
        }
    )


def _product(library: Library, product: str) -> list[Indicator]:
    return [
        i for i in library.indicators if product in i.products and i.section != ACTIVITY_SECTION
    ]


def _sections(rows: Sequence[Row]) -> tuple[Section, ...]:
    order: dict[str, list[Row]] = {}
    for row in rows:
        order.setdefault(row.section, []).append(row)
    return tuple(Section(title, tuple(rs)) for title, rs in order.items())


def _unit(ctx: Context, unit_id: str, level: str) -> OrgUnit:
    return ctx.units.get(unit_id) or OrgUnit(unit_id, unit_id, level)


def _scorecard(
    ctx: Context,
    indicators: list[Indicator],
    key: str,
    title: str,
    product: str,
    unit: OrgUnit,
) -> Scorecard:
    rows = [make_row(i, ctx, unit.level, unit.id, i.headline_cohort.value) for i in indicators]
    return Scorecard(key, title, product, unit, "headline", _sections(rows))


def _activity(ctx: Context, library: Library) -> ActivityTable | None:
    measures = [i for i in library.indicators if i.section == ACTIVITY_SECTION]
    if not measures or not any(
        ctx.figures.get(m.id, ctx.month, "council", c, "all")
        for m in measures
        for c in ctx.figures.units.get("council", ())
    ):
        return None
    columns = tuple(ActivityColumn(m.id, m.title, m.period.value == "SS") for m in measures)
    before = shift(ctx.month, -1)
    rows = []
    for level in ("council", "area", "team"):
        for unit_id in _ordered(ctx, level):
            cells = tuple(
                ActivityCell(
                    ctx.figures.value(m.id, ctx.month, level, unit_id, "all"),
                    ctx.figures.value(m.id, before, level, unit_id, "all"),
                    column.stock,
                )
                for m, column in zip(measures, columns, strict=True)
            )
            rows.append(ActivityRow(_unit(ctx, unit_id, level), cells))
    return ActivityTable(columns, tuple(rows))


def _ordered(ctx: Context, level: str) -> list[str]:
    """Units of a level present in the figures, in the order of the org units file.

    Teams follow their area. Units the org units file does not know (such as the
    engine's ``UNALLOCATED`` bucket) come last, and only in the activity table.
    """
    position = {unit_id: i for i, unit_id in enumerate(ctx.units)}
    present = ctx.figures.units.get(level, ())

    def key(unit_id: str) -> tuple[int, int, str]:
        unit = ctx.units.get(unit_id)
        parent = position.get(unit.parent or "", -1) if unit is not None else len(position)
        return (parent if level == "team" else 0, position.get(unit_id, len(position)), unit_id)

    return sorted(present, key=key)


def _known(ctx: Context, level: str) -> list[str]:
    """Units of a level that are real org units (scorecards are not drawn for buckets)."""
    return [u for u in _ordered(ctx, level) if u in ctx.units]


def _uasc(
    ctx: Context, library: Library, layout: Layout, council: OrgUnit
) -> tuple[UascBlock, ...]:
    both = [
        i
        for i in _product(library, layout.main)
        if i.section.startswith("Children in Care")
        and i.headline_cohort.value == "all"
        and {c.value for c in i.cohorts} == {"all", "exc_uasc"}
    ]
    blocks = []
    units = [council, *(_unit(ctx, u, "area") for u in _known(ctx, "area"))]
    for unit in units:
        lines = tuple(_uasc_line(ctx, i, unit) for i in both)
        blocks.append(UascBlock(f"Children in Care - {unit.name}", lines))
    others = [i for i in _product(library, layout.uasc) if i not in both]
    if others:
        lines = tuple(_uasc_line(ctx, i, council) for i in others)
        blocks.append(UascBlock(f"Other indicators - {council.name}", lines))
    return tuple(blocks)


def _uasc_line(ctx: Context, indicator: Indicator, unit: OrgUnit) -> UascLine:
    including = make_row(indicator, ctx, unit.level, unit.id, "all")
    has_excluding = any(c.value == "exc_uasc" for c in indicator.cohorts)
    excluding = make_row(indicator, ctx, unit.level, unit.id, "exc_uasc") if has_excluding else None
    return UascLine(including, excluding)


def all_rows(ctx: Context, library: Library) -> tuple[Row, ...]:
    """Every figure of the month rated: each indicator, level, unit and cohort present."""
    present = {(k[0], k[2], k[3], k[4]) for k in ctx.figures.index if k[1] == ctx.month}
    rows = []
    for indicator in library.indicators:
        for level in ("council", "area", "district", "team"):
            for unit in ctx.figures.units.get(level, ()):
                for cohort in ("all", "exc_uasc"):
                    if (indicator.id, level, unit, cohort) in present:
                        rows.append(make_row(indicator, ctx, level, unit, cohort))
    return tuple(rows)


def build_pack(
    *,
    results: pa.Table,
    month: dt.date,
    library: Library,
    targets: Targets,
    profile: Profile,
    units: Mapping[str, OrgUnit],
    commentary: Mapping[str, Note],
    publication_date: dt.date,
    demographics: Demographics | None = None,
    compare_with: dt.date | None = None,
    published: Published | None = None,
    layout: Layout | None = None,
    unavailable: Mapping[str, str] | None = None,
    data_quality: Mapping[str, int] | None = None,
) -> Pack:
    """The pack for ``month``: pure, given its inputs (so a rebuild reproduces it exactly).

    ``compare_with`` is the month "changed RAG banding since" compares with (default:
    the month before); ``published`` its ratings as published, when it was.
    """
    layout = layout or Layout()
    figures: Figures = select_figures(results, month)
    ctx = Context(month, figures, targets, units, dict(unavailable or {}))
    councils = figures.units.get("council", ())
    if len(councils) != 1:
        from kpibook.errors import ConfigError

        raise ConfigError(
            f"the figures for {month:%Y-%m} hold {len(councils)} council-level units; "
            "a pack needs exactly one (check the month and the results file)"
        )
    council = _unit(ctx, councils[0], "council")
    main = _product(library, layout.main)
    scorecards = [
        _scorecard(
            ctx, main, "council", layout.titles.get(layout.main, "Scorecard"), layout.main, council
        )
    ]
    for product in layout.others:
        indicators = _product(library, product)
        if indicators:
            scorecards.append(
                _scorecard(
                    ctx, indicators, product, layout.titles.get(product, product), product, council
                )
            )
    for area in _known(ctx, "area"):
        unit = _unit(ctx, area, "area")
        scorecards.append(_scorecard(ctx, main, f"area-{area}", "Scorecard", layout.main, unit))
    seen: set[str] = set()
    exceptions = []
    for card in scorecards:
        if card.org_unit.level != "council":
            continue
        for row in card.rows:
            if row.rag is not None and row.rag.value == "R" and row.indicator_id not in seen:
                seen.add(row.indicator_id)
                note = commentary.get(row.indicator_id)
                exceptions.append(
                    exception_page(ctx, library.get(row.indicator_id), row, note, profile)
                )
    summary = summarise(
        ctx, library, scorecards[0], compare_with or shift(month, -1), len(exceptions), published
    )
    return Pack(
        month=month,
        profile=profile,
        publication_date=publication_date,
        targets_label=targets.label,
        targets_year=financial_year(month),
        rows=all_rows(ctx, library),
        summary=summary,
        activity=_activity(ctx, library),
        scorecards=tuple(scorecards),
        uasc=_uasc(ctx, library, layout, council),
        exceptions=tuple(exceptions),
        demographics=demographics,
        unavailable=tuple(sorted((unavailable or {}).items())),
        data_quality=tuple(sorted((data_quality or {}).items())),
    )
