"""The publication store: published months, frozen, in an embedded SQLite database.

``kpibook publish`` stores a rated month here. A published month never
changes: the pack is stored whole (its canonical JSON, see
:mod:`kpibook.publish.serial`), so rebuilding the month later gives the same
pack even after the targets file, commentary or results have changed.
Publishing a month again makes version 2, 3... and needs a reason; every
version stays readable. Each publication also records its rated figures as
rows (for SQL and "since last report" comparisons) and its build inputs'
bytes and SHA-256 checksums (provenance).

The schema is created and upgraded by Alembic migrations shipped in the
package (``kpibook/publish/migrations``), run by :func:`open_store` with a
configuration built in code: no ``alembic.ini`` is needed.

Typical use::

    with open_store(Path("kpibook.db")) as store:
        store.publish(pack, {"targets": targets_bytes}, published_by="jsmith")
        frozen = store.frozen_pack(dt.date(2016, 8, 31))
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, IntegrityError
from sqlalchemy.orm import Session, undefer

from kpibook.engine.periods import month_end
from kpibook.errors import ConfigError, InputError
from kpibook.publish.serial import FORMAT, canonical_json, pack_from_json
from kpibook.publish.tables import BlobRow, FigureRow, InputRow, PublicationRow
from kpibook.rating.bands import Rag
from kpibook.scorecard.model import Pack, Row

MIGRATIONS = Path(__file__).parent / "migrations"
"""The Alembic script folder, inside the installed package."""

_WRITE = "kpibook_write"
"""Execution option: begin the transaction holding SQLite's write lock."""

FigureKey = tuple[str, str, str, str]
"""(indicator_id, org_level, org_unit, cohort)."""


@dataclass(frozen=True, slots=True)
class InputRecord:
    """One build input of a publication.

    Attributes:
        name: what the input is (the caller's name for it, e.g. ``targets``).
        sha256: SHA-256 of its bytes, hex.
        size: its size in bytes.
    """

    name: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Publication:
    """One published version of one month.

    Attributes:
        month: the month end the pack reports.
        version: 1 for the first publication of the month, then 2, 3...
        published_at: when (UTC, zone-aware).
        published_by: who published it.
        reason: why it was published again (None or the given text for version 1).
        council: the council the pack is for.
        targets_label: the targets file's version and short checksum the month was rated with.
        targets_year: the financial year whose targets rated the month.
        publication_date: the "Publication Date" printed on the pack.
        pack_checksum: SHA-256 of the pack's canonical JSON (version number left out, so
            two versions with the same content have the same checksum).
        inputs: the build inputs, by name.
    """

    month: dt.date
    version: int
    published_at: dt.datetime
    published_by: str
    reason: str | None
    council: str
    targets_label: str
    targets_year: str
    publication_date: dt.date
    pack_checksum: str
    inputs: tuple[InputRecord, ...]

    @property
    def checksums(self) -> dict[str, str]:
        """SHA-256 of each input, by name."""
        return {i.name: i.sha256 for i in self.inputs}


def month_key(day: dt.date) -> dt.date:
    """The month end of the month ``day`` is in (months are stored by their last day)."""
    return month_end(day.year, day.month)


def database_url(target: Path | str) -> str:
    """The SQLAlchemy URL of ``target``: a SQLite file path, or already a URL."""
    if isinstance(target, str) and "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def open_store(target: Path | str) -> Store:
    """Open the store at ``target``, creating it and upgrading its schema to the latest.

    Args:
        target: a SQLite file (created if missing; its folder must exist), or an
            SQLAlchemy URL.

    Raises:
        ConfigError: the folder does not exist, the file is not a kpibook store,
            or it was written by a newer kpibook.
    """
    url = database_url(target)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(f"'{target}' is neither a file path nor a database URL") from None
    database = parsed.database or ""
    if parsed.get_backend_name() == "sqlite" and database not in ("", ":memory:"):
        folder = Path(database.removeprefix("file:")).parent
        if not folder.is_dir():
            raise ConfigError(
                f"the publication store's folder {folder} does not exist: create it or "
                "choose another --store file"
            )
    engine = _engine(url)
    try:
        migrate(engine)
    except DatabaseError as exc:
        engine.dispose()
        raise ConfigError(
            f"{target} cannot be used as a publication store ({exc.orig}); "
            "choose another --store file"
        ) from None
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


def frozen_pack(db: Path | str, month: dt.date, version: int | None = None) -> Pack | None:
    """The pack published for ``month`` (latest version, or ``version``), or None.

    A shortcut for :meth:`Store.frozen_pack` that opens and closes the store.
    """
    with open_store(db) as store:
        return store.frozen_pack(month, version)


def _engine(url: str) -> Engine:
    sqlite = make_url(url).get_backend_name() == "sqlite"
    engine = create_engine(url, connect_args={"timeout": 30} if sqlite else {})
    if sqlite:
        # pysqlite starts transactions lazily and not for DDL; take control so a
        # migration or a publish is one transaction, holding the write lock from
        # the start when it writes (no two publishers can take the same version).
        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection: Connection) -> None:
            write = connection.get_execution_options().get(_WRITE, False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def alembic_config() -> Config:
    """Alembic's configuration for the store, built in code from the installed package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    return config


def migrate(engine: Engine) -> None:
    """Upgrade the database to the latest schema, in one transaction (nothing if it is there).

    Raises:
        ConfigError: the database is at a revision this kpibook does not know
            (written by a newer version).
    """
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    known = {r.revision for r in script.walk_revisions()}
    heads = set(script.get_heads())

    def current(connection: Connection) -> set[str]:
        found = set(MigrationContext.configure(connection).get_current_heads())
        unknown = sorted(found - known)
        if unknown:
            raise ConfigError(
                f"the publication store is at schema revision {', '.join(unknown)}, which this "
                "version of kpibook does not know: it was written by a newer kpibook; upgrade"
            )
        return found

    # Look first without the write lock (a store that is up to date can be read
    # while someone publishes, and from a read-only file); upgrade holding it.
    with engine.connect() as connection:
        if current(connection) == heads:
            return
    with engine.execution_options(**{_WRITE: True}).begin() as connection:
        if current(connection) == heads:
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _code(value: Enum | None) -> str | None:
    return None if value is None else str(value.value)


def _figure(month: dt.date, version: int, row: Row) -> FigureRow:
    return FigureRow(
        month=month,
        version=version,
        indicator_id=row.indicator_id,
        org_level=row.org_level,
        org_unit=row.org_unit,
        cohort=row.cohort,
        org_unit_name=row.org_unit_name,
        title=row.title,
        section=row.section,
        polarity=row.polarity,
        period=row.period,
        unit=row.unit,
        value=row.value,
        numerator=row.numerator,
        denominator=row.denominator,
        target=row.target,
        floor=row.floor,
        bands=row.bands,
        rag=_code(row.rag),
        no_rating=_code(row.no_rating),
        month_ago=row.month_ago,
        month_ago_rag=_code(row.month_ago_rag),
        month_ago_dot=_code(row.month_ago_dot),
        year_ago=row.year_ago,
        year_ago_dot=_code(row.year_ago_dot),
        r3m=row.r3m,
        r3m_rag=_code(row.r3m_rag),
    )


class Store:
    """An open publication store. Use :func:`open_store`; close it (or use ``with``)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = engine.execution_options(**{_WRITE: True})

    @property
    def url(self) -> str:
        """The database URL (password hidden)."""
        return self._engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Close every connection."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def publish(
        self,
        pack: Pack,
        inputs: Mapping[str, bytes],
        *,
        reason: str | None = None,
        published_by: str,
    ) -> Publication:
        """Store ``pack`` as the next version of its month, in one transaction.

        Args:
            pack: the rated month (its ``version`` is ignored: the store numbers versions).
            inputs: the bytes of each build input by name (targets file, profile,
                commentary, results...), stored with their SHA-256.
            reason: why the month is published again; required when it already is.
            published_by: who is publishing (recorded).

        Raises:
            ConfigError: the month is already published and no reason was given,
                ``published_by`` is empty, or the database refused the write (read-only,
                locked for over 30 seconds...); nothing is stored.
            ValueError: the pack has two rows for the same figure, or its month is not
                a month end.
        """
        who = published_by.strip()
        why = reason.strip() if reason is not None and reason.strip() else None
        if not who:
            raise ConfigError("publishing needs the name of who publishes (--by)")
        if pack.month != month_key(pack.month):
            raise ValueError(f"the pack's month {pack.month} is not a month end")
        keys = [(r.indicator_id, r.org_level, r.org_unit, r.cohort) for r in pack.rows]
        if len(set(keys)) != len(keys):
            raise ValueError("the pack has more than one row for the same figure")
        for name in inputs:
            if not name or len(name) > 100:
                raise ValueError(f"input name {name!r}: give 1 to 100 characters")
        content = dataclasses.replace(pack, version=None)
        document = canonical_json(content)
        if canonical_json(pack_from_json(document)) != document:
            raise ValueError("the pack does not read back the same from its stored form")
        checksum = _sha256(document)
        records = tuple(
            InputRecord(name, _sha256(data), len(data)) for name, data in sorted(inputs.items())
        )
        month = pack.month
        try:
            with Session(self._writer) as session, session.begin():
                latest = session.scalar(
                    select(func.max(PublicationRow.version)).where(PublicationRow.month == month)
                )
                if latest is not None and why is None:
                    raise ConfigError(
                        f"{month:%Y-%m} is already published (version {latest}); a published "
                        "month does not change. To publish it again as version "
                        f"{latest + 1}, say why with --reason"
                    )
                version = (latest or 0) + 1
                published_at = dt.datetime.now(dt.UTC)
                session.add(
                    PublicationRow(
                        month=month,
                        version=version,
                        published_at=published_at,
                        published_by=who,
                        reason=why,
                        council=pack.profile.council,
                        targets_label=pack.targets_label,
                        targets_year=pack.targets_year,
                        publication_date=pack.publication_date,
                        pack_format=FORMAT,
                        pack_checksum=checksum,
                        pack_document=zlib.compress(document, 6),
                    )
                )
                session.flush()
                session.add_all(_figure(month, version, row) for row in pack.rows)
                session.flush()
                self._add_inputs(session, month, version, inputs, records)
        except IntegrityError:
            raise ConfigError(
                f"{month:%Y-%m} was published by someone else at the same moment; "
                "run publish again (with --reason) if a new version is still wanted"
            ) from None
        except DatabaseError as exc:
            raise ConfigError(
                f"{self.url}: cannot publish {month:%Y-%m} ({exc.orig}); nothing was stored"
            ) from None
        return Publication(
            month=month,
            version=version,
            published_at=published_at,
            published_by=who,
            reason=why,
            council=pack.profile.council,
            targets_label=pack.targets_label,
            targets_year=pack.targets_year,
            publication_date=pack.publication_date,
            pack_checksum=checksum,
            inputs=records,
        )

    def _add_inputs(
        self,
        session: Session,
        month: dt.date,
        version: int,
        inputs: Mapping[str, bytes],
        records: tuple[InputRecord, ...],
    ) -> None:
        for record in records:
            stored = session.scalar(select(BlobRow.sha256).where(BlobRow.sha256 == record.sha256))
            if stored is None:
                session.add(
                    BlobRow(
                        sha256=record.sha256,
                        size=record.size,
                        compression="zlib",
                        content=zlib.compress(inputs[record.name], 6),
                    )
                )
                session.flush()
            session.add(
                InputRow(
                    month=month,
                    version=version,
                    name=record.name,
                    sha256=record.sha256,
                    size=record.size,
                )
            )
        session.flush()

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with Session(self._engine) as session, session.begin():
            yield session

    def _publication(self, session: Session, row: PublicationRow) -> Publication:
        inputs = session.scalars(
            select(InputRow)
            .where(InputRow.month == row.month, InputRow.version == row.version)
            .order_by(InputRow.name)
        )
        return Publication(
            month=row.month,
            version=row.version,
            published_at=row.published_at,
            published_by=row.published_by,
            reason=row.reason,
            council=row.council,
            targets_label=row.targets_label,
            targets_year=row.targets_year,
            publication_date=row.publication_date,
            pack_checksum=row.pack_checksum,
            inputs=tuple(InputRecord(i.name, i.sha256, i.size) for i in inputs),
        )

    @staticmethod
    def _find(
        session: Session, month: dt.date, version: int | None, *, document: bool = False
    ) -> PublicationRow | None:
        query = select(PublicationRow).where(PublicationRow.month == month_key(month))
        if version is not None:
            query = query.where(PublicationRow.version == version)
        if document:
            query = query.options(undefer(PublicationRow.pack_document))
        return session.scalar(query.order_by(PublicationRow.version.desc()).limit(1))

    def latest(self, month: dt.date) -> Publication | None:
        """The latest version published for the month ``month`` is in, or None."""
        with self._reading() as session:
            row = self._find(session, month, None)
            return None if row is None else self._publication(session, row)

    def publication(self, month: dt.date, version: int) -> Publication | None:
        """One version of a month, or None."""
        with self._reading() as session:
            row = self._find(session, month, version)
            return None if row is None else self._publication(session, row)

    def versions(self, month: dt.date) -> list[Publication]:
        """Every version published for the month, first first (empty if none)."""
        with self._reading() as session:
            rows = session.scalars(
                select(PublicationRow)
                .where(PublicationRow.month == month_key(month))
                .order_by(PublicationRow.version)
            ).all()
            return [self._publication(session, r) for r in rows]

    def months(self) -> list[dt.date]:
        """Every published month (month ends), earliest first."""
        with self._reading() as session:
            query = select(PublicationRow.month).distinct().order_by(PublicationRow.month)
            return list(session.scalars(query))

    def frozen_pack(self, month: dt.date, version: int | None = None) -> Pack | None:
        """The pack as published for ``month`` (latest version, or ``version``), or None.

        The pack is exactly the one published, with ``version`` set to its version number.

        Raises:
            InputError: the stored pack is damaged (its checksum does not match).
            ConfigError: it was stored by a newer kpibook.
        """
        with self._reading() as session:
            row = self._find(session, month, version, document=True)
            if row is None:
                return None
            if row.pack_format > FORMAT:
                raise ConfigError(
                    f"{row.month:%Y-%m} version {row.version} was stored in pack format "
                    f"{row.pack_format} by a newer kpibook; upgrade kpibook to read it"
                )
            document = zlib.decompress(row.pack_document)
            if _sha256(document) != row.pack_checksum:
                raise InputError(
                    f"{self.url}: the stored pack of {row.month:%Y-%m} version {row.version} "
                    "does not match its checksum: the store is damaged; restore it from a backup"
                )
            return dataclasses.replace(pack_from_json(document), version=row.version)

    def last_published_before(self, month: dt.date) -> dt.date | None:
        """The latest published month before ``month``'s (its month end), or None.

        For "since last report" comparisons.
        """
        with self._reading() as session:
            return session.scalar(
                select(func.max(PublicationRow.month)).where(
                    PublicationRow.month < month_key(month)
                )
            )

    def published_rags(
        self, month: dt.date, version: int | None = None
    ) -> dict[FigureKey, tuple[float | None, Rag | None]]:
        """Value and rating of every published figure of a month (latest version by default).

        Keys are ``(indicator_id, org_level, org_unit, cohort)``; empty when the month
        (or that version) is not published.
        """
        with self._reading() as session:
            row = self._find(session, month, version)
            if row is None:
                return {}
            figures = session.execute(
                select(
                    FigureRow.indicator_id,
                    FigureRow.org_level,
                    FigureRow.org_unit,
                    FigureRow.cohort,
                    FigureRow.value,
                    FigureRow.rag,
                ).where(FigureRow.month == row.month, FigureRow.version == row.version)
            )
            return {
                (f.indicator_id, f.org_level, f.org_unit, f.cohort): (
                    f.value,
                    None if f.rag is None else Rag(f.rag),
                )
                for f in figures
            }

    def input_content(self, month: dt.date, name: str, version: int | None = None) -> bytes | None:
        """The bytes of one build input of a publication (latest version by default), or None."""
        with self._reading() as session:
            row = self._find(session, month, version)
            if row is None:
                return None
            blob = session.scalar(
                select(BlobRow)
                .join(InputRow, InputRow.sha256 == BlobRow.sha256)
                .where(
                    InputRow.month == row.month,
                    InputRow.version == row.version,
                    InputRow.name == name,
                )
                .options(undefer(BlobRow.content))
            )
            return None if blob is None else zlib.decompress(blob.content)
