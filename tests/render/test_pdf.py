"""scorecard.pdf: the page printed by WeasyPrint (A4 landscape, headers, footers, contents).

The PDF is made once for the module (WeasyPrint takes a few seconds) and read back
with pypdf.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pypdf
import pytest

from kpibook.render.html import render_html
from kpibook.render.pdf import pdf_bytes, render_pdf
from kpibook.scorecard.model import Pack

A4_LANDSCAPE = (842, 595)
"""A4 landscape in PDF points (297 × 210 mm)."""


@pytest.fixture(scope="module")
def pdf_path(small_pack: Pack, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "scorecard.pdf"
    assert render_pdf(render_html(small_pack), out) == out
    return out


@pytest.fixture(scope="module")
def pages(pdf_path: Path) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(pdf_path).pages]


def test_page_count_is_sensible(pages: list[str], small_pack: Pack) -> None:
    # Cover, contents, summary, activity, 4 scorecards, UASC, 2 exceptions (1-2 pages each),
    # demographics, guidance (2-3 pages).
    assert 14 <= len(pages) <= 26, len(pages)


def test_pages_are_a4_landscape(pdf_path: Path) -> None:
    for page in pypdf.PdfReader(pdf_path).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == A4_LANDSCAPE


def test_cover(pages: list[str], small_pack: Pack) -> None:
    cover = pages[0]
    # Long titles wrap over two lines on the cover; compare without line breaks.
    assert small_pack.profile.title.replace(" ", "") in cover.replace(" ", "")
    assert "August 2016" in cover
    assert "Publication Date 10/11/2016" in cover
    assert "Page 1 of" in cover


def test_every_page_has_footer_with_page_n_of_m(pages: list[str], small_pack: Pack) -> None:
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text
        assert "Publication Date: 10/11/2016" in text
        assert f"Produced by: {small_pack.profile.produced_by}" in text


def test_header_names_council_title_and_period(pages: list[str], small_pack: Pack) -> None:
    profile = small_pack.profile
    header = f"{profile.council} – {profile.title} – August 2016"
    assert header not in pages[0], "no running header on the cover"
    for text in pages[1:]:
        assert header in text


def test_contents_has_page_numbers(pages: list[str]) -> None:
    contents = pages[1]
    assert contents.count("Contents") == 1
    found = dict(
        re.findall(
            r"(Summary|SCS Activity|Guidance Notes and Key to Abbreviations)"
            r" \.+ (\d+)",
            contents,
        )
    )
    assert set(found) == {"Summary", "SCS Activity", "Guidance Notes and Key to Abbreviations"}
    summary = int(found["Summary"])
    assert "Latest performance RAG rating" in pages[summary - 1]
    guidance = int(found["Guidance Notes and Key to Abbreviations"])
    assert "Polarity" in pages[guidance - 1]


def test_each_part_starts_a_page(pages: list[str]) -> None:
    """Each part's heading is the first text on a page (pypdf reads margin boxes last)."""
    titles = (
        "Contents",
        "Summary",
        "SCS Activity",
        "Scorecard - Testshire County Council",
        "Children in Care Scorecard - Testshire County Council",
        "Scorecard - North Area",
        "Scorecard - South Area",
        "Scorecard - Impact of UASC",
        "Exception report SCS-09",
        "Exception report SCS-17",
        "Children in Care - Demographic Breakdown",
        "Guidance Notes and Key to Abbreviations",
    )
    first = [next((t for t in titles if text.startswith(t)), None) for text in pages]
    assert [t for t in first if t] == list(titles)


def test_exception_pages(pages: list[str], small_pack: Pack) -> None:
    whole = " ".join(pages)
    for page in small_pack.exceptions:
        title = f"{page.row.indicator_id} {page.row.title}"
        starting = [t for t in pages if f"Exception report {title} Red" in t]
        assert len(starting) == 1, title
        assert "Trend Data – Month End" in starting[0]
        assert "Last 12 months" in starting[0] and "5 year trend" in starting[0]
    assert "Commentary awaited" in whole
    assert "Interviews are now booked on the day of return." in whole


def test_table_headings_repeat_on_continued_pages(small_pack: Pack, tmp_path: Path) -> None:
    """A scorecard longer than a page repeats its column headings on the next page."""
    card = small_pack.scorecards[0]
    long_card = type(card)(
        card.key,
        card.title,
        card.product,
        card.org_unit,
        card.cohort,
        tuple(card.sections) * 8,
    )
    import dataclasses

    pack = dataclasses.replace(small_pack, scorecards=(long_card,), exceptions=())
    reader = pypdf.PdfReader(_write(pdf_bytes(render_html(pack, interactive=False)), tmp_path))
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    with_card = [t for t in texts if "REFERRAL AND ASSESSMENTS" in t.upper() and "SCS-09" in t]
    assert len(with_card) >= 2
    for text in with_card:
        assert "Latest Result (Aug 2016)" in text and "1 month ago (Jul 2016)" in text


def _write(data: bytes, folder: Path) -> Path:
    path = folder / "long.pdf"
    path.write_bytes(data)
    return path


def test_render_pdf_leaves_no_temporary_file(pdf_path: Path) -> None:
    assert sorted(p.name for p in pdf_path.parent.iterdir()) == ["scorecard.pdf"]
    assert pdf_path.read_bytes().startswith(b"%PDF-")


def test_pdf_refuses_outside_resources(caplog: pytest.LogCaptureFixture) -> None:
    html = '<html lang="en-GB"><body><img src="https://example.org/x.png" alt="x"><p>Hi</p>'
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        data = pdf_bytes(html + "</body></html>")
    assert data.startswith(b"%PDF-")
    assert "disallowed protocol" in caplog.text
