"""The server reads a private snapshot of the store, so ``frontwire ingest`` can write the store
while the dashboard is open.

DuckDB lets one process write a file, and no other process open it meanwhile, not even to read.
A server holding the store open would lock every ingest out, and opening the store per request
costs ~50 ms on a million events (the whole p95 budget of GET /events). So the server copies
the store file (and its write-ahead log, if any) into a temporary folder while holding a
read-only connection for the length of the copy, and answers every read from the copy. Every
``check_seconds`` a request looks at the store's size and modification time; when they moved,
a background thread takes a new copy, and requests switch to it when it is ready. While an
ingest holds the store the copy is retried at the next check, so the new events appear within
``check_seconds`` of the ingest ending (the dashboard polls every 30 s).

Connections to earlier snapshots stay open one generation longer, so a streamed export that
started on one is never cut; then they are closed and their files deleted.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import duckdb

from frontwire.errors import ApiError

log = logging.getLogger("frontwire.server")


def _signature(path: Path) -> tuple[int, int, int, int]:
    """Size and modification time of the store file and its WAL (zeros when absent)."""
    out = []
    for p in (path, path.with_name(path.name + ".wal")):
        try:
            st = p.stat()
            out += [st.st_size, st.st_mtime_ns]
        except OSError:
            out += [0, 0]
    return out[0], out[1], out[2], out[3]


class StoreSnapshots:
    """Read-only connections to copies of the store, refreshed when the store changes.

    Args:
        path: the store file.
        check_seconds: how often a request may look for changes.

    Raises:
        ApiError: FW714 when the store is locked by a writer at the first copy.
    """

    def __init__(self, path: str | Path, *, check_seconds: float = 10.0) -> None:
        self.path = Path(path)
        self.check_seconds = check_seconds
        self._folder = Path(tempfile.mkdtemp(prefix="frontwire-snapshot-"))
        self._lock = threading.Lock()
        #: Held while this process has the store itself open (a copy, or a write of POST
        #: /ingest): DuckDB refuses a read-only and a read-write connection to one file in
        #: one process at once, so the two take turns.
        self.store_lock = threading.Lock()
        self._generation = 0
        self._retired: list[tuple[duckdb.DuckDBPyConnection, Path]] = []
        self._refreshing = False
        self._checked = time.monotonic()
        con, file, signature = self._copy()
        self._current: tuple[duckdb.DuckDBPyConnection, Path] = (con, file)
        self._signature = signature

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The newest snapshot's connection; starts a refresh in the background when due."""
        now = time.monotonic()
        if now - self._checked >= self.check_seconds:
            self._checked = now
            if _signature(self.path) != self._signature and not self._refreshing:
                self._refreshing = True
                threading.Thread(target=self._refresh_quietly, daemon=True).start()
        return self._current[0]

    def refresh(self) -> bool:
        """Copy the store now if it changed (after a write of this server); whether it did.

        Raises:
            ApiError: FW714 when another process holds the store.
        """
        signature = _signature(self.path)
        if signature == self._signature:
            return False
        con, file, signature = self._copy()
        with self._lock:
            old = self._current
            self._current = (con, file)
            self._signature = signature
            # Keep the previous snapshot one generation for requests still reading it.
            for stale_con, stale_file in self._retired:
                _close(stale_con, stale_file)
            self._retired = [old]
        return True

    def _refresh_quietly(self) -> None:
        try:
            self.refresh()
        except ApiError:
            pass  # an ingest holds the store: the next check tries again
        except Exception:  # a background thread must not die loudly on one failed copy
            log.exception("refreshing the store snapshot failed; serving the previous one")
        finally:
            self._refreshing = False

    def _copy(self) -> tuple[duckdb.DuckDBPyConnection, Path, tuple[int, int, int, int]]:
        with self._lock:
            self._generation += 1
            target = self._folder / f"store-{self._generation}.duckdb"
        with self.store_lock:
            try:
                # The read-only connection holds DuckDB's lock: no writer can change the file
                # while it is copied.
                guard = duckdb.connect(str(self.path), read_only=True)
            except duckdb.IOException as exc:
                if "lock" in str(exc).lower():
                    raise ApiError("FW714", status=503) from exc
                raise
            try:
                signature = _signature(self.path)
                shutil.copyfile(self.path, target)
                wal = self.path.with_name(self.path.name + ".wal")
                if wal.exists():
                    shutil.copyfile(wal, target.with_name(target.name + ".wal"))
            finally:
                guard.close()
        return duckdb.connect(str(target), read_only=True), target, signature

    def close(self) -> None:
        """Close every snapshot connection and delete the copies."""
        with self._lock:
            for con, file in [*self._retired, self._current]:
                _close(con, file)
            self._retired = []
        shutil.rmtree(self._folder, ignore_errors=True)


def _close(con: duckdb.DuckDBPyConnection, file: Path) -> None:
    with contextlib.suppress(duckdb.Error):
        con.close()
    for path in (file, file.with_name(file.name + ".wal")):
        with contextlib.suppress(OSError):
            os.remove(path)
