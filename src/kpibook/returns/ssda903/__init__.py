"""SSDA903 (children looked after) return: its tables as data (:mod:`.spec`), its
code lists by collection year (``codes/``), a reader into the data model
(:func:`kpibook.returns.ssda903.read.read_903`) and a writer from it.
"""

from __future__ import annotations
