"""The whole data model: every table kpibook reads, in one registry.

``SCHEMA`` is the single source of truth. Loading and validation
(:mod:`kpibook.ingest`), the synthetic council (:mod:`kpibook.synth`) and
``docs/data-model.md`` all come from it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
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


_SSD_USED_FOR: Mapping[str, tuple[str, ...]] = {
    "ssd_person": ("ages and cohorts of most indicators", "SCS-18", "SCS-26", "DEM-01"),
    "ssd_immigration_status": ("every excluding-UASC figure", "ACT-08", "SCS-19", "SCS-20"),
    "ssd_disability": ("DEM-02", "disabled children's team allocation"),
    "ssd_address": ("SCS-20", "district breakdowns of resident-based indicators"),
    "ssd_contacts": ("QPR-02",),
    "ssd_early_help_episodes": ("EH-02", "EH-03"),
    "ssd_cin_episodes": ("SCS-01", "SCS-07", "ACT-01", "ACT-02", "QPR-03"),
    "ssd_cin_assessments": ("SCS-02", "SCS-03", "SCS-04", "SCS-05", "ACT-03"),
    "ssd_assessment_factors": ("breakdowns of assessments by factor",),
    "ssd_cin_plans": ("SCS-05", "SCS-06"),
    "ssd_cin_visits": ("SCS-06", "MED-01"),
    "ssd_s47_enquiry": ("SCS-15", "SCS-16"),
    "ssd_initial_cp_conference": ("SCS-16",),
    "ssd_cp_plans": ("SCS-10", "SCS-13", "SCS-14", "ACT-04", "ACT-05", "ACT-06", "QPR-05"),
    "ssd_cp_visits": ("SCS-11",),
    "ssd_cp_reviews": ("SCS-12",),
    "ssd_cla_episodes": ("SCS-17 to SCS-31", "ACT-07", "ACT-09", "ACT-10", "CIC-01", "CIC-06"),
    "ssd_cla_placement": ("SCS-17", "SCS-18", "SCS-19", "SCS-20", "CIC-08", "CIC-09", "SUF-02"),
    "ssd_legal_status": ("exception-page breakdowns by legal status", "DEM-01"),
    "ssd_cla_reviews": ("SCS-21", "SCS-22", "SCS-28"),
    "ssd_cla_visits": ("Annex A list 8 (date of last social work visit)",),
    "ssd_cla_health": ("SCS-23", "SCS-24", "CIC-16"),
    "ssd_missing": ("SCS-09", "CIC-25", "CIC-26", "CIC-27", "CIC-28", "CYPF-03"),
    "ssd_permanence": ("SCS-28", "SCS-29", "SCS-30", "CIC-19", "CIC-20", "CIC-21", "CIC-22"),
    "ssd_care_leavers": ("SCS-32", "SCS-33", "SCS-34", "SCS-35", "CIC-30"),
    "ssd_involvements": ("SCS-07", "SCS-27", "SCS-43", "SCS-44", "CIC-05", "team breakdowns"),
    "ssd_professionals": ("SCS-41", "SCS-42", "SCS-43", "SCS-44", "SCS-45", "CIC-32"),
    "ssd_department": ("every team breakdown",),
}
"""What the seed scorecards use each SSD table for (indicator ids as in the
project's seed indicator catalogue). Local tables declare theirs themselves."""


def _with_uses(tables: tuple[Table, ...]) -> tuple[Table, ...]:
    return tuple(
        replace(t, used_for=_SSD_USED_FOR[t.name]) if t.name in _SSD_USED_FOR else t for t in tables
    )


SCHEMA = Schema(
    tables=_with_uses(
        (
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
)
