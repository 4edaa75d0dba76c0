"""Ofsted unique reference numbers (URNs) for synthetic placements.

The 903 return records the Ofsted URN of the provider for every placement type
Ofsted registers: children's homes and secure homes (K1, K2, K3), fostering
(U1-U6, through the fostering service), adoption (A3-A6, through the adoption
agency), family centres (R3), residential schools (S1), and, from 28 October
2023 when supported accommodation became registered, H5 placements (DfE rules
218 and 230). Other types (P1-P3, R1, R2, R5, T0-T4, Z1) carry none (rule 222).

The synthetic council has no real providers, so a URN is made up, in the
``SC`` + six digits form Ofsted uses for social care providers: one for the
council's own fostering service and one for its adoption agency, and for any
other provider a number derived from the provider code, placement kind and
postcode. It is a pure function of the placement, drawing nothing from the
random stream, so the rest of the generated data does not change.
"""

from __future__ import annotations

import datetime as dt
import hashlib

SUPPORTED_ACCOMMODATION_REGISTERED = dt.date(2023, 10, 28)
"""From this day, supported accommodation (H5) placements carry the provider's URN."""

_REGISTERED = frozenset(
    {"A3", "A4", "A5", "A6", "K1", "K2", "K3", "R3", "S1", "U1", "U2", "U3", "U4", "U5", "U6"}
)
COUNCIL_FOSTERING_URN = "SC048207"
"""The synthetic council's own fostering service."""
COUNCIL_ADOPTION_URN = "SC048208"
"""The synthetic council's own adoption agency."""


def placement_urn(code: str, provider: str, kind: str, postcode: str, end: dt.date) -> str | None:
    """The URN recorded for a placement of type ``code`` ending on ``end`` (None if none)."""
    if code == "H5":
        if end < SUPPORTED_ACCOMMODATION_REGISTERED:
            return None
    elif code not in _REGISTERED:
        return None
    if provider == "PR1" and code.startswith("U"):
        return COUNCIL_FOSTERING_URN
    if provider == "PR1" and code.startswith("A"):
        return COUNCIL_ADOPTION_URN
    digest = hashlib.sha256(f"{provider}|{kind}|{postcode}".encode()).hexdigest()
    return f"SC{int(digest[:12], 16) % 900000 + 100000}"
