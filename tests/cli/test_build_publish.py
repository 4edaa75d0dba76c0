"""``kpibook build``, ``publish`` and ``targets`` end to end, through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.csv as pacsv
import pytest
from typer.testing import CliRunner

from kpibook.cli.main import app
from smallpack import SMALL_TARGETS, UNITS, small_results

runner = CliRunner()


@pytest.fixture()
def small_inputs(tmp_path: Path) -> dict[str, Path]:
    """The small pack's inputs as files: results, org units, targets."""
    results = tmp_path / "results.csv"
    pacsv.write_csv(small_results(), results)
    # A figure for an indicator without SQL (supplied from outside): CIC-04, OLA children.
    with results.open("a", encoding="utf-8") as handle:
        handle.write('"CIC-04",2016-08-31,"council","TST","all",57,,57\n')
    units = tmp_path / "units.csv"
    lines = ["org_unit_id,org_unit_name,org_level,parent_id"]
    lines += [f"{u.id},{u.name},{u.level},{u.parent or ''}" for u in UNITS.values()]
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    targets = tmp_path / "targets.yaml"
    targets.write_text(SMALL_TARGETS, encoding="utf-8")
    return {"results": results, "units": units, "targets": targets}


def build_args(inputs: dict[str, Path], out: Path, *extra: str) -> list[str]:
    return [
        "build",
        "--month",
        "2016-08",
        "--results",
        str(inputs["results"]),
        "--org-units",
        str(inputs["units"]),
        "--targets",
        str(inputs["targets"]),
        "--out",
        str(out),
        "--publication-date",
        "2016-11-10",
        *extra,
    ]


def ratings(out: Path) -> dict[tuple[str, str, str, str], str | None]:
    data = json.loads((out / "scorecard.json").read_text(encoding="utf-8"))
    return {
        (r["indicator_id"], r["org_level"], r["org_unit"], r["cohort"]): r["rag"]
        for r in data["rows"]
    }


def test_build_from_results_writes_four_files(
    small_inputs: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "pack"
    result = runner.invoke(app, build_args(small_inputs, out))
    assert result.exit_code == 0, result.output
    for name in ("scorecard.json", "scorecard.html", "scorecard.pdf", "scorecard.xlsx"):
        assert (out / name).stat().st_size > 0, name
    assert ratings(out)[("SCS-09", "council", "TST", "all")] == "R"
    assert "2 Red" in result.output
    # The external indicator's figure is in the pack, as supplied (no target: not rated).
    rows = json.loads((out / "scorecard.json").read_text(encoding="utf-8"))["rows"]
    [external] = [r for r in rows if r["indicator_id"] == "CIC-04"]
    assert (external["value"], external["rag"]) == (57, None)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging left


def test_bad_targets_leave_the_last_pack_untouched(
    small_inputs: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "pack"
    assert runner.invoke(app, build_args(small_inputs, out)).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    small_inputs["targets"].write_text(
        SMALL_TARGETS.replace(
            "SCS-01: {target: 25, red_above: 30}", "SCS-01: {target: 25, red_below: 30}"
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, build_args(small_inputs, out))
    assert result.exit_code == 1
    assert "line 7" in result.output and "red_below" in result.output
    assert "Nothing was written" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_build_needs_exactly_one_source(small_inputs: dict[str, Path], tmp_path: Path) -> None:
    args = build_args(small_inputs, tmp_path / "pack", "--data", str(tmp_path))
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "exactly one of --data" in result.output


def test_publish_freezes_the_month(small_inputs: dict[str, Path], tmp_path: Path) -> None:
    store = tmp_path / "kpibook.db"
    first = tmp_path / "published"
    publish = [*build_args(small_inputs, first, "--store", str(store))]
    publish[0] = "publish"
    result = runner.invoke(app, publish)
    assert result.exit_code == 0, result.output
    assert "version 1" in result.output
    # The targets change after publication: SCS-09 would now be Green ...
    small_inputs["targets"].write_text(
        SMALL_TARGETS.replace(
            "SCS-09: {target: 90, red_below: 80,", "SCS-09: {target: 60, red_below: 50,"
        ),
        encoding="utf-8",
    )
    fresh = tmp_path / "fresh"
    assert runner.invoke(app, build_args(small_inputs, fresh)).exit_code == 0
    assert ratings(fresh)[("SCS-09", "council", "TST", "all")] == "G"
    # ... but the published month rebuilds exactly as published.
    rebuilt = tmp_path / "rebuilt"
    result = runner.invoke(app, build_args(small_inputs, rebuilt, "--store", str(store)))
    assert result.exit_code == 0, result.output
    assert "rebuilt exactly as published" in result.output
    assert (rebuilt / "scorecard.json").read_bytes() == (first / "scorecard.json").read_bytes()
    assert (rebuilt / "scorecard.html").read_bytes() == (first / "scorecard.html").read_bytes()
    # Publishing again needs a reason, and makes version 2.
    assert runner.invoke(app, publish).exit_code == 1
    result = runner.invoke(app, [*publish, "--reason", "targets corrected by DMT"])
    assert result.exit_code == 0, result.output
    assert "version 2" in result.output


def test_targets_document(small_inputs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "targets"
    result = runner.invoke(
        app,
        [
            "targets",
            "--year",
            "2016-17",
            "--compare",
            "2015-16",
            "--targets",
            str(small_inputs["targets"]),
            "--results",
            str(small_inputs["results"]),
            "--month",
            "2016-08",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    html = (out / "target-setting-2016-17.html").read_text(encoding="utf-8")
    assert "SCS-09" in html and "target changed from 80 to 90" in html
    assert (out / "target-setting-2016-17.pdf").stat().st_size > 0
    assert "6 indicators, 6 new or changed" in result.output


def test_targets_rejects_a_bad_year(tmp_path: Path) -> None:
    result = runner.invoke(app, ["targets", "--year", "2018-20", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "YYYY-YY" in result.output


def test_build_from_data_computes_figures_and_demographics(
    cli_council: Path, tmp_path: Path
) -> None:
    out = tmp_path / "pack"
    targets = tmp_path / "targets.yaml"
    targets.write_text(SMALL_TARGETS, encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "build",
            "--month",
            "2016-08",
            "--data",
            str(cli_council),
            "--targets",
            str(targets),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads((out / "scorecard.json").read_text(encoding="utf-8"))
    council = next(r["org_unit"] for r in data["rows"] if r["org_level"] == "council")
    in_care = next(
        r["value"]
        for r in data["rows"]
        if r["indicator_id"] == "ACT-07" and r["org_unit"] == council and r["cohort"] == "all"
    )
    # The demographic page counts the same children as the activity table's Total LAC.
    from openpyxl import load_workbook

    sheet = load_workbook(out / "scorecard.xlsx")["Demographics"]
    ages = [row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0] == "Age"]
    by_age = sum(row[-1] for row in ages if row[1] != "Grand Total")
    [grand_total] = [row[-1] for row in ages if row[1] == "Grand Total"]
    assert in_care > 0 and by_age == grand_total == in_care
