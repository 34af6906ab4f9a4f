"""An ingest killed midway and rerun loses nothing and duplicates nothing.

A real child process writes numbered batches to a store file and prints after each commit; the
test SIGKILLs it, reopens the store, checks that only whole batches are there, writes again and
compares with a store that received every batch once.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from frontwire.store import Store

BATCHES = 30
PER_BATCH = 20

_CHILD = """
import importlib.util, sys, time
path, mode, pause_at, batches, per_batch, builders = sys.argv[1:]
spec = importlib.util.spec_from_file_location("store_test_builders", builders)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
from frontwire.store import Store

class PausingStore(Store):
    pause = False

    def _execute(self, sql, params):
        super()._execute(sql, params)
        # Stop inside the transaction, after the article rows were upserted.
        if self.pause and sql.startswith("INSERT INTO entities"):
            print("in transaction", flush=True)
            time.sleep(600)

store = PausingStore(path)
for number, (articles, rejects) in enumerate(module.build_batches(int(batches), int(per_batch))):
    store.pause = mode == "pause" and number == int(pause_at)
    store.write(articles, rejects)
    print(f"committed {number}", flush=True)
print("finished", flush=True)
"""


def _start_writer(path: Path, mode: str, pause_at: int = -1) -> subprocess.Popen[str]:
    builders = Path(__file__).with_name("conftest.py")
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            _CHILD,
            str(path),
            mode,
            str(pause_at),
            str(BATCHES),
            str(PER_BATCH),
            str(builders),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )


def _kill_after(writer: subprocess.Popen[str], line: str) -> list[str]:
    """Read the writer's lines until ``line``, then SIGKILL it; the lines read."""
    assert writer.stdout is not None
    seen: list[str] = []
    try:
        while (got := writer.stdout.readline().strip()) != line:
            assert got, f"writer ended before printing {line!r}: {seen}"
            seen.append(got)
        seen.append(got)
        writer.send_signal(signal.SIGKILL)
    finally:
        writer.kill()
        writer.wait()
    assert writer.returncode == -signal.SIGKILL
    return seen


def _batches_present(path: Path, batches) -> int:
    """How many leading batches are stored, after checking each batch is whole or absent."""
    with duckdb.connect(str(path), read_only=True) as con:
        stored = dict(
            con.execute(
                "SELECT a.id, count(e.idx) FROM articles a "
                "LEFT JOIN entities e ON e.article_id = a.id GROUP BY a.id"
            ).fetchall()
        )
        reject_ids = {row[0] for row in con.execute("SELECT id FROM rejects").fetchall()}
        places = Counter(row[0] for row in con.execute("SELECT article_id FROM places").fetchall())
    present = []
    for articles, rejects in batches:
        here = [a.id in stored for a in articles] + [r.id in reject_ids for r in rejects]
        assert all(here) or not any(here), "a batch is half written"
        present.append(all(here))
        for article in articles:
            if article.id in stored:
                assert stored[article.id] == len(article.entities)
                assert places[article.id] == len(article.places)
    assert len(stored) == PER_BATCH * sum(present)
    count = present.count(True)
    assert present == [True] * count + [False] * (len(present) - count), "batches out of order"
    return count


@pytest.fixture
def clean_store(tmp_path: Path, batch_builder, table_snapshot):
    """Counts and contents of a store that received every batch once."""
    path = tmp_path / "clean.duckdb"
    with Store(path) as store:
        for articles, rejects in batch_builder(BATCHES, PER_BATCH):
            store.write(articles, rejects)
        counts = store.counts()
    return counts, table_snapshot(path)


def test_writer_killed_while_writing_loses_and_duplicates_nothing_on_rerun(
    tmp_path: Path, batch_builder, table_snapshot, clean_store
) -> None:
    path = tmp_path / "killed.duckdb"
    batches = batch_builder(BATCHES, PER_BATCH)
    seen = _kill_after(_start_writer(path, "run"), "committed 2")
    assert "finished" not in seen

    Store(path).close()  # must open fine: DuckDB replays its log
    present = _batches_present(path, batches)
    assert 3 <= present < BATCHES
    with Store(path) as store:
        for articles, rejects in batches:  # rerun everything, done or not
            store.write(articles, rejects)
        counts = store.counts()

    clean_counts, clean_rows = clean_store
    assert counts == clean_counts
    assert table_snapshot(path) == clean_rows


def test_writer_killed_inside_a_transaction_leaves_that_batch_absent(
    tmp_path: Path, batch_builder, table_snapshot, clean_store
) -> None:
    path = tmp_path / "paused.duckdb"
    batches = batch_builder(BATCHES, PER_BATCH)
    _kill_after(_start_writer(path, "pause", pause_at=4), "in transaction")

    Store(path).close()
    assert _batches_present(path, batches) == 4
    with Store(path) as store:
        for articles, rejects in batches:  # resume: skip what is already stored
            done = store.existing_ids([a.id for a in articles])
            todo = [a for a in articles if a.id not in done]
            if todo:
                store.write(todo, rejects)
        counts = store.counts()

    clean_counts, clean_rows = clean_store
    assert counts == clean_counts
    assert table_snapshot(path) == clean_rows
