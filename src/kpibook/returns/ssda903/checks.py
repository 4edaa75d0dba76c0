"""Data-quality checks of combined 903 rows: each finding says what happens to the row.

* ``unknown-code``: a coded field holds a value not in the 903 code list of the
  year (``codes/<FIELD>.yaml``; for episodes the year the episode started,
  otherwise the return's year). The value is carried as given (``kpibook
  check`` reports it again against the data model's list).
* ``end-before-start``: an episode, missing episode or social worker episode
  ends before it starts. The row is carried as given.
* ``overlapping-episodes``: a child's episode is still open (or ends) after
  their next episode starts: the child would be in two places at once. The
  earlier episode is ended the day the later one starts, with reason ``X1``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from kpibook.problems import Problem
from kpibook.returns.common import finding
from kpibook.returns.ssda903.codes import field_codes
from kpibook.returns.ssda903.raw import Row
from kpibook.returns.ssda903.spec import year_label, year_of

CODED: dict[str, tuple[str, ...]] = {
    "Header": ("SEX", "ETHNIC", "MOTHER"),
    "UASC": ("SEX",),
    "Episodes": ("RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "REC", "REASON_PLACE_CHANGE"),
    "Reviews": ("REVIEW_CODE",),
    "Missing": ("MISSING",),
    "OC2": (
        "SDQ_REASON",
        "CONVICTED",
        "IMMUNISATIONS",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    "OC3": ("IN_TOUCH", "ACTIV", "ACCOM"),
    "AD1": ("FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
    "PlacedAdoption": ("REASON_PLACED_CEASED",),
    "SWEpisodes": ("SW_REASON",),
}
"""The coded fields of each table checked against ``codes/``."""

_SPANS = {
    "Episodes": ("DECOM", "DEC"),
    "Missing": ("MIS_START", "MIS_END"),
    "SWEpisodes": ("SW_DECOM", "SW_DEC"),
}


def code_year(row: Row) -> int:
    """The collection year whose code lists apply to ``row``."""
    start = row.dates.get("DECOM")
    return year_of(start) if row.table == "Episodes" and start is not None else row.year


def check_codes(tables: dict[str, list[Row]]) -> list[Problem]:
    """An ``unknown-code`` finding for every coded value not valid in its year."""
    out: list[Problem] = []
    for name, fields in CODED.items():
        for r in tables.get(name, []):
            year = code_year(r)
            for f in fields:
                value = r.text.get(f)
                if value is None:
                    continue
                codes = field_codes(f)
                if not codes.valid(value, year):
                    out.append(
                        finding(
                            r.file,
                            "unknown-code",
                            f"{name}: {f} is not a {year_label(year)} 903 code; "
                            "it is carried as given",
                            f"use a code from the 903 guide for {year_label(year)}",
                            row=r.row,
                            column=r.column(f),
                        )
                    )
    return out


def check_spans(tables: dict[str, list[Row]]) -> list[Problem]:
    """An ``end-before-start`` finding for every span that ends before it starts."""
    out: list[Problem] = []
    for name, (start, end) in _SPANS.items():
        for r in tables.get(name, []):
            a, b = r.dates.get(start), r.dates.get(end)
            if a is not None and b is not None and b < a:
                out.append(
                    finding(
                        r.file,
                        "end-before-start",
                        f"{name}: {end} is before {start}; the row is carried as given",
                        "correct the dates in the case system",
                        row=r.row,
                        column=r.column(end),
                    )
                )
    return out


def trim_overlaps(episodes: list[Row]) -> tuple[list[Row], list[Problem]]:
    """Episodes with overlaps ended at the next start (reason X1), and a finding each."""
    by_child: dict[str, list[Row]] = defaultdict(list)
    for r in episodes:
        by_child[r.child].append(r)
    out: list[Row] = []
    findings: list[Problem] = []
    for child in sorted(by_child):
        eps = by_child[child]
        for i, r in enumerate(eps):
            if i + 1 < len(eps):
                nxt = eps[i + 1].dates["DECOM"]
                end = r.dates["DEC"]
                if nxt is not None and (end is None or end > nxt):
                    findings.append(
                        finding(
                            r.file,
                            "overlapping-episodes",
                            "the episode is still open when the child's next episode starts "
                            "(the child would be in two places); it is ended that day with "
                            "reason X1",
                            "correct the episode's end date in the case system",
                            row=r.row,
                            column=r.column("DEC"),
                        )
                    )
                    r = replace(r, dates={**r.dates, "DEC": nxt}, text={**r.text, "REC": "X1"})
            out.append(r)
    return out, findings
