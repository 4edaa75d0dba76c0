"""The scorecard pack as PDF: the pack's HTML printed by WeasyPrint.

There is no layout here: the PDF is the HTML of :func:`kpibook.render.html.render_html`
with its print stylesheet (``static/pack.css``: ``@media print`` and ``@page``):
A4 landscape, the council, title and period at the top of every page, "Produced
by", "Publication Date" and "Page N of M" at the bottom, each part of the pack on
a new page, table headings repeated on every page a table runs on, the contents
with page numbers, and the static SVG charts (WeasyPrint runs no JavaScript).
"""

from __future__ import annotations

from pathlib import Path

from kpibook.render.atomic import write_atomically


def pdf_bytes(html: str) -> bytes:
    """The PDF of ``html`` (a page from :func:`~kpibook.render.html.render_html`)."""
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_refusing_fetcher())
    return bytes(document.write_pdf())


def _refusing_fetcher() -> object:
    """A URL fetcher that fetches nothing: the pack's page is self-contained.

    A page asking for an outside resource (it should never) gets a warning from
    WeasyPrint and prints without it; nothing is fetched over the network.
    """
    try:
        from weasyprint.urls import URLFetcher  # WeasyPrint 66 and later
    except ImportError:  # pragma: no cover - older WeasyPrint: a function

        def refuse(url: str, timeout: int = 10, ssl_context: object = None) -> dict[str, object]:
            raise ValueError(f"the scorecard page must not load anything; it asked for {url!r}")

        return refuse
    return URLFetcher(allowed_protocols=frozenset())


def render_pdf(html: str, out: Path) -> Path:
    """Write the PDF of ``html`` to ``out``, atomically (never half a file); return ``out``."""
    return write_atomically(out, pdf_bytes(html))
