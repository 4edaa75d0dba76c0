"""The ``kpibook`` command line: thin wrappers around the library's functions."""

from __future__ import annotations
