"""Children in care at a month end by age, disability, UASC, nationality and ethnicity.

The query is a SQL file beside this module (``sql/demographics.sql``) so an
analyst can read it; ``kpibook explain`` style transparency for the
demographic page. Runs on an :class:`~kpibook.engine.compute.Engine` whose
months include the month asked for.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources

from kpibook.engine.compute import Engine
from kpibook.errors import ConfigError

DEMOGRAPHICS_SQL = "demographics.sql"


def demographics_sql() -> str:
    """The query's text."""
    return (resources.files("kpibook.engine") / "sql" / DEMOGRAPHICS_SQL).read_text("utf-8")


def children_in_care_counts(engine: Engine, month_end: dt.date) -> list[tuple[str, str, str, int]]:
    """(dimension, category code, sex code, children) for children in care at ``month_end``."""
    if not engine.first <= month_end <= engine.last:
        raise ConfigError(
            f"the engine covers {engine.first:%Y-%m} to {engine.last:%Y-%m}, not {month_end:%Y-%m}"
        )
    rows = engine.con.execute(demographics_sql(), {"month_end": month_end}).fetchall()
    return [(str(d), str(c), str(s), int(n)) for d, c, s, n in rows]
