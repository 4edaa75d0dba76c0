"""``kpibook import`` → ``check`` → ``build``: a council's returns to a pack."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kpibook.cli.main import app
from kpibook.ingest import check_folder
from smallpack import SMALL_TARGETS

runner = CliRunner()
FIXTURES = Path(__file__).parents[1] / "returns"
RETURN_903 = FIXTURES / "ssda903" / "fixtures" / "read" / "fake_shaped"
CIN_2024 = FIXTURES / "cin" / "fixtures" / "cin_2024.xml"
CIN_QUALITY = FIXTURES / "cin" / "fixtures" / "cin_quality.xml"


def test_returns_import_check_and_build(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = runner.invoke(
        app,
        [
            "import",
            "--903",
            str(RETURN_903),
            "--cin",
            str(CIN_2024),
            "--cin",
            str(CIN_QUALITY),
            "--council-id",
            "LA999",
            "--council-name",
            "Testshire",
            "--out",
            str(data),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "ssd_cla_episodes" in result.output and "ssd_cin_episodes" in result.output
    report = check_folder(data)
    assert report.errors == ()
    assert any("found on import" in w.message for w in report.warnings)
    assert report.row_counts["ssd_cla_episodes"] > 0
    provenance = (data / "provenance.csv").read_text(encoding="utf-8")
    assert "SSDA903" in provenance and "CIN" in provenance
    targets = tmp_path / "targets.yaml"
    targets.write_text(SMALL_TARGETS, encoding="utf-8")
    out = tmp_path / "pack"
    result = runner.invoke(
        app,
        [
            "build",
            "--month",
            "2024-03",
            "--data",
            str(data),
            "--targets",
            str(targets),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    pack = json.loads((out / "scorecard.json").read_text(encoding="utf-8"))
    # Return interviews are not in the 903 or the CIN census: not available, never zero.
    assert pack["not_available"]["SCS-09"].startswith("needs local_return_interviews")
    rows = [r for r in pack["rows"] if r["indicator_id"] == "SCS-09"]
    assert all(r["value"] is None for r in rows)
    # The import's data-quality findings are summarised in the pack, counted by rule.
    recorded = (data / "data-quality.csv").read_text(encoding="utf-8").strip().splitlines()
    assert len(recorded) - 1 >= 3  # the quality fixture's findings (less the header)
    assert sum(pack["data_quality"].values()) == len(recorded) - 1
    assert pack["data_quality"]["cin-unknown-code"] >= 2
    html = (out / "scorecard.html").read_text(encoding="utf-8")
    assert "were recorded when the data was imported from the returns" in html
    # Children in care at the month end come from the 903.
    in_care = [
        r
        for r in pack["rows"]
        if r["indicator_id"] == "ACT-07" and r["org_level"] == "council" and r["cohort"] == "all"
    ]
    assert in_care and in_care[0]["value"] >= 1


def test_import_of_a_broken_return_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "903"
    broken.mkdir()
    (broken / "episodes.csv").write_text("CHILD,DECOM\n1,not a date\n", encoding="utf-8")
    bad_xml = tmp_path / "cin.xml"
    bad_xml.write_text("<Message><Header>", encoding="utf-8")
    result = runner.invoke(
        app,
        ["import", "--903", str(broken), "--cin", str(bad_xml), "--out", str(tmp_path / "data")],
    )
    assert result.exit_code == 1
    assert "Nothing was written" in result.output
    assert "cin.xml" in result.output and "episodes.csv" in result.output
    assert not (tmp_path / "data").exists()


def test_import_needs_a_return(tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", "--out", str(tmp_path / "data")])
    assert result.exit_code == 1
    assert "give at least one of --903" in result.output


def test_export_needs_its_year(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["export", "--data", str(tmp_path), "--format", "903", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "--year is needed" in result.output
    result = runner.invoke(
        app, ["export", "--data", str(tmp_path), "--format", "xml", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "--format must be one of" in result.output
