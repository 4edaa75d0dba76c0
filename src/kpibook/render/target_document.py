"""The target-setting document as HTML and PDF (``kpibook targets``)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from markupsafe import Markup

from kpibook.render.html import environment, stylesheet
from kpibook.render.pdf import render_pdf
from kpibook.scorecard.target_document import TargetDocument


def render_target_document(document: TargetDocument) -> str:
    """One self-contained page: the proposed targets beside the current ones and the results."""
    return (
        environment()
        .get_template("target_document.html.j2")
        .render(
            doc=document,
            css=Markup(stylesheet()),
            changed=sum(1 for r in document.rows if r.shaded),
        )
    )


def write_target_document(document: TargetDocument, out: Path) -> list[Path]:
    """Write ``target-setting-<year>.html`` and ``.pdf`` into ``out`` (both, or neither)."""
    out.mkdir(parents=True, exist_ok=True)
    stem = f"target-setting-{document.year}"
    staging = Path(tempfile.mkdtemp(prefix=".kpibook-targets-", dir=out))
    try:
        html = render_target_document(document)
        (staging / f"{stem}.html").write_text(html, encoding="utf-8")
        render_pdf(html, staging / f"{stem}.pdf")
        written = []
        for suffix in (".html", ".pdf"):
            (staging / f"{stem}{suffix}").replace(out / f"{stem}{suffix}")
            written.append(out / f"{stem}{suffix}")
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
