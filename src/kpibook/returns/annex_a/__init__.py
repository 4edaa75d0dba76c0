"""Ofsted Annex A (ILACS child-level lists 1 to 11): reader and writer.

:func:`read_annex_a` imports a council's workbook into data-model tables
(it is the standard source of allocated team and worker);
:func:`write_annex_a` produces the workbook from a data-model folder. The
lists' columns are data in :mod:`.spec`; the mapping is documented in
``docs/returns-annex-a.md``.
"""

from __future__ import annotations

from kpibook.returns.annex_a.reader import read_annex_a
from kpibook.returns.annex_a.writer import write_annex_a

__all__ = ["read_annex_a", "write_annex_a"]
