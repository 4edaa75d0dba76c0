"""Property-based fuzzing of the 903 CSV and XML readers.

Thousands of malformed inputs: read_903 either returns an import or raises
InputError (never anything else), and a failed import leaves nothing behind.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpibook.errors import InputError
from kpibook.returns.common import write_dataset
from kpibook.returns.ssda903.read import read_903
from kpibook.returns.ssda903.spec import TABLES

FUZZ = settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "A1",
            "01/05/2023",
            "31/02/2023",
            "2023-05-01",
            "X1",
            "S",
            "U4",
            "PN1",
            "ZZ",
            "1",
            "0",
            "E11",
            "M",
            "00/00/0000",
            '"',
            "a,b",
            "\n",
            "1/1/99999",
            "31/12/9999",
            "29/02/2024",
            "01/01/1066",
            "C2",
            "N1",
        ]
    ),
    st.text(max_size=12),
)


def attempt(files: dict[str, bytes]) -> None:
    """Write ``files`` into a fresh folder, import it, and write the dataset if it imports."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "return"
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
        out = Path(tmp) / "dataset"
        try:
            result = read_903([folder])
        except InputError as exc:
            assert exc.problems
            assert not out.exists()
            return
        write_dataset(out, result.tables, result.findings, result.provenance)
        assert (out / "ssd_cla_episodes.csv").exists()


@st.composite
def csv_table(draw: st.DrawFn) -> bytes:
    spec = draw(st.sampled_from(list(TABLES.values())))
    columns = list(spec.columns)
    if draw(st.booleans()):
        columns = draw(st.permutations(columns))
    if draw(st.integers(0, 5)) == 0:
        columns = columns[:-1]
    rows = draw(
        st.lists(
            st.lists(CELLS, min_size=len(columns) - 1, max_size=len(columns) + 1),
            max_size=6,
        )
    )
    lines = [",".join(columns), *(",".join(r) for r in rows)]
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text.encode("utf-8")


@FUZZ
@given(st.lists(csv_table(), min_size=1, max_size=3))
def test_csv_tables_never_crash(tables: list[bytes]) -> None:
    attempt({f"t{i}.csv": data for i, data in enumerate(tables)})


@settings(max_examples=600, deadline=None)
@given(st.binary(max_size=300))
def test_csv_bytes_never_crash(data: bytes) -> None:
    attempt({"episodes.csv": data})


LEAVES = st.sampled_from(
    [
        "CHILDID",
        "DOB",
        "SEX",
        "UASC",
        "DUC",
        "IN_TOUCH",
        "ACCOM",
        "DATE_INT",
        "DECOM",
        "DEC",
        "PL",
        "RNE",
        "LS",
        "REVIEW",
        "MIS_START",
        "MIS_END",
        "DATE_PLACED",
        "SW_ID",
    ]
)
GROUPS = st.sampled_from(["EPISODE", "AREVIEW", "AMISSING", "OC2", "PERMANENCE", "AD_PLACED"])


@st.composite
def xml_child(draw: st.DrawFn) -> str:
    def leaves() -> str:
        pairs = draw(st.lists(st.tuples(LEAVES, CELLS), max_size=5))
        return "".join(f"<{t}>{escape(v)}</{t}>" for t, v in pairs)

    groups = "".join(f"<{g}>{leaves()}</{g}>" for g in draw(st.lists(GROUPS, max_size=3)))
    header = f"<HEADER><CHILDID>{escape(draw(CELLS))}</CHILDID>{leaves()}{groups}</HEADER>"
    headers = draw(st.sampled_from(["", header, header + header, header]))
    episodes = "".join(f"<EPISODE>{leaves()}</EPISODE>" for _ in range(draw(st.integers(0, 2))))
    return f"<CHILD>{headers}{episodes}</CHILD>"


def escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@FUZZ
@given(st.lists(xml_child(), max_size=4), st.integers(0, 3), st.data())
def test_xml_never_crashes(children: list[str], damage: int, data: st.DataObject) -> None:
    text = "<?xml version='1.0'?><EXPSSDA903>" + "".join(children) + "</EXPSSDA903>"
    if damage == 1:
        text = text[: data.draw(st.integers(0, len(text)))]
    elif damage == 2:
        i = data.draw(st.integers(0, len(text)))
        junk = data.draw(st.sampled_from(["<", "&", "<!DOCTYPE x>", "\x00", "]]>"]))
        text = text[:i] + junk + text[i:]
    attempt({"return.xml": text.encode("utf-8", "surrogatepass")})


@settings(max_examples=600, deadline=None)
@given(st.binary(max_size=300))
def test_xml_bytes_never_crash(data: bytes) -> None:
    attempt({"return.xml": data})


IDS = st.sampled_from(["A", "B", "C", "D"])
DATES = st.sampled_from(
    [
        "01/04/2021",
        "15/06/2022",
        "01/01/2023",
        "31/03/2023",
        "01/04/2023",
        "10/10/2023",
        "2023-12-01",
        "29/02/2024",
        "31/03/2024",
    ]
)
VALUES = st.one_of(
    DATES,
    st.sampled_from(
        [
            "",
            "",
            "S",
            "P",
            "L",
            "T",
            "X1",
            "E11",
            "E45",
            "C2",
            "E1",
            "U4",
            "A5",
            "K3",
            "ZZ",
            "PR1",
            "N1",
            "1",
            "2",
            "0",
            "D1",
            "YES",
            "F2",
            "PN1",
            "M",
            "A",
            "XX1 1AA",
        ]
    ),
)


@st.composite
def well_formed_return(draw: st.DrawFn) -> dict[str, bytes]:
    """Every table with readable keys and dates, and anything at all in the other fields."""
    files: dict[str, bytes] = {}
    for spec in TABLES.values():
        rows = []
        for _ in range(draw(st.integers(0, 4))):
            cells = []
            for col in spec.columns:
                if col == "CHILD":
                    cells.append(draw(IDS))
                elif col in spec.required or col in spec.dates:
                    cells.append(draw(DATES) if col in spec.dates else draw(IDS))
                else:
                    cells.append(draw(VALUES))
            rows.append(",".join(cells))
        if rows or spec.name == "Episodes":
            files[f"{spec.file_stem}.csv"] = "\n".join([",".join(spec.columns), *rows]).encode()
    return files


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(well_formed_return(), well_formed_return())
def test_well_formed_returns_always_import(
    first: dict[str, bytes], second: dict[str, bytes]
) -> None:
    """Odd data (unknown codes, overlaps, gaps, duplicates, two years) never stops an import."""
    with tempfile.TemporaryDirectory() as tmp:
        folders = []
        for name, files in (("2022-23", first), ("2023-24", second)):
            folder = Path(tmp) / name
            folder.mkdir()
            for file, data in files.items():
                (folder / file).write_bytes(data)
            folders.append(folder)
        result = read_903(folders)
        out = Path(tmp) / "dataset"
        write_dataset(out, result.tables, result.findings, result.provenance)
        assert (out / "data-quality.csv").exists()
