"""The scorecard pack as one self-contained HTML page.

:func:`render_html` lays out a :class:`~kpibook.scorecard.model.Pack` in the
seeds' order (``seed-spec.md`` §2.2, §2.3): cover, contents, summary, activity
table, the council scorecard, the other council scorecards, each area's
scorecard, the impact of UASC, an exception page per Red indicator, the
demographic breakdown, and the guidance notes with the key to abbreviations.

The page needs nothing from outside: the CSS is inline, the charts are inline
SVG, and the interactive charts use the Vega-Embed bundle inlined once at the
end (:func:`kpibook.render.charts.javascript`). Without JavaScript, and in
print, the static SVG of the same chart specification shows instead.

Every number, rating, arrow and date is written by
:mod:`kpibook.scorecard.format`; the templates never format a figure
themselves. Each page of the pack is a :class:`Part` rendered on its own
(:func:`pack_parts`), so tests can compare one part at a time with its golden
file.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from kpibook.rating.bands import Rag
from kpibook.rating.dot import Dot
from kpibook.rating.rag import SMALL_DENOMINATOR
from kpibook.render import charts
from kpibook.scorecard import format as fmt
from kpibook.scorecard.figures import shift
from kpibook.scorecard.model import BreakdownLine, ExceptionPage, Pack, Scorecard

ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("A", "Annual"),
    ("AC YTD", "Academic Year to Date (September to August)"),
    ("BLA", "Becoming Looked After"),
    ("C&F", "Child and Family (assessment)"),
    ("CIC", "Children in Care"),
    ("CIN", "Children in Need"),
    ("CP", "Child Protection"),
    ("CSWT", "Children's Social Work Team"),
    ("Denom", "Denominator"),
    ("DoT", "Direction of Travel"),
    ("IHA", "Initial Health Assessment"),
    ("IRO", "Independent Reviewing Officer"),
    ("LAC", "Looked After Children"),
    ("M", "Monthly Figure"),
    ("Num", "Numerator"),
    ("OLA", "Other Local Authority"),
    ("PEP", "Personal Education Plan"),
    ("PF", "Private Fostering"),
    ("PID", "Performance Indicator Definition (reference)"),
    ("PO", "Placement Order"),
    ("QSW", "Qualified Social Worker"),
    ("R12M", "Rolling 12 Months"),
    ("RAG", "Red, Amber, Green (rating)"),
    ("SCS", "Specialist Children's Services"),
    ("SEN", "Special Educational Need"),
    ("SGO", "Special Guardianship Order"),
    ("SS", "Snapshot"),
    ("UASC", "Unaccompanied Asylum Seeking Children"),
    ("YTD", "Year to Date (April to March)"),
)
"""The Key to Abbreviations (seed-spec §2.3 page 1, and the pack's own column headings)."""

PERIOD_DEFINITIONS: tuple[tuple[str, str], ...] = (
    ("SS", "Snapshot: the position at the end of the month (the last day of the month)."),
    ("M", "Monthly Figure: events in the calendar month."),
    ("R12M", "Rolling 12 Months: the 12 months to the end of the month."),
    ("YTD", "Year to Date: April to the end of the month."),
    ("AC YTD", "Academic Year to Date: September to the end of the month."),
    ("Q", "Quarter: the three months to the end of the quarter."),
    ("A", "Annual: the year to the end of the month."),
)
"""The Data Period codes as the scorecards print them (:func:`fmt.period_code`)."""


@dataclass(frozen=True, slots=True)
class Part:
    """One page (or section) of the pack, rendered.

    Attributes:
        id: the HTML id of the part (the contents links to it); also its golden file's name.
        title: its entry in the contents.
        html: the rendered section.
        group: the contents heading it is listed under ("" for a top-level entry).
        listed: whether the contents lists it (the cover and the contents are not listed).
    """

    id: str
    title: str
    html: Markup
    group: str = ""
    listed: bool = True


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    """A line of the contents: a link to a part, or a group heading with its parts."""

    title: str
    id: str = ""
    children: tuple[ContentsEntry, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class ChartView:
    """A chart as a template shows it: the definition, its static SVG and the page's spec."""

    chart: charts.Chart
    svg: Markup
    spec: dict[str, Any]


@functools.cache
def environment() -> jinja2.Environment:
    """The template environment (templates in ``kpibook/render/templates``)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kpibook.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals.update(fmt=fmt, Rag=Rag, Dot=Dot)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def _static(name: str) -> str:
    return resources.files("kpibook.render").joinpath("static", name).read_text(encoding="utf-8")


def stylesheet() -> str:
    """The pack's CSS (screen and print; ``static/pack.css``)."""
    return _static("pack.css")


def css_string(text: str) -> str:
    """``text`` as a CSS string literal, safe inside a ``<style>`` element."""
    out = ['"']
    for char in text:
        if char in '"\\<>&' or ord(char) < 0x20 or char == "\x7f":
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _render(template: str, pack: Pack, **context: object) -> Markup:
    html = environment().get_template(template).render(pack=pack, profile=pack.profile, **context)
    return Markup(html.strip() + "\n")


def _view(chart: charts.Chart) -> ChartView:
    return ChartView(chart, Markup(charts.to_svg(chart)), charts.to_vega(chart))


def _version(pack: Pack) -> str:
    return f"Version {pack.version}" if pack.version is not None else "Draft (not published)"


# -- the parts ------------------------------------------------------------------------------------


def cover(pack: Pack) -> Part:
    """The cover: council, title, period and who the pack is from."""
    html = _render("_cover.html.j2", pack, part_id="cover", version=_version(pack))
    return Part("cover", "Cover", html, listed=False)


def summary(pack: Pack) -> Part:
    """The summary: RAG counts and chart, statements, changed bands, furthest from target."""
    counts = (
        (Rag.GREEN, pack.summary.green),
        (Rag.AMBER, pack.summary.amber),
        (Rag.RED, pack.summary.red),
    )
    title = "Summary"
    html = _render(
        "_summary.html.j2",
        pack,
        part_id="summary",
        title=title,
        summary=pack.summary,
        counts=counts,
        chart=_view(charts.rag_chart(pack.summary)),
    )
    return Part("summary", title, html)


_LEVEL_LABELS = {"council": "", "area": "Areas", "district": "Districts", "team": "Teams"}


def activity(pack: Pack) -> Part:
    """The activity table: stocks with last month and change, flows in the month."""
    title = "SCS Activity"
    groups: list[tuple[str, str, list[Any]]] = []
    width = 1
    if pack.activity is not None:
        width += sum(3 if c.stock else 1 for c in pack.activity.columns)
        for row in pack.activity.rows:
            level = row.org_unit.level
            if not groups or groups[-1][0] != level:
                groups.append((level, _LEVEL_LABELS.get(level, level.capitalize()), []))
            groups[-1][2].append(row)
    html = _render(
        "_activity.html.j2",
        pack,
        part_id="activity",
        title=title,
        activity=pack.activity,
        groups=groups,
        width=width,
    )
    return Part("activity", title, html)


def scorecard_id(card: Scorecard) -> str:
    """The part id of a scorecard: ``scorecard-council``, ``scorecard-area-area-n``..."""
    return "scorecard-" + charts.slug(card.key)


def scorecard_title(card: Scorecard) -> str:
    """``Scorecard - Kent`` (the seeds' heading), ``Children in Care Scorecard - Kent``."""
    return f"{card.title} - {card.org_unit.name}"


def scorecard(pack: Pack, card: Scorecard) -> Part:
    """One scorecard table, by section."""
    title = scorecard_title(card)
    part_id = scorecard_id(card)
    html = _render(
        "_scorecard.html.j2",
        pack,
        part_id=part_id,
        title=title,
        card=card,
        month_ago=shift(pack.month, -1),
        year_ago=shift(pack.month, -12),
    )
    group = "Area scorecards" if card.org_unit.level != "council" else ""
    listed_title = card.org_unit.name if group else title
    return Part(part_id, listed_title, html, group=group)


def uasc(pack: Pack) -> Part:
    """The impact of UASC: including and excluding, each rated, and the variance."""
    title = "Scorecard - Impact of UASC"
    html = _render("_uasc.html.j2", pack, part_id="uasc", title=title, blocks=pack.uasc)
    return Part("uasc", title, html)


def exception_id(page: ExceptionPage) -> str:
    """The part id of an exception page: ``exception-scs-09``."""
    return "exception-" + charts.slug(page.row.indicator_id)


def _breakdown(lines: Sequence[BreakdownLine]) -> list[tuple[str, list[BreakdownLine]]]:
    groups: list[tuple[str, list[BreakdownLine]]] = []
    for line in lines:
        level = line.row.org_level
        label = _LEVEL_LABELS.get(level) or level.capitalize()
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        groups[-1][1].append(line)
    return groups


def exception(pack: Pack, page: ExceptionPage) -> Part:
    """The exception page of one Red indicator."""
    part_id = exception_id(page)
    paragraphs = [p.strip() for p in (page.commentary or "").split("\n\n") if p.strip()]
    html = _render(
        "_exception.html.j2",
        pack,
        part_id=part_id,
        page=page,
        twelve=_view(charts.twelve_month_chart(page)),
        five=_view(charts.five_year_chart(page)),
        breakdown=_breakdown(page.breakdown),
        paragraphs=paragraphs,
    )
    title = f"{page.row.indicator_id} {page.row.title}"
    return Part(part_id, title, html, group="Exception reports (Red indicators)")


def demographics(pack: Pack) -> Part:
    """The children in care demographic breakdown, or a notice that it is not available."""
    title = "Children in Care - Demographic Breakdown"
    html = _render(
        "_demographics.html.j2",
        pack,
        part_id="demographics",
        title=title,
        demographics=pack.demographics,
    )
    return Part("demographics", title, html)


def guidance(pack: Pack) -> Part:
    """Guidance notes and the key to abbreviations."""
    title = "Guidance Notes and Key to Abbreviations"
    html = _render(
        "_guidance.html.j2",
        pack,
        part_id="guidance",
        title=title,
        polarity_words=tuple(fmt.POLARITY_WORDS.items()),
        period_words=PERIOD_DEFINITIONS,
        abbreviations=ABBREVIATIONS,
        small_denominator=SMALL_DENOMINATOR,
    )
    return Part("guidance", title, html)


def contents_entries(parts: Sequence[Part]) -> tuple[ContentsEntry, ...]:
    """The contents: listed parts in order, consecutive parts of a group under its heading."""
    entries: list[ContentsEntry] = []
    for part in parts:
        if not part.listed:
            continue
        entry = ContentsEntry(part.title, part.id)
        if not part.group:
            entries.append(entry)
        elif entries and entries[-1].title == part.group and not entries[-1].id:
            last = entries[-1]
            entries[-1] = ContentsEntry(last.title, "", (*last.children, entry))
        else:
            entries.append(ContentsEntry(part.group, "", (entry,)))
    return tuple(entries)


def contents(pack: Pack, parts: Sequence[Part]) -> Part:
    """The contents page (page numbers in print)."""
    html = _render("_contents.html.j2", pack, entries=contents_entries(parts))
    return Part("contents", "Contents", html, listed=False)


def pack_parts(pack: Pack) -> tuple[Part, ...]:
    """Every part of the pack, in order, the contents included."""
    council = [c for c in pack.scorecards if c.org_unit.level == "council"]
    areas = [c for c in pack.scorecards if c.org_unit.level != "council"]
    body = [
        summary(pack),
        activity(pack),
        *(scorecard(pack, c) for c in council),
        *(scorecard(pack, c) for c in areas),
        uasc(pack),
        *(exception(pack, e) for e in pack.exceptions),
        demographics(pack),
        guidance(pack),
    ]
    return (cover(pack), contents(pack, body), *body)


# -- the page -------------------------------------------------------------------------------------


def page_css(pack: Pack) -> str:
    """The print page's running header and footer, for this pack (CSS ``@page`` rules)."""
    profile = pack.profile
    header = f"{profile.council} – {profile.title} – {fmt.month_long(pack.month)}"
    footer = []
    if profile.produced_by:
        footer.append(f"Produced by: {profile.produced_by}")
    footer.append(f"Publication Date: {fmt.date(pack.publication_date)}")
    return (
        "@page {\n"
        f"  @top-left {{ content: {css_string(header)}; }}\n"
        f"  @bottom-left {{ content: {css_string(' – '.join(footer))}; }}\n"
        "}\n"
        "@page :first {\n  @top-left { content: none; }\n}\n"
    )


def render_html(pack: Pack, *, interactive: bool = True) -> str:
    """The whole pack as one self-contained HTML page.

    Args:
        pack: the month's pack.
        interactive: inline the chart script (Vega-Embed, about 900 kB) so charts
            become interactive in a browser. Without it the page shows the static
            charts only (what print and the PDF use anyway).
    """
    parts = pack_parts(pack)
    script = Markup(charts.javascript()) if interactive else ""
    return (
        environment()
        .get_template("pack.html.j2")
        .render(
            pack=pack,
            profile=pack.profile,
            parts=parts,
            css=Markup(stylesheet()),
            page_css=Markup(page_css(pack)),
            version=_version(pack),
            script=script,
            init_script=Markup(_static("charts.js")) if interactive else "",
        )
    )
