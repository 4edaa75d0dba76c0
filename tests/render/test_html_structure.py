"""The scorecard page's structure: what must hold whatever the golden files say.

Self-contained (nothing loaded from outside), an exception page for every Red,
RAG as text as well as colour on every rated figure, accessible tables
(captions, scoped headers), landmarks, headings, unique ids, the seeds' rules
for each page (signed changes, rolling 3 months only for R12M, variance signed),
and the no-JavaScript chart fallback.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
from xml.etree.ElementTree import Element

import cssselect2  # type: ignore[import-untyped]
import pytest
import tinyhtml5  # type: ignore[import-untyped]

from kpibook.rating.bands import Rag
from kpibook.render import charts
from kpibook.render.html import (
    css_string,
    exception_id,
    pack_parts,
    render_html,
    scorecard_id,
    stylesheet,
)
from kpibook.scorecard.model import Pack

HTML_NS = "{http://www.w3.org/1999/xhtml}"
SVG_NS = "{http://www.w3.org/2000/svg}"


class Page:
    """A parsed page (or one element of it), queried with CSS selectors."""

    def __init__(self, html: str | Element) -> None:
        self.html = html if isinstance(html, str) else ""
        self.root = tinyhtml5.parse(html) if isinstance(html, str) else html
        self.wrapper = cssselect2.ElementWrapper.from_html_root(self.root)

    def all(self, selector: str) -> list[Element]:
        return [w.etree_element for w in self.wrapper.query_all(selector)]

    def one(self, selector: str) -> Element:
        found = self.all(selector)
        assert len(found) == 1, f"{selector}: {len(found)} elements"
        return found[0]


def text(element: Element) -> str:
    """The element's text, whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())


def local(element: Element) -> str:
    return element.tag.split("}")[-1]


def visible_text(element: Element) -> str:
    """Text a sighted reader sees (visually hidden spans left out)."""
    parts: list[str] = []

    def walk(node: Element) -> None:
        if "govuk-visually-hidden" in (node.get("class") or "").split():
            parts.append(node.tail or "")
            return
        parts.append(node.text or "")
        for child in node:
            walk(child)
        parts.append(node.tail or "")

    walk(element)
    parts[-1] = ""  # the element's own tail is outside it
    return " ".join("".join(parts).split())


@pytest.fixture(scope="module")
def html(small_pack: Pack) -> str:
    return render_html(small_pack)


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    return Page(html)


@pytest.fixture(scope="module")
def static_page(small_pack: Pack) -> Page:
    return Page(render_html(small_pack, interactive=False))


# -- self-contained ---------------------------------------------------------------------------


def test_page_loads_nothing_from_outside(page: Page) -> None:
    for element in page.root.iter():
        for name, value in element.attrib.items():
            if name.split("}")[-1] in {"src", "href", "action", "poster", "data", "srcset"}:
                assert value.startswith("#"), f"<{local(element)} {name}={value!r}>"
    assert not page.all("link, iframe, img, object, embed, base")
    styles = " ".join(text(s) for s in page.all("style"))
    assert "@import" not in styles
    assert re.findall(r"url\((?!#)", styles) == []


def test_no_url_outside_the_chart_library(page: Page, small_pack: Pack) -> None:
    """Apart from the inlined Vega-Embed bundle and SVG namespaces, the page names no URL."""
    bundle = charts.javascript()
    rest = page.html.replace(bundle, "")
    rest = re.sub(r'xmlns(:\w+)?="http://www\.w3\.org/[^"]*"', "", rest)
    assert re.findall(r"https?://", rest) == []
    scripts = page.all("script:not([type])")
    assert [text(s) == " ".join(bundle.split()) for s in scripts].count(True) == 1


def test_interactive_false_has_no_script(static_page: Page) -> None:
    assert static_page.all("script:not([type])") == []
    assert len(static_page.all("script[type='application/json']")) == len(
        static_page.all("figure.kp-chart")
    )


def test_render_is_deterministic(small_pack: Pack, html: str) -> None:
    assert render_html(small_pack) == html


# -- what the pack must show ------------------------------------------------------------------


def test_every_red_has_an_exception_page(page: Page, small_pack: Pack) -> None:
    reds = {
        row.indicator_id
        for card in small_pack.scorecards
        if card.org_unit.level == "council"
        for row in card.rows
        if row.rag is Rag.RED
    }
    assert reds == {"SCS-09", "SCS-17"}
    sections = page.all("section.kp-exception")
    assert len(sections) == len(reds) == len(small_pack.exceptions)
    for exception in small_pack.exceptions:
        section = page.one(f"section#{exception_id(exception)}")
        heading = text(section.find(f"{HTML_NS}h2"))  # type: ignore[arg-type]
        assert heading.startswith(f"{exception.row.indicator_id} {exception.row.title}")
        assert heading.endswith("Red")


def test_exception_page_content(page: Page) -> None:
    scs09 = page.one("section#exception-scs-09")
    words = text(scs09)
    for expected in (
        "Cabinet Member",
        "Director",
        "Portfolio",
        "Division",
        "Trend Data – Month End",
        "Data Notes",
        "Target: 90.0%",
        "Interviews are now booked on the day of return.",
        "Head of Service",
        "Last 12 months",
        "5 year trend",
    ):
        assert expected in words, expected
    assert "Commentary awaited" not in words
    trend = Page(scs09).one("table.kp-exception__trend")
    rows = [[text(c) for c in tr] for tr in trend.iter(f"{HTML_NS}tr")]
    assert rows[0][1:] == ["May 2016", "Jun 2016", "Jul 2016", "Aug 2016"]
    assert rows[1][1:] == ["60.0%", "64.0%", "66.0%", "70.0%"]
    assert rows[2][1:] == ["90.0%"] * 4
    assert rows[3][1:] == ["Red"] * 4
    breakdown = Page(scs09).one("table.kp-exception__breakdown")
    lines = [[text(c) for c in tr] for tr in breakdown.iter(f"{HTML_NS}tr")][1:]
    assert ["Areas"] in lines and ["Teams"] in lines
    assert ["South Area", "66.7% R Red", "40", "60", "14"] in lines
    assert ["North Area", "75.0% R Red", "30", "40", "6"] in lines


def test_missing_commentary_is_flagged(page: Page) -> None:
    scs17 = page.one("section#exception-scs-17")
    assert "Commentary awaited" in text(scs17)


def test_every_rated_figure_shows_its_rating_in_words(page: Page, small_pack: Pack) -> None:
    words = {r.word for r in Rag}
    tags = page.all(".kp-rag--green, .kp-rag--amber, .kp-rag--red")
    assert tags
    for tag in tags:
        colour = next(c for c in tag.get("class", "").split() if c.startswith("kp-rag--"))
        word = colour.removeprefix("kp-rag--").capitalize()
        assert word in words
        assert word in text(tag), f"{colour} tag without the word {word}"
        shown = visible_text(tag)
        assert shown in {word, word[0]}, shown


def test_scorecard_shows_each_rating(page: Page, small_pack: Pack) -> None:
    """Latest, 1 month ago and rolling 3 months: one tag per rating the rows carry."""
    card = small_pack.scorecards[0]
    section = page.one(f"section#{scorecard_id(card)}")
    section_page = Page(section)
    expected = [r.rag for r in card.rows if r.rag is not None]
    expected += [r.month_ago_rag for r in card.rows if r.month_ago_rag is not None]
    expected += [r.r3m_rag for r in card.rows if r.r3m_rag is not None and r.period == "R12M"]
    found = section_page.all(".kp-rag--green, .kp-rag--amber, .kp-rag--red")
    assert sorted(t.get("class", "") for t in found) == sorted(
        f"govuk-tag kp-rag kp-rag--{r.name.lower()}" for r in expected if r is not None
    )


def test_scorecard_rows(page: Page, small_pack: Pack) -> None:
    table = page.one("section#scorecard-council table")
    rows = {
        text(tr[0]): [text(c) for c in tr]
        for tr in table.iter(f"{HTML_NS}tr")
        if len(tr) == 13 and local(tr[0]) == "td"
    }
    # ID | Indicator | Polarity | Period | Result+RAG | Num | Denom | Target | 1m | DoT | 1y | DoT
    # | R3M
    scs09 = rows["SCS-09"]
    assert scs09[2:9] == ["H", "R12M", "70.0% R Red", "70", "100", "90.0%", "66.0% R Red"]
    assert scs09[9] == "↑ Improved"
    assert scs09[10:] == ["50.0%", "↑ Improved", "70.0% R Red"]
    scs01 = rows["SCS-01"]
    assert scs01[4] == "22.0% G Green" and scs01[9] == "↓ Worsened"
    assert scs01[12] == "25.0% G Green"
    # Snapshot indicators have no rolling 3 months.
    assert rows["SCS-17"][3] == "SS" and rows["SCS-17"][12] == "-"
    # Denominator under 5: no rating, and said so for screen readers.
    assert rows["SCS-02"][4] == "100.0% No RAG rating (denominator under 5)"
    assert rows["SCS-43"][4] == "15.5 A Amber"


def test_direction_of_travel_is_arrow_and_word(page: Page) -> None:
    dots = page.all(".kp-dot")
    assert dots
    for dot in dots:
        assert text(dot) in {"↑ Improved", "↓ Worsened", "→ Unchanged"}


def test_activity_table(page: Page) -> None:
    table = page.one("section#activity table")
    head = [text(th) for th in table.iter(f"{HTML_NS}th") if th.get("scope") == "colgroup"]
    assert head == ["CP Plans", "Total LAC", "UASC LAC"]
    council = next(
        [text(c) for c in tr] for tr in table.iter(f"{HTML_NS}tr") if text(tr[0]).startswith("Test")
    )
    # CP plans 100 (95 last month, +5); CP starts 10 (a flow: one column); LAC 200 vs 210; UASC 50
    # vs 55.
    assert council[1:] == ["100", "95", "+5", "10", "200", "210", "-10", "50", "55", "-5"]


def test_uasc_variance_is_signed(page: Page) -> None:
    council = Page(page.one("section#uasc")).all("table")[0]
    caption = council.find(f"{HTML_NS}caption")
    assert caption is not None and text(caption) == "Children in Care - Testshire County Council"
    lines = {
        text(tr[0]): [text(c) for c in tr]
        for tr in council.iter(f"{HTML_NS}tr")
        if len(tr) == 11 and local(tr[0]) == "th" and tr[0].get("scope") == "row"
    }
    scs17 = next(v for k, v in lines.items() if k.startswith("SCS-17"))
    assert scs17[3:] == ["13.0% R Red", "13", "100", "10.0%", "10.0% G Green", "5", "50", "-3.0%"]
    scs21 = next(v for k, v in lines.items() if k.startswith("SCS-21"))
    assert scs21[3] == "96.0% G Green" and scs21[7] == "97.8% G Green" and scs21[10] == "+1.8%"


def test_cover(page: Page, small_pack: Pack) -> None:
    cover = text(page.one("section#cover"))
    profile = small_pack.profile
    for expected in (
        profile.council,
        profile.title,
        "August 2016",
        profile.directorate,
        profile.division,
        profile.portfolio,
        profile.cabinet_member,
        profile.director,
        "Produced by " + profile.produced_by,
        "Publication Date 10/11/2016",
        "Targets for 2016-17",
        small_pack.targets_label,
        "Draft (not published)",
    ):
        assert expected in cover, expected
    assert text(page.one("h1")) == profile.title


def test_demographics_notice_when_not_available(page: Page) -> None:
    notice = text(page.one("section#demographics"))
    assert "not available" in notice and "--data" in notice


def test_summary(page: Page, small_pack: Pack) -> None:
    summary = page.one("section#summary")
    counts = [text(li) for li in Page(summary).all(".kp-count")]
    s = small_pack.summary
    assert counts == [
        f"{s.green} Green",
        f"{s.amber} Amber",
        f"{s.red} Red",
        f"{s.unrated} No RAG rating",
    ]
    words = text(summary)
    for sentence in s.sentences:
        assert sentence in words
    # SCS-17 moved from Amber (12.0%) to Red (13.0%).
    assert "SCS-17" in words and "12.0% A Amber" in words and "↓ Worsened: Amber to Red" in words


def test_guidance_notes(page: Page, small_pack: Pack) -> None:
    guidance = text(page.one("section#guidance"))
    for expected in (
        "Higher values are better",
        "Lower values are better",
        "As close to target as possible",
        "Floor Standard",
        "RAG ratings are not applied to activity based indicators",
        "If the denominator is lower than 5",
        "↑ Improved",
        "↓ Worsened",
        "→ Unchanged",
        "Year to Date (YTD)",
        "R12M",
        "AC YTD",
        "Unaccompanied Asylum Seeking Children",
        small_pack.profile.drilldown,
    ):
        assert expected in guidance, expected


def test_contents_links_every_listed_part(page: Page, small_pack: Pack) -> None:
    links = [a.get("href", "") for a in page.all("nav#contents a")]
    listed = [p.id for p in pack_parts(small_pack) if p.listed]
    assert links == [f"#{i}" for i in listed]
    for link in links:
        assert page.all(link), link
    groups = [text(g) for g in page.all(".kp-contents__group")]
    assert groups == ["Area scorecards", "Exception reports (Red indicators)"]


# -- accessibility ----------------------------------------------------------------------------


def test_language_landmarks_and_skip_link(page: Page) -> None:
    assert page.root.get("lang") == "en-GB"
    page.one("header.govuk-header")
    page.one("nav")
    main = page.one("main")
    page.one("footer")
    assert main.get("id") == "main-content"
    body = page.one("body")
    first = next(e for e in body.iter() if local(e) in {"a", "button", "input", "summary"})
    assert first.get("href") == "#main-content" and "govuk-skip-link" in first.get("class", "")


def test_heading_levels_never_skip(page: Page) -> None:
    levels = [int(local(h)[1]) for h in page.all("h1, h2, h3, h4, h5, h6")]
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"h{before} followed by h{after}"


def test_tables_have_captions_and_scoped_headers(page: Page) -> None:
    tables = page.all("table")
    assert tables
    for table in tables:
        caption = table.find(f"{HTML_NS}caption")
        assert caption is not None and text(caption), "table without a caption"
        for th in table.iter(f"{HTML_NS}th"):
            assert th.get("scope") in {"col", "row", "colgroup", "rowgroup"}, text(th)
        for body in table.iter(f"{HTML_NS}tbody"):
            for tr in body.iter(f"{HTML_NS}tr"):
                cells = list(tr)
                heads = [c for c in cells if local(c) == "th"]
                placeholder = len(cells) == 1 and cells[0].get("colspan")
                assert heads or placeholder, f"row without a header: {text(tr)}"


def test_grouped_headers_match_column_groups(page: Page) -> None:
    """scope="colgroup" headers sit over <colgroup> elements of the same span."""
    for table in page.all("table"):
        groups = [int(g.get("span", "1")) for g in table.iter(f"{HTML_NS}colgroup")]
        spans = [
            int(th.get("colspan", "1"))
            for th in table.iter(f"{HTML_NS}th")
            if th.get("scope") == "colgroup"
        ]
        for span in spans:
            assert span in groups


def test_numbers_are_right_aligned(page: Page) -> None:
    number = re.compile(r"^[+-]?[\d,]+(\.\d)?%?( [GAR] (Green|Amber|Red))?$")
    for cell in page.all("td"):
        if number.match(text(cell)):
            assert "govuk-table__cell--numeric" in cell.get("class", ""), text(cell)


def test_ids_are_unique(page: Page) -> None:
    ids = [e.get("id") for e in page.root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


def test_references_point_at_ids_that_exist(page: Page) -> None:
    ids = {e.get("id") for e in page.root.iter() if e.get("id")}
    for element in page.root.iter():
        for name in ("aria-labelledby", "aria-describedby"):
            for ref in (element.get(name) or "").split():
                assert ref in ids, f"{name}={ref}"


def test_charts_have_text_alternatives_and_static_fallback(page: Page) -> None:
    figures = page.all("figure.kp-chart")
    assert len(figures) == 5  # the RAG chart and two trends for each of the two Reds
    for figure in figures:
        key = figure.get("id")
        svg = figure.find(f".//{SVG_NS}svg")
        assert svg is not None and svg.get("role") == "img"
        assert svg.get("aria-labelledby") == f"{key}-title"
        description = page.one(f"#{key}-desc")
        assert len(text(description)) > 20
        table = figure.find(f".//{HTML_NS}details//{HTML_NS}table")
        assert table is not None
        spec = figure.find(f".//{HTML_NS}script")
        assert spec is not None and spec.get("type") == "application/json"
        assert "marks" in json.loads(spec.text or "")
        live = figure.find(f".//{HTML_NS}div[@class='kp-chart__live']")
        assert live is not None and live.get("hidden") is not None


def test_rag_tag_contrast() -> None:
    """Text on each RAG colour meets WCAG AA (4.5:1); amber carries dark text."""
    css = stylesheet()

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for rag in ("green", "amber", "red"):
        block = re.search(r"\.kp-rag--" + rag + r"\s*\{([^}]*)\}", css)
        assert block is not None
        fg = re.search(r"(?<!-)color:\s*(#[0-9a-f]{6})", block.group(1))
        bg = re.search(r"background-color:\s*(#[0-9a-f]{6})", block.group(1))
        assert fg and bg
        light, dark = sorted((luminance(fg.group(1)), luminance(bg.group(1))), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, rag


def test_print_header_and_footer(html: str, small_pack: Pack) -> None:
    assert "size: A4 landscape" in html
    assert 'counter(page) " of " counter(pages)' in html
    assert css_string(f"Produced by: {small_pack.profile.produced_by}")[:-1] in html
    assert "Publication Date: 10/11/2016" in html
    assert "target-counter(attr(href url), page)" in html


def test_css_string_cannot_break_out() -> None:
    assert css_string('a"b\\c</style>') == '"a\\22 b\\5c c\\3c /style\\3e "'


def test_part_ids_for_every_scorecard(small_pack: Pack) -> None:
    ids = [p.id for p in pack_parts(small_pack)]
    for card in small_pack.scorecards:
        assert scorecard_id(card) in ids


def test_pack_without_activity_or_exceptions(small_pack: Pack) -> None:
    bare = dataclasses.replace(small_pack, activity=None, exceptions=(), uasc=())
    page = Page(render_html(bare, interactive=False))
    assert page.all("section.kp-exception") == []
    assert "no activity figures" in text(page.one("section#activity"))
    assert "no measures with figures including and excluding UASC" in text(page.one("#uasc"))
