"""The CIN census (children in need), XML schemas 2017-2026: reader and writer.

* :func:`read_cin` reads one or several years of census files into the data
  model's tables, with data-quality findings and provenance.
* :func:`write_cin` writes the census for a collection year from a data folder.

The mapping, field by field, is in ``docs/returns-cin.md``.
"""

from __future__ import annotations

from kpibook.returns.cin.check import check, validate_xsd
from kpibook.returns.cin.reader import read_cin
from kpibook.returns.cin.writer import write_cin

__all__ = ["check", "read_cin", "validate_xsd", "write_cin"]
