"""The council's own fostering households (``local_foster_carers``).

Households are approved and later stop fostering (deregistration, by
resignation or retirement for council foster carers; when the child they were
approved for moves on, for connected persons). Approvals arrive at a steady
rate and each household fosters for a random time, so the number of approved
households settles where approvals balance deregistrations. Each household is
supervised by a fostering social worker of one of the two fostering teams.

Calibrated to Kent's August 2016 scorecard (ID 45, average caseload of
fostering social workers 17.9 = 835 households / 46.6 FTE).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from kpibook.synth.context import Window
from kpibook.synth.roster import Roster


@dataclass(frozen=True, slots=True)
class FosterCarerParams:
    """Approval and deregistration rates of fostering households (defaults are calibrated)."""

    in_house_approvals_per_year: float = 89.0
    """Council foster carer households approved a year (Kent-sized, scale 1)."""
    in_house_mean_years: float = 8.0
    """Mean time a council foster carer household keeps fostering (exponential)."""
    connected_approvals_per_year: float = 62.0
    """Connected-person (family and friends) households approved a year."""
    connected_mean_years: float = 2.0
    """Mean time a connected-person household keeps fostering (exponential)."""
    records_begin: dt.date = dt.date(1990, 1, 1)
    """When the council's fostering records begin. Households already fostering
    then (as many as approvals and deregistrations balance at) carry this date as
    their approval date; approvals arrive at random after it."""
    teams: tuple[str, ...] = ("T_FOST_E", "T_FOST_W")
    """The fostering teams supervising households (chosen evenly)."""


PARAMS = FosterCarerParams()


def foster_carer_rows(
    rng: random.Random,
    window: Window,
    roster: Roster,
    scale: float,
    params: FosterCarerParams = PARAMS,
) -> Iterator[dict[str, object]]:
    """Rows of ``local_foster_carers``: every household fostering on or after the window's start.

    The households fostering when records begin are as many as the steady
    state holds (Poisson, mean approvals a year times mean years fostering);
    their remaining time is exponential like any other's (memoryless). The
    supervising worker is the fostering social worker in post on the
    household's last day in the window (their current worker).
    """
    kinds = (
        ("in_house", params.in_house_approvals_per_year, params.in_house_mean_years),
        ("connected_person", params.connected_approvals_per_year, params.connected_mean_years),
    )
    origin = min(params.records_begin, window.sim_start)
    n = 0
    for carer_type, per_year, mean_years in kinds:
        mean_gap_days = 365.25 / (per_year * scale)
        mean_stay_days = 365.25 * mean_years
        already = _poisson(rng, per_year * scale * mean_years)
        elapsed = 0.0
        while True:
            if already:
                already -= 1
                day = origin
            else:
                elapsed += rng.expovariate(1 / mean_gap_days)
                day = origin + dt.timedelta(days=int(elapsed))
            if day > window.end:
                break
            stay = dt.timedelta(days=max(1, int(rng.expovariate(1 / mean_stay_days))))
            leave = day + stay
            team_id = params.teams[rng.randrange(len(params.teams))]
            if leave < window.start:
                continue
            last = min(leave, window.end)
            worker = roster.pick(team_id, last, rng)
            n += 1
            yield {
                "household_id": f"FH{n:07d}",
                "carer_type": carer_type,
                "approval_date": day,
                "deregistration_date": leave if leave <= window.end else None,
                "supervising_worker_id": worker.professional_id,
                "team_id": team_id,
            }


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson-distributed count with the given mean (by exponential gaps)."""
    count, total = 0, rng.expovariate(1.0)
    while total < mean:
        count += 1
        total += rng.expovariate(1.0)
    return count
