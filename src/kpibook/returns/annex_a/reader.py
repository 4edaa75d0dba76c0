"""Reading an Ofsted Annex A workbook into data-model tables."""

from __future__ import annotations

from pathlib import Path

from kpibook.errors import InputError
from kpibook.problems import Severity
from kpibook.returns.annex_a import care, lists
from kpibook.returns.annex_a.tomodel import Builder
from kpibook.returns.annex_a.workbook import read_lists
from kpibook.returns.common import Imported


def read_annex_a(path: Path) -> Imported:
    """The data-model tables an Annex A workbook fills, with findings and provenance.

    Lists are recognised by sheet name (``List 1`` ... ``List 11``, a title may
    follow) and their header row by its column names (title rows above it are
    skipped). Dates may be Excel date cells or ``dd/mm/yyyy`` / ISO text.

    Raises:
        InputError: with every structural problem (file, sheet, row, column):
            not a macro-free .xlsx workbook, a list (1 to 9) missing, a header
            row or key column missing, a key value (child or adopter id, the
            list's event date) empty or unreadable. Nothing is returned then.
    """
    sheets, problems = read_lists(path)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        count = len(errors)
        raise InputError(
            f"{path}: {count} structural problem{'s' if count != 1 else ''} in the Annex A "
            "workbook, so nothing was imported",
            problems,
        )
    builder = Builder(findings=list(problems))
    lists.contacts(builder, sheets)
    lists.early_help(builder, sheets)
    lists.referrals(builder, sheets)
    lists.assessments(builder, sheets)
    lists.enquiries(builder, sheets)
    lists.protection(builder, sheets)
    care.children_in_care(builder, sheets)
    care.care_leavers(builder, sheets)
    care.adoption(builder, sheets)
    return Imported(
        tables=builder.tables(),
        findings=tuple(builder.findings),
        provenance=builder.provenance_list(),
    )
