"""An indicator definition, as the engine and the scorecard use it.

Read from a YAML file (metadata) and a SQL file beside it (the figures); see
``kpibook.indicators.files`` for the file format and docs/indicators.md for
the guide an analyst reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from kpibook.engine.periods import Period


class Polarity(Enum):
    """Which way is better."""

    HIGH = "H"
    """Higher is better."""
    LOW = "L"
    """Lower is better."""
    TARGET = "T"
    """Closer to the target (or inside a band) is better."""


class Unit(Enum):
    """What the value is, and how it is worked out from numerator and denominator."""

    PERCENT = "percent"
    """100 × numerator ÷ denominator."""
    COUNT = "count"
    """The numerator; there is no denominator."""
    DAYS = "days"
    """Average days: total days (numerator) ÷ cases (denominator)."""
    AVERAGE = "average"
    """Numerator ÷ denominator, e.g. cases per full-time worker."""
    RATE_PER_10000 = "rate_per_10000"
    """10,000 × numerator ÷ denominator (a child population)."""

    @property
    def scale(self) -> int | None:
        """Multiplier applied to numerator ÷ denominator; None when the value is the count."""
        return {"percent": 100, "rate_per_10000": 10000, "count": None}.get(self.value, 1)


class Level(Enum):
    """Organisational levels a figure is broken down by."""

    COUNCIL = "council"
    AREA = "area"
    DISTRICT = "district"
    TEAM = "team"


class Cohort(Enum):
    """Which children a figure counts."""

    ALL = "all"
    EXC_UASC = "exc_uasc"
    """Excluding children who are or have been unaccompanied asylum-seeking children."""


@dataclass(frozen=True, slots=True)
class NationalMeasure:
    """The DfE / LAIT measure an indicator follows or sits beside."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator: what it means and how its figures are computed.

    Attributes:
        id: stable identifier, e.g. ``SCS-01``.
        title: as printed on the scorecard.
        section: scorecard section or theme.
        products: the scorecards it appears on.
        polarity: which way is better; None for context measures.
        unit: what the value is.
        period: the window each month's figure covers.
        activity: an activity (volume) measure, never rated.
        additive: its figure for a window is the sum of its figures for the
            window's calendar months (each record is an event whose facts do
            not depend on the window), so the engine may add monthly sums up.
        cohorts: cohorts it is computed for.
        headline_cohort: the cohort the scorecard shows first (``exc_uasc`` for
            the seeds' "(exc UASC)" measures).
        levels: organisational levels it is broken down by.
        team_basis: which team a figure counts against, in plain English.
        definition: plain-English definition.
        numerator: what the numerator counts.
        denominator: what the denominator counts (empty for counts).
        national: the DfE/LAIT measure it follows, if any.
        variant: ``local`` when it is the seed's own definition that differs
            from the national one, ``national`` when it is the DfE definition,
            empty otherwise.
        related: ids of indicators offered beside it (local/national twins).
        source: the data it is computed from.
        notes: anything else an analyst or councillor should know.
        sql: the SQL text, or None for an indicator whose figures come from outside.
        requires: tables and columns it needs (derived from the SQL; declared
            in the YAML for indicators without SQL), as ``table.column``.
        yaml_path: the definition file.
        sql_path: the SQL file, if any.
        origin: ``library`` (shipped) or the folder it was loaded from.
    """

    id: str
    title: str
    section: str
    products: tuple[str, ...]
    polarity: Polarity | None
    unit: Unit
    period: Period
    activity: bool
    additive: bool
    cohorts: tuple[Cohort, ...]
    headline_cohort: Cohort
    levels: tuple[Level, ...]
    team_basis: str
    definition: str
    numerator: str
    denominator: str
    national: NationalMeasure | None
    variant: str
    related: tuple[str, ...]
    source: str
    notes: str
    sql: str | None
    requires: tuple[str, ...]
    yaml_path: Path
    sql_path: Path | None
    origin: str

    @property
    def external(self) -> bool:
        """Whether figures are supplied from outside (no SQL)."""
        return self.sql is None

    @property
    def rolling_three_months(self) -> bool:
        """Whether a rolling-3-months recalculation is reported beside it (R12M indicators)."""
        return self.period is Period.R12M


R3M_SUFFIX = ":R3M"
"""Suffix of the indicator id of the rolling-3-months recalculation, e.g. ``SCS-01:R3M``."""
