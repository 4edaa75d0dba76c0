"""Writing a period of care in 903 terms: episodes, placements and legal statuses.

A new 903 episode starts whenever the legal status or the placement changes
(reason for new episode: S started to be looked after, L legal status only,
P placement and carers, T placement only with the same carers, B and U both
at once). Every episode but the last ends with X1 on the day the next one
starts, so the episodes tile the period of care; the last ends with the
reason the child ceased to be looked after. Rows still running at the
window's end are written with empty end dates.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right

from kpibook.synth.journeys.care_common import Period, Placement
from kpibook.synth.urns import placement_urn

_CARE_NEEDS = frozenset(("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"))
"""903 categories of need (rule 145): a child in care is in need, so a referral's
N0 (not stated) or N9 (not in need) is recorded as N5, family dysfunction."""

IRO_TEAM = "T_IRO"
"""The independent reviewing officers' team."""


def _clip(period: Period, day: dt.date) -> dt.date | None:
    """``day`` or None when after the window's end."""
    return day if day <= period.child.window.end else None


def emit_placements(period: Period) -> None:
    """Write ``ssd_cla_placement`` rows (placement ids are assigned here)."""
    child = period.child
    end_of_window = child.window.end
    for p in period.placements:
        if p.start > end_of_window:
            break
        p.placement_id = child.new_id("ssd_cla_placement")
        end = _clip(period, p.end)
        child.emit(
            "ssd_cla_placement",
            clap_cla_placement_id=p.placement_id,
            clap_cla_id=period.cla_id,
            clap_person_id=child.person_id,
            clap_cla_placement_start_date=p.start,
            clap_cla_placement_type=p.code,
            clap_cla_placement_urn=placement_urn(
                p.code, p.provider, p.kind, p.postcode.postcode, p.end
            ),
            clap_cla_placement_distance=p.distance,
            clap_cla_placement_provider=p.provider,
            clap_cla_placement_postcode=p.postcode.postcode,
            clap_cla_placement_end_date=end,
            clap_cla_placement_change_reason=p.change_reason if end is not None else None,
        )
    if period.placements[-1].end > end_of_window:
        child.touch(end_of_window)


def emit_legal_statuses(period: Period) -> None:
    """Write ``ssd_legal_status`` spells (each ends when the next starts, or at exit)."""
    child = period.child
    legal = period.legal
    for i, (start, code) in enumerate(legal):
        if start > child.window.end:
            break
        end = legal[i + 1][0] if i + 1 < len(legal) else period.exit_day
        child.emit(
            "ssd_legal_status",
            lega_legal_status_id=child.new_id("ssd_legal_status"),
            lega_person_id=child.person_id,
            lega_legal_status=code,
            lega_legal_status_start_date=start,
            lega_legal_status_end_date=_clip(period, end),
        )


def episode_starts(period: Period) -> list[tuple[dt.date, str, Placement]]:
    """(start day, 903 reason for new episode, placement in force) of every episode."""
    legal_on = dict(period.legal)
    placed_on = {p.start: p for p in period.placements}
    out: list[tuple[dt.date, str, Placement]] = []
    current_legal = period.legal[0][1]
    current = period.placements[0]
    for i, day in enumerate(sorted(legal_on.keys() | placed_on.keys())):
        code = legal_on.get(day)
        placed = placed_on.get(day)
        legal_change = code is not None and code != current_legal
        if i == 0:
            reason = "S"
        elif placed is not None:
            same = placed.carer == current.carer
            reason = ("U" if same else "B") if legal_change else ("T" if same else "P")
        elif legal_change:
            reason = "L"
        else:
            continue
        if code is not None:
            current_legal = code
        if placed is not None:
            current = placed
        out.append((day, reason, current))
    return out


def emit_episodes(period: Period, need_code: str) -> None:
    """Write the ``ssd_cla_episodes`` rows of the period."""
    child = period.child
    end_of_window = child.window.end
    starts = episode_starts(period)
    reviews = period.reviews
    for i, (start, reason, placement) in enumerate(starts):
        if start > end_of_window:
            break
        last = i + 1 == len(starts)
        end = period.exit_day if last else starts[i + 1][0]
        clipped = _clip(period, end)
        seen_to = min(end, end_of_window)
        k = bisect_right(reviews, seen_to)
        iro = reviews[k - 1] if k else None
        child.emit(
            "ssd_cla_episodes",
            clae_cla_episode_id=child.new_id("ssd_cla_episodes"),
            clae_person_id=child.person_id,
            clae_cla_placement_id=placement.placement_id,
            clae_cla_episode_start_date=start,
            clae_cla_episode_start_reason=reason,
            clae_cla_primary_need_code=need_code if need_code in _CARE_NEEDS else "N5",
            clae_cla_episode_ceased_date=clipped,
            clae_cla_episode_ceased_reason=None
            if clipped is None
            else (period.exit_reason if last else "X1"),
            clae_cla_id=period.cla_id,
            clae_referral_id=period.referral_id,
            clae_cla_last_iro_contact_date=iro,
            clae_entered_care_date=period.start,
        )
    if starts and starts[0][0] <= end_of_window:
        # The IRO is allocated from the start of care to its end.
        child.hold_iro(IRO_TEAM, period.start, _clip(period, period.exit_day))
