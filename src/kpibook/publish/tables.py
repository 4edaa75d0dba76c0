"""The publication store's tables, as SQLAlchemy 2.0 typed declarative models.

The schema itself is created and changed only by the Alembic migrations in
``kpibook/publish/migrations/versions``; these models describe the same
tables for the store's queries (a test checks the two agree).

Every table is written once and never changed: on SQLite, triggers created by
the first migration abort any ``UPDATE`` or ``DELETE``.

Tables:
    publications: one row per published version of a month, holding the
        frozen pack (compressed canonical JSON) and its checksum.
    published_figures: every rated figure of the published pack (``Pack.rows``),
        one row each, for SQL queries and "since last report" comparisons.
    published_inputs: the build inputs of each publication, by name, with
        their SHA-256.
    input_blobs: the inputs' bytes (zlib), stored once per SHA-256 however
        many publications used them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Dialect,
    Double,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Constraint names (explicit, so later migrations can refer to them on any database)."""

IMMUTABLE_TABLES = ("publications", "published_figures", "published_inputs", "input_blobs")
"""Tables the database refuses to update or delete from."""


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A UTC moment: stored without a zone (as UTC), read back zone-aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("published_at must be zone-aware")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    """Base of the store's models."""

    metadata = MetaData(naming_convention=NAMING)


class PublicationRow(Base):
    """One published version of one month."""

    __tablename__ = "publications"

    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    """The month end the pack reports."""
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    """1 for the first publication of the month, then 2, 3..."""
    published_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    published_by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    """Why the month was published again (None for version 1)."""
    council: Mapped[str] = mapped_column(String(200))
    targets_label: Mapped[str] = mapped_column(String(200))
    targets_year: Mapped[str] = mapped_column(String(7))
    publication_date: Mapped[dt.date] = mapped_column(Date)
    pack_format: Mapped[int] = mapped_column(Integer)
    """The version of :mod:`kpibook.publish.serial` the pack was stored with."""
    pack_checksum: Mapped[str] = mapped_column(String(64))
    """SHA-256 (hex) of the pack's canonical JSON, before compression."""
    pack_document: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    """The pack's canonical JSON, zlib-compressed."""


class FigureRow(Base):
    """One rated figure of a published pack: a :class:`~kpibook.scorecard.model.Row`."""

    __tablename__ = "published_figures"
    __table_args__ = (
        ForeignKeyConstraint(["month", "version"], ["publications.month", "publications.version"]),
    )

    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    org_level: Mapped[str] = mapped_column(String(20), primary_key=True)
    org_unit: Mapped[str] = mapped_column(String(100), primary_key=True)
    cohort: Mapped[str] = mapped_column(String(20), primary_key=True)
    org_unit_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text)
    section: Mapped[str] = mapped_column(String(200))
    polarity: Mapped[str | None] = mapped_column(String(1))
    period: Mapped[str] = mapped_column(String(20))
    unit: Mapped[str] = mapped_column(String(20))
    value: Mapped[float | None] = mapped_column(Double)
    numerator: Mapped[float | None] = mapped_column(Double)
    denominator: Mapped[float | None] = mapped_column(Double)
    target: Mapped[float | None] = mapped_column(Double)
    floor: Mapped[float | None] = mapped_column(Double)
    bands: Mapped[str] = mapped_column(Text)
    rag: Mapped[str | None] = mapped_column(String(1))
    """``G``, ``A`` or ``R``; None when the figure has no rating."""
    no_rating: Mapped[str | None] = mapped_column(String(40))
    month_ago: Mapped[float | None] = mapped_column(Double)
    month_ago_rag: Mapped[str | None] = mapped_column(String(1))
    month_ago_dot: Mapped[str | None] = mapped_column(String(20))
    year_ago: Mapped[float | None] = mapped_column(Double)
    year_ago_dot: Mapped[str | None] = mapped_column(String(20))
    r3m: Mapped[float | None] = mapped_column(Double)
    r3m_rag: Mapped[str | None] = mapped_column(String(1))


class BlobRow(Base):
    """The bytes of one build input, stored once per content."""

    __tablename__ = "input_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    """Bytes before compression."""
    compression: Mapped[str] = mapped_column(String(10))
    """``zlib``."""
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)


class InputRow(Base):
    """One build input of one publication."""

    __tablename__ = "published_inputs"
    __table_args__ = (
        ForeignKeyConstraint(["month", "version"], ["publications.month", "publications.version"]),
    )

    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), ForeignKey("input_blobs.sha256"))
    size: Mapped[int] = mapped_column(BigInteger)
