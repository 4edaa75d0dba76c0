"""The scorecard document: what every renderer shows, as frozen values.

One :class:`Pack` per month. Renderers never compute or rate: they lay out
what is here, formatting numbers with :mod:`kpibook.scorecard.format`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kpibook.rating.bands import Rag
from kpibook.rating.dot import Dot
from kpibook.rating.rag import NoRating


@dataclass(frozen=True, slots=True)
class Profile:
    """The council profile: who the pack is for and from (cover page, headers, footers)."""

    council: str
    short_name: str
    title: str
    directorate: str = ""
    division: str = ""
    portfolio: str = ""
    cabinet_member: str = ""
    director: str = ""
    produced_by: str = ""
    data_source: str = ""
    drilldown: str = ""


@dataclass(frozen=True, slots=True)
class OrgUnit:
    """An org unit as printed."""

    id: str
    name: str
    level: str
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """One rated figure: an indicator for an org unit and cohort in the pack's month.

    Every number is unrounded; renderers round for display only.
    """

    indicator_id: str
    title: str
    section: str
    polarity: str | None
    period: str
    unit: str
    org_level: str
    org_unit: str
    org_unit_name: str
    cohort: str
    value: float | None
    numerator: float | None
    denominator: float | None
    target: float | None
    floor: float | None
    bands: str
    rag: Rag | None
    no_rating: NoRating | None
    month_ago: float | None
    month_ago_rag: Rag | None
    month_ago_dot: Dot | None
    year_ago: float | None
    year_ago_dot: Dot | None
    r3m: float | None
    r3m_rag: Rag | None


@dataclass(frozen=True, slots=True)
class Section:
    """A titled group of rows (a scorecard section such as CHILD PROTECTION)."""

    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Scorecard:
    """One scorecard table: a product for one org unit."""

    key: str
    title: str
    product: str
    org_unit: OrgUnit
    cohort: str
    sections: tuple[Section, ...]

    @property
    def rows(self) -> tuple[Row, ...]:
        """Every row, in order."""
        return tuple(r for s in self.sections for r in s.rows)


@dataclass(frozen=True, slots=True)
class ActivityCell:
    """One measure of the activity table for one unit."""

    this_month: float | None
    last_month: float | None
    shows_change: bool

    @property
    def change(self) -> float | None:
        """This month − last month (shown for stock measures)."""
        if not self.shows_change or self.this_month is None or self.last_month is None:
            return None
        return self.this_month - self.last_month


@dataclass(frozen=True, slots=True)
class ActivityColumn:
    """A measure of the activity table."""

    indicator_id: str
    title: str
    stock: bool
    """A snapshot count shown with last month and change; flows show this month only."""


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """One unit's line of the activity table."""

    org_unit: OrgUnit
    cells: tuple[ActivityCell, ...]


@dataclass(frozen=True, slots=True)
class ActivityTable:
    """The SCS activity table: council, areas and teams."""

    columns: tuple[ActivityColumn, ...]
    rows: tuple[ActivityRow, ...]


@dataclass(frozen=True, slots=True)
class UascLine:
    """Including vs excluding UASC for one indicator and unit."""

    including: Row
    excluding: Row | None

    @property
    def variance(self) -> float | None:
        """Excluding − including, from unrounded values (percentage points for percents)."""
        if self.excluding is None or self.excluding.value is None or self.including.value is None:
            return None
        return self.excluding.value - self.including.value


@dataclass(frozen=True, slots=True)
class UascBlock:
    """A block of the Impact of UASC page, e.g. CHILDREN IN CARE - NORTH KENT AREA."""

    title: str
    lines: tuple[UascLine, ...]


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One month of an indicator's trend (council level, headline cohort)."""

    period_end: dt.date
    value: float | None
    target: float | None
    floor: float | None
    rag: Rag | None
    band_low: float | None = None
    """T polarity: the lower edge of the green band (None otherwise)."""
    band_high: float | None = None
    """T polarity: the upper edge of the green band (None otherwise)."""


@dataclass(frozen=True, slots=True)
class BreakdownLine:
    """One area or team's part of a Red indicator's shortfall."""

    row: Row
    cases_short: float | None
    """Cases (children, episodes...) more the unit needed to meet the target (percentages)."""


@dataclass(frozen=True, slots=True)
class ExceptionPage:
    """The page every Red indicator gets."""

    row: Row
    definition: str
    theme: str
    numerator_text: str
    denominator_text: str
    last_four: tuple[TrendPoint, ...]
    last_twelve: tuple[TrendPoint, ...]
    five_years: tuple[TrendPoint, ...]
    data_notes: tuple[str, ...]
    breakdown: tuple[BreakdownLine, ...]
    """Areas and teams, worst first: where the shortfall is."""
    sentences: tuple[str, ...]
    """Generated statements: the count sentence, the rolling-3-months view, the trend."""
    commentary: str | None
    commentary_author: str = ""


@dataclass(frozen=True, slots=True)
class BandChange:
    """An indicator whose rating changed since the comparison month."""

    row: Row
    before: Rag
    before_value: float | None

    @property
    def improved(self) -> bool:
        """Whether the rating got better."""
        return self.row.rag is not None and self.row.rag.rank < self.before.rank


@dataclass(frozen=True, slots=True)
class Summary:
    """The summary page: counts, changes, the furthest from target, narrative."""

    product_title: str
    green: int
    amber: int
    red: int
    unrated: int
    changed: tuple[BandChange, ...]
    compared_with: dt.date
    compared_with_label: str
    furthest: tuple[Row, ...]
    sentences: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CrossTab:
    """A demographic table: categories by gender, with totals."""

    title: str
    dimension: str
    genders: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]

    @property
    def totals(self) -> tuple[int, ...]:
        """Column totals (per gender)."""
        return tuple(sum(r[1][i] for r in self.rows) for i in range(len(self.genders)))


@dataclass(frozen=True, slots=True)
class Demographics:
    """Children in care at the month end, broken down (age × gender and so on)."""

    as_at: dt.date
    tables: tuple[CrossTab, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Pack:
    """Everything a month's scorecard pack shows.

    Attributes:
        month: the month end the pack reports.
        profile: the council profile.
        publication_date: the date printed as "Publication Date".
        targets_label: the targets file's version and checksum.
        targets_year: the financial year whose targets rate the month.
        rows: every rated figure (all indicators, units and cohorts): the JSON output.
        summary: the summary page.
        activity: the SCS activity table (None when there are no activity figures).
        scorecards: the council scorecards, then each area's.
        uasc: the Impact of UASC page blocks.
        exceptions: one page per Red indicator.
        demographics: children in care breakdowns (None when only figures were given).
        version: the published version number (None until published).
        unavailable: indicators the data cannot give, with what they need
            (``("SCS-11", "needs ssd_cp_visits.cppv_cp_visit_date")``): shown as
            "not available", never as zero.
    """

    month: dt.date
    profile: Profile
    publication_date: dt.date
    targets_label: str
    targets_year: str
    rows: tuple[Row, ...]
    summary: Summary
    activity: ActivityTable | None
    scorecards: tuple[Scorecard, ...]
    uasc: tuple[UascBlock, ...]
    exceptions: tuple[ExceptionPage, ...]
    demographics: Demographics | None
    version: int | None = None
    unavailable: tuple[tuple[str, str], ...] = ()
    data_quality: tuple[tuple[str, int], ...] = ()
    """Data-quality findings recorded when the data was imported, by rule: (rule, count)."""
