"""Publish and freeze: published months in an embedded database, immutable.

See docs/publish.md. The API:

* :func:`open_store` opens (creating and migrating) the store;
* :meth:`Store.publish` stores a rated month as its next version;
* :meth:`Store.frozen_pack` gives back the published pack exactly;
* :meth:`Store.latest`, :meth:`Store.versions`, :meth:`Store.last_published_before`
  and :meth:`Store.published_rags` answer questions about what was published;
* :func:`frozen_pack` opens a store just to read one pack.
"""

from __future__ import annotations

from kpibook.publish.serial import (
    PackFormatError,
    canonical_json,
    pack_from_dict,
    pack_from_json,
    pack_to_dict,
)
from kpibook.publish.store import (
    InputRecord,
    Publication,
    Store,
    database_url,
    frozen_pack,
    month_key,
    open_store,
)

__all__ = [
    "InputRecord",
    "PackFormatError",
    "Publication",
    "Store",
    "canonical_json",
    "database_url",
    "frozen_pack",
    "month_key",
    "open_store",
    "pack_from_dict",
    "pack_from_json",
    "pack_to_dict",
]
