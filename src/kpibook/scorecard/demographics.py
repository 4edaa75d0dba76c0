"""The Children in Care demographic page from the engine's counts, labelled from the code lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from kpibook.model.codelists import codelist
from kpibook.scorecard.model import CrossTab, Demographics

SEXES = (("F", "Female"), ("M", "Male"))
"""Columns, as the seed page prints them (children of unknown sex are counted in a third)."""

TITLES = {
    "age": "Age",
    "disability": "Disability",
    "uasc": "UASC?",
    "nationality": "Nationality",
    "ethnicity": "Ethnicity",
}

NOTE = (
    "Children in care at the month end. A child may have more than one disability, so the "
    "disability rows add up to more than the number of children."
)


def _labels(dimension: str, day: dt.date) -> dict[str, str]:
    if dimension in ("disability", "ethnicity"):
        lists = codelist(dimension)
        return {code: f"{label} ({code})" for code, label in lists.codes_at(day).items()}
    return {}


def _order(dimension: str, category: str) -> tuple[int, str]:
    if dimension == "age":
        return (int(category) if category.lstrip("-").isdigit() else 999, "")
    return (0, category)


def demographics(counts: Iterable[tuple[str, str, str, int]], as_at: dt.date) -> Demographics:
    """Cross-tabulations by sex for each dimension, in the seed page's order."""
    by: dict[str, dict[str, dict[str, int]]] = {}
    rows = list(counts)
    sexes = {s for _, _, s, _ in rows}
    columns = [code for code, _ in SEXES] + sorted(sexes - {c for c, _ in SEXES})
    names = dict(SEXES) | {"U": "Unknown"}
    for dimension, category, sex, children in rows:
        by.setdefault(dimension, {}).setdefault(category, {})[sex] = children
    tables = []
    for dimension, title in TITLES.items():
        found = by.get(dimension, {})
        labels = _labels(dimension, as_at)
        table_rows = tuple(
            (labels.get(category, category), tuple(found[category].get(s, 0) for s in columns))
            for category in sorted(found, key=lambda c: _order(dimension, c))
        )
        tables.append(
            CrossTab(title, dimension, tuple(names.get(s, s) for s in columns), table_rows)
        )
    return Demographics(as_at, tuple(tables), NOTE)
