"""Combining 903 returns of several collection years, later years superseding earlier.

Each return describes its own collection year (1 April to 31 March) and the
episodes open at any time in it, so consecutive returns overlap. The rules,
applied per child (``CHILD``):

* **Episodes.** The child's episodes in the latest return that has any are
  kept. Going back year by year, an earlier return's episode is kept only if
  it ended (``DEC``) before the start of the next later return that has
  episodes for the child, and no later than the first episode already kept
  starts; every other episode of that return is superseded (dropped). When
  no later return has episodes for the child, the earlier return's episodes
  are all kept; if its last episode is still open although a later return
  exists, the child was not looked after in that later year, so the episode
  is closed on the last day of its own collection year (31 March) with no
  reason, and a finding ``open-episode-closed`` is recorded.
* **Header, UASC, AD1, PrevPerm** (one row per child): the latest return's row.
* **OC2, OC3** (one row per child per year): every year is kept.
* **Reviews, Missing, SWEpisodes, PlacedAdoption, DoLo** (dated rows): a row
  from an earlier return is dropped when it is dated on or after the start of
  a later return that includes the child (the later return is authoritative
  for its year); rows with the same key in several years keep the latest.

Within one return, a second row with the same key (e.g. two episodes of one
child starting the same day) is a finding ``duplicate-row``; the first row in
the file is kept and the later ones are dropped.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

from kpibook.problems import Problem
from kpibook.returns.common import finding
from kpibook.returns.ssda903.raw import Row
from kpibook.returns.ssda903.spec import TABLES, year_end, year_label, year_start

_PER_CHILD = ("Header", "UASC", "AD1", "PrevPerm")
_PER_YEAR = ("OC2", "OC3")
_DATED = ("Reviews", "Missing", "SWEpisodes", "PlacedAdoption", "DoLo")


@dataclass(slots=True)
class Return:
    """One collection year's typed rows."""

    name: str
    kind: str
    year: int
    tables: dict[str, list[Row]]
    files: dict[str, str] = field(default_factory=dict)

    def children(self) -> set[str]:
        """Every child the return mentions, in any table."""
        return {r.child for rows in self.tables.values() for r in rows}


def _key(row: Row) -> tuple[object, ...]:
    spec = TABLES[row.table]
    return tuple(row.dates[c] if c in spec.dates else row.text.get(c) for c in spec.key)


def dedupe(tables: dict[str, list[Row]]) -> tuple[dict[str, list[Row]], list[Problem]]:
    """Drop second and later rows with the same key in one return, with a finding each."""
    out: dict[str, list[Row]] = {}
    findings: list[Problem] = []
    for name, rows in tables.items():
        seen: dict[tuple[object, ...], Row] = {}
        kept: list[Row] = []
        for r in rows:
            k = _key(r)
            if k in seen:
                first = seen[k]
                findings.append(
                    finding(
                        r.file,
                        "duplicate-row",
                        f"{name}: a second row for the same child and "
                        f"{', '.join(TABLES[name].key[1:]) or 'child'} "
                        f"(first at row {first.row}); this row is dropped",
                        "remove the duplicate in the case system",
                        row=r.row,
                        column=r.column(TABLES[name].key[-1]),
                    )
                )
                continue
            seen[k] = r
            kept.append(r)
        out[name] = kept
    return out, findings


def _episodes(returns: list[Return]) -> tuple[list[Row], list[Problem]]:
    findings: list[Problem] = []
    by_child: dict[str, dict[int, list[Row]]] = defaultdict(dict)
    for ret in returns:
        for r in ret.tables.get("Episodes", []):
            by_child[r.child].setdefault(ret.year, []).append(r)
    latest_year = max(r.year for r in returns)
    kept: list[Row] = []
    for child in sorted(by_child):
        years = sorted(by_child[child], reverse=True)
        accepted: list[Row] = []
        for i, year in enumerate(years):
            eps = sorted(by_child[child][year], key=lambda r: r.dates["DECOM"] or dt.date.min)
            if i == 0:
                if year < latest_year and eps[-1].dates["DEC"] is None:
                    last = eps[-1]
                    eps[-1] = replace(last, dates={**last.dates, "DEC": year_end(year)})
                    findings.append(
                        finding(
                            last.file,
                            "open-episode-closed",
                            f"the episode is open at the end of {year_label(year)} but the "
                            "child has no episodes in a later return; it is closed on "
                            f"{year_end(year).isoformat()} with no reason",
                            "check whether the child left care, and when",
                            row=last.row,
                            column=last.column("DEC"),
                        )
                    )
                accepted.extend(eps)
                continue
            boundary = year_start(years[i - 1])
            first_kept = min(r.dates["DECOM"] or dt.date.max for r in accepted)
            for r in eps:
                end = r.dates["DEC"]
                if end is not None and end < boundary and end <= first_kept:
                    accepted.append(r)
        kept.extend(sorted(accepted, key=lambda r: r.dates["DECOM"] or dt.date.min))
    return kept, findings


def combine(returns: list[Return]) -> tuple[dict[str, list[Row]], list[Problem]]:
    """The rows of all returns (oldest first) combined by the rules above."""
    out: dict[str, list[Row]] = {}
    episodes, findings = _episodes(returns)
    out["Episodes"] = episodes
    for name in _PER_CHILD:
        latest: dict[str, Row] = {}
        for ret in returns:
            for r in ret.tables.get(name, []):
                latest[r.child] = r
        out[name] = [latest[c] for c in sorted(latest)]
    for name in _PER_YEAR:
        out[name] = [r for ret in returns for r in ret.tables.get(name, [])]
    children = [ret.children() for ret in returns]
    for name in _DATED:
        spec = TABLES[name]
        when = next(c for c in spec.key if c in spec.dates)
        chosen: dict[tuple[object, ...], Row] = {}
        for i, ret in enumerate(returns):
            for r in ret.tables.get(name, []):
                day = r.dates[when]
                later = [
                    returns[j].year for j in range(i + 1, len(returns)) if r.child in children[j]
                ]
                if later and day is not None and day >= year_start(min(later)):
                    continue
                chosen[_key(r)] = r
        out[name] = sorted(chosen.values(), key=lambda r: (r.child, r.dates[when] or dt.date.min))
    return out, findings
