"""Loading a library of indicator files: every problem at once, and --indicators folders.

Bad definitions are written into ``tmp_path`` by each test; the expected
problems (file, line, message) are written out by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kpibook.engine.periods import Period
from kpibook.errors import InputError
from kpibook.indicators.definition import R3M_SUFFIX, Cohort, Level, Unit
from kpibook.indicators.files import IndicatorFile
from kpibook.indicators.library import Library, library_folder, load_library, needed_outputs

SQL = """\
-- One row per referral in the window.
SELECT
  p.period_end,
  r.cine_person_id AS person_id,
  r.cine_referral_team AS team_id,
  1 AS numerator,
  1 AS denominator
FROM kp_periods AS p
JOIN ssd_cin_episodes AS r
  ON r.cine_referral_date BETWEEN p.window_start AND p.period_end
"""


def yaml_text(indicator_id: str, extra: str = "", *, unit: str = "percent") -> str:
    text = (
        f"id: {indicator_id}\n"  # line 1
        "title: Test indicator\n"  # 2
        "section: Tests\n"  # 3
        "polarity: L\n"  # 4
        f"unit: {unit}\n"  # 5
        "period: R12M\n"  # 6
        "definition: Referrals.\n"  # 7
        "numerator: referrals\n"  # 8
    )
    if unit != "count":
        text += "denominator: referrals\n"  # 9
    return text + extra


def write(
    folder: Path, name: str, yaml: str, sql: str | None = SQL, *, sql_name: str | None = None
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(yaml, encoding="utf-8")
    if sql is not None:
        (folder / (sql_name or f"{name}.sql")).write_text(sql, encoding="utf-8")
    return path


def load(*folders: Path) -> Library:
    return load_library(list(folders), include_shipped=False)


def problems_of(*folders: Path) -> set[tuple[str, int | None, str]]:
    """(file name, line, first words of the message) of every problem loading ``folders``."""
    with pytest.raises(InputError) as caught:
        load(*folders)
    return {(Path(p.file).name, p.line, p.message) for p in caught.value.problems}


# --- a sound folder -------------------------------------------------------------------------------


def test_a_sound_folder(tmp_path: Path) -> None:
    write(tmp_path / "section_a", "TST-01", yaml_text("TST-01"))
    write(tmp_path / "section_b", "TST-02", yaml_text("TST-02", unit="count"))
    library = load(tmp_path)
    assert library.ids == ("TST-01", "TST-02")
    one = library.get("TST-01")
    assert one.unit is Unit.PERCENT
    assert one.period is Period.R12M
    assert one.cohorts == (Cohort.ALL, Cohort.EXC_UASC)
    assert one.levels == (Level.COUNCIL, Level.AREA, Level.TEAM)
    assert one.sql == SQL
    assert one.sql_path == tmp_path / "section_a" / "TST-01.sql"
    assert one.origin == str(tmp_path)
    assert one.requires == (
        "ssd_cin_episodes.cine_person_id",
        "ssd_cin_episodes.cine_referral_date",
        "ssd_cin_episodes.cine_referral_team",
    )
    # Rolling-12-month indicators get the rolling-3-months recalculation beside them.
    assert one.rolling_three_months
    assert R3M_SUFFIX == ":R3M"
    assert library.select(["TST-02", "NOPE"]).ids == ("TST-02",)
    with pytest.raises(KeyError):
        library.get("TST-03")


def test_sql_file_named_in_the_yaml(tmp_path: Path) -> None:
    write(tmp_path, "TST-01", yaml_text("TST-01", "sql: shared.sql\n"), sql_name="shared.sql")
    assert load(tmp_path).get("TST-01").sql_path == tmp_path / "shared.sql"


def test_an_external_indicator_has_no_sql(tmp_path: Path) -> None:
    text = yaml_text("TST-01", "external: true\nrequires: [caseload returns]\n")
    write(tmp_path, "TST-01", text, sql=None)
    indicator = load(tmp_path).get("TST-01")
    assert indicator.external
    assert indicator.sql is None and indicator.sql_path is None
    assert indicator.requires == ("caseload returns",)


# --- every problem at once ------------------------------------------------------------------------


def test_every_problem_in_every_file_at_once(tmp_path: Path) -> None:
    # The id does not match the file name.
    write(tmp_path, "TST-02", yaml_text("TST-99"))
    # No SQL file, and not external.
    write(tmp_path, "TST-03", yaml_text("TST-03"), sql=None)
    # External, yet names SQL.
    write(tmp_path, "TST-04", yaml_text("TST-04", "external: true\nsql: TST-04.sql\n"))
    # The headline cohort is not one of its cohorts.
    write(tmp_path, "TST-05", yaml_text("TST-05", "cohorts: [all]\nheadline_cohort: exc_uasc\n"))
    # A related indicator that does not exist.
    write(tmp_path, "TST-06", yaml_text("TST-06", "related: [NOPE-01]\n"))
    # Levels include the team, but the SQL returns no team_id.
    no_team = SQL.replace("  r.cine_referral_team AS team_id,\n", "")
    write(tmp_path, "TST-07", yaml_text("TST-07", "levels: [council, team]\n"), sql=no_team)
    # A percentage without a denominator description.
    write(tmp_path, "TST-08", yaml_text("TST-08").replace("denominator: referrals\n", ""))
    # A national variant without its national measure.
    write(tmp_path, "TST-09", yaml_text("TST-09", "variant: national\n"))
    # Bad YAML (wrong polarity, unknown key) AND bad SQL beside it: all reported.
    bad_yaml = yaml_text("TST-10", "colour: red\n").replace("polarity: L", "polarity: X")
    write(tmp_path, "TST-10", bad_yaml, sql=SQL.replace("r.cine_person_id", "r.cine_persn_id"))
    # The same id in two files (sub/ is read after the top folder's files).
    write(tmp_path, "TST-11", yaml_text("TST-11"))
    write(tmp_path / "sub", "TST-11", yaml_text("TST-11"))
    # 'requires' that does not match what the SQL reads.
    write(tmp_path, "TST-12", yaml_text("TST-12", "requires: [ssd_person.pers_dob]\n"))
    # SQL that does not parse, and SQL that is not a SELECT.
    write(tmp_path, "TST-13", yaml_text("TST-13"), sql=SQL.replace("JOIN ssd", "JOIN (ssd"))
    write(tmp_path, "TST-14", yaml_text("TST-14"), sql="DELETE FROM ssd_person\n")
    # Two statements.
    write(tmp_path, "TST-15", yaml_text("TST-15"), sql=SQL + ";\nSELECT 1\n")
    # An unknown table.
    write(
        tmp_path,
        "TST-16",
        yaml_text("TST-16"),
        sql=SQL.replace("JOIN ssd_cin_episodes", "JOIN ssd_cin_episode"),
    )
    # A sound one among them is not reported.
    write(tmp_path, "TST-01", yaml_text("TST-01"))

    found = problems_of(tmp_path)
    assert {(f, line, m.split(" (")[0].split(":")[0]) for f, line, m in found} == {
        ("TST-02.yaml", 1, "the id 'TST-99' does not match the file name 'TST-02.yaml'"),
        ("TST-03.yaml", 1, "its SQL file TST-03.sql is missing"),
        ("TST-04.yaml", 11, "an external indicator cannot have SQL"),
        ("TST-05.yaml", 11, "the headline cohort 'exc_uasc' is not one of its cohorts"),
        ("TST-06.yaml", 10, "related indicator 'NOPE-01' is not defined"),
        ("TST-07.sql", 3, "the query does not return team_id"),
        ("TST-08.yaml", 5, "a percent indicator needs a 'denominator' description"),
        ("TST-09.yaml", 10, "a national variant needs 'national'"),
        ("TST-10.yaml", 4, "'polarity'"),
        ("TST-10.yaml", 10, "unknown key 'colour'"),
        ("TST-10.sql", 4, "unknown column 'r.cine_persn_id'"),
        ("TST-11.yaml", 1, "indicator TST-11 is also defined in " + str(tmp_path / "TST-11.yaml")),
        ("TST-12.yaml", 10, "'requires' does not match the columns the SQL reads"),
        ("TST-13.sql", 10, "the SQL does not parse"),
        ("TST-14.sql", 1, "the statement is a DELETE, not a SELECT"),
        ("TST-15.sql", 12, "the file holds 2 statements"),
        ("TST-16.sql", 9, "unknown table 'ssd_cin_episode'"),
    }
    # The duplicate is reported against the second file read, in sub/.
    with pytest.raises(InputError) as caught:
        load(tmp_path)
    [duplicate] = [p for p in caught.value.problems if "also defined" in p.message]
    assert duplicate.file == str(tmp_path / "sub" / "TST-11.yaml")
    # Each problem prints with its file and line.
    printed = [str(p) for p in caught.value.problems]
    assert any(f"{tmp_path / 'TST-06.yaml'}, line 10: related" in text for text in printed)


def test_duckdb_catches_what_the_first_pass_cannot(tmp_path: Path) -> None:
    sql = SQL.replace("1 AS numerator", "sqrtt(1) AS numerator")
    write(tmp_path, "TST-01", yaml_text("TST-01"), sql=sql)
    [(name, line, message)] = problems_of(tmp_path)
    assert (name, line) == ("TST-01.sql", 6)
    assert message.startswith("DuckDB cannot run the query")


def test_missing_indicators_folder(tmp_path: Path) -> None:
    [(name, line, message)] = problems_of(tmp_path / "absent")
    assert (name, line, message) == ("absent", None, "the indicators folder does not exist")


def test_related_ids_may_be_in_another_folder(tmp_path: Path) -> None:
    write(tmp_path / "a", "TST-01", yaml_text("TST-01", "related: [TST-02]\n"))
    write(tmp_path / "b", "TST-02", yaml_text("TST-02", "related: [TST-01]\n"))
    assert load(tmp_path / "a", tmp_path / "b").ids == ("TST-01", "TST-02")


def test_an_indicator_cannot_be_related_to_itself(tmp_path: Path) -> None:
    write(tmp_path, "TST-01", yaml_text("TST-01", "related: [TST-01]\n"))
    assert problems_of(tmp_path) == {("TST-01.yaml", 10, "TST-01 lists itself as related")}


# --- --indicators DIR: override and add by id -----------------------------------------------------


def test_indicators_folder_overrides_and_adds_by_id(tmp_path: Path) -> None:
    shipped = load_library()
    assert "SCS-01" in shipped.ids
    own = tmp_path / "ours"
    # Override SCS-01 with the council's own definition ...
    override = yaml_text("SCS-01").replace("Test indicator", "Our re-referrals")
    write(own, "SCS-01", override)
    # ... and add an indicator of its own.
    write(own, "LOC-01", yaml_text("LOC-01", unit="count"))
    library = load_library([own])
    assert len(library) == len(shipped) + 1
    assert library.get("SCS-01").title == "Our re-referrals"
    assert library.get("SCS-01").origin == str(own)
    assert library.get("SCS-01").yaml_path == own / "SCS-01.yaml"
    assert library.get("LOC-01").origin == str(own)
    # Everything else is still the shipped definition.
    others = [i for i in library.indicators if i.id not in ("SCS-01", "LOC-01")]
    assert all(i.origin == "library" for i in others)
    assert library.ids == tuple(sorted(library.ids))


def test_later_folders_override_earlier_ones(tmp_path: Path) -> None:
    write(tmp_path / "a", "TST-01", yaml_text("TST-01"))
    write(tmp_path / "b", "TST-01", yaml_text("TST-01").replace("Test indicator", "Second"))
    library = load(tmp_path / "a", tmp_path / "b")
    assert library.get("TST-01").title == "Second"


def test_the_shipped_library_loads() -> None:
    library = load_library()
    assert len(library) >= 2
    assert library_folder().is_dir()
    for indicator in library.indicators:
        assert indicator.origin == "library"
        assert indicator.yaml_path.stem == indicator.id
        assert indicator.external or indicator.sql


# --- needed result columns ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cohorts", "levels", "needed"),
    [
        (["all"], ["council"], ()),
        (["all", "exc_uasc"], ["council"], ("person_id",)),
        (["all"], ["council", "team"], ("team_id",)),
        (["all"], ["area"], ("team_id",)),
        (["all"], ["council", "district"], ("district_id",)),
        (
            ["all", "exc_uasc"],
            ["council", "area", "district", "team"],
            ("person_id", "team_id", "district_id"),
        ),
    ],
)
def test_needed_outputs(cohorts: list[str], levels: list[str], needed: tuple[str, ...]) -> None:
    model = IndicatorFile.model_validate(
        {
            "id": "TST-01",
            "title": "t",
            "section": "s",
            "unit": "count",
            "period": "M",
            "definition": "d",
            "numerator": "n",
            "cohorts": cohorts,
            "levels": levels,
        }
    )
    assert needed_outputs(model) == ("period_end", "numerator", "denominator", *needed)
