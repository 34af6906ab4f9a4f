"""Opening stores: creation, migrations, versions, and files that are not stores."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from frontwire.dedup import DEDUP_TABLES
from frontwire.errors import StoreError
from frontwire.store import TABLES, Store
from frontwire.store import schema as store_schema
from frontwire.store.rows import ALL_TABLES
from frontwire.store.schema import Migration


def _tables(path: Path) -> set[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
    return {row[0] for row in rows}


def _migration_rows(path: Path) -> list[tuple[object, ...]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT * FROM schema_migrations ORDER BY version").fetchall()


def test_fresh_store_has_every_table_at_latest_version(tmp_path: Path) -> None:
    path = tmp_path / "fresh.duckdb"
    with Store(path) as store:
        assert store.schema_version == store_schema.latest_version()
        assert store.counts() == dict.fromkeys(TABLES, 0)
    assert _tables(path) == {*TABLES, *DEDUP_TABLES, "schema_migrations", "shards"}
    versions = [row[0] for row in _migration_rows(path)]
    assert versions == [m.version for m in store_schema.migrations()]


def test_store_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "store.duckdb"
    Store(path).close()
    assert path.is_file()


def test_reopening_applies_no_migration_and_keeps_rows(tmp_path: Path, article_builder) -> None:
    path = tmp_path / "again.duckdb"
    with Store(path) as store:
        store.write([article_builder(1)], [])
    before = _migration_rows(path)
    with Store(path) as store:
        assert store.counts()["articles"] == 1
    assert _migration_rows(path) == before


def test_table_specs_agree_with_the_migrated_tables(tmp_path: Path) -> None:
    path = tmp_path / "spec.duckdb"
    Store(path).close()
    with duckdb.connect(str(path), read_only=True) as con:
        for spec in ALL_TABLES:
            described = con.execute(f"DESCRIBE {spec.name}").fetchall()
            assert [(row[0], row[1]) for row in described] == list(spec.columns), spec.name


def test_store_newer_than_the_code_raises_fw502(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    Store(path).close()
    future = store_schema.latest_version() + 1
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO schema_migrations VALUES ($1, now()::TIMESTAMP)", [future])
    for read_only in (False, True):
        with pytest.raises(StoreError) as raised:
            Store(path, read_only=read_only)
        assert raised.value.code == "FW502"
        assert str(future) in raised.value.message


@pytest.mark.parametrize("content", [b"", b"id,text\n1,not a database\n" * 50])
def test_file_that_is_not_duckdb_raises_fw501_saying_what_to_do(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "garbage.duckdb"
    path.write_bytes(content)
    with pytest.raises(StoreError) as raised:
        Store(path)
    assert raised.value.code == "FW501"
    assert "not a DuckDB database" in raised.value.message
    assert "new file name" in raised.value.message
    assert path.read_bytes() == content  # left untouched


def test_duckdb_file_of_another_application_raises_fw501(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(StoreError) as raised:
        Store(path)
    assert raised.value.code == "FW501"
    assert "customers" in raised.value.message
    assert _tables(path) == {"customers"}


def test_missing_store_opened_read_only_raises_fw501(tmp_path: Path) -> None:
    path = tmp_path / "missing.duckdb"
    with pytest.raises(StoreError) as raised:
        Store(path, read_only=True)
    assert raised.value.code == "FW501"
    assert not path.exists()


def test_store_held_by_another_process_raises_fw501(tmp_path: Path) -> None:
    path = tmp_path / "held.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom frontwire.store import Store\n"
            f"s = Store({str(path)!r})\nprint('ready', flush=True)\ntime.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError) as raised:
            Store(path)
        assert raised.value.code == "FW501"
        assert "another process" in raised.value.message
    finally:
        holder.kill()
        holder.wait()


def test_unmigrated_store_is_migrated_on_open_but_refused_read_only(tmp_path: Path) -> None:
    path = tmp_path / "v0.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(store_schema.CREATE_MIGRATIONS_TABLE)
    with pytest.raises(StoreError) as raised:
        Store(path, read_only=True)
    assert raised.value.code == "FW506"
    with Store(path) as store:
        assert store.schema_version == store_schema.latest_version()
    assert _tables(path) == {*TABLES, *DEDUP_TABLES, "schema_migrations", "shards"}


def test_new_migration_is_applied_to_an_existing_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, article_builder
) -> None:
    path = tmp_path / "upgrade.duckdb"
    with Store(path) as store:
        store.write([article_builder(1)], [])
    shipped = store_schema.migrations()
    added = Migration(
        len(shipped) + 1, "9999_language.sql", "ALTER TABLE articles ADD COLUMN language VARCHAR"
    )
    monkeypatch.setattr(store_schema, "migrations", lambda: (*shipped, added))
    with Store(path) as store:
        assert store.schema_version == added.version
        assert store.counts()["articles"] == 1
    with duckdb.connect(str(path), read_only=True) as con:
        columns = [row[0] for row in con.execute("DESCRIBE articles").fetchall()]
    assert columns[-1] == "language"


def test_failed_migration_leaves_the_previous_version_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "broken.duckdb"
    Store(path).close()
    shipped = store_schema.migrations()
    # The first statement works, the second fails: the transaction must undo the first.
    broken = Migration(
        len(shipped) + 1,
        "9999_broken.sql",
        "ALTER TABLE articles ADD COLUMN language VARCHAR; CREATE TABLE articles (x INTEGER);",
    )
    monkeypatch.setattr(store_schema, "migrations", lambda: (*shipped, broken))
    with pytest.raises(StoreError) as raised:
        Store(path)
    assert raised.value.code == "FW505"
    monkeypatch.undo()
    with Store(path) as store:
        assert store.schema_version == shipped[-1].version
    with duckdb.connect(str(path), read_only=True) as con:
        columns = [row[0] for row in con.execute("DESCRIBE articles").fetchall()]
    assert "language" not in columns


def test_read_only_store_refuses_writes_with_fw505(tmp_path: Path, article_builder) -> None:
    path = tmp_path / "ro.duckdb"
    Store(path).close()
    with Store.open(path, read_only=True) as store:
        with pytest.raises(StoreError) as raised:
            store.write([article_builder(1)], [])
        assert raised.value.code == "FW505"
        assert store.counts()["articles"] == 0
