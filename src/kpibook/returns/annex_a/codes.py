"""Code aliases and labels of Annex A coded values.

Coded values in council files carry lettered prefixes ("a) WBRI", "q) 6:
Police", "b) Female"). The importer strips the prefix, then takes a code, a
code list meaning, or one of the aliases below; the exporter writes the labels
below.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

ALIASES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "sex": MappingProxyType(
            {
                "male": "M",
                "female": "F",
                "not stated/recorded": "U",
                "not stated/recorded (or unborn)": "U",
                "not stated": "U",
                "not recorded": "U",
                "unknown": "U",
                "unborn": "U",
                "neither": "U",
                "indeterminate": "U",
                "1": "M",
                "2": "F",
                "0": "U",
                "9": "U",
            }
        ),
        "ethnicity": MappingProxyType({"unknown": "NOBT"}),
        "yes_no": MappingProxyType(
            {
                "yes": "Y",
                "no": "N",
                "y": "Y",
                "n": "N",
                "true": "Y",
                "false": "N",
                "1": "Y",
                "0": "N",
            }
        ),
        "abuse_category": MappingProxyType(
            {
                "neglect": "NEG",
                "physical abuse": "PHY",
                "physical": "PHY",
                "sexual abuse": "SAB",
                "sexual": "SAB",
                "emotional abuse": "EMO",
                "emotional": "EMO",
                "multiple": "MUL",
                "multiple/not recommended": "MUL",
            }
        ),
        "care_leaver_eligibility": MappingProxyType(
            {
                "relevant": "RELEVANT",
                "relevant child": "RELEVANT",
                "former relevant": "FORMER_RELEVANT",
                "former relevant child": "FORMER_RELEVANT",
                "eligible": "ELIGIBLE",
                "eligible child": "ELIGIBLE",
                "qualifying": "QUALIFYING",
                "qualifying care leaver": "QUALIFYING",
            }
        ),
        "care_leaver_in_touch": MappingProxyType(
            {
                "yes": "YES",
                "in touch": "YES",
                "no": "NO",
                "not in touch": "NO",
                "died": "DIED",
                "refused": "REFU",
                "refuses contact": "REFU",
                "no longer requires services": "NREQ",
                "not required": "NREQ",
                "returned home": "RHOM",
            }
        ),
        "accommodation_suitable": MappingProxyType(
            {"suitable": "1", "unsuitable": "2", "not suitable": "2"}
        ),
    }
)
"""Labels (lower case, prefix removed) that are neither a code nor a code list
meaning, by code list."""

LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "sex": MappingProxyType({"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}),
        "yes_no": MappingProxyType({"Y": "a) Yes", "N": "b) No"}),
        "abuse_category": MappingProxyType(
            {
                "NEG": "a) Neglect",
                "PHY": "b) Physical abuse",
                "SAB": "c) Sexual abuse",
                "EMO": "d) Emotional abuse",
                "MUL": "e) Multiple/not recommended",
            }
        ),
    }
)
"""How the exporter writes coded values, as Ofsted's template labels them.
Code lists not named here are written as ``<letter>) <code>`` for ethnicity
and referral source (the template's own form) and as the bare code otherwise,
which the importer reads back."""

_PREFIX = re.compile(r"^\(?[a-z]{1,2}\d?\)\s*", re.IGNORECASE)
_TOKEN = re.compile(r"^([0-9A-Za-z_]+)\s*(?:[:\-–]|\s|$)")


def strip_prefix(text: str) -> str:
    """``"a) WBRI"`` -> ``"WBRI"``; text without a lettered prefix is returned as it is."""
    return _PREFIX.sub("", text.strip(), count=1).strip()


def resolve_code(text: str, codes: Mapping[str, str], aliases: Mapping[str, str]) -> str | None:
    """The code ``text`` stands for, or None.

    Tried in turn: the text is a code; its first word is a code ("6: Police",
    "N1 - Abuse or neglect"); it is an alias; it is a code's meaning.
    Comparisons ignore case.
    """
    value = strip_prefix(text)
    if not value:
        return None
    upper = {c.upper(): c for c in codes}
    if value.upper() in upper:
        return upper[value.upper()]
    lowered = value.lower()
    if lowered in aliases:
        return aliases[lowered]
    match = _TOKEN.match(value)
    if match and match.group(1).upper() in upper:
        return upper[match.group(1).upper()]
    for code, meaning in codes.items():
        if meaning.lower() == lowered:
            return code
    return None


_ETHNICITY_ORDER = [
    "WBRI",
    "WIRI",
    "WIRT",
    "WOTH",
    "WROM",
    "MWBC",
    "MWBA",
    "MWAS",
    "MOTH",
    "AIND",
    "APKN",
    "ABAN",
    "AOTH",
    "BCRB",
    "BAFR",
    "BOTH",
    "CHNE",
    "OOTH",
    "REFU",
    "NOBT",
]
_SOURCE_LABELS = {
    "1A": "a) 1A: Individual",
    "1B": "b) 1B: Individual",
    "1C": "c) 1C: Individual",
    "1D": "d) 1D: Individual",
    "2A": "e) 2A: Schools",
    "2B": "f) 2B: Education services",
    "3A": "g) 3A: Health services",
    "3B": "h) 3B: Health services",
    "3C": "i) 3C: Health services",
    "3D": "j) 3D: Health services",
    "3E": "k) 3E: Health services",
    "3F": "l) 3F: Health services",
    "4": "m) 4: Housing",
    "5A": "n) 5A: LA services",
    "5B": "o) 5B: LA services",
    "5C": "p) 5C: LA services",
    "5D": "p1) 5D: LA services",
    "6": "q) 6: Police",
    "7": "r) 7: Other legal agency",
    "8": "s) 8: Other",
    "9": "t) 9: Anonymous",
    "10": "u) 10: Unknown",
}


def label(codelist_name: str, code: str) -> str:
    """How the exporter writes ``code``: the template's prefixed label, or the bare code."""
    if codelist_name == "ethnicity" and code in _ETHNICITY_ORDER:
        return f"{chr(ord('a') + _ETHNICITY_ORDER.index(code))}) {code}"
    if codelist_name == "referral_source" and code in _SOURCE_LABELS:
        return _SOURCE_LABELS[code]
    return LABELS.get(codelist_name, {}).get(code, code)
