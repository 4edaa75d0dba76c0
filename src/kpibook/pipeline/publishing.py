"""Publishing and frozen months: the pipeline's side of :mod:`kpibook.publish`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpibook.errors import ConfigError
from kpibook.pipeline.build import make_pack
from kpibook.pipeline.inputs import Inputs
from kpibook.publish import open_store
from kpibook.scorecard.model import Pack
from kpibook.scorecard.summary import Published


def frozen_or_none(store: Path | None, month: dt.date) -> tuple[Pack, str] | None:
    """The latest published version of ``month`` in ``store``, if it has one."""
    if store is None or not store.exists():
        return None
    with open_store(store) as db:
        latest = db.latest(month)
        if latest is None:
            return None
        pack = db.frozen_pack(month)
    assert pack is not None
    return pack, (
        f"{month:%B %Y} is published (version {latest.version}, {latest.published_at:%d/%m/%Y}): "
        "rebuilt exactly as published."
    )


def last_report(store: Path | None, month: dt.date) -> tuple[dt.date, Published]:
    """The last month published in ``store`` before ``month``, and its ratings as published."""
    if store is None:
        raise ConfigError("--since last-report needs --store, the database of published months")
    if not store.exists():
        raise ConfigError(f"--store {store}: no such publication database yet")
    with open_store(store) as db:
        found = db.last_published_before(month)
        if found is None:
            raise ConfigError(f"nothing was published in {store} before {month:%B %Y}")
        return found, db.published_rags(found)


def publish_pack(store: Path, inputs: Inputs, reason: str | None, by: str) -> tuple[Pack, str]:
    """Build, rate and freeze the month; the pack as published and a note on the version."""
    month = inputs.request.month
    with open_store(store) as db:
        base = db.last_published_before(month)
        published = db.published_rags(base) if base is not None else None
        pack = make_pack(inputs, base, published)
        publication = db.publish(pack, inputs.files, reason=reason, published_by=by)
        frozen = db.frozen_pack(month, publication.version)
    assert frozen is not None
    return frozen, f"Published {month:%B %Y} as version {publication.version} in {store}."
