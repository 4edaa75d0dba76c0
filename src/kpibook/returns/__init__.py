"""Statutory returns in and out: SSDA903, CIN census, Ofsted Annex A and SSD exports.

Each format has its own subpackage (``ssda903``, ``cin``, ``annex_a``, ``ssd``)
with a reader (into the data model's tables) and a writer (from them).
Shared rules live in :mod:`kpibook.returns.common`: dates in both forms the
returns use, XML parsed safely, size limits, problems that say where, and a
dataset written all or nothing.
"""
