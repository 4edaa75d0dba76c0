"""scorecard.xlsx: sheets, real numbers with formats that show as the pack prints, RAG, golden dump.

The golden file is a normalised dump of the small pack's workbook (each sheet's
frozen panes, filter, merged cells, print setup and widths, then every
non-empty cell: coordinate, value, number format, fill, bold). When the
workbook layout changes on purpose, regenerate it and review the diff:

    KPIBOOK_REGENERATE_GOLDEN=1 /tmp/venvtest/bin/pytest tests/render/test_xlsx.py
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from kpibook.render import xlsx
from kpibook.render.json_out import ROW_FIELDS, sorted_rows
from kpibook.scorecard import format as fmt
from kpibook.scorecard.model import CrossTab, Demographics, Pack

GOLDEN = Path(__file__).parent / "golden" / "small_pack.xlsx-dump.txt"
REGENERATE = os.environ.get("KPIBOOK_REGENERATE_GOLDEN") == "1"

TABLE_SHEETS = ("Activity", "Scorecard", "Children in Care Scorecard", "Areas", "Impact of UASC")
NUMERIC_HEADERS = {
    "Result",
    "Num",
    "Denom",
    "Target 2016-17",
    "1 month ago",
    "1 year ago",
    "Rolling 3 months",
}
EXCEL_PRECISION = 1e-15
"""openpyxl writes numbers to 16 significant digits (Excel shows 15); the JSON keeps all 17."""
NUMERIC_FIELDS = {
    "value",
    "numerator",
    "denominator",
    "target",
    "floor",
    "month_ago",
    "year_ago",
    "r3m",
}


def dump_workbook(path: Path) -> str:
    """The normalised text of a workbook (zip timestamps and XML layout do not show)."""
    wb = openpyxl.load_workbook(path)
    props = wb.properties
    lines = [
        f"properties creator={props.creator!r} created={props.created!r} "
        f"modified={props.modified!r} title={props.title!r}",
        f"sheets {wb.sheetnames!r}",
    ]
    for ws in wb.worksheets:
        setup = ws.page_setup
        lines += [
            "",
            f"== {ws.title!r}",
            f"freeze {ws.freeze_panes}",
            f"filter {ws.auto_filter.ref}",
            f"merged {sorted(str(r) for r in ws.merged_cells.ranges)}",
            f"print {setup.orientation} paper={setup.paperSize} "
            f"fit={ws.sheet_properties.pageSetUpPr.fitToPage} "
            f"width={setup.fitToWidth} height={setup.fitToHeight} titles={ws.print_title_rows}",
            "widths "
            + " ".join(f"{key}={dim.width:g}" for key, dim in sorted(ws.column_dimensions.items())),
        ]
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                fill = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
                lines.append(
                    f"{cell.coordinate} {cell.value!r} fmt={cell.number_format!r} "
                    f"fill={fill} bold={bool(cell.font.b)}"
                )
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def workbook_path(small_pack: Pack, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "scorecard.xlsx"
    xlsx.write_xlsx(small_pack, path)
    return path


@pytest.fixture(scope="module")
def wb(workbook_path: Path) -> Any:
    return openpyxl.load_workbook(workbook_path)


def header_index(ws: Any) -> dict[str, int]:
    return {
        cell.value: cell.column
        for cell in ws[xlsx.HEADER_ROW]
        if cell.value is not None and cell.value not in ("",)
    }


def find_row(ws: Any, column: int, value: str) -> int:
    for row in range(xlsx.HEADER_ROW + 1, ws.max_row + 1):
        if ws.cell(row=row, column=column).value == value:
            return row
    raise AssertionError(f"{value!r} not in column {column} of {ws.title}")


# ---------------------------------------------------------------- golden


def test_golden_dump(workbook_path: Path) -> None:
    text = dump_workbook(workbook_path)
    if REGENERATE:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.exists(), "no golden file: run with KPIBOOK_REGENERATE_GOLDEN=1"
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "the workbook differs from the golden dump; if the change is intended, regenerate it "
        "with KPIBOOK_REGENERATE_GOLDEN=1 and review the diff"
    )


def test_same_pack_same_bytes(small_pack: Pack, tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    xlsx.write_xlsx(small_pack, first)
    xlsx.write_xlsx(small_pack, second)
    assert first.read_bytes() == second.read_bytes()
    assert dump_workbook(first) == dump_workbook(second)


def test_properties_fixed(wb: Any) -> None:
    assert wb.properties.creator == "kpibook"
    assert wb.properties.created == dt.datetime(2016, 11, 10)
    assert wb.properties.modified == dt.datetime(2016, 11, 10)


# ---------------------------------------------------------------- structure


def test_sheets_in_order(wb: Any) -> None:
    assert wb.sheetnames == [
        "Summary",
        "Activity",
        "Scorecard",
        "Children in Care Scorecard",
        "Areas",
        "Impact of UASC",
        "Exceptions",
        "Data",
    ]


def test_every_sheet_has_a_title_row(wb: Any, small_pack: Pack) -> None:
    for ws in wb.worksheets:
        title = ws.cell(row=1, column=1).value
        assert small_pack.profile.council in title
        assert "Aug 2016" in title
        assert ws.cell(row=1, column=1).font.b


@pytest.mark.parametrize("name", [*TABLE_SHEETS, "Data"])
def test_table_sheets_frozen_and_filtered(wb: Any, name: str) -> None:
    ws = wb[name]
    assert ws.freeze_panes is not None
    assert ws.freeze_panes.endswith(str(xlsx.HEADER_ROW + 1)), "the header row is frozen"
    last_column = openpyxl.utils.get_column_letter(ws.max_column)
    assert ws.auto_filter.ref == f"A{xlsx.HEADER_ROW}:{last_column}{ws.max_row}"
    assert all(ws.cell(row=xlsx.HEADER_ROW, column=c).font.b for c in range(1, ws.max_column))


def test_print_setup(wb: Any) -> None:
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == str(ws.PAPERSIZE_A4)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0


def test_column_widths_set(wb: Any) -> None:
    for ws in wb.worksheets:
        for column in range(1, ws.max_column + 1):
            letter = openpyxl.utils.get_column_letter(column)
            assert ws.column_dimensions[letter].width > 5, (ws.title, letter)


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize("name", ["Scorecard", "Children in Care Scorecard", "Areas"])
def test_numeric_columns_hold_numbers(wb: Any, name: str) -> None:
    ws = wb[name]
    columns = {h: c for h, c in header_index(ws).items() if h in NUMERIC_HEADERS}
    assert set(columns) == NUMERIC_HEADERS
    seen = 0
    for row in range(xlsx.HEADER_ROW + 1, ws.max_row + 1):
        for column in columns.values():
            value = ws.cell(row=row, column=column).value
            if value is not None:
                seen += 1
                assert isinstance(value, int | float), (name, row, column, value)
    assert seen


def test_data_sheet_numbers_and_rows(wb: Any, small_pack: Pack) -> None:
    ws = wb["Data"]
    headers = [c.value for c in ws[xlsx.HEADER_ROW]]
    assert headers == list(ROW_FIELDS)
    assert ws.max_row - xlsx.HEADER_ROW == len(small_pack.rows)
    for offset, row in enumerate(sorted_rows(small_pack.rows), start=xlsx.HEADER_ROW + 1):
        for column, field in enumerate(ROW_FIELDS, start=1):
            cell = ws.cell(row=offset, column=column)
            expected = getattr(row, field)
            if field in NUMERIC_FIELDS:
                if expected is None:
                    assert cell.value is None, (field, row)
                else:
                    assert isinstance(cell.value, int | float)
                    assert cell.value == pytest.approx(expected, rel=EXCEL_PRECISION), (field, row)
        assert ws.cell(row=offset, column=1).value == row.indicator_id


def test_percent_cell_is_a_number_with_percent_format(wb: Any) -> None:
    ws = wb["Scorecard"]
    headers = header_index(ws)
    row = find_row(ws, headers["ID"], "SCS-09")
    cell = ws.cell(row=row, column=headers["Result"])
    assert cell.value == 70.0
    assert cell.number_format == fmt.EXCEL_FORMATS["percent"] == '#,##0.0"%"'


def test_average_and_fraction_formats(wb: Any) -> None:
    ws = wb["Scorecard"]
    headers = header_index(ws)
    row = find_row(ws, headers["ID"], "SCS-43")
    assert ws.cell(row=row, column=headers["Result"]).value == 15.5
    assert ws.cell(row=row, column=headers["Result"]).number_format == "#,##0.0"
    assert ws.cell(row=row, column=headers["Num"]).number_format == "#,##0"


def test_red_cell_says_red_on_red(wb: Any) -> None:
    ws = wb["Scorecard"]
    headers = header_index(ws)
    cell = ws.cell(row=find_row(ws, headers["ID"], "SCS-09"), column=headers["RAG"])
    assert cell.value == "Red"
    assert cell.fill.fill_type == "solid"
    assert cell.fill.fgColor.rgb.endswith("D4351C")
    assert cell.font.color.rgb.endswith("FFFFFF")


def test_every_rating_cell_has_its_word_and_colour(wb: Any) -> None:
    words = {"Green": "00703C", "Amber": "F47738", "Red": "D4351C"}
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=xlsx.HEADER_ROW):
            for cell in row:
                if cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb[-6:] in words.values():
                    assert words[cell.value] == cell.fill.fgColor.rgb[-6:], (ws.title, cell)
                    seen.add(cell.value)
                if cell.value in words:
                    assert cell.fill.fgColor.rgb[-6:] == words[cell.value], (ws.title, cell)
    assert seen == set(words)


def test_no_rating_leaves_rag_empty_and_says_why(wb: Any) -> None:
    ws = wb["Scorecard"]
    headers = header_index(ws)
    row = find_row(ws, headers["ID"], "SCS-02")
    assert ws.cell(row=row, column=headers["RAG"]).value is None
    assert ws.cell(row=row, column=headers["Why no rating"]).value == "Denominator under 5"


def test_direction_of_travel_is_arrow_and_word(wb: Any) -> None:
    ws = wb["Scorecard"]
    headers = header_index(ws)
    row = find_row(ws, headers["ID"], "SCS-09")
    assert ws.cell(row=row, column=headers["DoT vs 1 month ago"]).value == "↑ Improved"
    row = find_row(ws, headers["ID"], "SCS-17")
    assert ws.cell(row=row, column=headers["DoT vs 1 month ago"]).value == "↓ Worsened"


def test_activity_change_is_signed_number(wb: Any) -> None:
    ws = wb["Activity"]
    headers = header_index(ws)
    row = find_row(ws, headers["Unit"], "Testshire County Council")
    cell = ws.cell(row=row, column=headers["CP Plans: change"])
    assert cell.value == 5
    assert cell.number_format == xlsx.CHANGE_FORMAT
    row = find_row(ws, headers["Unit"], "North Team 1")
    assert ws.cell(row=row, column=headers["CP Plans: change"]).value == -1
    assert ws.cell(row=row, column=headers["Area"]).value == "North Area"


def test_uasc_variance_from_unrounded_values(wb: Any, small_pack: Pack) -> None:
    ws = wb["Impact of UASC"]
    headers = header_index(ws)
    line = small_pack.uasc[0].lines[1]  # SCS-21 council: 97.826...% - 96.0%
    row = find_row(ws, headers["ID"], "SCS-21")
    cell = ws.cell(row=row, column=headers["Variance with UASC excluded"])
    assert cell.value == pytest.approx(line.variance, rel=EXCEL_PRECISION)
    assert cell.number_format == xlsx.variance_format("percent")


def test_areas_sheet_stacks_every_area(wb: Any, small_pack: Pack) -> None:
    ws = wb["Areas"]
    areas = [c for c in small_pack.scorecards if c.org_unit.level == "area"]
    assert ws.max_row - xlsx.HEADER_ROW == sum(len(c.rows) for c in areas)
    names = {ws.cell(row=r, column=1).value for r in range(xlsx.HEADER_ROW + 1, ws.max_row + 1)}
    assert names == {"North Area", "South Area"}


def test_exceptions_one_block_per_red(wb: Any, small_pack: Pack) -> None:
    ws = wb["Exceptions"]
    column_a = [ws.cell(row=r, column=1).value for r in range(1, ws.max_row + 1)]
    for page in small_pack.exceptions:
        assert page.row.indicator_id in column_a
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Interviews are now booked on the day of return." in texts  # SCS-09's commentary
    assert "Commentary awaited" in texts  # SCS-17 has none
    assert texts.count("Trend data - month end") == len(small_pack.exceptions)


def test_trend_months_are_dates(wb: Any) -> None:
    ws = wb["Exceptions"]
    months = [
        c
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, dt.datetime) and c.number_format == xlsx.MONTH_FORMAT
    ]
    assert months


# ---------------------------------------------------------------- display = format module


def excel_display(number: float, number_format: str) -> str:
    """How Excel shows ``number`` under the formats this renderer uses (a small emulation)."""
    sections = number_format.split(";")
    if len(sections) == 3:
        section = sections[0] if number > 0 else sections[1] if number < 0 else sections[2]
        number = abs(number)
    else:
        section = sections[0]
    literal = re.findall(r'"([^"]*)"', section)
    digits = re.sub(r'"[^"]*"', "", section)
    prefix = digits[0] if digits[0] in "+-" else ""
    digits = digits.lstrip("+-")
    places = len(digits.split(".")[1]) if "." in digits else 0
    rounded = Decimal(repr(number)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    body = f"{rounded:,}" if "," in digits else f"{rounded}"
    return prefix + body + "".join(literal)


VALUES = (0.0, 0.05, 0.04999, 22.25, 22.254, 99.95, 1144.5, 1145.0, 404.3, 12.97, -0.04, -1.55)


def alike(numbers: tuple[float, ...]) -> list[tuple[str, float]]:
    """(unit, number) pairs: every unit's Excel format with every number."""
    return [(unit, number) for unit in sorted(fmt.EXCEL_FORMATS) for number in numbers]


@pytest.mark.parametrize(("unit", "number"), alike(tuple(v for v in VALUES if v >= 0)))
def test_unit_formats_show_as_format_value(unit: str, number: float) -> None:
    assert excel_display(number, fmt.EXCEL_FORMATS[unit]) == fmt.value(number, unit)


@pytest.mark.parametrize(("unit", "number"), alike((*VALUES, 1e-9, -1e-9)))
def test_variance_format_shows_as_format_variance(unit: str, number: float) -> None:
    assert excel_display(number, xlsx.variance_format(unit)) == fmt.variance(number, unit)


def test_percent_thousands_separator() -> None:
    assert excel_display(1144.5, fmt.EXCEL_FORMATS["percent"]) == fmt.value(1144.5, "percent")


@pytest.mark.parametrize("number", [0.0, 3.0, -2.0, 1200.0, -1500.0])
def test_change_format_shows_as_format_change(number: float) -> None:
    assert excel_display(number, xlsx.CHANGE_FORMAT) == fmt.change(number)


@pytest.mark.parametrize("number", [0.0, 7.0, 1145.0, 404.3, 524.0, 12345.25])
def test_count_format_shows_as_format_count(number: float) -> None:
    assert excel_display(number, xlsx.count_format(number)) == fmt.count(number)


# ---------------------------------------------------------------- sheet names


def test_sheet_title_rules() -> None:
    assert xlsx.sheet_title("Scorecard", []) == "Scorecard"
    assert xlsx.sheet_title("Care Leavers: 18+ / 21+ [draft]?", []) == (
        "Care Leavers- 18+ - 21+ -draft-"
    )
    long = "Children in Care Performance Scorecard (Monthly)"
    assert len(xlsx.sheet_title(long, [])) <= 31
    assert xlsx.sheet_title("Summary", ["Summary"]) == "Summary (2)"
    assert xlsx.sheet_title("summary", ["Summary", "Summary (2)"]) == "summary (3)"
    twice = xlsx.sheet_title(long, [xlsx.sheet_title(long, [])])
    assert len(twice) <= 31 and twice.endswith(" (2)")
    assert xlsx.sheet_title("History", []) == "History (2)"


def test_scorecard_titles_never_clash_with_fixed_sheets(small_pack: Pack, tmp_path: Path) -> None:
    cards = tuple(
        dataclasses.replace(card, title="Data") if card.key == "cic-2018" else card
        for card in small_pack.scorecards
    )
    pack = dataclasses.replace(small_pack, scorecards=cards)
    path = tmp_path / "clash.xlsx"
    xlsx.write_xlsx(pack, path)
    names = openpyxl.load_workbook(path).sheetnames
    assert "Data" in names and "Data (2)" in names
    assert names.index("Data (2)") < names.index("Data")


# ---------------------------------------------------------------- optional parts


def test_demographics_sheet(small_pack: Pack, tmp_path: Path) -> None:
    demographics = Demographics(
        as_at=dt.date(2016, 8, 31),
        tables=(
            CrossTab("Age", "age", ("Female", "Male"), (("0", (3, 4)), ("1", (2, 0)))),
            CrossTab("UASC?", "uasc", ("Female", "Male"), (("Yes", (1, 9)), ("No", (4, 5)))),
        ),
        note="Disability categories overlap.",
    )
    pack = dataclasses.replace(small_pack, demographics=demographics)
    path = tmp_path / "demo.xlsx"
    xlsx.write_xlsx(pack, path)
    ws = openpyxl.load_workbook(path)["Demographics"]
    headers = header_index(ws)
    assert list(headers) == ["Table", "Category", "Female", "Male", "Grand Total"]
    assert ws.auto_filter.ref == f"A{xlsx.HEADER_ROW}:E{ws.max_row}"
    assert ws.max_row - xlsx.HEADER_ROW == 6  # 2 + total, 2 + total
    row = find_row(ws, 2, "0")
    assert [ws.cell(row=row, column=c).value for c in (3, 4, 5)] == [3, 4, 7]
    total = row + 2
    assert ws.cell(row=total, column=2).value == "Grand Total"
    assert [ws.cell(row=total, column=c).value for c in (3, 4, 5)] == [5, 4, 9]
    assert "31/08/2016" in ws.cell(row=xlsx.NOTE_ROW, column=1).value


def test_pack_without_optional_parts(small_pack: Pack, tmp_path: Path) -> None:
    pack = dataclasses.replace(
        small_pack,
        activity=None,
        uasc=(),
        exceptions=(),
        scorecards=small_pack.scorecards[:1],
        version=3,
    )
    path = tmp_path / "bare.xlsx"
    xlsx.write_xlsx(pack, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Summary", "Scorecard", "Exceptions", "Data"]
    texts = [c.value for row in wb["Exceptions"].iter_rows() for c in row if c.value]
    assert "No indicator is rated Red this month." in texts
    assert "Version 3" in wb["Data"].cell(row=xlsx.META_ROW, column=1).value


def test_failed_write_leaves_the_old_file(
    small_pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "scorecard.xlsx"
    path.write_bytes(b"old")

    def broken(pack: Pack) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(xlsx, "build_workbook", broken)
    with pytest.raises(RuntimeError):
        xlsx.write_xlsx(small_pack, path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["scorecard.xlsx"]
