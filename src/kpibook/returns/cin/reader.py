"""CIN census XML (schemas 2017-2026), one or several years -> data-model tables.

Rules (documented field by field in ``docs/returns-cin.md``):

* **Identifiers.** The XML has no row identifiers, so the reader makes stable
  ones from what identifies a row: an episode of need is
  ``<LAchildID>/<CINreferralDate>``; its assessments, CIN plans, S47 enquiries
  and CP plans are ``<episode>/A<start>``, ``/P<start>``, ``/S<start>``,
  ``/CPP<start>`` (``#2``, ``#3`` … for a second or third one starting the same
  day); an enquiry's conference is ``<enquiry>/C``, a conference held at episode
  level (``CINdetails/DateOfInitialCPC``, a transfer-in) ``<episode>/C``; a
  plan's reviews ``<plan>/R<date>``; disabilities ``<LAchildID>/D1`` ….
* **Several years.** Files are ranked by ``Header/CollectionDetails/ReferenceDate``
  (a file without one ranks first; files with the same date keep the order they
  were given, with a finding). For each child, identifiers and characteristics
  (sex, dates of birth and death, UPN, ethnicity, disabilities) come from the
  latest file holding the child. An episode's own fields (source, need, closure,
  NFA) come from the latest file holding it; its assessments, CIN plans,
  enquiries, conferences, CP plans and reviews are merged over every file holding
  the episode, each from the latest file holding that item (a census holds only
  the items of its year). Episodes only in earlier files are kept.
* **Structural problems** (not XML, not a census, a child without LAchildID, a
  block without its start date or with one that cannot be read) stop the import:
  every problem in every file is reported together, and nothing is returned.
* **Data-quality findings** keep the row: unknown codes are kept as they are;
  unreadable optional dates and yes/no values are left empty; ends before starts
  and overlapping episodes are imported as they are; a child listed twice in one
  file keeps the first listing's identifiers and every listing's episodes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import pyarrow as pa

from kpibook.errors import InputError
from kpibook.problems import Problem
from kpibook.returns.cin.parse import (
    S47,
    Assessment,
    CensusFile,
    Child,
    CpPlan,
    Referral,
    read_file,
)
from kpibook.returns.common import Imported, Provenance, finding, parse_xml

TEXT = pa.string()
DATE = pa.date32()

COLUMNS: dict[str, tuple[tuple[str, pa.DataType], ...]] = {
    "ssd_person": (
        ("pers_person_id", TEXT), ("pers_upn", TEXT), ("pers_sex", TEXT),
        ("pers_ethnicity", TEXT), ("pers_dob", DATE), ("pers_upn_unknown", TEXT),
        ("pers_expected_dob", DATE), ("pers_death_date", DATE),
    ),
    "ssd_disability": (
        ("disa_table_id", TEXT), ("disa_person_id", TEXT), ("disa_disability_code", TEXT),
    ),
    "ssd_cin_episodes": (
        ("cine_referral_id", TEXT), ("cine_person_id", TEXT), ("cine_referral_date", DATE),
        ("cine_cin_primary_need_code", TEXT), ("cine_referral_source_code", TEXT),
        ("cine_referral_nfa", TEXT), ("cine_close_reason", TEXT), ("cine_close_date", DATE),
    ),
    "ssd_cin_assessments": (
        ("cina_assessment_id", TEXT), ("cina_person_id", TEXT), ("cina_referral_id", TEXT),
        ("cina_assessment_start_date", DATE), ("cina_assessment_auth_date", DATE),
    ),
    "ssd_assessment_factors": (
        ("cinf_table_id", TEXT), ("cinf_assessment_id", TEXT),
        ("cinf_assessment_factors_json", TEXT),
    ),
    "ssd_cin_plans": (
        ("cinp_cin_plan_id", TEXT), ("cinp_referral_id", TEXT), ("cinp_person_id", TEXT),
        ("cinp_cin_plan_start_date", DATE), ("cinp_cin_plan_end_date", DATE),
    ),
    "ssd_s47_enquiry": (
        ("s47e_s47_enquiry_id", TEXT), ("s47e_referral_id", TEXT), ("s47e_person_id", TEXT),
        ("s47e_s47_start_date", DATE), ("s47e_s47_outcome_json", TEXT),
    ),
    "ssd_initial_cp_conference": (
        ("icpc_icpc_id", TEXT), ("icpc_s47_enquiry_id", TEXT), ("icpc_person_id", TEXT),
        ("icpc_cp_plan_id", TEXT), ("icpc_referral_id", TEXT), ("icpc_icpc_transfer_in", TEXT),
        ("icpc_icpc_target_date", DATE), ("icpc_icpc_date", DATE),
        ("icpc_icpc_outcome_cp_flag", TEXT),
    ),
    "ssd_cp_plans": (
        ("cppl_cp_plan_id", TEXT), ("cppl_referral_id", TEXT), ("cppl_icpc_id", TEXT),
        ("cppl_person_id", TEXT), ("cppl_cp_plan_start_date", DATE),
        ("cppl_cp_plan_end_date", DATE), ("cppl_cp_plan_initial_category", TEXT),
        ("cppl_cp_plan_latest_category", TEXT),
    ),
    "ssd_cp_reviews": (
        ("cppr_cp_review_id", TEXT), ("cppr_person_id", TEXT), ("cppr_cp_plan_id", TEXT),
        ("cppr_cp_review_date", DATE),
    ),
}  # fmt: skip
"""The tables and columns the CIN census fills, in data-model column order."""

Row = dict[str, object]
_Add = Callable[[str, Row, "_Ranked"], None]


@dataclass(slots=True)
class _Ranked:
    census: CensusFile
    given: int

    @property
    def key(self) -> tuple[dt.date, int]:
        return (self.census.reference or dt.date.min, self.given)

    @property
    def label(self) -> str:
        ref = self.census.reference
        year = "" if ref is None else f" {self.census.schema - 1}-{self.census.schema % 100:02d}"
        return f"CIN census{year} ({self.census.path.name})"


def _yn(value: bool | None) -> str | None:
    return None if value is None else ("Y" if value else "N")


def read_cin(sources: Sequence[Path]) -> Imported:
    """Read CIN census XML files (any of schemas 2017-2026) into data-model tables.

    Args:
        sources: census files, in any order; several years at once are merged,
            later reference dates superseding earlier ones (see the module notes).

    Returns:
        The tables the census fills (columns it does not carry are left out),
        data-quality findings, and which file filled which table and column.

    Raises:
        InputError: with every structural problem in every file, if any; nothing
            is returned then.
    """
    errors: list[Problem] = []
    findings: list[Problem] = []
    ranked: list[_Ranked] = []
    for given, path in enumerate(sources):
        try:
            root = parse_xml(Path(path))
        except InputError as exc:
            errors.extend(exc.problems)
            continue
        census, file_errors, file_findings = read_file(Path(path), root)
        errors.extend(file_errors)
        findings.extend(file_findings)
        ranked.append(_Ranked(census, given))
    if errors:
        files = len({p.file for p in errors})
        raise InputError(
            f"{files} CIN census file{'s' if files != 1 else ''} cannot be read "
            f"({len(errors)} problem{'s' if len(errors) != 1 else ''})",
            errors,
        )
    ranked.sort(key=lambda r: r.key)
    for earlier, later in pairwise(ranked):
        if earlier.census.reference is not None and earlier.key[0] == later.key[0]:
            findings.append(
                finding(
                    later.census.path, "cin-same-year",
                    f"{earlier.census.path.name} and {later.census.path.name} have the same "
                    f"reference date; {later.census.path.name} (given later) supersedes it",
                    "give one file per census year",
                )
            )  # fmt: skip
    return _merge(ranked, findings)


def _keys(starts: Sequence[dt.date]) -> list[tuple[dt.date, int]]:
    """(start, n): the n-th item starting that day, in file order."""
    seen: dict[dt.date, int] = {}
    keys = []
    for start in starts:
        seen[start] = seen.get(start, 0) + 1
        keys.append((start, seen[start]))
    return keys


def _suffix(key: tuple[dt.date, int]) -> str:
    return key[0].isoformat() + (f"#{key[1]}" if key[1] > 1 else "")


Key = tuple[dt.date, int]


@dataclass(slots=True)
class _Episode:
    """One episode of need merged over the files holding it (later files win per item)."""

    child_id: str
    referral: Referral
    item: _Ranked
    row: int
    icpc: tuple[dt.date, _Ranked] | None = None
    assessments: dict[Key, tuple[Assessment, _Ranked]] = field(default_factory=dict)
    plans: dict[Key, tuple[tuple[dt.date, dt.date | None], _Ranked]] = field(default_factory=dict)
    s47s: dict[Key, tuple[S47, _Ranked]] = field(default_factory=dict)
    cpps: dict[Key, tuple[CpPlan, _Ranked]] = field(default_factory=dict)
    reviews: dict[Key, dict[dt.date, _Ranked]] = field(default_factory=dict)

    def take(self, ref: Referral, item: _Ranked) -> None:
        """Merge a (later) file's version of the episode into this one."""
        self.referral, self.item, self.row = ref, item, ref.row
        if ref.icpc is not None:
            self.icpc = (ref.icpc, item)
        for key, a in zip(_keys([a.start for a in ref.assessments]), ref.assessments, strict=True):
            self.assessments[key] = (a, item)
        for key, p in zip(_keys([p[0] for p in ref.plans]), ref.plans, strict=True):
            self.plans[key] = (p, item)
        for key, s in zip(_keys([s.start for s in ref.s47s]), ref.s47s, strict=True):
            self.s47s[key] = (s, item)
        for key, c in zip(_keys([c.start for c in ref.cpps]), ref.cpps, strict=True):
            self.cpps[key] = (c, item)
            held = self.reviews.setdefault(key, {})
            for day in c.reviews:
                held[day] = item


def _merge(ranked: Sequence[_Ranked], findings: list[Problem]) -> Imported:
    persons: dict[str, tuple[Child, _Ranked]] = {}
    episodes: dict[str, _Episode] = {}
    for item in ranked:
        in_file: dict[str, Child] = {}
        for child in item.census.children:
            first = in_file.get(child.child_id)
            if first is not None:
                findings.append(
                    item.census.at_line(finding(
                        item.census.path, "cin-duplicate-child",
                        f"LAchildID {child.child_id} is listed again (first at child "
                        f"{first.row}); the first listing's identifiers are kept and both "
                        "listings' episodes imported",
                        "list each child once", row=child.row, column="ChildIdentifiers/LAchildID",
                    ))
                )  # fmt: skip
                first.referrals.extend(child.referrals)
                continue
            in_file[child.child_id] = child
        for child in in_file.values():
            persons[child.child_id] = (child, item)
            keys = _keys([r.date for r in child.referrals])
            for key, referral in zip(keys, child.referrals, strict=True):
                episode_id = f"{child.child_id}/{_suffix(key)}"
                episode = episodes.setdefault(
                    episode_id, _Episode(child.child_id, referral, item, referral.row)
                )
                episode.take(referral, item)
    tables: dict[str, list[Row]] = {name: [] for name in COLUMNS}
    sources: dict[tuple[str, str], set[str]] = {}

    def add(table: str, row: Row, item: _Ranked) -> None:
        tables[table].append(row)
        for column, value in row.items():
            if value is not None:
                sources.setdefault((table, column), set()).add(item.label)

    for child_id, (child, item) in sorted(persons.items()):
        add("ssd_person", {
            "pers_person_id": child_id, "pers_upn": child.upn, "pers_sex": child.sex,
            "pers_ethnicity": child.ethnicity, "pers_dob": child.dob,
            "pers_upn_unknown": child.upn_unknown, "pers_expected_dob": child.expected_dob,
            "pers_death_date": child.death,
        }, item)  # fmt: skip
        for n, code in enumerate(child.disabilities, start=1):
            add("ssd_disability", {
                "disa_table_id": f"{child_id}/D{n}", "disa_person_id": child_id,
                "disa_disability_code": code,
            }, item)  # fmt: skip
    for episode_id, episode in sorted(episodes.items()):
        _episode(episode_id, episode, add)
    _overlaps(episodes, findings)
    built = {
        name: pa.table(
            {col: pa.array([r.get(col) for r in rows], type=kind) for col, kind in COLUMNS[name]}
        )
        for name, rows in tables.items()
    }
    provenance = tuple(
        Provenance(table, column, "; ".join(sorted(labels)))
        for (table, column), labels in sorted(sources.items())
    )
    return Imported(built, tuple(findings), provenance)


def _episode(episode_id: str, ep: _Episode, add: _Add) -> None:
    ref, child_id = ep.referral, ep.child_id
    add("ssd_cin_episodes", {
        "cine_referral_id": episode_id, "cine_person_id": child_id,
        "cine_referral_date": ref.date, "cine_cin_primary_need_code": ref.need,
        "cine_referral_source_code": ref.source, "cine_referral_nfa": _yn(ref.nfa),
        "cine_close_reason": ref.reason, "cine_close_date": ref.close,
    }, ep.item)  # fmt: skip
    for key, (a, item) in sorted(ep.assessments.items()):
        assessment_id = f"{episode_id}/A{_suffix(key)}"
        add("ssd_cin_assessments", {
            "cina_assessment_id": assessment_id, "cina_person_id": child_id,
            "cina_referral_id": episode_id, "cina_assessment_start_date": a.start,
            "cina_assessment_auth_date": a.auth,
        }, item)  # fmt: skip
        if a.factors:
            add("ssd_assessment_factors", {
                "cinf_table_id": f"{assessment_id}/F", "cinf_assessment_id": assessment_id,
                "cinf_assessment_factors_json": json.dumps(a.factors, separators=(",", ":")),
            }, item)  # fmt: skip
    for key, ((start, end), item) in sorted(ep.plans.items()):
        add("ssd_cin_plans", {
            "cinp_cin_plan_id": f"{episode_id}/P{_suffix(key)}", "cinp_referral_id": episode_id,
            "cinp_person_id": child_id, "cinp_cin_plan_start_date": start,
            "cinp_cin_plan_end_date": end,
        }, item)  # fmt: skip
    plans: dict[dt.date, str] = {}
    for key in sorted(ep.cpps, reverse=True):
        plans[key[0]] = f"{episode_id}/CPP{_suffix(key)}"
    held: set[dt.date] = set()
    for key, (s, item) in sorted(ep.s47s.items()):
        s47_id = f"{episode_id}/S{_suffix(key)}"
        outcome = None
        if s.not_required is not None:
            outcome = json.dumps({"CP_CONFERENCE_FLAG": "N" if s.not_required else "Y"})
        add("ssd_s47_enquiry", {
            "s47e_s47_enquiry_id": s47_id, "s47e_referral_id": episode_id,
            "s47e_person_id": child_id, "s47e_s47_start_date": s.start,
            "s47e_s47_outcome_json": outcome,
        }, item)  # fmt: skip
        if s.icpc is not None:
            held.add(s.icpc)
            _conference(add, item, f"{s47_id}/C", s47_id, child_id, episode_id, s.target, s.icpc,
                        plans)  # fmt: skip
    conferences = {day: f"{episode_id}/S{_suffix(k)}/C" for k, (s, _) in ep.s47s.items()
                   if (day := s.icpc) is not None}  # fmt: skip
    if ep.icpc is not None and ep.icpc[0] not in held:
        day, item = ep.icpc
        conferences[day] = f"{episode_id}/C"
        _conference(add, item, f"{episode_id}/C", None, child_id, episode_id, None, day, plans)
    for key, (p, item) in sorted(ep.cpps.items()):
        plan_id = f"{episode_id}/CPP{_suffix(key)}"
        add("ssd_cp_plans", {
            "cppl_cp_plan_id": plan_id, "cppl_referral_id": episode_id,
            "cppl_icpc_id": conferences.get(p.start), "cppl_person_id": child_id,
            "cppl_cp_plan_start_date": p.start, "cppl_cp_plan_end_date": p.end,
            "cppl_cp_plan_initial_category": p.initial, "cppl_cp_plan_latest_category": p.latest,
        }, item)  # fmt: skip
        for day, source in sorted(ep.reviews.get(key, {}).items()):
            add("ssd_cp_reviews", {
                "cppr_cp_review_id": f"{plan_id}/R{day.isoformat()}", "cppr_person_id": child_id,
                "cppr_cp_plan_id": plan_id, "cppr_cp_review_date": day,
            }, source)  # fmt: skip


def _conference(
    add: _Add,
    item: _Ranked,
    icpc_id: str,
    s47_id: str | None,
    child_id: str,
    episode_id: str,
    target: dt.date | None,
    day: dt.date,
    plans: dict[dt.date, str],
) -> None:
    """A conference row; it made a plan when a CP plan of the episode starts that day."""
    plan_id = plans.get(day)
    add("ssd_initial_cp_conference", {
        "icpc_icpc_id": icpc_id, "icpc_s47_enquiry_id": s47_id, "icpc_person_id": child_id,
        "icpc_cp_plan_id": plan_id, "icpc_referral_id": episode_id,
        "icpc_icpc_transfer_in": "N" if s47_id is not None else "Y",
        "icpc_icpc_target_date": target, "icpc_icpc_date": day,
        "icpc_icpc_outcome_cp_flag": "Y" if plan_id is not None else "N",
    }, item)  # fmt: skip


def _overlaps(episodes: dict[str, _Episode], out: list[Problem]) -> None:
    """A finding for each episode that starts before the child's previous one closed."""
    by_child: dict[str, list[tuple[Referral, _Ranked, int]]] = {}
    for ep in episodes.values():
        by_child.setdefault(ep.child_id, []).append((ep.referral, ep.item, ep.row))
    for child_id, items in sorted(by_child.items()):
        items.sort(key=lambda i: i[0].date)
        covered: tuple[dt.date, Referral] | None = None
        for ref, item, row in items:
            if covered is not None and ref.date <= covered[0]:
                prev = covered[1]
                out.append(
                    item.census.at_line(finding(
                        item.census.path, "cin-overlapping-episodes",
                        f"child {child_id}: the episode referred {ref.date.isoformat()} starts "
                        f"before the one referred {prev.date.isoformat()} closed; both imported",
                        "close the earlier episode, or merge the two, in the case system",
                        row=row, column="CINdetails/CINreferralDate",
                    ))
                )  # fmt: skip
            end = ref.close or dt.date.max
            if covered is None or end > covered[0]:
                covered = (end, ref)
