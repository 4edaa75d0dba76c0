"""Property-based fuzzing of the CIN reader: only InputError, never a partial result."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpibook.errors import InputError
from kpibook.returns.cin import read_cin
from kpibook.returns.common import Imported, write_dataset

F = Path(__file__).parent / "fixtures"
VALID = (F / "cin_2024.xml").read_text(encoding="utf-8")
LEAVES = [
    "LAchildID", "PersonBirthDate", "GenderCurrent", "Sex", "Ethnicity", "Disability",
    "CINreferralDate", "ReferralSource", "CINclosureDate", "ReferralNFA",
    "AssessmentActualStartDate", "AssessmentFactors", "S47ActualStartDate", "ICPCnotRequired",
    "CPPstartDate", "NumberOfPreviousCPP", "CPPreviewDate", "ReferenceDate",
]  # fmt: skip
JUNK = st.text(
    alphabet=st.sampled_from(list("0123456789-/ TRUEfalsNMFUXRC<>&;'\"\x00é")), max_size=14
)


def _run(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "census.xml"
        path.write_bytes(data)
        out = Path(folder) / "dataset"
        try:
            got = read_cin([path])
        except InputError as exc:
            assert exc.problems, "an InputError must say what is wrong"
            assert not out.exists()
            return
        assert isinstance(got, Imported)
        write_dataset(out, got.tables, got.findings, got.provenance)
        assert (out / "ssd_person.csv").exists()


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    _run(data)


@settings(max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.sampled_from(LEAVES), JUNK), max_size=6),
    st.integers(min_value=0, max_value=len(VALID)),
    st.booleans(),
)
def test_mutated_census(replacements: list[tuple[str, str]], cut: int, truncate: bool) -> None:
    text = VALID
    for tag, value in replacements:
        start = text.find(f"<{tag}>")
        if start < 0:
            continue
        end = text.find(f"</{tag}>", start)
        text = text[: start + len(tag) + 2] + value + text[end:]
    if truncate:
        text = text[:cut]
    _run(text.encode("utf-8"))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from([*LEAVES, "Child", "CINdetails", "Header", "Children"]), max_size=5)
)
def test_elements_removed(tags: list[str]) -> None:
    text = VALID
    for tag in tags:
        start = text.find(f"<{tag}>")
        end = text.find(f"</{tag}>", start)
        if start >= 0 and end >= 0:
            text = text[:start] + text[end + len(tag) + 3 :]
    _run(text.encode("utf-8"))
