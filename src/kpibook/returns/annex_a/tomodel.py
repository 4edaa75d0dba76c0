"""Turning the rows of Annex A lists into data-model tables.

The rules, list by list, are documented in ``docs/returns-annex-a.md``. In
short: each list row becomes a row of the list's own table (contacts, early
help, referrals, assessments, enquiries, plans, periods of care, care leavers,
adoption); children are gathered into ``ssd_person``; allocated teams and
workers become ``ssd_department``, ``ssd_professionals`` and
``ssd_involvements``. Identifiers Annex A does not carry are made up from the
list and row (``AA3-12`` is List 3, data row 12).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyarrow as pa

from kpibook.model import SCHEMA, ColumnType
from kpibook.problems import Problem
from kpibook.returns.annex_a.workbook import Row, Sheet
from kpibook.returns.common import Provenance, finding

_ARROW = {
    ColumnType.TEXT: pa.string(),
    ColumnType.FLAG: pa.string(),
    ColumnType.DATE: pa.date32(),
    ColumnType.INTEGER: pa.int64(),
    ColumnType.DECIMAL: pa.float64(),
}
_PERSON = {"sex": "pers_sex", "ethnicity": "pers_ethnicity", "dob": "pers_dob"}


def as_date(value: object) -> dt.date | None:
    """The value if it is a date, else None."""
    return value if isinstance(value, dt.date) else None


def as_text(value: object) -> str | None:
    """The value if it is text, else None."""
    return value if isinstance(value, str) else None


@dataclass(slots=True)
class Episode:
    referral_id: str
    person: str
    start: dt.date


@dataclass(slots=True)
class Builder:
    """Collects model rows, findings and provenance while lists are mapped."""

    rows: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    provenance: set[tuple[str, str, str]] = field(default_factory=set)
    findings: list[Problem] = field(default_factory=list)
    persons: dict[str, dict[str, object]] = field(default_factory=dict)
    workers: dict[str, str] = field(default_factory=dict)
    teams: dict[str, str] = field(default_factory=dict)
    episodes: dict[str, list[Episode]] = field(default_factory=dict)
    """Referral episodes by child, for linking later lists to them."""
    allocations: dict[tuple[str, str | None, str | None, str], dict[str, object]] = field(
        default_factory=dict
    )
    periods: dict[str, str] = field(default_factory=dict)

    def add(self, table: str, source: str, values: dict[str, object]) -> dict[str, object]:
        """Append a row to ``table``, recording provenance of its filled columns."""
        row = dict(values)
        self.rows.setdefault(table, []).append(row)
        self.note(table, source, row)
        return row

    def note(self, table: str, source: str, values: dict[str, object]) -> None:
        """Record that ``source`` filled the non-empty columns in ``values``."""
        for column, value in values.items():
            if value is not None:
                self.provenance.add((table, column, source))

    def person(self, sheet: Sheet, row: Row) -> str:
        """The child's id, adding or checking their ``ssd_person`` row."""
        person_id = str(row.values["child_id"])
        values: dict[str, object] = {"pers_person_id": person_id}
        for key, column in _PERSON.items():
            if key in sheet.present:
                values[column] = row.values.get(key)
        known = self.persons.get(person_id)
        if known is None:
            self.persons[person_id] = values
            self.note("ssd_person", sheet.spec.source, values)
            return person_id
        for column, value in values.items():
            if value is None:
                continue
            if known.get(column) is None:
                known[column] = value
                self.note("ssd_person", sheet.spec.source, {column: value})
            elif known[column] != value:
                self.findings.append(
                    finding(
                        sheet.file,
                        "conflicting-person",
                        f"{column} of this child differs from an earlier list; the earlier "
                        "value is kept",
                        "correct the child's record so every list agrees",
                        row=row.number,
                        column=column,
                        sheet=sheet.title,
                    )
                )
        return person_id

    def team(self, name: str | None, source: str) -> str | None:
        """The team id for a team name (the name itself), adding it to ``ssd_department``."""
        if name is None:
            return None
        if name not in self.teams:
            self.teams[name] = name
            self.add(
                "ssd_department",
                source,
                {"dept_team_id": name, "dept_team_name": name},
            )
        return name

    def worker(self, name: str | None, team: str | None, source: str) -> str | None:
        """The professional id for a worker name, adding them to ``ssd_professionals``.

        The same name is taken to be the same worker; ids are ``AAW-1``, ``AAW-2`` ...
        in the order workers first appear.
        """
        if name is None:
            return None
        if name not in self.workers:
            professional_id = f"AAW-{len(self.workers) + 1}"
            self.workers[name] = professional_id
            self.add(
                "ssd_professionals",
                source,
                {
                    "prof_professional_id": professional_id,
                    "prof_professional_name": name,
                    "prof_professional_department": team,
                },
            )
        return self.workers[name]

    def allocate(
        self,
        sheet: Sheet,
        row: Row,
        person: str,
        span: tuple[dt.date | None, dt.date | None],
        *,
        referral: str | None = None,
        role: str = "CW",
        worker_key: str = "worker",
    ) -> tuple[str | None, str | None]:
        """Record the row's allocated team and worker; returns (team id, professional id).

        One involvement is kept per child, team, worker and role, from the
        earliest start to the latest end of the rows naming them (open if any is open).
        """
        source = sheet.spec.source
        team = self.team(as_text(row.values.get("team")), source)
        worker = self.worker(as_text(row.values.get(worker_key)), team, source)
        if team is None and worker is None:
            return None, None
        key = (person, team, worker, role)
        start, end = span
        known = self.allocations.get(key)
        if known is None:
            self.allocations[key] = self.add(
                "ssd_involvements",
                source,
                {
                    "invo_involvements_id": f"AA{sheet.spec.number}-{row.number}-{role}",
                    "invo_professional_id": worker,
                    "invo_professional_role_id": role,
                    "invo_professional_team": team,
                    "invo_person_id": person,
                    "invo_involvement_start_date": start,
                    "invo_involvement_end_date": end,
                    "invo_referral_id": referral,
                },
            )
            return team, worker
        old_start = as_date(known["invo_involvement_start_date"])
        old_end = as_date(known["invo_involvement_end_date"])
        if start is not None and (old_start is None or start < old_start):
            known["invo_involvement_start_date"] = start
        if old_end is not None and (end is None or end > old_end):
            known["invo_involvement_end_date"] = end
        return team, worker

    def referral_for(self, person: str, day: dt.date | None) -> str | None:
        """The child's latest referral on or before ``day``."""
        if day is None:
            return None
        best: Episode | None = None
        for episode in self.episodes.get(person, ()):
            later = best is None or episode.start >= best.start
            if episode.person == person and episode.start <= day and later:
                best = episode
        return None if best is None else best.referral_id

    def tables(self) -> dict[str, pa.Table]:
        """The collected rows as typed tables with every model column."""
        if self.persons:
            self.rows["ssd_person"] = list(self.persons.values())
        out: dict[str, pa.Table] = {}
        for name in sorted(self.rows):
            model = SCHEMA.table(name)
            rows = self.rows[name]
            out[name] = pa.table(
                {
                    c.name: pa.array([r.get(c.name) for r in rows], _ARROW[c.type])
                    for c in model.columns
                }
            )
        return out

    def provenance_list(self) -> tuple[Provenance, ...]:
        """Provenance records, sorted."""
        return tuple(Provenance(t, c, s) for t, c, s in sorted(self.provenance))


def rows_of(sheets: dict[int, Sheet], number: int) -> Iterable[tuple[Sheet, Row]]:
    """The (sheet, row) pairs of list ``number``, if the workbook has it."""
    sheet = sheets.get(number)
    if sheet is None:
        return ()
    return ((sheet, row) for row in sheet.rows)
