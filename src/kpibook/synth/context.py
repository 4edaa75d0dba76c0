"""The state a simulated child's journey writes into.

A run is split into independent *shards* (a slice of one district's
children, or of the unaccompanied asylum-seeking children arriving in the
county). Each shard has its own seeded random generator, its own id counters
and its own :class:`~kpibook.synth.sink.Batch`, so shards can run in any order
or in parallel and still give the same files.

Random streams: the shard's generator (``shard.rng``) draws only who arrives
and when (arrival days and the characteristics a child arrives with); each
child's journey draws from a stream of its own (``child.rng``, seeded by the
run's seed and the child's person id), and a professional allocated alongside
the case holder (the IRO) from another (``child.stream(purpose)``). So a
change to one process rate changes the journeys of the children it touches
and no other child's: tuning, say, how often review conferences end child
protection plans leaves every other child's records as they were (only their
row ids, numbered across the shard, can shift).

Journey code simulates one child at a time with a :class:`ChildContext`:

* ``child.emit(table, **columns)`` records a row (unknown columns fail at once);
* ``child.hold_case(team_id, start, end, referral_id)`` records which team and
  which worker hold the case (``ssd_involvements``), with worker changes;
* ``child.new_id(kind)`` gives a fresh, deterministic id.

Dates after the window's end are never written: a phase still running at the
end date is written with an empty end date (``child.open_end(day)``), and
events after it are not written at all (``child.window.includes(day)``).
When the child's journey is done, ``child.finish()`` writes the person row and
keeps the child's rows only if the child was active on or after the window's
start: children whose whole history ended before it are not in the extract.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from kpibook.synth.geography import District
from kpibook.synth.postcodes import Postcode
from kpibook.synth.roster import Roster
from kpibook.synth.sink import COLUMN_COUNTS, COLUMNS, DATE_POSITIONS, Batch

ONE_DAY = dt.timedelta(days=1)

_TABLES: dict[str, tuple[tuple[str, ...], frozenset[str], tuple[int, ...]]] = {
    table: (names, frozenset(names), DATE_POSITIONS[table]) for table, names in COLUMNS.items()
}
"""For each table: its column names in order, as a set, and the positions of its dates."""


@dataclass(frozen=True, slots=True)
class Window:
    """The simulated period.

    Attributes:
        sim_start: when simulation begins (a warm-up before ``start`` so that
            the window opens with a realistic stock of open cases).
        start: first day of the output window (``--from``).
        end: last day of the output window (last day of ``--to``).
    """

    sim_start: dt.date
    start: dt.date
    end: dt.date

    def includes(self, day: dt.date) -> bool:
        """Whether ``day`` is on or before the window's end (and so may be written)."""
        return day <= self.end


class Ids:
    """Deterministic ids, unique across shards: ``<shard+1><7-digit counter>``."""

    def __init__(self, shard_index: int) -> None:
        self._base = (shard_index + 1) * 10_000_000
        self._limit = self._base + 10_000_000
        self._counters: dict[str, int] = {}
        """The last id given for each kind (absolute: base + counter)."""

    def next(self, kind: str) -> str:
        """The next id for ``kind`` (each kind counts separately)."""
        counters = self._counters
        n = counters.get(kind, self._base) + 1
        if n >= self._limit:
            raise OverflowError(f"shard id space exhausted for {kind}")
        counters[kind] = n
        return str(n)


@dataclass
class Shard:
    """One independent slice of the simulation.

    Attributes:
        index: shard number (ids and the random seed derive from it).
        seed: the run's seed.
        window: the simulated period.
        district: the district whose children this shard simulates, or None
            for the county-wide unaccompanied asylum-seeking children shard.
        share: the fraction of the district's (scaled) demand this shard carries.
        roster: every team's workers.
        batch: rows of in-scope children.
    """

    index: int
    seed: int
    window: Window
    district: District | None
    share: float
    roster: Roster
    rng: random.Random = field(init=False)
    ids: Ids = field(init=False)
    batch: Batch = field(default_factory=Batch)
    children_written: int = 0

    def __post_init__(self) -> None:
        self.rng = random.Random(f"shard:{self.seed}:{self.index}")
        self.ids = Ids(self.index)

    def child(self, dob: dt.date, sex: str, district_id: str) -> ChildContext:
        """Start a new child in this shard (with a random stream of its own)."""
        return ChildContext(self, self.ids.next("person"), dob, sex, district_id)


class ChildContext:
    """One child's journey in progress."""

    def __init__(self, shard: Shard, person_id: str, dob: dt.date, sex: str, district_id: str):
        self.shard = shard
        self.rng = random.Random(f"child:{shard.seed}:{person_id}")
        """The child's own random stream (seeded by the run and the child): every draw of
        the journey comes from it, so other children's journeys never shift its draws."""
        self._streams: dict[str, int] = {}
        """How many streams :meth:`stream` has given for each purpose."""
        self.window = shard.window
        self.person_id = person_id
        self.dob = dob
        self.sex = sex
        self.district_id = district_id
        self.person: dict[str, object] = {}
        """Extra ``ssd_person`` columns set by journey code (ethnicity, nationality...)."""
        self.batch = Batch()
        self._rows = self.batch.by_table
        self.new_id: Callable[[str], str] = shard.ids.next
        """A fresh id for a row of ``kind`` (use the table name): ``child.new_id(kind)``."""
        self.latest = dt.date.min
        self.is_uasc = False
        """Unaccompanied asylum-seeking child (the flag persists after 18)."""
        self.disabled = False
        """Has a disability recorded (cases are held by the disabled children's teams)."""
        self.home_postcode: Postcode | None = None
        """Home address postcode (placement distances are measured from it)."""
        self.current_team: str | None = None

    # -- ids and rows -------------------------------------------------------

    def emit(self, table: str, **values: object) -> None:
        """Record one row of ``table`` for this child.

        Every date value must be on or before the window's end.
        """
        spec = _TABLES.get(table)
        if spec is None or not spec[1].issuperset(values):
            self.batch.add(table, values)  # raises KeyError: no such table or column
            raise AssertionError("unreachable")
        names, _, dates = spec
        row = tuple(map(values.get, names))
        self._rows[table].append(row)
        latest = self.latest
        for i in dates:
            value = row[i]
            if value is not None and value > latest:  # type: ignore[operator]
                if value > self.window.end:  # type: ignore[operator]
                    raise ValueError(f"{table}: {value} is after the window end {self.window.end}")
                latest = value  # type: ignore[assignment]
        self.latest = latest

    def emit_row(self, table: str, row: tuple[object, ...]) -> None:
        """Record one row of ``table`` given as a tuple in the table's column order.

        A fast path for high-volume tables (the data model gives the order); the
        row must have every column. Every date value must be on or before the
        window's end.
        """
        if len(row) != COLUMN_COUNTS[table]:
            raise ValueError(f"{table}: a row needs {COLUMN_COUNTS[table]} values, not {len(row)}")
        self._rows[table].append(row)
        latest = self.latest
        for i in DATE_POSITIONS[table]:
            value = row[i]
            if value is not None and value > latest:  # type: ignore[operator]
                if value > self.window.end:  # type: ignore[operator]
                    raise ValueError(f"{table}: {value} is after the window end {self.window.end}")
                latest = value  # type: ignore[assignment]
        self.latest = latest

    def touch(self, day: dt.date) -> None:
        """Note that the child was active on ``day`` (for the window-scope rule)."""
        day = min(day, self.window.end)
        if day > self.latest:
            self.latest = day

    def open_end(self, day: dt.date | None) -> dt.date | None:
        """``day`` if it is within the window, else None (still open at the end).

        Touches the window end when the phase is still open.
        """
        if day is None or day > self.window.end:
            self.touch(self.window.end)
            return None
        return day

    def age_on(self, day: dt.date) -> int:
        """The child's age in whole years on ``day``."""
        years = day.year - self.dob.year
        return years - 1 if (day.month, day.day) < (self.dob.month, self.dob.day) else years

    def birthday(self, age: int) -> dt.date:
        """The date the child turns ``age`` (29 February birthdays fall on 1 March)."""
        try:
            return self.dob.replace(year=self.dob.year + age)
        except ValueError:
            return dt.date(self.dob.year + age, 3, 1)

    # -- allocation ---------------------------------------------------------

    def hold_case(
        self,
        team_id: str,
        start: dt.date,
        end: dt.date | None,
        referral_id: str | None,
        *,
        role: str = "CW",
        mean_allocation_days: float = 420.0,
        rng: random.Random | None = None,
    ) -> None:
        """Record that ``team_id`` holds the case from ``start`` to ``end``.

        Writes ``ssd_involvements`` rows: a worker of the team in post at the
        start, replaced when they leave the team or when the case is
        reallocated (random, mean ``mean_allocation_days``). ``end`` None, or
        after the window, leaves the last allocation open. With ``rng``
        (another professional alongside the case holder, such as the IRO) the
        draws come from it and the case-holding team is left as it is.
        """
        if start > self.window.end:
            return
        if rng is None:
            self.current_team = team_id
        stop = end if end is not None and end <= self.window.end else None
        last = stop or self.window.end
        day = start
        rng = rng or self.rng
        pick = self.shard.roster.pick
        rate = 1 / mean_allocation_days
        fortnight = dt.timedelta(days=14)
        while True:
            worker = pick(team_id, day, rng)
            change = day + dt.timedelta(days=max(14, int(rng.expovariate(rate))))
            # A worker always holds the case for at least a fortnight, even when the
            # roster had nobody in post and lent a leaver (only at the period's edges).
            seg_end = min(max(worker.leave, day + fortnight), change)
            if seg_end >= last:
                self._involvement(
                    worker.professional_id, team_id, role, day, stop, None, referral_id
                )
                break
            reason = (
                "LEFTRL"
                if worker.leave <= change
                else rng.choice(("MANAGE", "ORGRST", "ABSENC", "CHCHAN", "PCCHAN", "OTHERS"))
            )
            self._involvement(
                worker.professional_id, team_id, role, day, seg_end, reason, referral_id
            )
            day = seg_end
        if stop is None:
            self.touch(self.window.end)

    def stream(self, purpose: str) -> random.Random:
        """A new random stream of this child's for ``purpose``.

        Seeded by the run, the child, the purpose and how many streams the
        child has already had for it, so its draws depend on nothing another
        child does and take none from :attr:`rng`.
        """
        n = self._streams.get(purpose, 0)
        self._streams[purpose] = n + 1
        return random.Random(f"{purpose}:{self.shard.seed}:{self.person_id}:{n}")

    def hold_iro(self, team_id: str, start: dt.date, end: dt.date | None) -> None:
        """Allocate an independent reviewing officer for a period of care.

        Draws from a random stream of its own (seeded by the run, the child and
        the child's period of care, one stream per period), so adding IROs
        changes no other simulated event.
        """
        own = self.stream("iro")
        self.hold_case(team_id, start, end, None, role="IRO", mean_allocation_days=900.0, rng=own)

    def _involvement(
        self,
        worker_id: str,
        team_id: str,
        role: str,
        start: dt.date,
        end: dt.date | None,
        reason: str | None,
        referral_id: str | None,
    ) -> None:
        # Columns in ssd_involvements order.
        self.emit_row(
            "ssd_involvements",
            (
                self.new_id("ssd_involvements"),
                worker_id,
                role,
                team_id,
                self.person_id,
                start,
                end,
                reason,
                referral_id,
            ),
        )

    # -- the end ------------------------------------------------------------

    def finish(self) -> bool:
        """Write the person row and keep the child if active in the window.

        Returns whether the child was kept.
        """
        if self.latest < self.window.start or self.dob > self.window.end:
            return False
        self.emit(
            "ssd_person",
            pers_person_id=self.person_id,
            pers_legacy_id=None,
            pers_sex=self.sex,
            pers_gender=self.sex,
            pers_dob=self.dob,
            **self.person,
        )
        self.shard.batch.extend(self.batch)
        self.shard.children_written += 1
        return True
