"""The targets file: the shipped Kent file, its guide, and broken files."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest

import kpibook
from kpibook.errors import InputError
from kpibook.indicators.definition import Polarity
from kpibook.indicators.library import Library, load_library
from kpibook.problems import Problem, Severity
from kpibook.rating.bands import Edge, Rag
from kpibook.rating.rag import rag_for
from kpibook.rating.targets import Targets, financial_year, load_targets, previous_year
from kpibook.rating.targets_file import ENTRY_KEYS, OVERRIDE_KEYS, TOP_KEYS, YEAR_KEYS

SHIPPED = Path(kpibook.__file__).parent / "examples" / "kent" / "targets.yaml"
GUIDE = Path(__file__).resolve().parents[2] / "docs" / "targets.md"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def shipped(library: Library) -> Targets:
    return load_targets(SHIPPED, library)


# --- the shipped file ------------------------------------------------------------------------


def test_shipped_file_loads_with_three_years(shipped: Targets) -> None:
    assert shipped.council == "Kent"
    assert shipped.version.startswith("kent-targets")
    assert list(shipped.years) == ["2016-17", "2017-18", "2018-19"]
    assert len(shipped.checksum) == 64
    assert shipped.label.startswith(shipped.version)


def test_2016_17_rates_every_indicator_of_the_aug_2016_scorecard(
    shipped: Targets, library: Library
) -> None:
    rated = [
        i.id
        for i in library.indicators
        if "scs-2016" in i.products and not i.activity and i.polarity is not None
    ]
    assert rated == [f"SCS-{n:02d}" for n in range(1, 46)]
    assert sorted(shipped.years["2016-17"].targets) == rated


def test_later_years_rate_only_scorecard_indicators_with_a_polarity(
    shipped: Targets, library: Library
) -> None:
    for year in ("2017-18", "2018-19"):
        for indicator_id in shipped.years[year].targets:
            indicator = library.get(indicator_id)
            assert indicator.polarity is not None and not indicator.activity
            assert "cic-2018" in indicator.products, (year, indicator_id)
    assert "CIC-15" not in shipped.years["2018-19"].targets  # "yet to be agreed"
    assert "SCS-28" not in shipped.years["2018-19"].targets  # removed for 2018-19


def test_2018_19_as_in_the_target_document(shipped: Targets) -> None:
    year = shipped.years["2018-19"]
    assert year.agreed_on == dt.date(2018, 2, 6)
    assert "Divisional Management Team" in year.agreed_by
    iha = year.targets["CIC-16"]
    assert (iha.bands.target, iha.bands.floor, iha.source, iha.changed) == (85, 75, "nhs", True)
    assert year.targets["SCS-20"].changed is True  # definition change: not visible in the bands
    assert year.targets["SCS-21"].bands.floor == 85  # "0.5 removed from lower RAG banding"
    assert shipped.years["2017-18"].targets["SCS-21"].bands.floor == 85.5
    assert year.targets["SCS-23"].bands.floor == 80  # Amber widened from 5 to 10
    assert shipped.years["2017-18"].targets["SCS-23"].bands.floor == 85
    assert year.targets["CIC-25"].bands.floor == 70  # Amber widened to 15
    assert year.targets["SCS-29"].source == "national"
    benchmark = year.targets["SCS-18"].benchmark
    assert benchmark is not None and (benchmark.value, benchmark.label) == (
        68.0,
        "England average 2015/16",
    )
    local = year.targets["SCS-22"].benchmark
    assert local is not None and local.value is None and local.label == "Local Measure"
    assert "remain the same as 2017/18" in year.targets["SCS-22"].rationale


def test_2018_19_shading_matches_the_nine_changes(shipped: Targets) -> None:
    """ "Additions and changes are proposed for nine performance measures. These are shaded".

    A measure is shaded when it is new, its target or bands differ from 2017-18, or it is
    marked ``changed``. The ninth change, EHCPs within 20 weeks (CIC-15), has no target yet.
    """
    new, old = shipped.years["2018-19"].targets, shipped.years["2017-18"].targets
    shaded = {i for i, t in new.items() if i not in old or t.bands != old[i].bands or t.changed}
    assert shaded == {
        "SCS-21",  # participation: red banding 85.5 -> 85
        "SCS-20",  # 20 miles: definition excludes relatives and friends
        "CIC-16",  # IHA 20 days: target 90 -> 85, refusals excluded
        "SCS-24",  # health assessments: target 90 -> 85
        "SCS-23",  # dental: Amber 5 -> 10
        "CIC-24",  # adoption -> adoption or SGO
        "CIC-25",  # returner interviews within 3 days: Amber widened to 15
        "CIC-26",  # returner interviews completed: new
    }


def test_stated_inclusivity_is_kept(shipped: Targets) -> None:
    """2016 "13% and above = Red" vs 2018/19 "Red above 13%"; caseloads' 15-16 gap is Amber."""
    y2016 = shipped.years["2016-17"].targets
    y2018 = shipped.years["2018-19"].targets
    placements_2016, placements_2018 = y2016["SCS-17"].bands, y2018["SCS-17"].bands
    assert placements_2016.red is not None and placements_2016.red.edge is Edge.WORSE
    assert placements_2018.red is not None and placements_2018.red.edge is Edge.BETTER
    assert rag_for(13.0, placements_2016) is Rag.RED
    assert rag_for(13.0, placements_2018) is Rag.AMBER
    caseloads = y2018["SCS-43"].bands
    assert [rag_for(v, caseloads) for v in (15, 15.2, 18, 18.01)] == [
        Rag.GREEN,
        Rag.AMBER,
        Rag.AMBER,
        Rag.RED,
    ]


def test_every_entry_has_a_rationale_and_inferred_floors_say_so(shipped: Targets) -> None:
    for year in shipped.years.values():
        for target in year.targets.values():
            assert target.rationale.strip(), (year.year, target.indicator_id)
    for indicator_id in ("SCS-07", "SCS-13", "SCS-39", "SCS-40", "SCS-44"):
        assert "inferred" in shipped.years["2016-17"].targets[indicator_id].rationale


def test_t_polarity_indicator_has_a_green_band_and_amber_either_side(shipped: Targets) -> None:
    bands = shipped.years["2016-17"].targets["SCS-13"].bands
    assert bands.polarity is Polarity.TARGET and bands.target == 17.5
    assert bands.red_low is not None and bands.red_high is not None
    assert rag_for(17.5, bands) is Rag.GREEN
    assert rag_for(21.6, bands) is Rag.AMBER


def test_targets_for_a_month_are_its_financial_years(shipped: Targets) -> None:
    assert financial_year(dt.date(2017, 3, 31)) == "2016-17"
    assert financial_year(dt.date(2017, 4, 1)) == "2017-18"
    assert financial_year(dt.date(2018, 1, 31)) == "2017-18"
    assert previous_year("2018-19") == "2017-18"
    march, april = (shipped.for_month("SCS-21", dt.date(2018, m, 28)) for m in (3, 4))
    assert march is not None and april is not None
    assert (march.bands.floor, april.bands.floor) == (85.5, 85)
    assert shipped.for_month("SCS-21", dt.date(2019, 4, 30)) is None


# --- the guide ----------------------------------------------------------------------------


def test_the_guide_mentions_every_key() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for key in (*TOP_KEYS, *YEAR_KEYS, *ENTRY_KEYS, *OVERRIDE_KEYS):
        assert re.search(rf"`{key}`", text), key


def test_the_guide_example_loads(library: Library, tmp_path: Path) -> None:
    """The first YAML block of docs/targets.md is a complete, valid targets file."""
    text = GUIDE.read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert block is not None
    path = tmp_path / "example.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    loaded = load_targets(path, library)
    assert loaded.years
    overridden = [t for y in loaded.years.values() for t in y.targets.values() if t.overrides]
    assert overridden, "the guide's example shows an override"


# --- broken files -------------------------------------------------------------------------

GOOD_ENTRY = """\
version: test
council: Kent
years:
  2016-17:
    indicators:
      SCS-27:
        target: 60
        red_below: 45
"""


def problems_of(tmp_path: Path, library: Library, text: str) -> tuple[Path, list[Problem]]:
    path = tmp_path / "targets.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_targets(path, library)
    found = list(raised.value.problems)
    assert found, "an InputError carries its problems"
    for p in found:
        assert p.file == str(path)
        assert p.severity is Severity.ERROR
        assert p.hint
    assert str(path) in str(raised.value)
    return path, found


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line of ``text`` that contains ``needle``."""
    lines = textwrap.dedent(text).splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


BROKEN = {
    "unknown key": (
        GOOD_ENTRY + "        tagret: 60\n",
        "tagret",
        "unknown key",
    ),
    "unknown key at the top": (
        GOOD_ENTRY + "owner: MI team\n",
        "owner",
        "unknown key 'owner'",
    ),
    "wrong-polarity key (green_from on an L indicator)": (
        GOOD_ENTRY + "      SCS-17:\n        target: 10\n        green_from: 10\n"
        "        red_above: 13\n",
        "SCS-17",
        "'green_from' does not fit",
    ),
    "L-style green key on a T indicator": (
        GOOD_ENTRY + "      SCS-13:\n        target: 17.5\n        green_to: 17.5\n"
        "        amber_tolerance: 5\n",
        "SCS-13",
        "'green_to' does not fit",
    ),
    "two floors": (
        GOOD_ENTRY + "      SCS-26:\n        target: 80\n        red_below: 70\n"
        "        amber_tolerance: 10\n",
        "SCS-26",
        "state the floor exactly once",
    ),
    "no floor": (
        GOOD_ENTRY + "      SCS-26:\n        target: 80\n",
        "SCS-26",
        "state the floor exactly once",
    ),
    "two green boundaries": (
        GOOD_ENTRY + "      SCS-26:\n        target: 80\n        green_from: 80\n"
        "        green_above: 80\n        red_below: 70\n",
        "SCS-26",
        "not both",
    ),
    "red threshold on the wrong side of the target (H)": (
        GOOD_ENTRY + "      SCS-26:\n        target: 80\n        red_below: 85\n",
        "SCS-26",
        "red threshold 85 is above",
    ),
    "red threshold on the wrong side of the target (L)": (
        GOOD_ENTRY + "      SCS-17:\n        target: 10\n        red_above: 8\n",
        "SCS-17",
        "red threshold 8 is below",
    ),
    "T target outside its green band": (
        GOOD_ENTRY + "      SCS-13:\n        target: 17.5\n        green_between: [10, 15]\n"
        "        amber_tolerance: 5\n",
        "SCS-13",
        "outside green_between",
    ),
    "unknown indicator id": (
        GOOD_ENTRY + "      SCS-99:\n        target: 1\n        no_amber: true\n",
        "SCS-99",
        "unknown indicator 'SCS-99'",
    ),
    "target for an activity measure": (
        GOOD_ENTRY + "      ACT-01:\n        target: 100\n        no_amber: true\n",
        "ACT-01",
        "activity measure",
    ),
    "target for a context measure": (
        GOOD_ENTRY + "      CIC-01:\n        target: 48.5\n        no_amber: true\n",
        "CIC-01",
        "context measure",
    ),
    "entry without a target": (
        GOOD_ENTRY + "      SCS-26:\n        red_below: 70\n",
        "SCS-26",
        "target' is missing",
    ),
    "empty entry": (
        GOOD_ENTRY + "      SCS-26:\n",
        "SCS-26",
        "has no target",
    ),
    "negative amber_tolerance": (
        GOOD_ENTRY + "      SCS-26:\n        target: 80\n        amber_tolerance: -5\n",
        "amber_tolerance: -5",
        "amber_tolerance",
    ),
    "unknown source": (
        GOOD_ENTRY + "        source: council\n",
        "source: council",
        "source",
    ),
    "two overrides for one org unit": (
        GOOD_ENTRY
        + "        overrides:\n"
        + "          - {org_unit: AREA_S, target: 55, red_below: 40}\n"
        + "          - {org_unit: AREA_S, target: 50, red_below: 40}\n",
        "target: 50",
        "two overrides for AREA_S",
    ),
    "override that breaks the polarity": (
        GOOD_ENTRY + "        overrides:\n          - org_unit: AREA_DIS\n            target: 50\n"
        "            green_to: 50\n            red_below: 40\n",
        "org_unit: AREA_DIS",
        "override for AREA_DIS: 'green_to' does not fit",
    ),
    "no version": (
        GOOD_ENTRY.replace("version: test\n", ""),
        "council",
        "'version' is missing",
    ),
    "YAML syntax error": (
        GOOD_ENTRY + "      SCS-26:\n        target: [80\n        red_below: 70\n",
        "red_below: 70",
        "not valid YAML",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_file_names_the_file_and_the_line(
    case: str, tmp_path: Path, library: Library
) -> None:
    text, needle, message = BROKEN[case]
    _, found = problems_of(tmp_path, library, text)
    assert len(found) == 1, [str(p) for p in found]
    assert message in found[0].message
    assert found[0].line == line_of(text, needle), str(found[0])


def test_bad_year_label_is_reported(tmp_path: Path, library: Library) -> None:
    text = GOOD_ENTRY.replace("2016-17:", "2016/17:")
    _, found = problems_of(tmp_path, library, text)
    assert len(found) == 1
    assert "'2016/17' is not a financial year" in found[0].message
    assert found[0].line is not None


def test_bad_year_label_names_its_own_line(tmp_path: Path, library: Library) -> None:
    text = GOOD_ENTRY.replace("2016-17:", "2017-19:")
    _, found = problems_of(tmp_path, library, text)
    assert found[0].line == line_of(text, "2017-19")


def test_every_problem_of_a_file_at_once(tmp_path: Path, library: Library) -> None:
    text = GOOD_ENTRY + (
        "      SCS-99:\n        target: 1\n        no_amber: true\n"
        "      ACT-01:\n        target: 100\n        no_amber: true\n"
        "      SCS-17:\n        target: 10\n        green_from: 10\n        red_above: 13\n"
        "  2017-18:\n    indicators:\n"
        "      SCS-26:\n        target: 80\n        red_below: 85\n"
        "      SCS-27:\n        target: 60\n        red_below: 45\n        amber_tolerance: 10\n"
    )
    _, found = problems_of(tmp_path, library, text)
    lines = textwrap.dedent(text).splitlines()
    where = sorted((p.line or 0, lines[(p.line or 1) - 1].strip()) for p in found)
    assert where == [
        (9, "SCS-99:"),
        (12, "ACT-01:"),
        (15, "SCS-17:"),
        (21, "SCS-26:"),
        (24, "SCS-27:"),
    ]


def test_every_shape_problem_of_a_file_at_once(tmp_path: Path, library: Library) -> None:
    text = GOOD_ENTRY + (
        "        tagret: 60\n"
        "      SCS-26:\n        red_below: 70\n"
        "  2017-18:\n    notes: fine\n    agreed_on: last Tuesday\n    indicators: {}\n"
    )
    _, found = problems_of(tmp_path, library, text)
    assert sorted(p.line or 0 for p in found) == [
        line_of(text, "tagret"),
        line_of(text, "SCS-26"),
        line_of(text, "agreed_on"),
    ]


def test_an_unreadable_file_is_a_problem_too(tmp_path: Path, library: Library) -> None:
    missing = tmp_path / "nowhere.yaml"
    with pytest.raises(InputError) as raised:
        load_targets(missing, library)
    assert raised.value.problems[0].file == str(missing)


def test_a_file_that_is_not_a_mapping(tmp_path: Path, library: Library) -> None:
    _, found = problems_of(tmp_path, library, "- just\n- a list\n")
    assert found[0].line == 1
    assert "not a YAML mapping" in found[0].message
