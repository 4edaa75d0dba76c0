"""The publication store: publish, freeze, version, compare, and refuse to change."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from publish_packs import MONTH, TARGETS_A, TARGETS_B, SmallPack
from sqlalchemy import create_engine

from kpibook.errors import ConfigError, InputError
from kpibook.publish import store as store_module
from kpibook.publish.serial import canonical_json
from kpibook.publish.store import (
    MIGRATIONS,
    Store,
    alembic_config,
    database_url,
    frozen_pack,
    open_store,
)
from kpibook.publish.tables import IMMUTABLE_TABLES, Base
from kpibook.rating.bands import Rag
from kpibook.scorecard.model import Pack


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "kpibook.db"


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    with open_store(db) as opened:
        yield opened


def inputs_of(targets_path: Path) -> dict[str, bytes]:
    return {"targets": targets_path.read_bytes(), "profile": b"council: Testshire\n"}


def test_freeze_publish_change_targets_rebuild_identical(
    db: Path, targets_path: Path, make_small_pack: SmallPack
) -> None:
    original = make_small_pack(targets_path)
    with open_store(db) as store:
        published = store.publish(original, inputs_of(targets_path), published_by="analyst")
    assert published.version == 1
    assert published.targets_label == original.targets_label

    targets_path.write_text(TARGETS_B, encoding="utf-8")
    rebuilt = make_small_pack(targets_path)
    assert rebuilt != original
    assert rebuilt.targets_label != original.targets_label
    rags_now = {r.indicator_id: r.rag for r in rebuilt.rows if r.cohort == "all"}
    rags_then = {r.indicator_id: r.rag for r in original.rows if r.cohort == "all"}
    assert rags_then["SCS-09"] is Rag.AMBER and rags_now["SCS-09"] is Rag.GREEN

    frozen = frozen_pack(db, MONTH)
    assert frozen is not None
    assert frozen == dataclasses.replace(original, version=1)
    assert dataclasses.replace(frozen, version=None) == original
    assert frozen.targets_label == original.targets_label
    assert frozen.exceptions == original.exceptions
    stored = canonical_json(dataclasses.replace(frozen, version=None))
    assert hashlib.sha256(stored).hexdigest() == published.pack_checksum


def test_realistic_pack_is_frozen_exactly(store: Store, realistic_pack: Pack) -> None:
    published = store.publish(realistic_pack, {}, published_by="analyst")
    assert store.frozen_pack(realistic_pack.month) == dataclasses.replace(realistic_pack, version=1)
    rags = store.published_rags(realistic_pack.month)
    assert len(rags) == len(realistic_pack.rows)
    for row in realistic_pack.rows:
        key = (row.indicator_id, row.org_level, row.org_unit, row.cohort)
        assert rags[key] == (row.value, row.rag)
    assert published.council == "Kentish County Council"


def test_republishing_needs_a_reason_and_makes_a_new_version(
    store: Store, targets_path: Path, make_small_pack: SmallPack
) -> None:
    first = make_small_pack(targets_path)
    v1 = store.publish(first, inputs_of(targets_path), published_by="analyst")
    for reason in (None, "", "   "):
        with pytest.raises(ConfigError, match=r"already published.*--reason"):
            store.publish(first, inputs_of(targets_path), reason=reason, published_by="analyst")
    assert [p.version for p in store.versions(MONTH)] == [1]

    targets_path.write_text(TARGETS_B, encoding="utf-8")
    second = make_small_pack(targets_path)
    v2 = store.publish(
        second,
        inputs_of(targets_path),
        reason="  Targets revised by the DMT  ",
        published_by="lead",
    )
    assert (v2.version, v2.reason, v2.published_by) == (2, "Targets revised by the DMT", "lead")
    assert v2.checksums["targets"] != v1.checksums["targets"]
    assert v2.pack_checksum != v1.pack_checksum

    assert store.versions(MONTH) == [v1, v2]
    assert store.latest(MONTH) == v2
    assert store.publication(MONTH, 1) == v1
    assert store.frozen_pack(MONTH) == dataclasses.replace(second, version=2)
    assert store.frozen_pack(MONTH, 1) == dataclasses.replace(first, version=1)
    assert store.frozen_pack(MONTH, 3) is None
    assert store.published_rags(MONTH, 1)[("SCS-09", "council", "TC", "all")] == (
        85.0,
        Rag.AMBER,
    )
    assert store.published_rags(MONTH)[("SCS-09", "council", "TC", "all")] == (85.0, Rag.GREEN)
    assert store.input_content(MONTH, "targets", 1) == TARGETS_A.encode()
    assert store.input_content(MONTH, "targets") == TARGETS_B.encode()
    assert store.input_content(MONTH, "nothing") is None


def test_same_content_again_has_the_same_checksum(store: Store, small_pack: Pack) -> None:
    v1 = store.publish(small_pack, {}, published_by="a")
    v2 = store.publish(small_pack, {}, reason="printing error", published_by="a")
    assert v1.pack_checksum == v2.pack_checksum
    assert v2.version == 2


def test_publication_record(store: Store, small_pack: Pack, targets_path: Path) -> None:
    before = dt.datetime.now(dt.UTC)
    published = store.publish(small_pack, inputs_of(targets_path), published_by=" analyst ")
    assert published.published_by == "analyst"
    assert published.reason is None
    assert published.published_at.tzinfo is dt.UTC
    assert before <= published.published_at <= dt.datetime.now(dt.UTC)
    assert published.month == MONTH
    assert published.targets_year == "2016-17"
    assert published.publication_date == dt.date(2016, 9, 20)
    assert published.checksums == {
        "profile": hashlib.sha256(b"council: Testshire\n").hexdigest(),
        "targets": hashlib.sha256(targets_path.read_bytes()).hexdigest(),
    }
    assert published.checksums["targets"][:12] in small_pack.targets_label
    assert store.latest(MONTH) == published
    assert store.latest(dt.date(2016, 8, 1)) == published, "any day of the month finds it"


def test_published_by_is_required(store: Store, small_pack: Pack) -> None:
    with pytest.raises(ConfigError, match="who publishes"):
        store.publish(small_pack, {}, published_by=" ")


def test_a_pack_with_a_version_is_numbered_by_the_store(store: Store, small_pack: Pack) -> None:
    published = store.publish(dataclasses.replace(small_pack, version=7), {}, published_by="a")
    assert published.version == 1
    frozen = store.frozen_pack(MONTH)
    assert frozen is not None and frozen.version == 1


def test_nothing_published(store: Store) -> None:
    assert store.latest(MONTH) is None
    assert store.versions(MONTH) == []
    assert store.frozen_pack(MONTH) is None
    assert store.published_rags(MONTH) == {}
    assert store.last_published_before(MONTH) is None
    assert store.months() == []
    assert store.input_content(MONTH, "targets") is None


def test_last_published_before(store: Store, small_pack: Pack) -> None:
    months = [dt.date(2016, 5, 31), dt.date(2016, 6, 30), dt.date(2016, 8, 31)]
    for month in months:
        store.publish(dataclasses.replace(small_pack, month=month), {}, published_by="a")
    store.publish(
        dataclasses.replace(small_pack, month=months[1]), {}, reason="again", published_by="a"
    )
    assert store.months() == months
    assert store.last_published_before(dt.date(2016, 9, 30)) == dt.date(2016, 8, 31)
    assert store.last_published_before(dt.date(2016, 8, 31)) == dt.date(2016, 6, 30)
    assert store.last_published_before(dt.date(2016, 8, 1)) == dt.date(2016, 6, 30)
    assert store.last_published_before(dt.date(2016, 7, 31)) == dt.date(2016, 6, 30)
    assert store.last_published_before(dt.date(2016, 6, 15)) == dt.date(2016, 5, 31)
    assert store.last_published_before(dt.date(2016, 5, 31)) is None


def test_a_month_must_be_a_month_end(store: Store, small_pack: Pack) -> None:
    with pytest.raises(ValueError, match="not a month end"):
        store.publish(
            dataclasses.replace(small_pack, month=dt.date(2016, 8, 1)), {}, published_by="a"
        )


def test_duplicate_rows_are_refused(store: Store, small_pack: Pack) -> None:
    doubled = dataclasses.replace(small_pack, rows=(*small_pack.rows, small_pack.rows[0]))
    with pytest.raises(ValueError, match="more than one row"):
        store.publish(doubled, {}, published_by="a")
    assert store.latest(MONTH) is None


@pytest.mark.parametrize("table", IMMUTABLE_TABLES)
@pytest.mark.parametrize(
    "statement", ["UPDATE {table} SET {column} = {column}", "DELETE FROM {table}"]
)
def test_the_database_refuses_changes(
    db: Path, small_pack: Pack, targets_path: Path, table: str, statement: str
) -> None:
    with open_store(db) as store:
        store.publish(small_pack, inputs_of(targets_path), published_by="a")
    column = {"input_blobs": "size", "published_inputs": "size"}.get(table, "version")
    con = sqlite3.connect(db)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="published months are immutable"):
            con.execute(statement.format(table=table, column=column))
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0
    finally:
        con.close()
    frozen = frozen_pack(db, MONTH)
    assert frozen == dataclasses.replace(small_pack, version=1)


def test_a_crash_mid_publish_leaves_nothing(
    store: Store, small_pack: Pack, targets_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(Store, "_add_inputs", crash)
    with pytest.raises(RuntimeError, match="power cut"):
        store.publish(small_pack, inputs_of(targets_path), published_by="a")
    monkeypatch.undo()
    assert store.latest(MONTH) is None
    con = sqlite3.connect(Path(store.url.removeprefix("sqlite:///")))
    try:
        for table in IMMUTABLE_TABLES:
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    finally:
        con.close()
    assert store.publish(small_pack, inputs_of(targets_path), published_by="a").version == 1


def test_inputs_are_stored_once_per_content(
    db: Path, store: Store, small_pack: Pack, targets_path: Path
) -> None:
    store.publish(small_pack, inputs_of(targets_path), published_by="a")
    other = dataclasses.replace(small_pack, month=dt.date(2016, 7, 31))
    store.publish(other, inputs_of(targets_path), published_by="a")
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT count(*) FROM input_blobs").fetchone()[0] == 2
        assert con.execute("SELECT count(*) FROM published_inputs").fetchone()[0] == 4
    finally:
        con.close()
    same = dataclasses.replace(small_pack, month=dt.date(2016, 6, 30))
    store.publish(same, {"copy 1": b"same bytes", "copy 2": b"same bytes"}, published_by="a")
    assert store.input_content(same.month, "copy 2") == b"same bytes"
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT count(*) FROM input_blobs").fetchone()[0] == 3
    finally:
        con.close()


def test_figures_are_queryable_with_sql(db: Path, store: Store, small_pack: Pack) -> None:
    store.publish(small_pack, {}, published_by="a")
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT f.value, f.target, f.floor, f.rag, p.targets_label FROM published_figures f "
            "JOIN publications p USING (month, version) "
            "WHERE f.indicator_id = 'SCS-25' AND f.org_level = 'council' AND f.cohort = 'all'"
        ).fetchall()
    finally:
        con.close()
    assert rows == [(50.0, 90.0, 80.0, "R", small_pack.targets_label)]


def test_concurrent_publishers_get_distinct_versions(db: Path, small_pack: Pack) -> None:
    open_store(db).close()
    errors: list[BaseException] = []

    def publish(n: int) -> None:
        try:
            with open_store(db) as store:
                store.publish(small_pack, {}, reason=f"run {n}", published_by=f"user{n}")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=publish, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(db) as store:
        assert [p.version for p in store.versions(MONTH)] == [1, 2, 3, 4]


def test_damaged_pack_is_detected(db: Path, small_pack: Pack) -> None:
    with open_store(db) as store:
        store.publish(small_pack, {}, published_by="a")
    con = sqlite3.connect(db)
    try:
        con.execute("DROP TRIGGER publications_no_update")
        con.execute("UPDATE publications SET pack_checksum = 'x'")
        con.commit()
    finally:
        con.close()
    with pytest.raises(InputError, match="does not match its checksum"):
        frozen_pack(db, MONTH)


# Migrations


def test_migrations_create_the_schema_on_a_fresh_file(db: Path) -> None:
    assert not db.exists()
    open_store(db).close()
    con = sqlite3.connect(db)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        triggers = {
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
        heads = con.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        con.close()
    assert tables == {*IMMUTABLE_TABLES, "alembic_version"}
    assert triggers == {f"{t}_no_{a}" for t in IMMUTABLE_TABLES for a in ("update", "delete")}
    assert heads == [("0001",)]


def test_opening_twice_is_idempotent_and_keeps_the_data(db: Path, small_pack: Pack) -> None:
    with open_store(db) as store:
        published = store.publish(small_pack, {}, published_by="a")
    with open_store(db) as store, open_store(str(db)) as again:
        assert store.latest(MONTH) == published
        assert again.latest(MONTH) == published


def test_the_models_match_the_migrations(db: Path) -> None:
    open_store(db).close()
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_migrations_run_from_the_package_without_an_ini_file() -> None:
    config = alembic_config()
    assert config.config_file_name is None
    assert Path(config.get_main_option("script_location") or "") == MIGRATIONS
    assert (MIGRATIONS / "env.py").is_file()
    assert (MIGRATIONS / "script.py.mako").is_file()
    assert list((MIGRATIONS / "versions").glob("0001_*.py"))


def test_downgrade_and_upgrade_again(db: Path) -> None:
    open_store(db).close()
    engine = create_engine(database_url(db))
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        with engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_heads() == ()
    finally:
        engine.dispose()
    open_store(db).close()
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    finally:
        con.close()


def test_a_store_from_a_newer_kpibook_is_refused(db: Path) -> None:
    open_store(db).close()
    con = sqlite3.connect(db)
    try:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
        con.commit()
    finally:
        con.close()
    with pytest.raises(ConfigError, match="newer kpibook"):
        open_store(db)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not the tables you are looking for\n" * 100)
    with pytest.raises(ConfigError, match="cannot be used as a publication store"):
        open_store(path)


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        open_store(tmp_path / "nowhere" / "kpibook.db")


def test_open_store_takes_a_url(tmp_path: Path, small_pack: Pack) -> None:
    url = f"sqlite:///{tmp_path / 'by-url.db'}"
    with open_store(url) as store:
        store.publish(small_pack, {}, published_by="a")
        assert store.url == url
    assert frozen_pack(tmp_path / "by-url.db", MONTH) is not None
    assert database_url(url) == url
    assert database_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"


def test_an_up_to_date_store_opens_read_only(db: Path, small_pack: Pack) -> None:
    with open_store(db) as store:
        store.publish(small_pack, {}, published_by="a")
    with open_store(f"sqlite:///file:{db}?mode=ro&uri=true") as store:
        assert store.frozen_pack(MONTH) == dataclasses.replace(small_pack, version=1)
        with pytest.raises(ConfigError, match=r"cannot publish 2016-08.*readonly"):
            store.publish(small_pack, {}, reason="again", published_by="a")


def test_the_module_is_documented() -> None:
    assert store_module.__doc__ and "Alembic" in store_module.__doc__
