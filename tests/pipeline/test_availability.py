"""Indicators a dataset cannot give are "not available — needs X", never zero."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpibook.indicators.library import Library, load_library
from kpibook.pipeline.availability import unavailable
from kpibook.rating.rag import NoRating
from kpibook.rating.targets import Targets
from kpibook.render.html import render_html
from kpibook.scorecard.build import build_pack
from smallpack import MONTH, PROFILE, UNITS, small_results


def provenance(folder: Path, columns: list[str]) -> None:
    lines = ["table,column,source"] + [
        f"{c.split('.')[0]},{c.split('.')[1]},SSDA903 2023-24" for c in columns
    ]
    (folder / "provenance.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_own_extract_supplies_everything(tmp_path: Path) -> None:
    assert unavailable(tmp_path, load_library()) == {}


def test_missing_own_fields_make_an_indicator_unavailable(tmp_path: Path) -> None:
    library = load_library().select(["SCS-11", "SCS-17"])
    cp = [
        "ssd_cp_plans.cppl_cp_plan_end_date",
        "ssd_cp_plans.cppl_cp_plan_id",
        "ssd_cp_plans.cppl_cp_plan_start_date",
        "ssd_cp_plans.cppl_person_id",
    ]
    provenance(tmp_path, cp)
    found = unavailable(tmp_path, library)
    # SCS-11 (CP visits) needs the visits; team attribution (ssd_involvements) is not
    # one of its own fields, so it is not listed.
    assert found["SCS-11"] == (
        "needs ssd_cp_visits.cppv_cp_plan_id, ssd_cp_visits.cppv_cp_visit_date, "
        "ssd_cp_visits.cppv_cp_visit_id"
    )
    assert "SCS-17" in found and "ssd_cla_placement" in found["SCS-17"]
    visits = [
        "ssd_cp_visits.cppv_cp_plan_id",
        "ssd_cp_visits.cppv_cp_visit_date",
        "ssd_cp_visits.cppv_cp_visit_id",
    ]
    provenance(tmp_path, cp + visits)
    assert "SCS-11" not in unavailable(tmp_path, library)


def test_same_worker_indicator_needs_the_involvements_themselves(tmp_path: Path) -> None:
    library = load_library().select(["SCS-27"])
    provenance(
        tmp_path,
        [r for r in library.get("SCS-27").requires if not r.startswith("ssd_involvements.")],
    )
    assert "ssd_involvements" in unavailable(tmp_path, library)["SCS-27"]


def test_pack_shows_not_available_not_zero(small_library: Library, small_targets: Targets) -> None:
    pack = build_pack(
        results=small_results(),
        month=MONTH,
        library=small_library,
        targets=small_targets,
        profile=PROFILE,
        units=UNITS,
        commentary={},
        publication_date=dt.date(2016, 11, 10),
        unavailable={"SCS-21": "needs ssd_cla_reviews.clar_cla_review_participation"},
    )
    row = next(r for r in pack.scorecards[0].rows if r.indicator_id == "SCS-21")
    assert row.rag is None and row.no_rating is NoRating.NOT_AVAILABLE
    assert pack.unavailable == (("SCS-21", "needs ssd_cla_reviews.clar_cla_review_participation"),)
    html = render_html(pack, interactive=False)
    assert "1 indicator not available:" in html
    assert "SCS-21: needs ssd_cla_reviews.clar_cla_review_participation" in html
    assert '<span class="kp-na">Not available</span>' in html
