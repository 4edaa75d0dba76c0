"""The pack as an Excel workbook (``scorecard.xlsx``), for MI officers to filter and chart.

One sheet per part of the pack: Summary, Activity, each council scorecard,
Areas (every area scorecard stacked, with an Area column to filter on),
Impact of UASC, Exceptions, Demographics (when given) and Data (every figure,
the columns of ``scorecard.json``).

Cells hold real numbers, never numbers as text, with number formats that show
them as :func:`kpibook.scorecard.format.value` writes them (a percentage is
stored as 22.254 and shown ``22.3%``). A rating is its word ("Green", "Amber",
"Red") on its GOV.UK colour, so it never relies on colour alone; a direction
of travel is an arrow and a word. Table sheets have a title row, a frozen
header, an auto filter and landscape A4 fit-to-width printing.

The output is deterministic: the same pack gives the same bytes (workbook
dates are the publication date, and so are the zip entries' times).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from kpibook.rating.bands import Rag
from kpibook.rating.dot import Dot
from kpibook.rating.rag import NoRating
from kpibook.render.atomic import write_atomically
from kpibook.render.json_out import ROW_FIELDS, sorted_rows
from kpibook.scorecard import format as fmt
from kpibook.scorecard.model import (
    ActivityTable,
    BreakdownLine,
    CrossTab,
    Demographics,
    ExceptionPage,
    Pack,
    Row,
    Scorecard,
    TrendPoint,
    UascLine,
)

T = TypeVar("T")

# Number formats beyond format.EXCEL_FORMATS, all derived from it.
COUNT_FORMAT = fmt.EXCEL_FORMATS["count"]
"""A whole numerator, denominator or activity count: ``1,145``."""
FRACTION_FORMAT = "#,##0.0"
"""A numerator or denominator with decimals (FTE): ``404.3`` (as :func:`format.count`)."""
CHANGE_FORMAT = f"+{COUNT_FORMAT};-{COUNT_FORMAT};{COUNT_FORMAT}"
"""A signed change of a count: ``+3``, ``-2``, ``0`` (as :func:`format.change`)."""
MONTH_FORMAT = "mmm yyyy"
"""A month: ``Aug 2016`` (as :func:`format.month`)."""


def variance_format(unit: str) -> str:
    """Signed even when it rounds to zero: ``+0.0%``, ``0.0%``, ``-0.0%`` (:func:`format.variance`).

    Excel uses the negative section for any negative value, however small, and
    the zero section only for exactly zero, which is the rule the seeds follow.
    """
    base = fmt.EXCEL_FORMATS[unit]
    return f"+{base};-{base};{base}"


def count_format(number: float) -> str:
    """Whole with separators, or one decimal place if it has any (as :func:`format.count`)."""
    return COUNT_FORMAT if float(number).is_integer() else FRACTION_FORMAT


# GOV.UK palette: text always says the rating, the fill repeats it.
RAG_FILLS = {Rag.GREEN: "00703C", Rag.AMBER: "F47738", Rag.RED: "D4351C"}
RAG_FONTS = {Rag.GREEN: "FFFFFF", Rag.AMBER: "0B0C0C", Rag.RED: "FFFFFF"}
HEADER_FILL = "F3F2F1"

TITLE_ROW = 1
META_ROW = 2
NOTE_ROW = 3
HEADER_ROW = 4
"""Every table sheet: title, metadata, a note (or blank), then the header row."""

SUMMARY = "Summary"
ACTIVITY = "Activity"
AREAS = "Areas"
UASC = "Impact of UASC"
EXCEPTIONS = "Exceptions"
DEMOGRAPHICS = "Demographics"
DATA = "Data"
FIXED_SHEETS = (SUMMARY, ACTIVITY, AREAS, UASC, EXCEPTIONS, DEMOGRAPHICS, DATA)

_FONT_BOLD = Font(bold=True)
_FONT_TITLE = Font(bold=True, size=14)
_FONT_HEADING = Font(bold=True, size=12)
_HEADER_FILL = PatternFill("solid", fgColor=HEADER_FILL)
_HEADER_BORDER = Border(bottom=Side(style="thin"))
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_RAG_FILL = {rag: PatternFill("solid", fgColor=colour) for rag, colour in RAG_FILLS.items()}
_RAG_FONT = {rag: Font(bold=True, color=colour) for rag, colour in RAG_FONTS.items()}
_CENTRE = Alignment(horizontal="center")


# ---------------------------------------------------------------- cells


@dataclass(frozen=True, slots=True)
class Cell:
    """What one cell shows: a value with its number format, or a rating."""

    value: str | float | dt.date | None
    number_format: str = "General"
    rag: Rag | None = None
    bold: bool = False


EMPTY = Cell(None)


def text(value: str | None, *, bold: bool = False) -> Cell:
    """A text cell (empty for None or "")."""
    return Cell(value or None, bold=bold)


def measure(number: float | None, unit: str) -> Cell:
    """A value, target or comparison, shown as :func:`format.value` shows it."""
    return Cell(number, fmt.EXCEL_FORMATS[unit]) if number is not None else EMPTY


def count(number: float | None) -> Cell:
    """A numerator, denominator or activity count."""
    return Cell(number, count_format(number)) if number is not None else EMPTY


def rating(rag: Rag | None) -> Cell:
    """``Green``/``Amber``/``Red`` on its colour; empty for no rating."""
    return Cell(fmt.rag(rag) or None, rag=rag) if rag is not None else EMPTY


def direction(dot: Dot | None) -> Cell:
    """``↑ Improved``: arrow and word."""
    return text(fmt.dot(dot))


def month_cell(day: dt.date) -> Cell:
    """A month end as a real date shown ``Aug 2016``."""
    return Cell(day, MONTH_FORMAT)


def no_rating(reason: NoRating | None) -> Cell:
    """Why a figure has no rating: ``Denominator under 5``."""
    return text(reason.value[:1].upper() + reason.value[1:] if reason is not None else None)


def put(ws: Any, row: int, column: int, cell: Cell) -> None:
    """Write ``cell`` at ``row``, ``column`` (nothing at all for an empty cell)."""
    if cell.value is None:
        return
    target = ws.cell(row=row, column=column, value=cell.value)
    target.number_format = cell.number_format
    if cell.rag is not None:
        target.fill = _RAG_FILL[cell.rag]
        target.font = _RAG_FONT[cell.rag]
        target.alignment = _CENTRE
    elif cell.bold:
        target.font = _FONT_BOLD


# ---------------------------------------------------------------- tables


@dataclass(frozen=True)  # no slots: ``Column[Row](...)`` sets ``__orig_class__``
class Column(Generic[T]):
    """A table column: its header, width (characters) and what it shows for an item."""

    header: str
    width: float
    get: Callable[[T], Cell]


def header_cells(ws: Any, row: int, headers: Sequence[str], first_column: int = 1) -> None:
    """A bold, shaded, wrapped header row."""
    for offset, header in enumerate(headers):
        cell = ws.cell(row=row, column=first_column + offset, value=header)
        cell.font = _FONT_BOLD
        cell.fill = _HEADER_FILL
        cell.border = _HEADER_BORDER
        cell.alignment = _WRAP_TOP


def write_rows(ws: Any, columns: Sequence[Column[T]], items: Iterable[T], first_row: int) -> int:
    """Write one line per item from ``first_row``; the last row written (first_row - 1 if none)."""
    row = first_row - 1
    for item in items:
        row += 1
        for index, column in enumerate(columns, start=1):
            put(ws, row, index, column.get(item))
    return row


def table_sheet(
    ws: Any, columns: Sequence[Column[T]], items: Iterable[T], frozen_columns: int
) -> None:
    """A sheet that is one table: header at :data:`HEADER_ROW`, frozen, filtered, sized."""
    header_cells(ws, HEADER_ROW, [c.header for c in columns])
    last = write_rows(ws, columns, items, HEADER_ROW + 1)
    last_column = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{max(last, HEADER_ROW)}"
    ws.freeze_panes = f"{get_column_letter(frozen_columns + 1)}{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    set_widths(ws, [c.width for c in columns])


def set_widths(ws: Any, widths: Sequence[float]) -> None:
    """Column widths, in characters, from column A."""
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


# ---------------------------------------------------------------- sheets


_INVALID = re.compile(r"[\[\]:*?/\\]")


def sheet_title(wanted: str, taken: Iterable[str]) -> str:
    """A valid sheet name: no ``[]:*?/\\``, at most 31 characters, unique ignoring case."""
    base = _INVALID.sub("-", wanted).strip().strip("'").strip() or "Sheet"
    used = {t.casefold() for t in taken}
    candidate = base[:31].rstrip()
    number = 1
    while candidate.casefold() in used or candidate.casefold() == "history":
        number += 1
        suffix = f" ({number})"
        candidate = base[: 31 - len(suffix)].rstrip() + suffix
    return candidate


def heading(pack: Pack, name: str) -> str:
    """The title row: ``Scorecard - Kent (Aug 2016)``."""
    return f"{name} - {pack.profile.council} ({fmt.month(pack.month)})"


def metadata(pack: Pack) -> str:
    """The line under the title: report, publication date, targets and version."""
    parts = [
        pack.profile.title,
        f"Publication date {fmt.date_long(pack.publication_date)}",
        f"Targets {pack.targets_year} ({pack.targets_label})",
    ]
    if pack.version is not None:
        parts.append(f"Version {pack.version}")
    return ". ".join(p for p in parts if p) + "."


def new_sheet(wb: Any, pack: Pack, title: str, name: str, note: str = "") -> Any:
    """A sheet with its title and metadata rows and print setup."""
    ws = wb.create_sheet(title)
    put(ws, TITLE_ROW, 1, text(heading(pack, name)))
    ws.cell(row=TITLE_ROW, column=1).font = _FONT_TITLE
    put(ws, META_ROW, 1, text(metadata(pack)))
    if note:
        put(ws, NOTE_ROW, 1, text(note))
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    return ws


class Flow:
    """A narrative sheet written top to bottom: headings, text, small tables, blank lines."""

    def __init__(self, ws: Any, widths: Sequence[float]) -> None:
        self.ws = ws
        self.widths = list(widths)
        self.row = HEADER_ROW - 1
        set_widths(ws, widths)
        ws.freeze_panes = f"A{HEADER_ROW}"

    def gap(self, lines: int = 1) -> None:
        """Blank lines."""
        self.row += lines

    def heading(self, words: str) -> None:
        """A bold heading line."""
        self.row += 1
        put(self.ws, self.row, 1, text(words))
        self.ws.cell(row=self.row, column=1).font = _FONT_HEADING

    def paragraph(self, words: str, *, before: Sequence[Cell] = (), font: Any = None) -> None:
        """Wrapped text across the sheet's columns, after the ``before`` cells (labels, figures).

        The row is made tall enough to show it: Excel does not grow merged cells.
        """
        self.row += 1
        for index, cell in enumerate(before, start=1):
            put(self.ws, self.row, index, cell)
            if font is not None and cell.value is not None:
                self.ws.cell(row=self.row, column=index).font = font
        first = len(before) + 1
        last = len(self.widths)
        if not words:
            return
        put(self.ws, self.row, first, text(words))
        target = self.ws.cell(row=self.row, column=first)
        target.alignment = _WRAP_TOP
        if font is not None:
            target.font = font
        if last > first:
            self.ws.merge_cells(
                start_row=self.row, start_column=first, end_row=self.row, end_column=last
            )
        width = sum(self.widths[first - 1 :])
        lines = sum(max(1, math.ceil(len(part) * 1.1 / width)) for part in words.split("\n"))
        if lines > 1:
            self.ws.row_dimensions[self.row].height = 15 * lines

    def line(self, cells: Sequence[Cell]) -> None:
        """One line of cells from column A."""
        self.row += 1
        for index, cell in enumerate(cells, start=1):
            put(self.ws, self.row, index, cell)

    def table(self, columns: Sequence[Column[T]], items: Sequence[T]) -> None:
        """A small table: header line, then one line per item."""
        self.row += 1
        header_cells(self.ws, self.row, [c.header for c in columns])
        self.row = write_rows(self.ws, columns, items, self.row + 1)


# ---------------------------------------------------------------- Summary


def summary_sheet(wb: Any, pack: Pack, title: str) -> None:
    """Counts, changed bands, the measures furthest from target, and the sentences."""
    summary = pack.summary
    ws = new_sheet(wb, pack, title, f"Summary: {summary.product_title}")
    flow = Flow(ws, [12, 60, 14, 14, 14, 14, 14])
    for sentence in summary.sentences:
        flow.paragraph(sentence)
    flow.gap()
    flow.heading(f"Ratings: {summary.product_title}")
    counts: list[tuple[Cell, int]] = [
        (rating(Rag.GREEN), summary.green),
        (rating(Rag.AMBER), summary.amber),
        (rating(Rag.RED), summary.red),
        (text("No rating"), summary.unrated),
    ]
    flow.table(
        [
            Column[tuple[Cell, int]]("Rating", 12, lambda c: c[0]),
            Column[tuple[Cell, int]]("Measures", 12, lambda c: count(c[1])),
        ],
        counts,
    )
    flow.gap()
    flow.heading(f"Changed RAG banding since {summary.compared_with_label}")
    if summary.changed:
        flow.table(
            [
                Column("ID", 12, lambda c: text(c.row.indicator_id)),
                Column("Indicator", 60, lambda c: text(c.row.title)),
                Column("Before", 14, lambda c: rating(c.before)),
                Column("Result before", 14, lambda c: measure(c.before_value, c.row.unit)),
                Column("Now", 14, lambda c: rating(c.row.rag)),
                Column("Result now", 14, lambda c: measure(c.row.value, c.row.unit)),
                Column("Change", 14, lambda c: text("Improved" if c.improved else "Worsened")),
            ],
            summary.changed,
        )
    else:
        flow.paragraph(f"No measure has changed RAG banding since {summary.compared_with_label}.")
    flow.gap()
    flow.heading("Furthest from target")
    if summary.furthest:
        flow.table(
            [
                Column[Row]("ID", 12, lambda r: text(r.indicator_id)),
                Column[Row]("Indicator", 60, lambda r: text(r.title)),
                Column[Row]("Result", 14, lambda r: measure(r.value, r.unit)),
                Column[Row]("RAG", 14, lambda r: rating(r.rag)),
                Column[Row]("Target", 14, lambda r: measure(r.target, r.unit)),
                Column[Row]("Floor", 14, lambda r: measure(r.floor, r.unit)),
            ],
            summary.furthest,
        )
    else:
        flow.paragraph("Every rated measure meets its target.")


# ---------------------------------------------------------------- Activity


@dataclass(frozen=True, slots=True)
class _ActivityLine:
    level: str
    area: str
    unit: str
    cells: tuple[tuple[float | None, float | None, float | None, bool], ...]


def activity_sheet(wb: Any, pack: Pack, activity: ActivityTable, title: str) -> None:
    """Council, areas and teams × measures: this month, last month and change for stocks."""
    ws = new_sheet(
        wb,
        pack,
        title,
        "SCS Activity",
        note="Activity measures have no target and no rating. Change = this month - last month.",
    )
    names = {r.org_unit.id: r.org_unit.name for r in activity.rows}
    lines = []
    for activity_row in activity.rows:
        unit = activity_row.org_unit
        if unit.level == "area":
            area = unit.name
        elif unit.level == "council" or unit.parent is None:
            area = ""
        else:
            area = names.get(unit.parent, unit.parent)
        cells = tuple(
            (c.this_month, c.last_month, c.change, column.stock)
            for c, column in zip(activity_row.cells, activity.columns, strict=True)
        )
        lines.append(_ActivityLine(unit.level, area, unit.name, cells))
    columns: list[Column[_ActivityLine]] = [
        Column("Level", 10, lambda a: text(a.level)),
        Column("Area", 22, lambda a: text(a.area)),
        Column("Unit", 30, lambda a: text(a.unit)),
    ]
    for index, measure_column in enumerate(activity.columns):
        if measure_column.stock:
            columns += [
                Column(f"{measure_column.title}: this month", 12, _activity_get(index, 0)),
                Column(f"{measure_column.title}: last month", 12, _activity_get(index, 1)),
                Column(f"{measure_column.title}: change", 12, _activity_get(index, 2)),
            ]
        else:
            columns.append(Column(measure_column.title, 12, _activity_get(index, 0)))
    table_sheet(ws, columns, lines, frozen_columns=3)
    ws.row_dimensions[HEADER_ROW].height = 45


def _activity_get(index: int, part: int) -> Callable[[_ActivityLine], Cell]:
    def get(line: _ActivityLine) -> Cell:
        number = line.cells[index][part]
        if number is None:
            return EMPTY
        return Cell(number, CHANGE_FORMAT) if part == 2 else count(number)

    return get


# ---------------------------------------------------------------- scorecards


def scorecard_columns(targets_year: str) -> list[Column[Row]]:
    """A scorecard's columns after the identifying ones: as the seeds' scorecard, one per cell."""
    return [
        Column("Section", 22, lambda r: text(r.section)),
        Column("Polarity", 9, lambda r: text(r.polarity)),
        Column("Data period", 9, lambda r: text(fmt.period_code(r.period))),
        Column("Result", 11, lambda r: measure(r.value, r.unit)),
        Column("RAG", 9, lambda r: rating(r.rag)),
        Column("Num", 10, lambda r: count(r.numerator) if r.unit != "count" else EMPTY),
        Column("Denom", 10, lambda r: count(r.denominator)),
        Column(f"Target {targets_year}", 11, lambda r: measure(r.target, r.unit)),
        Column("1 month ago", 11, lambda r: measure(r.month_ago, r.unit)),
        Column("1 month ago RAG", 9, lambda r: rating(r.month_ago_rag)),
        Column("DoT vs 1 month ago", 14, lambda r: direction(r.month_ago_dot)),
        Column("1 year ago", 11, lambda r: measure(r.year_ago, r.unit)),
        Column("DoT vs 1 year ago", 14, lambda r: direction(r.year_ago_dot)),
        Column("Rolling 3 months", 11, lambda r: measure(r.r3m, r.unit)),
        Column("Rolling 3 months RAG", 10, lambda r: rating(r.r3m_rag)),
        Column("Why no rating", 20, lambda r: no_rating(r.no_rating)),
    ]


def council_scorecard_sheet(wb: Any, pack: Pack, card: Scorecard, title: str) -> None:
    """One council scorecard, section by section, one indicator a line."""
    ws = new_sheet(wb, pack, title, card.title, note=card.org_unit.name)
    columns: list[Column[Row]] = [
        Column("ID", 9, lambda r: text(r.indicator_id)),
        Column("Indicator", 55, lambda r: text(r.title)),
        *scorecard_columns(pack.targets_year),
    ]
    table_sheet(ws, columns, card.rows, frozen_columns=2)
    ws.row_dimensions[HEADER_ROW].height = 30


def areas_sheet(wb: Any, pack: Pack, cards: Sequence[Scorecard], title: str) -> None:
    """Every area scorecard stacked, with the area's name first so one filter picks an area."""
    ws = new_sheet(
        wb, pack, title, "Area scorecards", note="Filter the Area column to see one area."
    )
    columns: list[Column[tuple[str, Row]]] = [
        Column("Area", 24, lambda a: text(a[0])),
        Column("ID", 9, lambda a: text(a[1].indicator_id)),
        Column("Indicator", 55, lambda a: text(a[1].title)),
        *(
            Column[tuple[str, Row]](c.header, c.width, _second(c.get))
            for c in scorecard_columns(pack.targets_year)
        ),
    ]
    items = [(card.org_unit.name, row) for card in cards for row in card.rows]
    table_sheet(ws, columns, items, frozen_columns=3)
    ws.row_dimensions[HEADER_ROW].height = 30


def _second(get: Callable[[Row], Cell]) -> Callable[[tuple[str, Row]], Cell]:
    return lambda item: get(item[1])


# ---------------------------------------------------------------- Impact of UASC


def uasc_sheet(wb: Any, pack: Pack, title: str) -> None:
    """Including and excluding UASC side by side, with the variance (excluding − including)."""
    ws = new_sheet(
        wb,
        pack,
        title,
        "Impact of UASC",
        note="Variance = excluding UASC - including UASC, from unrounded values.",
    )
    items = [(block.title, line) for block in pack.uasc for line in block.lines]

    def inc(get: Callable[[Row], Cell]) -> Callable[[tuple[str, UascLine]], Cell]:
        return lambda item: get(item[1].including)

    def exc(get: Callable[[Row], Cell]) -> Callable[[tuple[str, UascLine]], Cell]:
        def cell(item: tuple[str, UascLine]) -> Cell:
            excluding = item[1].excluding
            return get(excluding) if excluding is not None else EMPTY

        return cell

    def variance(item: tuple[str, UascLine]) -> Cell:
        line = item[1]
        number = line.variance
        if number is None:
            return EMPTY
        return Cell(number, variance_format(line.including.unit))

    columns: list[Column[tuple[str, UascLine]]] = [
        Column("Block", 30, lambda i: text(i[0])),
        Column("ID", 9, inc(lambda r: text(r.indicator_id))),
        Column("Indicator", 50, inc(lambda r: text(r.title))),
        Column("Polarity", 9, inc(lambda r: text(r.polarity))),
        Column("Data period", 9, inc(lambda r: text(fmt.period_code(r.period)))),
        Column("Including UASC: result", 11, inc(lambda r: measure(r.value, r.unit))),
        Column("Including UASC: RAG", 9, inc(lambda r: rating(r.rag))),
        Column("Including UASC: num", 10, inc(lambda r: count(r.numerator))),
        Column("Including UASC: denom", 10, inc(lambda r: count(r.denominator))),
        Column(f"Target {pack.targets_year}", 11, inc(lambda r: measure(r.target, r.unit))),
        Column("Excluding UASC: result", 11, exc(lambda r: measure(r.value, r.unit))),
        Column("Excluding UASC: RAG", 9, exc(lambda r: rating(r.rag))),
        Column("Excluding UASC: num", 10, exc(lambda r: count(r.numerator))),
        Column("Excluding UASC: denom", 10, exc(lambda r: count(r.denominator))),
        Column("Variance with UASC excluded", 12, variance),
    ]
    table_sheet(ws, columns, items, frozen_columns=3)
    ws.row_dimensions[HEADER_ROW].height = 45


# ---------------------------------------------------------------- Exceptions


def exceptions_sheet(wb: Any, pack: Pack, title: str) -> None:
    """One block per Red indicator: result, definition, trend, statements, notes, breakdown."""
    ws = new_sheet(wb, pack, title, "Exception report")
    flow = Flow(ws, [32, 13, 13, 13, 13, 13, 13, 24])
    if not pack.exceptions:
        flow.paragraph("No indicator is rated Red this month.")
    for number, page in enumerate(pack.exceptions):
        if number:
            flow.gap(2)
        exception_block(flow, pack, page)


def exception_block(flow: Flow, pack: Pack, page: ExceptionPage) -> None:
    """One Red indicator's block on the Exceptions sheet."""
    row = page.row
    unit = row.unit
    flow.paragraph(row.title, before=[text(row.indicator_id)], font=_FONT_HEADING)
    flow.line([text("Current RAG", bold=True), rating(row.rag), measure(row.value, unit)])
    profile = pack.profile
    for label, value in (
        ("Cabinet Member", profile.cabinet_member),
        ("Director", profile.director),
        ("Portfolio", profile.portfolio),
        ("Division", profile.division),
        ("Theme", page.theme),
    ):
        if value:
            flow.line([text(label, bold=True), text(value)])
    flow.paragraph(page.numerator_text, before=[text("Numerator", bold=True), count(row.numerator)])
    flow.paragraph(
        page.denominator_text, before=[text("Denominator", bold=True), count(row.denominator)]
    )
    flow.line([text(f"Target {pack.targets_year}", bold=True), measure(row.target, unit)])
    if row.floor is not None:
        flow.line([text("Floor", bold=True), measure(row.floor, unit)])
    if row.bands:
        flow.paragraph(row.bands, before=[text("RAG bandings", bold=True)])
    if row.polarity:
        words = fmt.POLARITY_WORDS.get(row.polarity, row.polarity)
        flow.paragraph(words, before=[text("Tolerance", bold=True)])
    period = fmt.PERIOD_WORDS.get(row.period, row.period)
    flow.paragraph(period, before=[text("Data period", bold=True)])
    if page.definition:
        flow.paragraph(page.definition, before=[text("Definition", bold=True)])
    flow.gap()
    flow.heading("Trend data - month end")
    flow.table(
        [
            Column[TrendPoint]("Month", 0, lambda p: month_cell(p.period_end)),
            Column[TrendPoint]("Result", 0, lambda p: measure(p.value, unit)),
            Column[TrendPoint]("Target", 0, lambda p: measure(p.target, unit)),
            Column[TrendPoint]("Floor", 0, lambda p: measure(p.floor, unit)),
            Column[TrendPoint]("RAG", 0, lambda p: rating(p.rag)),
        ],
        page.last_twelve,
    )
    if page.sentences:
        flow.gap()
        flow.heading("Performance")
        for sentence in page.sentences:
            flow.paragraph(sentence)
    if page.data_notes:
        flow.gap()
        flow.heading("Data notes")
        for note in page.data_notes:
            flow.paragraph(note)
    if page.breakdown:
        flow.gap()
        flow.heading("Breakdown by area and team (largest shortfall first)")
        flow.table(
            [
                Column[BreakdownLine]("Unit", 0, lambda b: text(b.row.org_unit_name)),
                Column[BreakdownLine]("Level", 0, lambda b: text(b.row.org_level)),
                Column[BreakdownLine]("Result", 0, lambda b: measure(b.row.value, unit)),
                Column[BreakdownLine]("RAG", 0, lambda b: rating(b.row.rag)),
                Column[BreakdownLine]("Num", 0, lambda b: count(b.row.numerator)),
                Column[BreakdownLine]("Denom", 0, lambda b: count(b.row.denominator)),
                Column[BreakdownLine]("Cases short of target", 0, lambda b: count(b.cases_short)),
                Column[BreakdownLine]("Why no rating", 0, lambda b: no_rating(b.row.no_rating)),
            ],
            page.breakdown,
        )
    flow.gap()
    flow.heading("Commentary")
    flow.paragraph(page.commentary or "Commentary awaited")
    if page.commentary and page.commentary_author:
        flow.paragraph(page.commentary_author)


# ---------------------------------------------------------------- Demographics


def demographics_sheet(wb: Any, pack: Pack, demographics: Demographics, title: str) -> None:
    """Every cross-tab as one table (Table, Category, one column per gender, Grand Total)."""
    note = f"Children in care as at {fmt.date(demographics.as_at)}."
    if demographics.note:
        note += " " + demographics.note
    ws = new_sheet(wb, pack, title, "Demographic breakdown", note=note)
    genders: list[str] = []
    for table in demographics.tables:
        genders += [g for g in table.genders if g not in genders]
    items: list[tuple[CrossTab, str, dict[str, int], bool]] = []
    for table in demographics.tables:
        for category, counts in table.rows:
            items.append((table, category, dict(zip(table.genders, counts, strict=True)), False))
        totals = dict(zip(table.genders, table.totals, strict=True))
        items.append((table, "Grand Total", totals, True))

    def gender_get(gender: str) -> Callable[[tuple[CrossTab, str, dict[str, int], bool]], Cell]:
        def get(item: tuple[CrossTab, str, dict[str, int], bool]) -> Cell:
            number = item[2].get(gender)
            return Cell(number, COUNT_FORMAT, bold=item[3]) if number is not None else EMPTY

        return get

    columns: list[Column[tuple[CrossTab, str, dict[str, int], bool]]] = [
        Column("Table", 28, lambda i: text(i[0].title, bold=i[3])),
        Column("Category", 30, lambda i: text(i[1], bold=i[3])),
        *(Column(g, 12, gender_get(g)) for g in genders),
        Column("Grand Total", 12, lambda i: Cell(sum(i[2].values()), COUNT_FORMAT, bold=True)),
    ]
    table_sheet(ws, columns, items, frozen_columns=2)


# ---------------------------------------------------------------- Data


def _data_cell(field: str, row: Row) -> Cell:
    value = getattr(row, field)
    if field in ("value", "target", "floor", "month_ago", "year_ago", "r3m"):
        return measure(value, row.unit)
    if field in ("numerator", "denominator"):
        return count(value)
    if isinstance(value, Rag) or field.endswith("rag"):
        return rating(value)
    if isinstance(value, Dot) or field.endswith("dot"):
        return direction(value)
    if isinstance(value, NoRating):
        return text(value.value)
    return text(value)


DATA_WIDTHS = {"title": 50, "org_unit_name": 28, "bands": 40, "section": 22, "no_rating": 18}


def data_sheet(wb: Any, pack: Pack, title: str) -> None:
    """Every figure of the month: the rows and columns of ``scorecard.json``."""
    ws = new_sheet(
        wb,
        pack,
        title,
        "All figures",
        note="Every figure of the month, unrounded; the columns of scorecard.json.",
    )
    columns = [
        Column[Row](field, DATA_WIDTHS.get(field, 13), _data_get(field)) for field in ROW_FIELDS
    ]
    table_sheet(ws, columns, sorted_rows(pack.rows), frozen_columns=1)


def _data_get(field: str) -> Callable[[Row], Cell]:
    return lambda row: _data_cell(field, row)


# ---------------------------------------------------------------- workbook


def build_workbook(pack: Pack) -> Any:
    """The workbook (an ``openpyxl.Workbook``) for ``pack``."""
    wb = Workbook()
    wb.remove(wb.active)
    midnight = dt.datetime.combine(pack.publication_date, dt.time())
    wb.properties.creator = "kpibook"
    wb.properties.lastModifiedBy = "kpibook"
    wb.properties.title = heading(pack, pack.profile.title)
    wb.properties.created = midnight
    wb.properties.modified = midnight
    council = [c for c in pack.scorecards if c.org_unit.level == "council"]
    areas = [c for c in pack.scorecards if c.org_unit.level != "council"]
    taken: list[str] = []

    def name(wanted: str, *, fixed: bool = True) -> str:
        """A unique sheet name; a scorecard never takes one of the fixed sheets' names."""
        title = sheet_title(wanted, taken if fixed else [*taken, *FIXED_SHEETS])
        taken.append(title)
        return title

    summary_sheet(wb, pack, name(SUMMARY))
    if pack.activity is not None:
        activity_sheet(wb, pack, pack.activity, name(ACTIVITY))
    for card in council:
        council_scorecard_sheet(wb, pack, card, name(card.title, fixed=False))
    if areas:
        areas_sheet(wb, pack, areas, name(AREAS))
    if pack.uasc:
        uasc_sheet(wb, pack, name(UASC))
    exceptions_sheet(wb, pack, name(EXCEPTIONS))
    if pack.demographics is not None:
        demographics_sheet(wb, pack, pack.demographics, name(DEMOGRAPHICS))
    data_sheet(wb, pack, name(DATA))
    wb.active = 0
    return wb


def xlsx_bytes(pack: Pack) -> bytes:
    """The workbook file's bytes: the same pack gives the same bytes."""
    wb = build_workbook(pack)
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        # ExcelWriter, not save_workbook: that stamps the modified time with the clock.
        ExcelWriter(wb, archive).save()
    stamp = (*pack.publication_date.timetuple()[:3], 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def write_xlsx(pack: Pack, path: Path) -> None:
    """Write ``scorecard.xlsx`` to ``path``, atomically (a crash never leaves half a file)."""
    write_atomically(path, xlsx_bytes(pack))
