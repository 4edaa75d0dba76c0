"""``kpibook compute``, ``explain`` and ``indicators`` end to end on a small synthetic council."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from typer.testing import CliRunner

from kpibook.cli.main import app

runner = CliRunner()

HEADER = [
    "indicator_id",
    "period_end",
    "org_level",
    "org_unit",
    "cohort",
    "numerator",
    "denominator",
    "value",
]


def _compute(data: Path, out: Path, *extra: str) -> tuple[int, str]:
    args = ["compute", "--data", str(data), "--from", "2016-06", "--to", "2016-08"]
    result = runner.invoke(app, [*args, "--out", str(out), *extra])
    return result.exit_code, result.output


def test_compute_writes_every_month_level_and_cohort(cli_council: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    code, output = _compute(cli_council, out, "--indicator", "SCS-01", "--indicator", "ACT-02")
    assert code == 0, output
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == HEADER
    ids = {r["indicator_id"] for r in rows}
    assert ids == {"SCS-01", "SCS-01:R3M", "ACT-02"}
    assert {r["period_end"] for r in rows} == {"2016-06-30", "2016-07-31", "2016-08-31"}
    assert {r["org_level"] for r in rows} == {"council", "area", "team"}
    assert {r["cohort"] for r in rows} == {"all", "exc_uasc"}
    council = [
        r
        for r in rows
        if r["indicator_id"] == "SCS-01" and r["org_level"] == "council" and r["cohort"] == "all"
    ]
    assert len(council) == 3
    for row in council:
        numerator, denominator = float(row["numerator"]), float(row["denominator"])
        assert 0 < numerator < denominator
        assert float(row["value"]) == 100 * numerator / denominator
    # The council's referrals in the month are the sum over its teams (every referral has a team).
    aug = [r for r in rows if r["indicator_id"] == "ACT-02" and r["period_end"] == "2016-08-31"]
    by_level: dict[str, float] = {}
    for r in aug:
        if r["cohort"] == "all":
            by_level[r["org_level"]] = by_level.get(r["org_level"], 0) + float(r["value"])
    assert by_level["council"] == by_level["team"] == by_level["area"] > 0


def test_compute_parquet(cli_council: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "results.parquet"
    code, output = _compute(cli_council, out, "--indicator", "ACT-02")
    assert code == 0, output
    table = pq.read_table(out)
    assert table.column_names == HEADER
    assert str(table.schema.field("period_end").type) == "date32[day]"


def test_compute_on_broken_data_writes_nothing(cli_council: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(cli_council, broken)
    (broken / "ssd_person.parquet").unlink()
    out = tmp_path / "results.csv"
    out.write_text("previous results\n", encoding="utf-8")
    code, output = _compute(broken, out)
    assert code == 1
    assert "ssd_person" in output
    assert "Nothing was written" in output
    assert out.read_text(encoding="utf-8") == "previous results\n"


def test_compute_rejects_an_unknown_format_and_indicator(cli_council: Path, tmp_path: Path) -> None:
    code, output = _compute(cli_council, tmp_path / "results.txt")
    assert code == 1
    assert ".csv or .parquet" in output
    code, output = _compute(cli_council, tmp_path / "r.csv", "--indicator", "NOPE-1")
    assert code == 1
    assert "NOPE-1" in output
    assert not (tmp_path / "r.csv").exists()


def test_explain_shows_the_sql_parameters_and_figure(cli_council: Path) -> None:
    result = runner.invoke(
        app,
        ["explain", "SCS-01", "--data", str(cli_council), "--month", "2016-08", "--cohort", "all"],
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "ssd_cin_episodes" in out  # the indicator's own SQL
    assert "GROUPING SETS" in out  # the engine's wrapper
    assert "$period" in out and "R12M" in out
    assert "01 Sep 2015 to 31 Aug 2016" in out
    assert "Figures for August 2016" in out
    assert "council" in out and "exc_uasc" not in out.split("Figures for August 2016")[1]


def test_explain_without_data_prints_the_sql(tmp_path: Path) -> None:
    result = runner.invoke(app, ["explain", "SCS-01:R3M", "--month", "2016-08"])
    assert result.exit_code == 0, result.output
    assert "R3M" in result.output
    assert "01 Jun 2016 to 31 Aug 2016" in result.output
    assert "Give --data" in result.output


def test_explain_unknown_indicator() -> None:
    result = runner.invoke(app, ["explain", "XYZ-99"])
    assert result.exit_code == 1
    assert "no indicator 'XYZ-99'" in result.output


def test_indicators_lists_and_reports_bad_definitions(tmp_path: Path) -> None:
    result = runner.invoke(app, ["indicators"])
    assert result.exit_code == 0, result.output
    assert "SCS-01" in result.output
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "LOC-01.yaml").write_text(
        "id: LOC-01\ntitle: Mine\nsection: Local\nunit: percent\nperiod: SS\n"
        "definition: x\nnumerator: y\ndenominator: z\npolarity: Q\n",
        encoding="utf-8",
    )
    (mine / "LOC-01.sql").write_text("SELECT 1 AS period_end FROM nowhere\n", encoding="utf-8")
    result = runner.invoke(app, ["indicators", "--indicators", str(mine)])
    assert result.exit_code == 1
    assert "LOC-01.yaml, line 9" in result.output  # polarity is on line 9
