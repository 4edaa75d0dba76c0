"""Reading a 903 XML file into the same tables as the CSV form.

The file's root is ``EXPSSDA903``; each ``CHILD`` holds one ``HEADER`` and
any number of ``EPISODE`` elements. The header's own fields give the Header,
UASC (when ``UASC`` is 1 or ``DUC`` is given), OC3 and AD1 rows; its repeating
groups give Reviews (``AREVIEW``), Missing (``AMISSING``), OC2, PrevPerm
(``PERMANENCE``) and PlacedAdoption (``AD_PLACED``). ``CHILDID`` is read as
``CHILD`` and ``PL`` as ``PLACE``. Problems name the ``CHILD`` element by its
position in the file (``row``) and the element path of the field (``column``),
because the XML parser does not keep line numbers for elements.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from kpibook.errors import InputError
from kpibook.problems import Problem
from kpibook.returns.common import MAX_ROWS, parse_xml, structural
from kpibook.returns.ssda903.raw import RawRow
from kpibook.returns.ssda903.spec import TABLES, XML_RENAMED, XML_ROOT

_HEADER_TABLES = {
    "UASC": ("UASC", "DUC"),
    "OC3": ("IN_TOUCH", "ACTIV", "ACCOM"),
    "AD1": ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
}
"""Tables whose fields sit on the child's HEADER, and the fields that say a row exists."""

_GROUPS = {t.xml_element: t.name for t in TABLES.values() if t.xml_element != "HEADER"}
"""Repeating element -> table (EPISODE, AREVIEW, AMISSING, OC2, PERMANENCE, AD_PLACED, ...)."""


def _tag(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1].upper()


def _leaves(element: Element) -> dict[str, str]:
    """The element's childless sub-elements as column -> stripped upper-case text."""
    out: dict[str, str] = {}
    for sub in element:
        if len(sub) == 0:
            name = _tag(sub)
            out[XML_RENAMED.get(name, name)] = (sub.text or "").strip().upper()
    return out


def _row(table: str, fields: dict[str, str], path: Path, n: int, where: str) -> RawRow:
    columns = TABLES[table].columns
    return RawRow(table, {c: fields.get(c, "") for c in columns}, str(path), n, where)


def read_xml_return(path: Path) -> tuple[dict[str, list[RawRow]], list[Problem]]:
    """The 903 tables in an XML file, or the structural problems found."""
    try:
        root = parse_xml(path)
    except InputError as exc:
        return {}, list(exc.problems)
    if _tag(root) != XML_ROOT:
        return {}, [
            structural(
                path,
                "xml-not-903",
                f"the root element is {_tag(root) or 'unnamed'}, not {XML_ROOT}",
                "check this is the SSDA903 XML return",
                line=1,
            )
        ]
    tables: dict[str, list[RawRow]] = {t: [] for t in TABLES}
    problems: list[Problem] = []
    total = 0
    for n, child in enumerate((c for c in root if _tag(c) == "CHILD"), start=1):
        headers = [e for e in child if _tag(e) == "HEADER"]
        if len(headers) != 1:
            problems.append(
                structural(
                    path,
                    "xml-header",
                    f"CHILD element {n} has {len(headers)} HEADER elements; it needs one",
                    "export the return again",
                    row=n,
                    column="HEADER",
                )
            )
            continue
        header = headers[0]
        fields = _leaves(header)
        base = {"CHILD": fields.get("CHILD", ""), "DOB": fields.get("DOB", "")}
        tables["Header"].append(_row("Header", fields, path, n, "HEADER/"))
        for table, markers in _HEADER_TABLES.items():
            present = any(fields.get(m) for m in markers)
            if table == "UASC":
                present = fields.get("UASC") == "1" or bool(fields.get("DUC"))
            if present:
                tables[table].append(_row(table, fields, path, n, "HEADER/"))
        counts: dict[str, int] = {}
        for parent, prefix in ((header, "HEADER/"), (child, "")):
            for group in parent:
                grouped = _GROUPS.get(_tag(group))
                if grouped is None:
                    continue
                counts[grouped] = counts.get(grouped, 0) + 1
                where = f"{prefix}{_tag(group)}[{counts[grouped]}]/"
                tables[grouped].append(_row(grouped, {**base, **_leaves(group)}, path, n, where))
        total += 1 + sum(counts.values())
        if total > MAX_ROWS:
            problems.append(
                structural(
                    path,
                    "too-many-rows",
                    f"more than {MAX_ROWS:,} rows",
                    "check it is the right file",
                    row=n,
                )
            )
            break
    if not tables["Header"] and not problems:
        problems.append(
            structural(
                path,
                "xml-empty",
                "the file holds no CHILD elements",
                "export the return again",
                line=1,
            )
        )
    if problems:
        return {}, problems
    return {t: rows for t, rows in tables.items() if rows}, []
