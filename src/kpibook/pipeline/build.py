"""``build``: a month's pack from its inputs, written as JSON, HTML, PDF and Excel.

The four files are written to a staging folder beside the output folder and
moved into place only when all four are complete, so a failed build leaves
the last good pack untouched.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from kpibook.pipeline.inputs import Inputs
from kpibook.render.html import render_html
from kpibook.render.json_out import write_json
from kpibook.render.pdf import render_pdf
from kpibook.render.xlsx import write_xlsx
from kpibook.scorecard.build import build_pack
from kpibook.scorecard.figures import shift
from kpibook.scorecard.model import Pack
from kpibook.scorecard.summary import Published

OUTPUTS = ("scorecard.json", "scorecard.html", "scorecard.pdf", "scorecard.xlsx")
"""The files a build writes."""


def make_pack(
    inputs: Inputs, compare_with: dt.date | None = None, published: Published | None = None
) -> Pack:
    """The pack for the requested month (pure, given the inputs)."""
    request = inputs.request
    return build_pack(
        results=inputs.results,
        month=request.month,
        library=inputs.library,
        targets=inputs.targets,
        profile=inputs.profile,
        units=inputs.units,
        commentary=inputs.commentary,
        publication_date=request.publication_date or dt.date.today(),
        demographics=inputs.demographics,
        compare_with=compare_with or shift(request.month, -1),
        published=published,
        unavailable=inputs.unavailable,
        data_quality=inputs.data_quality,
    )


def write_pack(pack: Pack, out: Path) -> dict[str, Path]:
    """Write the four files into ``out``, all or nothing; their paths by name."""
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".kpibook-build-", dir=out))
    try:
        page = render_html(pack)
        (staging / "scorecard.html").write_text(page, encoding="utf-8")
        write_json(pack, staging / "scorecard.json")
        # The PDF uses the static charts: the same page without the chart script.
        render_pdf(render_html(pack, interactive=False), staging / "scorecard.pdf")
        write_xlsx(pack, staging / "scorecard.xlsx")
        written = {}
        for name in OUTPUTS:
            (staging / name).replace(out / name)
            written[name] = out / name
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
