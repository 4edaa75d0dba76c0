"""The whole data model: every table kpibook reads, in one registry.

``SCHEMA`` is the single source of truth. Loading and validation
(:mod:`kpibook.ingest`), the synthetic council (:mod:`kpibook.synth`) and
``docs/data-model.md`` all come from it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from kpibook.model import (
    local_casework,
    local_org,
    ssd_care,
    ssd_care_outcomes,
    ssd_front_door,
    ssd_person_tables,
    ssd_protection,
    ssd_workforce,
)
from kpibook.model.columns import Table

SSD_VERSION = "1.4.5"
"""The version of the Standard Safeguarding Dataset the SSD tables follow."""


@dataclass(frozen=True, slots=True)
class Schema:
    """An ordered collection of tables, looked up by name."""

    tables: tuple[Table, ...]

    def __post_init__(self) -> None:
        names = [t.name for t in self.tables]
        if len(names) != len(set(names)):
            raise ValueError("duplicate table names in the schema")

    def __iter__(self) -> Iterator[Table]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)

    def __contains__(self, name: object) -> bool:
        return any(t.name == name for t in self.tables)

    @property
    def by_name(self) -> Mapping[str, Table]:
        """Tables keyed by name."""
        return MappingProxyType({t.name: t for t in self.tables})

    def table(self, name: str) -> Table:
        """The table called ``name``.

        Raises:
            KeyError: if there is no such table.
        """
        try:
            return self.by_name[name]
        except KeyError:
            raise KeyError(f"no table {name!r} in the data model") from None


SCHEMA = Schema(
    tables=(
        *ssd_person_tables.TABLES,
        *ssd_front_door.TABLES,
        *ssd_protection.TABLES,
        *ssd_care.TABLES,
        *ssd_care_outcomes.TABLES,
        *ssd_workforce.TABLES,
        *local_org.TABLES,
        *local_casework.TABLES,
    )
)
