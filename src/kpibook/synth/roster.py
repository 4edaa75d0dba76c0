"""Social workers: who works in which team, and when.

The roster is generated once per run, before the children, from the team
sizes the synthetic council needs, with staff turnover and a share of
agency workers. Every shard reads the same roster, so allocations across
shards refer to the same people.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_right
from dataclasses import dataclass

from kpibook.synth.geography import TEAMS

CASEHOLDING_FTE_2016: dict[str, float] = {
    "cswt": 18.5,
    "cic": 23.0,
    "disability": 14.0,
    "uasc": 30.0,
    "adoption": 14.0,
    "care_leavers": 22.0,
    "fostering": 23.3,
    "front_door": 20.0,
    "iro": 18.0,
}
"""Case-holding FTE per team of each type at scale 1 (Kent-like, 2016)."""


@dataclass(frozen=True, slots=True)
class Worker:
    """One professional's time in one team."""

    professional_id: str
    team_id: str
    start: dt.date
    leave: dt.date
    """Last day in the team (far in the future for staff still in post)."""
    agency: bool
    fte: float
    qualified: bool


class Roster:
    """Workers by team, and how to pick one on a given day."""

    def __init__(self, workers: tuple[Worker, ...]) -> None:
        self.workers = workers
        by_team: dict[str, list[Worker]] = {}
        for w in workers:
            by_team.setdefault(w.team_id, []).append(w)
        self._by_team = {k: sorted(v, key=lambda w: (w.start, w.professional_id)) for k, v in by_team.items()}
        self._starts = {k: [w.start for w in v] for k, v in self._by_team.items()}

    def pick(self, team_id: str, day: dt.date, rng: random.Random) -> Worker:
        """A worker of ``team_id`` in post on ``day``, chosen at random.

        Falls back to the team's most recent starter if nobody is in post
        (only possible at the very edges of the simulated period).
        """
        team = self._by_team[team_id]
        upto = bisect_right(self._starts[team_id], day)
        for _ in range(8):
            if upto == 0:
                break
            w = team[rng.randrange(upto)]
            if w.leave >= day:
                return w
        in_post = [w for w in team[:upto] if w.leave >= day]
        if in_post:
            return in_post[rng.randrange(len(in_post))]
        return team[min(upto, len(team) - 1)]


def build_roster(
    seed: int, sim_start: dt.date, end: dt.date, scale: float
) -> Roster:
    """Generate every team's workers from ``sim_start`` to ``end``.

    Each post is filled by a succession of workers. A worker stays a random
    time (exponential, mean about 4 years for permanent staff, 1 year for
    agency staff); the post is then vacant for a few weeks before the next.
    """
    rng = random.Random(f"roster:{seed}")
    workers: list[Worker] = []
    far = dt.date(2099, 12, 31)
    n = 0
    for team in TEAMS:
        posts = max(2, round(CASEHOLDING_FTE_2016.get(team.team_type, 6.0) * scale * 1.1))
        for _ in range(posts):
            day = sim_start - dt.timedelta(days=rng.randrange(0, 1500))
            while day <= end:
                agency = rng.random() < 0.17
                stay = rng.expovariate(1 / (365 if agency else 1460))
                leave = day + dt.timedelta(days=max(30, int(stay)))
                n += 1
                workers.append(
                    Worker(
                        professional_id=str(90_000_000 + n),
                        team_id=team.team_id,
                        start=day,
                        leave=leave if leave <= end else far,
                        agency=agency,
                        fte=1.0 if rng.random() < 0.85 else 0.6,
                        qualified=team.team_type not in ("front_door",) or rng.random() < 0.7,
                    )
                )
                day = leave + dt.timedelta(days=rng.randrange(7, 60))
    return Roster(tuple(workers))
