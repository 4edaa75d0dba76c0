"""The data model reference (``docs/data-model.md``), generated from the schema.

The reference is never written by hand: it is rendered from
:data:`kpibook.model.SCHEMA` and the code lists, and a test checks that the
committed file matches. After changing the model, regenerate it with::

    python -m kpibook.model.docs > docs/data-model.md
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from kpibook.model.codelists import CodeList, load_codelists
from kpibook.model.columns import Column, Table, TableKind
from kpibook.model.schema import SCHEMA, SSD_VERSION

_KIND_LABEL = {
    TableKind.SSD: f"SSD (Standard Safeguarding Dataset v{SSD_VERSION})",
    TableKind.LOCAL: "local extension (not part of the SSD)",
}


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _code(names: Iterable[str]) -> str:
    return ", ".join(f"`{n}`" for n in names)


def _anchor(name: str) -> str:
    """The GitHub-style anchor of a heading (lower case, spaces to hyphens, ``:`` dropped)."""
    return name.lower().replace(":", "").replace(" ", "-")


def _required(column: Column) -> str:
    if column.required and not column.nullable:
        return "yes, never empty"
    if column.required:
        return "yes"
    return "no" if column.nullable else "no, but never empty when present"


def _references(column: Column) -> str:
    if column.references is None:
        return ""
    return f"[`{column.references}`](#{_anchor(str(column.referenced_table))})"


def _codelist(column: Column) -> str:
    if column.codelist is None:
        return ""
    return f"[`{column.codelist}`](#{_anchor('Code list: ' + column.codelist)})"


def _table_section(table: Table) -> list[str]:
    lines = [f"### {table.name}", "", _cell(table.description), ""]
    lines.append(f"* **Kind:** {_KIND_LABEL[table.kind]}")
    lines.append(f"* **Primary key:** {_code(table.primary_key)}")
    lines.append(f"* **File required:** {'yes' if table.required else 'no (absent = empty)'}")
    if table.date_ranges:
        checks = "; ".join(f"`{r.start}` ≤ `{r.end}`" for r in table.date_ranges)
        lines.append(f"* **Date ranges checked:** {checks}")
    else:
        lines.append("* **Date ranges checked:** none")
    used = ", ".join(table.used_for) if table.used_for else "not used by any indicator yet"
    lines.append(f"* **Used for:** {used}")
    lines += [
        "",
        "| Column | Type | Required | References | Code list | Personal | Description |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in table.columns:
        key = " (key)" if c.name in table.primary_key else ""
        lines.append(
            f"| `{c.name}`{key} | {c.type.label} | {_required(c)} | {_references(c)} "
            f"| {_codelist(c)} | {'yes' if c.personal else ''} | {_cell(c.description)} |"
        )
    lines.append("")
    return lines


def _codelist_section(codes: CodeList, used_by: list[str]) -> list[str]:
    lines = [f"### Code list: {codes.name}", "", _cell(codes.description) or "(no description)", ""]
    lines.append(f"* **Used by:** {_code(used_by) if used_by else 'no column'}")
    lines.append("")
    for version in codes.versions:
        until = f" to {version.valid_to.isoformat()}" if version.valid_to else " (current)"
        lines += [
            f"Valid from {version.valid_from.isoformat()}{until}:",
            "",
            "| Code | Meaning |",
            "|---|---|",
        ]
        lines += [f"| `{_cell(k)}` | {_cell(m)} |" for k, m in version.codes.items()]
        lines.append("")
    return lines


def render_data_model_markdown() -> str:
    """The full data model reference as Markdown (the content of ``docs/data-model.md``)."""
    ssd = [t for t in SCHEMA if t.kind is TableKind.SSD]
    local = [t for t in SCHEMA if t.kind is TableKind.LOCAL]
    lists = load_codelists()
    used_by: dict[str, list[str]] = {name: [] for name in lists}
    for t in SCHEMA:
        for c in t.columns:
            if c.codelist is not None:
                used_by.setdefault(c.codelist, []).append(f"{t.name}.{c.name}")
    lines = [
        "# Data model",
        "",
        "<!-- Generated from kpibook.model.SCHEMA: do not edit by hand. -->",
        "<!-- Regenerate with: python -m kpibook.model.docs > docs/data-model.md -->",
        "",
        "kpibook reads one file per table (`<table>.csv` or `<table>.parquet`). "
        f"The {len(ssd)} SSD tables use the names and columns of the Standard Safeguarding "
        f"Dataset v{SSD_VERSION}; the {len(local)} local extension tables (names starting "
        "`local_`) carry what the scorecards need and the SSD lacks. Every column is "
        "described below with its type, whether the file must have it (and whether it may "
        "be empty), the column it refers to, its code list and whether it holds personal "
        "data (never written to logs). Code lists change between collection years: each "
        "is listed with the dates its versions are in force.",
        "",
        "## Contents",
        "",
        "SSD tables:",
        "",
    ]
    lines += [f"* [{t.name}](#{_anchor(t.name)})" for t in ssd]
    lines += ["", "Local extension tables:", ""]
    lines += [f"* [{t.name}](#{_anchor(t.name)})" for t in local]
    lines += ["", "[Code lists](#code-lists)", "", "## SSD tables", ""]
    for t in ssd:
        lines += _table_section(t)
    lines += ["## Local extension tables", ""]
    for t in local:
        lines += _table_section(t)
    lines += ["## Code lists", ""]
    for name in sorted(lists):
        lines += _codelist_section(lists[name], used_by.get(name, []))
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render_data_model_markdown())
