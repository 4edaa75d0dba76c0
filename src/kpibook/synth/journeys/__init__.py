"""Children's journeys through children's social care, one shard at a time."""

from __future__ import annotations

from kpibook.synth.context import Shard


def simulate_shard(shard: Shard) -> None:
    """Simulate every child of ``shard`` into ``shard.batch``.

    District shards simulate the district's children from their first contact
    (and privately fostered children); the county-wide shard simulates
    unaccompanied asylum-seeking children arriving in the county.
    """
    from kpibook.synth.journeys import frontdoor, private_fostering, uasc

    if shard.district is None:
        uasc.simulate_uasc(shard)
    else:
        frontdoor.simulate_district(shard)
        private_fostering.simulate_private_fostering(shard)
