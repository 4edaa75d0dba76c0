"""The summary page: RAG counts, changed bands, furthest from target, and the narrative."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from kpibook.indicators.library import Library
from kpibook.rating.bands import Rag
from kpibook.scorecard import format as fmt
from kpibook.scorecard.figures import shift
from kpibook.scorecard.model import BandChange, Row, Scorecard, Summary
from kpibook.scorecard.rows import Context

WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def in_words(number: int, zero: str = "no") -> str:
    """Small counts in words, as the covering reports write them ("three as Red")."""
    if number == 0:
        return zero
    return WORDS[number] if 0 < number < len(WORDS) else f"{number:,}"


def distance(row: Row) -> float:
    """How far a rated row is from its target, in widths of its amber band (0 when Green)."""
    if row.value is None or row.target is None or row.rag in (None, Rag.GREEN):
        return 0.0
    width = abs(row.target - row.floor) if row.floor is not None else 0.0
    gap = abs(row.value - row.target)
    return gap / width if width else gap


Published = Mapping[tuple[str, str, str, str], tuple[float | None, Rag | None]]
"""Ratings as published for a month: (indicator, level, unit, cohort) -> (value, rating)."""


def _changes(
    ctx: Context, library: Library, card: Scorecard, base: dt.date, published: Published | None
) -> list[BandChange]:
    """Rows whose rating differs from the base month's: as published, if it was."""
    changes = []
    for row in card.rows:
        if row.rag is None:
            continue
        key = (row.indicator_id, row.org_level, row.org_unit, row.cohort)
        if published is not None:
            value, before = published.get(key, (None, None))
        else:
            indicator = library.get(row.indicator_id)
            before = ctx.rag_at(indicator, base, row.org_level, row.org_unit, row.cohort)
            value = ctx.figures.value(*key[:1], base, *key[1:])
        if before is not None and before is not row.rag:
            changes.append(BandChange(row, before, value))
    return changes


def _change_sentence(change: BandChange) -> str:
    row = change.row
    assert row.rag is not None
    return (
        f"{row.indicator_id} {row.title}: from {fmt.value(change.before_value, row.unit)} to "
        f"{fmt.value(row.value, row.unit)}, moving from {change.before.word} to {row.rag.word}."
    )


def _population(ctx: Context, base: dt.date) -> list[str]:
    """The children-in-care change since the comparison month, citizen and UASC."""
    council = ctx.figures.units.get("council", ("",))[0]

    def v(indicator_id: str, day: dt.date, cohort: str) -> float | None:
        return ctx.figures.value(indicator_id, day, "council", council, cohort)

    total_now, total_then = v("ACT-07", ctx.month, "all"), v("ACT-07", base, "all")
    uasc_now, uasc_then = v("ACT-08", ctx.month, "all"), v("ACT-08", base, "all")
    if None in (total_now, total_then, uasc_now, uasc_then):
        return []
    assert total_now is not None and total_then is not None
    assert uasc_now is not None and uasc_then is not None
    citizen_now, citizen_then = total_now - uasc_now, total_then - uasc_then

    def moved(then: float, now: float) -> str:
        verb = "increased" if now > then else "reduced" if now < then else "stayed"
        if verb == "stayed":
            return f"stayed at {fmt.count(now)}"
        return f"{verb} from {fmt.count(then)} to {fmt.count(now)}"

    net = total_now - total_then
    overall = (
        f"an overall {'increase' if net > 0 else 'reduction'} of {fmt.count(abs(net))} "
        + ("child" if abs(net) == 1 else "children")
        + " in care"
        if net
        else "no overall change in the number of children in care"
    )
    out = [
        f"During the period {fmt.month_long(base)} to {fmt.month_long(ctx.month)} the number of "
        f"citizen children in care {moved(citizen_then, citizen_now)} and the number of "
        f"Unaccompanied Asylum Seeking Children (UASC) in care {moved(uasc_then, uasc_now)}, "
        f"resulting in {overall}."
    ]
    rate = v("CIC-02", ctx.month, "all")
    if rate is not None:
        out.append(
            f"For {fmt.month_long(ctx.month)} the rate of children in care per 10,000 child "
            f"population (including UASC) was {fmt.value(rate, 'rate_per_10000')}."
        )
    return out


def summarise(
    ctx: Context,
    library: Library,
    card: Scorecard,
    base: dt.date,
    exceptions: int,
    published: Published | None = None,
) -> Summary:
    """The summary of the main scorecard, comparing ratings with ``base``.

    ``published``: the ratings as published for ``base`` ("since the last
    report"); without it the base month is rated from its figures against its
    own year's targets.
    """
    rows = card.rows
    counts = {rag: sum(1 for r in rows if r.rag is rag) for rag in Rag}
    unrated = sum(1 for r in rows if r.rag is None)
    changes = _changes(ctx, library, card, base, published)
    furthest = sorted(
        (r for r in rows if r.rag in (Rag.RED, Rag.AMBER)), key=distance, reverse=True
    )[:5]
    month = fmt.month_long(ctx.month)
    green, amber, red = counts[Rag.GREEN], counts[Rag.AMBER], counts[Rag.RED]
    sentences = [
        f"The {card.title} reports {len(rows)} performance measures for {month}.",
        f"Performance for {month} shows {in_words(green, zero='none')} of the measures rated "
        "as Green, "
        f"{in_words(amber)} as Amber and {in_words(red)} as Red"
        + (
            f"; {in_words(unrated)} {'has' if unrated == 1 else 'have'} no rating."
            if unrated
            else "."
        ),
    ]
    if red:
        noun = "measure" if red == 1 else "measures"
        sentences.append(
            f"Exception reporting against the {in_words(exceptions)} {noun} with a Red RAG "
            "rating is included within the report."
        )
    label = "last month" if base == shift(ctx.month, -1) else "the last report"
    better = [c for c in changes if c.improved]
    worse = [c for c in changes if not c.improved]
    if changes:
        sentences.append(
            f"{in_words(len(changes)).capitalize()} performance "
            f"{'measure has' if len(changes) == 1 else 'measures have'} changed RAG banding "
            f"since {label} ({fmt.month_long(base)})."
        )
        if better:
            sentences.append(
                "Those showing improved performance are: "
                + " ".join(_change_sentence(c) for c in better)
            )
        if worse:
            sentences.append(
                "Those where performance decreased are: "
                + " ".join(_change_sentence(c) for c in worse)
            )
    else:
        sentences.append(f"No measure has changed RAG banding since {label}.")
    sentences.extend(_population(ctx, base))
    return Summary(
        product_title=card.title,
        green=green,
        amber=amber,
        red=red,
        unrated=unrated,
        changed=tuple(changes),
        compared_with=base,
        compared_with_label=f"{label} ({fmt.month_long(base)})",
        furthest=tuple(furthest),
        sentences=tuple(sentences),
    )
