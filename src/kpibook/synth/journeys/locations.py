"""Where looked-after children are placed: real postcodes and real distances.

Placements inside the county are drawn district by district with a
distance kernel around the child's home (most children are placed in or
next to their home district), then at a random real postcode of that
district; placements outside the county go to the neighbouring and
further-away authorities of :data:`kpibook.synth.postcodes.OUT_OF_AREA`.
The distance written on the placement is the straight-line distance between
the two real postcodes (Kent: 80.1% of citizen children in care placed within
20 miles of home, August 2016; 12.1% placed outside Kent including Medway,
January 2018).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import cache

from kpibook.synth.geography import DISTRICTS
from kpibook.synth.journeys.care_common import Weighted
from kpibook.synth.postcodes import OUT_OF_AREA, Postcode, postcodes_for

KENT_LETTERS = "CDMT"
UASC_BASE_DISTRICT = "E07000105"
"""Ashford: the county's reception service for unaccompanied asylum-seeking children."""


@dataclass(frozen=True, slots=True)
class LocationParams:
    """How far from home children are placed (defaults are calibrated)."""

    kernel_miles: float = 8.0
    """Scale of the distance kernel choosing the placement district (weight exp(-d/scale))."""
    in_county: tuple[tuple[str, float], ...] = (
        ("foster_ih", 0.95), ("foster_rel", 0.85), ("foster_ifa", 0.60), ("resi", 0.50),
        ("semi", 0.85), ("adopt", 0.55), ("mother_baby", 0.50), ("secure", 0.10),
        ("yoi", 0.20), ("school", 0.40),
    )  # fmt: skip
    """Chance a placement of each kind is inside the county."""
    out_of_area: tuple[tuple[str, float], ...] = (
        ("E06000035", 0.36), ("E09000004", 0.12), ("E09000006", 0.12), ("E07000065", 0.10),
        ("E07000064", 0.08), ("E07000066", 0.08), ("E06000043", 0.08), ("E08000025", 0.06),
    )  # fmt: skip
    """Authorities receiving out-of-county placements (ONS code, weight)."""


PARAMS = LocationParams()
_IN_COUNTY = dict(PARAMS.in_county)
_OUT = Weighted(PARAMS.out_of_area)


@cache
def kent_postcodes() -> dict[str, tuple[Postcode, ...]]:
    """Real postcodes of the county's districts, by ONS code."""
    return postcodes_for(frozenset(d.ons_code for d in DISTRICTS), KENT_LETTERS)


@cache
def _out_postcodes() -> dict[str, tuple[Postcode, ...]]:
    """Real postcodes of the out-of-county authorities, by ONS code."""
    letters = "".join(sorted({ch for _, _, ls in OUT_OF_AREA for ch in ls}))
    return postcodes_for(frozenset(code for code, _, _ in OUT_OF_AREA), letters)


@cache
def _centroids() -> dict[str, tuple[float, float]]:
    """Mean grid reference of each county district's postcodes."""
    out: dict[str, tuple[float, float]] = {}
    for code, pcs in kent_postcodes().items():
        n = len(pcs) or 1
        out[code] = (sum(p.easting for p in pcs) / n, sum(p.northing for p in pcs) / n)
    return out


@cache
def _kernel(home_code: str, scale: float) -> Weighted[str]:
    """Placement districts around a home district: population times a distance kernel."""
    cents = _centroids()
    hx, hy = cents.get(home_code, cents[UASC_BASE_DISTRICT])
    pairs: list[tuple[str, float]] = []
    for d in DISTRICTS:
        x, y = cents[d.ons_code]
        miles = math.hypot(x - hx, y - hy) / 1609.344
        pairs.append((d.ons_code, d.children_2016 * math.exp(-miles / scale)))
    return Weighted(pairs)


def neighbour_postcode(postcode: Postcode) -> Postcode:
    """The next real postcode of the same county district (``postcode`` if it is alone)."""
    pcs = kent_postcodes().get(postcode.ons_district, ())
    for i, p in enumerate(pcs):
        if p.postcode == postcode.postcode:
            return pcs[(i + 1) % len(pcs)]
    return pcs[0] if pcs else postcode


def in_county(postcode: Postcode) -> bool:
    """Whether ``postcode`` is in one of the county's districts."""
    return postcode.ons_district in _COUNTY_DISTRICTS


_COUNTY_DISTRICTS = frozenset(d.ons_code for d in DISTRICTS)


def uasc_base() -> Postcode:
    """The reception service's postcode, used as the home of children with no home address."""
    pcs = kent_postcodes()[UASC_BASE_DISTRICT]
    return pcs[len(pcs) // 2]


def district_postcode(rng: random.Random, ons_code: str) -> Postcode:
    """A random real postcode of a county district."""
    pcs = kent_postcodes()[ons_code]
    return pcs[rng.randrange(len(pcs))]


def placement_postcode(
    rng: random.Random, kind: str, home: Postcode, params: LocationParams = PARAMS
) -> Postcode:
    """A real postcode for a new placement of ``kind`` for a child whose home is ``home``."""
    if kind == "parents":
        return home
    if rng.random() < _IN_COUNTY.get(kind, 0.8):
        code = _kernel(home.ons_district, params.kernel_miles).draw(rng)
        pcs = kent_postcodes()[code]
    else:
        pcs = _out_postcodes()[_OUT.draw(rng)]
    return pcs[rng.randrange(len(pcs))]
