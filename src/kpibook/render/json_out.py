"""The pack as ``scorecard.json``: every figure of the month, unrounded, for other systems.

The file is deterministic: the same pack gives the same bytes (keys in a fixed
order, rows sorted, no timestamps but the pack's own dates). Numbers are the
unrounded values the ratings were made from; ``null`` where there is none.
Every field is described in ``docs/pack.md`` ("scorecard.json").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from kpibook.render.atomic import write_atomically
from kpibook.scorecard.model import Pack, Row

FORMAT = "kpibook-scorecard-json/1"
"""Names the layout of the file; the number changes only if a field is renamed or removed."""

ROW_FIELDS = (
    "indicator_id",
    "title",
    "section",
    "org_level",
    "org_unit",
    "org_unit_name",
    "cohort",
    "polarity",
    "period",
    "unit",
    "value",
    "numerator",
    "denominator",
    "target",
    "floor",
    "bands",
    "rag",
    "no_rating",
    "month_ago",
    "month_ago_rag",
    "month_ago_dot",
    "year_ago",
    "year_ago_dot",
    "r3m",
    "r3m_rag",
)
"""The fields of a row, in the order written (the Excel Data sheet uses the same columns)."""

LEVEL_ORDER = ("council", "area", "district", "team")
COHORT_ORDER = ("all", "exc_uasc")

Scalar = str | float | int | None


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """``SCS-9`` before ``SCS-10``: digit runs compare as numbers."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part
    )


def _position(value: str, order: tuple[str, ...]) -> int:
    return order.index(value) if value in order else len(order)


def row_key(row: Row) -> tuple[object, ...]:
    """Rows sort by indicator, level (council, area, district, team), unit id, then cohort."""
    return (
        _natural(row.indicator_id),
        _position(row.org_level, LEVEL_ORDER),
        row.org_level,
        _natural(row.org_unit),
        _position(row.cohort, COHORT_ORDER),
        row.cohort,
    )


def sorted_rows(rows: Iterable[Row]) -> list[Row]:
    """The rows in the order the JSON file and the Excel Data sheet list them."""
    return sorted(rows, key=row_key)


def row_json(row: Row) -> dict[str, Scalar]:
    """One row as written: the fields of :data:`ROW_FIELDS`, unrounded, ``None`` where none."""
    out: dict[str, Scalar] = {
        "indicator_id": row.indicator_id,
        "title": row.title,
        "section": row.section,
        "org_level": row.org_level,
        "org_unit": row.org_unit,
        "org_unit_name": row.org_unit_name,
        "cohort": row.cohort,
        "polarity": row.polarity,
        "period": row.period,
        "unit": row.unit,
        "value": row.value,
        "numerator": row.numerator,
        "denominator": row.denominator,
        "target": row.target,
        "floor": row.floor,
        "bands": row.bands or None,
        "rag": row.rag.value if row.rag is not None else None,
        "no_rating": row.no_rating.value if row.no_rating is not None else None,
        "month_ago": row.month_ago,
        "month_ago_rag": row.month_ago_rag.value if row.month_ago_rag is not None else None,
        "month_ago_dot": row.month_ago_dot.value if row.month_ago_dot is not None else None,
        "year_ago": row.year_ago,
        "year_ago_dot": row.year_ago_dot.value if row.year_ago_dot is not None else None,
        "r3m": row.r3m,
        "r3m_rag": row.r3m_rag.value if row.r3m_rag is not None else None,
    }
    assert tuple(out) == ROW_FIELDS
    return out


def pack_json(pack: Pack) -> dict[str, object]:
    """The whole file as a dict, keys in the order written."""
    summary = pack.summary
    return {
        "format": FORMAT,
        "council": pack.profile.council,
        "council_short_name": pack.profile.short_name,
        "report_title": pack.profile.title,
        "month": pack.month.isoformat(),
        "publication_date": pack.publication_date.isoformat(),
        "targets_label": pack.targets_label,
        "targets_year": pack.targets_year,
        "version": pack.version,
        "summary": {
            "scorecard": summary.product_title,
            "green": summary.green,
            "amber": summary.amber,
            "red": summary.red,
            "unrated": summary.unrated,
            "compared_with": summary.compared_with.isoformat(),
            "changed": [
                {
                    "indicator_id": change.row.indicator_id,
                    "before": change.before.value,
                    "before_value": change.before_value,
                    "rag": change.row.rag.value if change.row.rag is not None else None,
                    "value": change.row.value,
                }
                for change in summary.changed
            ],
            "sentences": list(summary.sentences),
        },
        "exceptions": [page.row.indicator_id for page in pack.exceptions],
        "not_available": dict(pack.unavailable),
        "data_quality": dict(pack.data_quality),
        "rows": [row_json(row) for row in sorted_rows(pack.rows)],
    }


def dumps(pack: Pack) -> str:
    """The file's text: one-space indent, UTF-8 characters kept, strict JSON (no NaN)."""
    text = json.dumps(
        pack_json(pack), sort_keys=False, indent=1, ensure_ascii=False, allow_nan=False
    )
    return text + "\n"


def write_json(pack: Pack, path: Path) -> None:
    """Write ``scorecard.json`` to ``path``, atomically (a crash never leaves half a file)."""
    write_atomically(path, dumps(pack))
