"""The committed data model reference matches the schema it is generated from."""

from __future__ import annotations

from pathlib import Path

from kpibook.model.docs import render_data_model_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-model.md"


def test_data_model_doc_is_up_to_date() -> None:
    assert DOC.exists(), "regenerate with: python -m kpibook.model.docs > docs/data-model.md"
    assert DOC.read_text(encoding="utf-8") == render_data_model_markdown(), (
        "regenerate with: python -m kpibook.model.docs > docs/data-model.md"
    )


def test_data_model_doc_covers_every_table_and_code_list() -> None:
    from kpibook.model import SCHEMA, load_codelists

    text = render_data_model_markdown()
    for table in SCHEMA:
        assert f"### {table.name}\n" in text
        for column in table.columns:
            assert f"`{column.name}`" in text
    for name in load_codelists():
        assert f"### Code list: {name}\n" in text
