"""Errors kpibook raises on purpose.

Hierarchy::

    KpibookError                 root: anything kpibook reports to a user
    ├── InputError               input files cannot be used; carries every Problem found
    └── ConfigError              a command-line option or setting is wrong

Every message says where, what, why and what to do next. Programs can read
the structured problems from :attr:`InputError.problems`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kpibook.problems import Problem


class KpibookError(Exception):
    """Root of every error kpibook raises deliberately."""


class ConfigError(KpibookError):
    """A command-line option, setting or configuration file is wrong."""


class InputError(KpibookError):
    """Input data cannot be used. ``problems`` lists every problem found."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[Problem, ...] = tuple(problems)
