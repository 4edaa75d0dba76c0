"""The publication store: publications, their figures and inputs, immutable.

Revision ID: 0001
Revises:
Create Date: 2024-06-01
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("publications", "published_figures", "published_inputs", "input_blobs")
"""Every table here is written once: the database refuses UPDATE and DELETE."""


def _figure_columns() -> list[sa.Column[Any]]:
    text = [
        ("org_unit_name", sa.String(200), False),
        ("title", sa.Text(), False),
        ("section", sa.String(200), False),
        ("polarity", sa.String(1), True),
        ("period", sa.String(20), False),
        ("unit", sa.String(20), False),
    ]
    numbers = ["value", "numerator", "denominator", "target", "floor"]
    return [
        *(sa.Column(name, kind, nullable=null) for name, kind, null in text),
        *(sa.Column(name, sa.Double(), nullable=True) for name in numbers),
        sa.Column("bands", sa.Text(), nullable=False),
        sa.Column("rag", sa.String(1), nullable=True),
        sa.Column("no_rating", sa.String(40), nullable=True),
        sa.Column("month_ago", sa.Double(), nullable=True),
        sa.Column("month_ago_rag", sa.String(1), nullable=True),
        sa.Column("month_ago_dot", sa.String(20), nullable=True),
        sa.Column("year_ago", sa.Double(), nullable=True),
        sa.Column("year_ago_dot", sa.String(20), nullable=True),
        sa.Column("r3m", sa.Double(), nullable=True),
        sa.Column("r3m_rag", sa.String(1), nullable=True),
    ]


def upgrade() -> None:
    """Create the four tables and, on SQLite, the triggers that freeze them."""
    op.create_table(
        "publications",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("council", sa.String(200), nullable=False),
        sa.Column("targets_label", sa.String(200), nullable=False),
        sa.Column("targets_year", sa.String(7), nullable=False),
        sa.Column("publication_date", sa.Date(), nullable=False),
        sa.Column("pack_format", sa.Integer(), nullable=False),
        sa.Column("pack_checksum", sa.String(64), nullable=False),
        sa.Column("pack_document", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("month", "version", name=op.f("pk_publications")),
    )
    op.create_table(
        "published_figures",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.String(40), nullable=False),
        sa.Column("org_level", sa.String(20), nullable=False),
        sa.Column("org_unit", sa.String(100), nullable=False),
        sa.Column("cohort", sa.String(20), nullable=False),
        *_figure_columns(),
        sa.ForeignKeyConstraint(
            ["month", "version"],
            ["publications.month", "publications.version"],
            name=op.f("fk_published_figures_month_publications"),
        ),
        sa.PrimaryKeyConstraint(
            "month",
            "version",
            "indicator_id",
            "org_level",
            "org_unit",
            "cohort",
            name=op.f("pk_published_figures"),
        ),
    )
    op.create_table(
        "input_blobs",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("compression", sa.String(10), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_input_blobs")),
    )
    op.create_table(
        "published_inputs",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["month", "version"],
            ["publications.month", "publications.version"],
            name=op.f("fk_published_inputs_month_publications"),
        ),
        sa.ForeignKeyConstraint(
            ["sha256"], ["input_blobs.sha256"], name=op.f("fk_published_inputs_sha256_input_blobs")
        ),
        sa.PrimaryKeyConstraint("month", "version", "name", name=op.f("pk_published_inputs")),
    )
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    "BEGIN SELECT RAISE(ABORT, 'kpibook: published months are immutable "
                    f"({table}); publish a new version instead'); END"
                )


def downgrade() -> None:
    """Drop everything (a development aid: it deletes every published month)."""
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            for action in ("update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
    op.drop_table("published_inputs")
    op.drop_table("input_blobs")
    op.drop_table("published_figures")
    op.drop_table("publications")
