"""Private fostering: children cared for by someone other than a close relative.

A private fostering arrangement is one where a child under 16 (18 if
disabled) is cared for for 28 days or more by an adult who is not a parent or
close relative, by private arrangement. The council must be notified (often
late), and must then visit: within 7 days of notification, then at least
every 6 weeks in the first year of the arrangement and every 12 weeks after
(The Children (Private Arrangements for Fostering) Regulations 2005, regs 7-8).
The district children's social work team holds the case while the
arrangement lasts.

Calibrated to Kent's August 2016 scorecard: 25 current arrangements county-wide
(SCS Activity, PF cases) and 80.1% of visits to current arrangements held in
timescale (ID 8, 109 / 136).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kpibook.synth.context import ChildContext, Shard
from kpibook.synth.geography import DISTRICTS, District
from kpibook.synth.postcodes import home_postcodes_by_district

_DAY = dt.timedelta(days=1)
_KENT_CHILDREN = sum(d.children_2016 for d in DISTRICTS)


@dataclass(frozen=True, slots=True)
class PrivateFosteringParams:
    """Rates and durations of private fostering arrangements (defaults are calibrated)."""

    notifications_per_year: float = 35.0
    """New arrangements notified a year, county-wide at scale 1 (split by child population);
    with the lengths below, about 25 arrangements are current at any time (Kent: 25)."""
    minimum_days: int = 28
    """Shortest arrangement (shorter ones are not private fostering)."""
    mean_extra_days: float = 275.0
    """Mean length beyond the minimum (exponential); arrangements also end at 16."""
    ages: tuple[int, ...] = tuple(range(2, 16))
    """Ages (whole years) at which arrangements begin."""
    age_weights: tuple[float, ...] = (1, 1, 1, 1, 1, 1, 2, 2, 3, 4, 5, 6, 6, 5)
    """Relative weight of each age: mostly teenagers (including pupils from overseas)."""
    advance_notice: float = 0.2
    """Share of arrangements notified before they begin (the rest are notified late)."""
    advance_days: tuple[int, int] = (7, 42)
    """Range of advance notice (days before the start)."""
    late_mean_days: float = 21.0
    """Mean delay (exponential) between the start and a late notification."""
    first_visit_days: int = 7
    """The first visit is due this many days after notification (or the start)."""
    year_one_interval_days: int = 42
    """Visits are due every 6 weeks in the arrangement's first year..."""
    later_interval_days: int = 84
    """...and every 12 weeks after."""
    on_time: float = 0.80
    """Chance a visit is held by its due date."""
    early_days: int = 10
    """An on-time visit is held up to this many days before it is due."""
    late_mean_days_visit: float = 12.0
    """Mean delay (exponential, after the due date) of a late visit."""
    ethnicity: tuple[tuple[str, float], ...] = (
        ("WBRI", 0.35), ("WOTH", 0.15), ("BAFR", 0.15), ("CHNE", 0.10), ("AOTH", 0.10),
        ("MOTH", 0.05), ("BOTH", 0.05), ("OOTH", 0.05),
    )  # fmt: skip
    """Ethnicity of privately fostered children (many come from overseas)."""


PARAMS = PrivateFosteringParams()


def simulate_private_fostering(shard: Shard, params: PrivateFosteringParams = PARAMS) -> None:
    """Simulate the private fostering arrangements notified in the shard's district.

    Arrangements begin at random (a Poisson process) from the simulation
    start to the window's end, at the district's share of the county rate.
    """
    district = shard.district
    if district is None:
        return
    rate = params.notifications_per_year * district.children_2016 / _KENT_CHILDREN * shard.share
    mean_gap = 365.25 / rate
    window = shard.window
    elapsed = 0.0
    while True:
        elapsed += shard.rng.expovariate(1 / mean_gap)
        start = window.sim_start + dt.timedelta(days=int(elapsed))
        if start > window.end:
            return
        _arrangement(shard, district, start, params)


def _arrangement(
    shard: Shard, district: District, start: dt.date, params: PrivateFosteringParams
) -> None:
    """One privately fostered child: the arrangement, its visits and the case."""
    rng = shard.rng
    age = rng.choices(params.ages, params.age_weights)[0]
    dob = start - dt.timedelta(days=age * 365 + rng.randrange(365))
    sex = "M" if rng.random() < 0.5 else "F"
    if rng.random() < params.advance_notice:
        notified = start - dt.timedelta(days=rng.randint(*params.advance_days))
    else:
        notified = start + dt.timedelta(days=int(rng.expovariate(1 / params.late_mean_days)))
    length = params.minimum_days + int(rng.expovariate(1 / params.mean_extra_days))
    child = shard.child(dob, sex, district.district_id)
    end = min(start + dt.timedelta(days=length), child.birthday(16) - _DAY)
    if notified > shard.window.end or notified >= end or dob >= notified:
        return
    rng = child.rng  # the rest of the arrangement draws from the child's own stream
    codes = [code for code, _ in params.ethnicity]
    weights = [w for _, w in params.ethnicity]
    child.person["pers_ethnicity"] = rng.choices(codes, weights)[0]
    team_id = district.cswt_ids[rng.randrange(len(district.cswt_ids))]
    postcodes = home_postcodes_by_district()[district.ons_code]
    postcode = postcodes[rng.randrange(len(postcodes))]
    child.home_postcode = postcode
    begin = max(start, notified)
    child.emit(
        "ssd_address",
        addr_table_id=child.new_id("ssd_address"),
        addr_person_id=child.person_id,
        addr_address_type="HOME",
        addr_address_start_date=start,
        addr_address_end_date=child.open_end(end),
        addr_address_postcode=postcode.postcode,
    )
    child.hold_case(team_id, notified, end, None)
    worker = _current_worker(child)
    pf_id = child.new_id("local_private_fostering")
    child.emit(
        "local_private_fostering",
        pf_id=pf_id,
        pf_person_id=child.person_id,
        pf_notification_date=notified,
        pf_start_date=start,
        pf_end_date=child.open_end(end),
        pf_team_id=team_id,
        pf_worker_id=worker,
    )
    _visits(child, pf_id, start, begin, end, params)
    child.finish()


def _current_worker(child: ChildContext) -> str | None:
    """The worker of the child's latest allocation (the one ``hold_case`` just wrote)."""
    worker: str | None = None
    for row in child.batch.rows("ssd_involvements"):
        worker = str(row["invo_professional_id"])
    return worker


def _visits(
    child: ChildContext,
    pf_id: str,
    start: dt.date,
    begin: dt.date,
    end: dt.date,
    params: PrivateFosteringParams,
) -> None:
    """Statutory visits: first within 7 days, then at 6- or 12-week intervals from the last.

    A visit due after the arrangement ended is not due at all; a visit due by
    the window's end but not yet held is written with an empty visit date.
    """
    rng = child.rng
    window_end = child.window.end
    year_one_ends = start + dt.timedelta(days=365)
    last_visit = begin - _DAY
    due = begin + dt.timedelta(days=params.first_visit_days)
    while due < end and due <= window_end:
        if rng.random() < params.on_time:
            early = rng.randint(0, params.early_days)
            held = max(last_visit + _DAY, due - dt.timedelta(days=early))
        else:
            held = due + dt.timedelta(
                days=1 + int(rng.expovariate(1 / params.late_mean_days_visit))
            )
        done = held if held <= window_end and held < end else None
        child.emit(
            "local_private_fostering_visits",
            pfv_id=child.new_id("local_private_fostering_visits"),
            pfv_pf_id=pf_id,
            pfv_person_id=child.person_id,
            pfv_due_date=due,
            pfv_visit_date=done,
        )
        if done is None:
            return
        last_visit = done
        interval = (
            params.year_one_interval_days if done < year_one_ends else params.later_interval_days
        )
        due = done + dt.timedelta(days=interval)
