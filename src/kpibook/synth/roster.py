"""Social workers: who works in which team, and when.

The roster is generated once per run, before the children, from the team
sizes the synthetic council needs. Each team has a funded establishment of
case-holding posts; each post is filled by a succession of workers, permanent
or agency, with a vacancy between one worker leaving and the next starting.
Every shard reads the same roster, so allocations across shards refer to the
same people, and the organisation tables (``ssd_professionals``,
``local_workforce``) are derived from it.

Calibrated to Kent's August 2016 scorecard (IDs 41-45): 524.0 FTE case-holding
posts in the social work teams, 404.3 FTE filled by permanent qualified social
workers (77.2%), 89.9 FTE by agency staff (17.2%), the rest vacant; 220.5 FTE
social workers in the district teams, 115.0 in the children in care teams and
46.6 in the fostering teams.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from kpibook.synth.geography import TEAMS

CASEHOLDING_FTE_2016: dict[str, float] = {
    "cswt": 19.5,
    "cic": 20.3,
    "disability": 16.0,
    "uasc": 35.0,
    "adoption": 18.0,
    "care_leavers": 34.0,
    "fostering": 24.7,
    "front_door": 20.0,
    "iro": 18.0,
}
"""Funded case-holding posts (FTE) per team of each type at scale 1 (Kent-like, 2016).

The social work teams (all but the front door and the reviewing officers) sum
to Kent's 524.0 FTE: 12 district teams, 6 children in care teams, 2 disabled
children's teams, 2 fostering teams and one each of the county-wide services."""


@dataclass(frozen=True, slots=True)
class RosterParams:
    """Staff turnover and vacancy rates (defaults are calibrated)."""

    agency_hire_share: float = 0.47
    """Chance a post is filled by an agency worker rather than a permanent one.
    Agency stays are short, so about 47% of appointments give the 17% of filled
    time Kent reports (ID 42)."""
    permanent_stay_days: float = 1460.0
    """Mean time a permanent worker stays in a post (exponential, about 4 years)."""
    agency_stay_days: float = 365.0
    """Mean time an agency worker stays in a post (exponential, about 1 year)."""
    minimum_stay_days: int = 30
    """Shortest stay in a post."""
    vacancy_days: tuple[int, int] = (14, 100)
    """Range of the gap (uniform, days) between one worker leaving and the next
    starting; a mean of 57 days leaves about 5.7% of posts vacant (Kent 29.8 / 524)."""
    part_time_share: float = 0.15
    """Share of posts that are part time."""
    part_time_fte: float = 0.6
    """FTE of a part-time post."""
    front_door_qualified: float = 0.7
    """Share of front-door permanent staff who are qualified social workers."""


PARAMS = RosterParams()


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
    """Workers by team, and how to pick one on a given day.

    Attributes:
        workers: every worker, in the order they were generated.
        establishment: funded case-holding posts (FTE) of each team.
    """

    def __init__(
        self,
        workers: tuple[Worker, ...],
        establishment: Mapping[str, float] | None = None,
        posts: Mapping[str, tuple[tuple[Worker, ...], ...]] | None = None,
    ) -> None:
        """Index ``workers`` by team.

        Args:
            workers: every worker.
            establishment: funded posts (FTE) by team id.
            posts: by team id, each post's successive workers in date order;
                with it, :meth:`pick` samples posts (fast at any scale).
        """
        self.workers = workers
        self.establishment: Mapping[str, float] = MappingProxyType(dict(establishment or {}))
        by_team: dict[str, list[Worker]] = {}
        for w in workers:
            by_team.setdefault(w.team_id, []).append(w)
        self._by_team = {
            k: sorted(v, key=lambda w: (w.start, w.professional_id)) for k, v in by_team.items()
        }
        self._starts = {k: [w.start for w in v] for k, v in self._by_team.items()}
        self._posts = {k: v for k, v in (posts or {}).items() if v}
        self._post_starts = {
            k: tuple([w.start for w in post] for post in v) for k, v in self._posts.items()
        }

    def pick(self, team_id: str, day: dt.date, rng: random.Random) -> Worker:
        """A worker of ``team_id`` in post on ``day`` and staying after it, chosen at random.

        Picks a post of the team at random and returns its holder on ``day``,
        trying again if the post is vacant or its holder leaves that day; every
        such worker is equally likely. A worker on their last day is never
        picked (a case allocated on the day is allocated to someone staying),
        so an allocation always moves forward in time. Every team has one post
        that is never vacant, so someone is always in post between the
        roster's start and end; outside it, the nearest starter is returned.
        """
        posts = self._posts.get(team_id)
        if posts is not None:
            starts = self._post_starts[team_id]
            for _ in range(24):
                k = rng.randrange(len(posts))
                i = bisect_right(starts[k], day) - 1
                if i >= 0 and posts[k][i].leave > day:
                    return posts[k][i]
        team = self._by_team[team_id]
        upto = bisect_right(self._starts[team_id], day)
        for _ in range(8):
            if upto == 0:
                break
            w = team[rng.randrange(upto)]
            if w.leave > day:
                return w
        in_post = [w for w in team[:upto] if w.leave > day]
        if in_post:
            return in_post[rng.randrange(len(in_post))]
        return team[min(upto, len(team) - 1)]


def build_roster(
    seed: int, sim_start: dt.date, end: dt.date, scale: float, params: RosterParams = PARAMS
) -> Roster:
    """Generate every team's workers from ``sim_start`` to ``end``.

    Each team gets posts until their FTE reaches its establishment
    (:data:`CASEHOLDING_FTE_2016` times ``scale``; at least two posts). Each
    post is filled by a succession of workers: a worker stays a random time
    (exponential, mean about 4 years for permanent staff, 1 year for agency
    staff); the post is then vacant for a few weeks before the next starts
    (except each team's first post, which is never vacant).
    """
    rng = random.Random(f"roster:{seed}")
    workers: list[Worker] = []
    establishment: dict[str, float] = {}
    posts_by_team: dict[str, list[tuple[Worker, ...]]] = {}
    far = dt.date(2099, 12, 31)
    low, high = params.vacancy_days
    n = 0
    for team in TEAMS:
        target = CASEHOLDING_FTE_2016.get(team.team_type, 6.0) * scale
        total = 0.0
        n_posts = 0
        while n_posts < 2 or total < target - 0.3:
            fte = params.part_time_fte if rng.random() < params.part_time_share else 1.0
            total += fte
            n_posts += 1
            day = sim_start - dt.timedelta(days=rng.randrange(0, 1500))
            holders: list[Worker] = []
            while day <= end:
                agency = rng.random() < params.agency_hire_share
                mean = params.agency_stay_days if agency else params.permanent_stay_days
                stay = max(params.minimum_stay_days, int(rng.expovariate(1 / mean)))
                leave = day + dt.timedelta(days=stay)
                qualified = (
                    team.team_type != "front_door"
                    or agency
                    or rng.random() < params.front_door_qualified
                )
                n += 1
                holders.append(
                    Worker(
                        professional_id=str(90_000_000 + n),
                        team_id=team.team_id,
                        start=day,
                        leave=leave if leave <= end else far,
                        agency=agency,
                        fte=fte,
                        qualified=qualified,
                    )
                )
                # The team's first post is never left vacant (the next worker
                # starts the day the last one leaves): someone is always in post.
                gap = rng.randint(low, high) if n_posts > 1 else 0
                day = leave + dt.timedelta(days=gap)
            workers.extend(holders)
            posts_by_team.setdefault(team.team_id, []).append(tuple(holders))
        establishment[team.team_id] = round(total, 1)
    return Roster(tuple(workers), establishment, {k: tuple(v) for k, v in posts_by_team.items()})
