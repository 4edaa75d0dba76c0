"""Time each step of building a month's pack from a results file (README, "The scorecard pack").

Usage: .venv/bin/python scripts/bench_pack.py --results demo-output/results.csv \\
           --org-units demo-output/data/local_org_units.csv [--month 2016-08]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from kpibook.pipeline.build import make_pack
from kpibook.pipeline.inputs import BuildRequest, example_file, gather
from kpibook.render.html import render_html
from kpibook.render.json_out import write_json
from kpibook.render.pdf import render_pdf
from kpibook.render.xlsx import write_xlsx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--results", type=Path, required=True)
    parser.add_argument("--org-units", type=Path)
    parser.add_argument("--month", default="2016-08")
    args = parser.parse_args()
    year, month = (int(x) for x in args.month.split("-"))
    end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    request = BuildRequest(
        month=end,
        targets=example_file("targets.yaml"),
        results=args.results,
        org_units=args.org_units,
    )
    out = Path(tempfile.mkdtemp())
    steps: list[tuple[str, float]] = []

    def timed(name: str, start: float) -> float:
        now = time.perf_counter()
        steps.append((name, now - start))
        return now

    t = time.perf_counter()
    inputs = gather(request)
    t = timed("read and check the inputs", t)
    pack = make_pack(inputs)
    t = timed(f"rate and build the pack ({len(pack.rows):,} figures)", t)
    page = render_html(pack)
    t = timed("HTML", t)
    render_pdf(render_html(pack, interactive=False), out / "scorecard.pdf")
    t = timed("PDF", t)
    write_xlsx(pack, out / "scorecard.xlsx")
    t = timed("Excel", t)
    write_json(pack, out / "scorecard.json")
    timed("JSON", t)
    for name, seconds in steps:
        print(f"{name:45} {seconds:7.1f} s")
    print(f"{'total':45} {sum(s for _, s in steps):7.1f} s  (HTML {len(page):,} characters)")


if __name__ == "__main__":
    main()
