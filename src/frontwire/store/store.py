"""The embedded DuckDB store: articles, their entities, quotes, places and events, rejects, runs.

Every :meth:`Store.write` is one transaction: the batch's article rows are upserted, their child
rows replaced (deleted by article id, then inserted) and its rejects upserted, then committed. A
process killed mid-batch therefore leaves that batch wholly absent (DuckDB writes a transaction
to its write-ahead log only on commit), and writing it again replaces rather than duplicates, so
an interrupted ingest can simply be rerun.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import duckdb

from frontwire.errors import StoreError
from frontwire.output.article_json import article_to_json
from frontwire.output.safe_json import safe_text
from frontwire.records import Article, Reject, RunStats
from frontwire.store import schema
from frontwire.store import stats as summary
from frontwire.store.rows import (
    ALL_TABLES,
    ARTICLE_ALIASES,
    ARTICLE_PATHS,
    ARTICLES,
    CHILD_TABLES,
    REJECTS,
    ArticleJson,
    Columns,
    Prepared,
    TableSpec,
    add_aliases,
    add_paths,
    build_batch,
    prepare,
    run_row,
)
from frontwire.store.stats import StoreStats

if TYPE_CHECKING:  # importing ingest would load trafilatura for `frontwire export`
    from frontwire.ingest.shards import Shard


TABLES: tuple[str, ...] = tuple(spec.name for spec in ALL_TABLES)
"""The tables a store holds and :meth:`Store.export` writes."""

MEMORY = ":memory:"


class Store:
    """The embedded DuckDB store.

    Implements the executor's sink protocol
    (:class:`frontwire.executors.base.Sink`): :meth:`write` and :meth:`record_run`.

    Args:
        path: the database file, created with its folder if missing (unless read-only);
            ``":memory:"`` for a store that lives only as long as the object.
        read_only: open without writing; other read-only processes may open it too.
        to_json: builds the public article JSON kept in ``articles.json`` and exported as
            ``articles`` JSON Lines; defaults to :func:`~frontwire.output.article_to_json`.
        memory_limit: DuckDB's memory limit for this connection (e.g. ``"256MB"``); ``None``
            keeps DuckDB's default.

    Raises:
        StoreError: FW501 if the file cannot be opened or is not a frontwire store; FW502 if
            its schema is newer than this frontwire; FW506 if it needs migrating but is opened
            read-only; FW505 if a migration fails.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        to_json: ArticleJson | None = None,
        memory_limit: str | None = None,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._to_json = to_json or article_to_json
        self._run_id: str | None = None
        self._con = self._connect()
        try:
            if memory_limit:
                # DuckDB keeps table pages cached up to its limit (80% of RAM by default), so an
                # ingest's RSS would grow with the store; capped, pages are written back instead.
                self._con.execute(f"SET memory_limit = '{_size(memory_limit)}'")
            self._schema_version = self._prepare()
        except BaseException:
            self._con.close()
            raise

    @classmethod
    def open(
        cls, path: str | Path, read_only: bool = False, *, to_json: ArticleJson | None = None
    ) -> Store:
        """Open (and create or migrate) the store at ``path``; see :class:`Store`."""
        return cls(path, read_only=read_only, to_json=to_json)

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open DuckDB connection, for readers that run their own queries (HTTP API, dedup)."""
        return self._con

    @property
    def schema_version(self) -> int:
        """The store's schema version (after any migration applied on open)."""
        return self._schema_version

    def close(self) -> None:
        """Close the connection; DuckDB checkpoints the write-ahead log into the file."""
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r}, read_only={self.read_only})"

    # -- writing -------------------------------------------------------------------------

    def write(self, articles: Sequence[Article], rejects: Sequence[Reject]) -> None:
        """Store one batch of results in a single transaction.

        Each article's row is upserted and its entities, quotes, places and events replace
        whatever the store held for it; each reject is upserted by id (keeping the time it was
        first recorded). Either the whole batch is committed or none of it.

        Args:
            articles: finished articles.
            rejects: rejected inputs and articles.

        Raises:
            StoreError: FW505 if the write fails; nothing of the batch is stored then.
        """
        if not articles and not rejects:
            return
        batch = build_batch(
            articles, rejects, to_json=self._to_json, run_id=self._run_id, now=_utc_now()
        )
        self.write_prepared(prepare(batch))

    def write_prepared(self, prepared: Prepared, rejects: Sequence[Reject] = ()) -> None:
        """Store one batch whose rows were built elsewhere (:func:`~frontwire.store.rows.prepare`,
        in a Ray worker), with the same upserts as :meth:`write`, in one transaction; extra
        ``rejects`` (e.g. from ingest on this side) go into the same transaction.

        Raises:
            StoreError: FW505 if the write fails; nothing of the batch is stored then.
        """
        tables = dict(prepared.tables)
        if rejects:
            extra = build_batch([], rejects, to_json=self._to_json, run_id=self._run_id,
                                now=_utc_now()).rejects  # fmt: skip
            tables[REJECTS.name] = _concat(tables.get(REJECTS.name), extra.arrow())
        if not tables:
            return
        ids = prepared.article_ids

        def statements() -> None:
            if ARTICLES.name in tables:
                self._insert_arrow(ARTICLES, tables[ARTICLES.name], "INSERT OR REPLACE")
            if ids:
                for spec in CHILD_TABLES:
                    self._delete_children(spec, ids)
                    if spec.name in tables:
                        self._insert_arrow(spec, tables[spec.name], "INSERT")
            if REJECTS.name in tables:
                self._insert_arrow(REJECTS, tables[REJECTS.name], "INSERT",
                                   _keep_first_seen(REJECTS))  # fmt: skip
            for spec in (ARTICLE_PATHS, ARTICLE_ALIASES):
                if spec.name in tables:
                    self._insert_arrow(spec, tables[spec.name], "INSERT",
                                       " ON CONFLICT DO NOTHING")  # fmt: skip

        self._transaction(statements)

    def _delete_children(self, spec: TableSpec, ids: Sequence[str]) -> None:
        self._execute(
            f"DELETE FROM {spec.name} WHERE article_id IN (SELECT UNNEST($1::VARCHAR[]))",
            [list(ids)],
        )

    def write_aliases(self, articles: Sequence[Article]) -> None:
        """Record the aliases (record ids, paths) of articles that were not processed again
        because the same text was already stored: the copies of one text in a batch, or an
        article ``--skip-existing`` skipped. Their rows only are written, in one transaction.

        Raises:
            StoreError: FW505 if the write fails.
        """
        if not articles:
            return
        now = _utc_now()
        columns = Columns(ARTICLE_ALIASES)
        add_aliases(columns, articles, self._run_id, now)
        paths = Columns(ARTICLE_PATHS)
        add_paths(paths, articles, self._run_id, now)

        def statements() -> None:
            if len(columns):
                self._insert(columns, "INSERT", on_conflict=" ON CONFLICT DO NOTHING")
            if len(paths):
                self._insert(paths, "INSERT", on_conflict=" ON CONFLICT DO NOTHING")

        self._transaction(statements)

    def record_run(self, stats: RunStats) -> None:
        """Insert or update the run's row; rows written afterwards carry its ``run_id``.

        Raises:
            StoreError: FW505 if the write fails.
        """
        self._run_id = stats.run_id
        row = run_row(stats)
        self._transaction(lambda: self._insert(row, "INSERT OR REPLACE"))

    def _transaction(self, statements: Callable[[], None]) -> None:
        try:
            self._con.begin()
            try:
                statements()
                self._con.commit()
            except BaseException:
                # The original error matters; a rollback failing too (e.g. the connection is
                # gone) adds nothing to it.
                with contextlib.suppress(duckdb.Error):
                    self._con.rollback()
                raise
        except duckdb.Error as exc:
            raise StoreError("FW505", path=self.path, detail=str(exc)) from exc

    def _insert(self, rows: Columns, verb: str, on_conflict: str = "") -> None:
        self._insert_arrow(rows.spec, rows.arrow(), verb, on_conflict)

    def _insert_arrow(self, spec: TableSpec, table: Any, verb: str, on_conflict: str = "") -> None:
        # The batch goes to DuckDB as one Arrow table, which it scans column by column in C
        # like a table of its own (docs/BENCHMARKS.md, "Store writes").
        view = f"_frontwire_{spec.name}"
        casts = ", ".join(f"CAST({name} AS {sql_type})" for name, sql_type in spec.columns)
        self._con.register(view, table)
        try:
            self._execute(
                f"{verb} INTO {spec.name} ({', '.join(spec.names)}) "
                f"SELECT {casts} FROM {view}{on_conflict}",
                [],
            )
        finally:
            self._con.unregister(view)

    def _execute(self, sql: str, params: list[Any]) -> None:
        # Every statement of a write goes through here: one place to observe them.
        self._con.execute(sql, params)

    # -- reading -------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table, for every table in :data:`TABLES`."""
        out: dict[str, int] = {}
        for table in TABLES:
            row = self._con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def stats(self, *, top: int = 10, runs: int = 5) -> StoreStats:
        """A summary of the store for ``frontwire stats``.

        Args:
            top: how many of the most mentioned entities to list.
            runs: how many of the latest runs to list.

        Returns:
            Row counts, articles per verdict, top entities, rejects per code, latest runs.
        """
        try:
            return StoreStats(
                path=self.path,
                schema_version=self.schema_version,
                counts=self.counts(),
                verdicts=summary.verdicts(self._con),
                top_entities=summary.top_entities(self._con, top),
                rejects_by_code=summary.rejects_by_code(self._con),
                last_runs=summary.last_runs(self._con, runs),
            )
        except duckdb.Error as exc:
            raise _read_failure(self.path, exc) from exc

    def has_article(self, article_id: str) -> bool:
        """Whether the store holds the article with this id."""
        row = self._con.execute("SELECT 1 FROM articles WHERE id = $1 LIMIT 1", [article_id])
        return row.fetchone() is not None

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` the store already holds: one query per batch (``--skip-existing``),
        so no set of every stored id is ever held in memory."""
        if not ids:
            return set()
        rows = self._con.execute(
            "SELECT id FROM articles WHERE id IN (SELECT UNNEST($1::VARCHAR[]))", [list(ids)]
        ).fetchall()
        return {str(row[0]) for row in rows}

    def find_articles(self, key: str) -> list[str]:
        """The ids of the articles ``key`` names: an article id, or any alias (a record id or
        a path, see :meth:`aliases`), direct ids first.

        Raises:
            StoreError: FW541 if the store cannot be read.
        """
        try:
            rows = self._con.execute(
                "SELECT id FROM (SELECT id, 0 AS rank FROM articles WHERE id = $1 "
                "UNION ALL SELECT article_id, 1 FROM article_aliases WHERE alias = $1) "
                "GROUP BY id ORDER BY min(rank), id",
                [key],
            ).fetchall()
        except duckdb.Error as exc:
            raise _read_failure(self.path, exc) from exc
        return [str(row[0]) for row in rows]

    def aliases(
        self, article_id: str, limit: int | None = None
    ) -> tuple[list[dict[str, str]], int]:
        """The aliases of one article, ordered by kind and alias, and how many there are.

        Args:
            article_id: the article.
            limit: list at most this many (all when ``None``); the count is always complete.

        Returns:
            ``([{"kind": ..., "alias": ...}, ...], total)``.
        """
        sql = "SELECT kind, alias FROM article_aliases WHERE article_id = $1 ORDER BY kind, alias"
        params: list[Any] = [article_id]
        if limit is not None:
            sql += " LIMIT $2"
            params.append(limit)
        try:
            rows = self._con.execute(sql, params).fetchall()
            total = self._con.execute(
                "SELECT count(*) FROM article_aliases WHERE article_id = $1", [article_id]
            ).fetchone()
        except duckdb.Error as exc:
            raise _read_failure(self.path, exc) from exc
        listed = [{"kind": str(kind), "alias": str(alias)} for kind, alias in rows]
        return listed, int(total[0]) if total else 0

    def article_json(self, article_id: str) -> dict[str, Any] | None:
        """The stored public JSON of one article, or ``None`` when there is no such article."""
        import json

        row = self._con.execute("SELECT json FROM articles WHERE id = $1", [article_id]).fetchone()
        return json.loads(row[0]) if row else None

    # -- shards --------------------------------------------------------------------------

    def shard_finished(self, shard: Shard) -> bool:
        """Whether ``shard`` (same path, range and fingerprint) was finished by an earlier run."""
        # A file name that is not valid UTF-8 (surrogate-escaped) is stored as valid UTF-8.
        key = safe_text(shard.key)
        row = self._con.execute("SELECT 1 FROM shards WHERE key = $1", [key]).fetchone()
        return row is not None

    def finish_shard(self, shard: Shard) -> None:
        """Record ``shard`` as finished, after its last batch; clear its input's stale rejects.

        Rejects of the shard's path left by earlier runs (and not recorded again by this one,
        which updates their ``run_id``) are deleted: the input has now been read successfully
        and they no longer describe it.

        Raises:
            StoreError: FW505 if the write fails.
        """
        self.finish_shards([shard])

    def finish_shards(self, shards: Sequence[Shard]) -> None:
        """Record every shard of ``shards`` as :meth:`finish_shard` does, in one transaction
        with one statement per kind: a folder of small files is a shard per file, and a
        transaction per file cost more than writing its article (issue 22).

        Raises:
            StoreError: FW505 if the write fails.
        """
        if not shards:
            return
        now = _utc_now()
        keys = [safe_text(s.key) for s in shards]
        paths = [safe_text(s.path) for s in shards]
        starts = [s.start_line for s in shards]
        ends = [s.end_line for s in shards]
        fingerprints = [s.fingerprint for s in shards]

        def statements() -> None:
            # Stale rejects: of a whole file any line; of a line range, the lines in it.
            self._execute(
                "DELETE FROM rejects USING (SELECT UNNEST($1::VARCHAR[]) AS path, "
                "UNNEST($2::BIGINT[]) AS first, UNNEST($3::BIGINT[]) AS last) AS s "
                "WHERE rejects.path = s.path AND rejects.run_id IS DISTINCT FROM $4 "
                "AND (s.first IS NULL OR rejects.line BETWEEN s.first AND s.last)",
                [paths, starts, ends, self._run_id],
            )
            self._execute(
                "INSERT OR REPLACE INTO shards SELECT UNNEST($1::VARCHAR[]), "
                "UNNEST($2::VARCHAR[]), UNNEST($3::BIGINT[]), UNNEST($4::BIGINT[]), "
                "UNNEST($5::VARCHAR[]), $6, $7",
                [keys, paths, starts, ends, fingerprints, self._run_id, now],
            )

        self._transaction(statements)

    def forget_shards(self) -> int:
        """Delete every completion record, so the next run reads everything again (``--redo``).

        Returns:
            How many records there were.
        """
        row = self._con.execute("SELECT count(*) FROM shards").fetchone()
        self._transaction(lambda: self._execute("DELETE FROM shards", []))
        return int(row[0]) if row else 0

    # -- opening -------------------------------------------------------------------------

    def _connect(self) -> duckdb.DuckDBPyConnection:
        if self.path != MEMORY and not self.read_only:
            parent = Path(self.path).parent
            try:
                parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                detail = f"its folder {parent} cannot be created ({exc.strerror or exc})"
                raise StoreError("FW501", path=self.path, detail=detail) from exc
        try:
            return duckdb.connect(self.path, read_only=self.read_only)
        except duckdb.Error as exc:
            if _is_damage(exc):
                raise _read_failure(self.path, exc) from exc
            raise StoreError("FW501", path=self.path, detail=_open_failure(exc)) from exc

    def _prepare(self) -> int:
        latest = schema.latest_version()
        try:
            version = schema.current_version(self._con)
            if version is None:
                tables = schema.user_tables(self._con)
                if tables:
                    raise StoreError(
                        "FW501",
                        path=self.path,
                        detail=(
                            "it is a DuckDB database but not a frontwire store (it holds "
                            f"{', '.join(tables)}); give a new file name to create a store"
                        ),
                    )
                version = 0
            if version > latest:
                raise StoreError("FW502", path=self.path, found=version, known=latest)
            if version < latest:
                if self.read_only:
                    raise StoreError("FW506", path=self.path, found=version, known=latest)
                schema.migrate(self._con, version)
        except duckdb.Error as exc:
            if _is_damage(exc):  # a damaged file read at open is not a failed write
                raise _read_failure(self.path, exc) from exc
            detail = f"migrating the schema: {exc}"
            raise StoreError("FW505", path=self.path, detail=detail) from exc
        return latest


def _concat(first: Any, second: Any) -> Any:
    if first is None:
        return second
    import pyarrow as pa

    return pa.concat_tables([first, second])


def _keep_first_seen(spec: TableSpec) -> str:
    updates = ", ".join(
        f"{name} = excluded.{name}"
        for name in spec.names
        if name not in spec.key and name != "created_at"
    )
    return f" ON CONFLICT ({', '.join(spec.key)}) DO UPDATE SET {updates}"


# What DuckDB says when the file's bytes are not what it wrote: cut short, or overwritten.
_DAMAGE_MARKS = (
    "Could not read enough bytes",
    "checksum",
    "Corrupt",
    "corrupt",
    "block id",
    "INTERNAL Error",
)


def _is_damage(exc: duckdb.Error) -> bool:
    message = str(exc)
    if "not a valid DuckDB database file" in message:
        return False  # never a store: FW501 says so
    return isinstance(exc, duckdb.InternalException) or any(
        mark in message for mark in _DAMAGE_MARKS
    )


def _read_failure(path: str, exc: duckdb.Error) -> StoreError:
    """FW540 when the file is damaged (a checksum failure, a file cut short), else FW541."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if _is_damage(exc):
        if "checksum" in message.lower():
            detail = "a block fails its checksum"
        elif "Could not read enough bytes" in message:
            detail = "the file is shorter than its own index says: it was cut short"
        else:
            detail = message
        return StoreError("FW540", path=path, detail=detail)
    return StoreError("FW541", path=path, detail=message)


def _open_failure(exc: duckdb.Error) -> str:
    message = str(exc)
    if isinstance(exc, duckdb.PermissionException) or "Permission denied" in message:
        return "permission denied; check the file's and its folder's permissions"
    if "not a valid DuckDB database file" in message:
        return (
            "it is not a DuckDB database file; give the path of a frontwire store, "
            "or a new file name to create one"
        )
    if "Could not set lock" in message:
        return (
            "another process has it open (DuckDB lets one process write a file at a time); "
            "wait for that process to finish"
        )
    if "database does not exist" in message:
        return "there is no store there yet; run `frontwire ingest` to create one"
    if "Is a directory" in message or "is a directory" in message:
        return "it is a folder; give the path of a store file inside it"
    return f"{message}; check the path"


def _size(value: str) -> str:
    """A DuckDB memory size such as ``256MB``, checked before it is put into SQL."""
    import re

    if not re.fullmatch(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", value.strip()):
        raise StoreError("FW509", value=value)
    return value.strip()


def _utc_now() -> datetime:
    # Naive UTC, the TIMESTAMP columns' convention.
    return datetime.now(UTC).replace(tzinfo=None)
