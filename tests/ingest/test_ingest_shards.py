"""Shards: finished inputs are recorded, skipped on a rerun, redone when changed or asked."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from frontwire.api import run
from frontwire.config import Config
from frontwire.executors.base import ShardEnd
from frontwire.ingest import IngestOptions
from frontwire.ingest.shards import Shard, plan_shards, read_shards
from frontwire.store import Store


def corpus(folder: Path, n: int = 4) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"r{i}.txt").write_text(f"Officials said shelling hit block {i} at dawn.\n")
    (folder / "feed.jsonl").write_text('{"text": "A line about the bridge."}\n{oops\n')
    return folder


def ingest(paths: list[Path], db: Path, config: Config, **kwargs: bool):  # type: ignore[no-untyped-def]
    with Store(db) as store:
        return run(paths, store, config=config, stages=["sanitize"], progress=False,
                   store=store, **kwargs)  # fmt: skip


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_every_file_is_a_shard_keyed_by_path_and_fingerprint(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in")
    shards = list(plan_shards([folder, "-"]))
    assert [s.path for s in shards if isinstance(s, Shard)] == sorted(
        str(p) for p in folder.iterdir()
    )
    assert shards[-1] == "-"
    first = shards[0]
    assert isinstance(first, Shard)
    os.utime(first.path, ns=(1, 1))
    again = next(iter(plan_shards([first.path])))
    assert isinstance(again, Shard) and again.key != first.key


def test_each_shard_is_followed_by_its_end_marker(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in", n=2)
    items = list(read_shards([folder], IngestOptions()))
    kinds = ["end" if isinstance(i, ShardEnd) else type(i).__name__ for i in items]
    assert kinds == ["Article", "Reject", "end", "Article", "end", "Article", "end"]


def test_a_rerun_skips_finished_shards_and_redo_reads_them_again(
    tmp_path: Path, config: Config
) -> None:
    folder = corpus(tmp_path / "in")
    db = tmp_path / "s.duckdb"
    first = ingest([folder], db, config)
    assert (first.articles, first.rejected) == (5, 1)
    assert rows(db, "select count(*) from shards") == [(5,)]
    second = ingest([folder], db, config)
    assert (second.articles, second.rejected, second.skipped) == (0, 0, {"shards": 5})
    (folder / "r9.txt").write_text("A new report on the dam.\n")
    third = ingest([folder], db, config)
    assert third.articles == 1 and third.skipped == {"shards": 5}
    redo = ingest([folder], db, config, redo=True)
    assert redo.articles == 6 and "shards" not in redo.skipped
    assert rows(db, "select count(*) from articles") == [(6,)]


def test_skip_existing_leaves_stored_articles_alone(tmp_path: Path, config: Config) -> None:
    folder = corpus(tmp_path / "in")
    db = tmp_path / "s.duckdb"
    ingest([folder], db, config)
    again = ingest([folder], db, config, redo=True, skip_existing=True)
    assert again.articles == 0 and again.skipped == {"existing": 5}
    assert again.stages[0].articles_in == 0


def test_a_later_successful_read_clears_the_inputs_stale_rejects(
    tmp_path: Path, config: Config
) -> None:
    folder = corpus(tmp_path / "in")
    db = tmp_path / "s.duckdb"
    ingest([folder], db, config)
    assert rows(db, "select code, line from rejects") == [("FW306", 2)]
    feed = folder / "feed.jsonl"
    feed.write_text('{"text": "A line about the bridge."}\n{"text": "Fixed second line."}\n')
    fixed = ingest([folder], db, config)
    assert fixed.articles == 2 and fixed.rejected == 0
    assert rows(db, "select count(*) from rejects") == [(0,)]


def feed(path: Path, n: int, bad: int) -> Path:
    lines = [
        "{oops" if i == bad else f'{{"text": "Line {i}: the governor said the bridge held."}}'
        for i in range(1, n + 1)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_long_json_lines_file_is_cut_into_line_ranges_read_as_the_whole_file(
    tmp_path: Path,
) -> None:
    path = feed(tmp_path / "big.jsonl", 25, bad=17)
    shards = [s for s in plan_shards([path], shard_lines=10) if isinstance(s, Shard)]
    assert [(s.start_line, s.end_line) for s in shards] == [(1, 10), (11, 20), (21, 30)]
    assert len({s.key for s in shards}) == 3
    ranged = [i for i in read_shards([path], IngestOptions(), shard_lines=10)
              if not isinstance(i, ShardEnd)]  # fmt: skip
    whole = list(read_shards([path], IngestOptions()))[:-1]
    assert ranged == whole and len(whole) == 25
    rejects = [i for i in ranged if not hasattr(i, "text")]
    assert [(r.line, r.code) for r in rejects] == [(17, "FW306")]  # type: ignore[union-attr]


def test_only_unfinished_ranges_are_read_again(tmp_path: Path) -> None:
    path = feed(tmp_path / "big.jsonl", 25, bad=17)
    done = {s.key for s in plan_shards([path], shard_lines=10) if isinstance(s, Shard)
            and s.start_line != 11}  # fmt: skip
    items = list(
        read_shards([path], IngestOptions(), shard_lines=10, finished=lambda s: s.key in done)
    )
    lines = [getattr(i, "line", None) or i.metadata["_line"] for i in items  # type: ignore[union-attr]
             if not isinstance(i, ShardEnd)]  # fmt: skip
    assert lines == list(range(11, 21))


def test_small_files_share_batches_and_their_shards_one_transaction(
    tmp_path: Path, config: Config
) -> None:
    from frontwire.executors import LocalExecutor
    from frontwire.pipeline import Pipeline
    from frontwire.pipeline.stage import Context
    from frontwire.testing import FailOnStage

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10):
        (folder / f"r{i:02d}.txt").write_text(f"Report {i}: shelling near the bridge.\n")
    stage = FailOnStage(Context(config=config))  # a real stage; fails only on its marker
    sizes: list[int] = []
    original = stage.process_batch
    stage.process_batch = lambda batch: sizes.append(len(batch)) or original(batch)  # type: ignore[method-assign,func-returns-value]
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        transactions = 0
        finish = store.finish_shards

        def counted(shards):  # type: ignore[no-untyped-def]
            nonlocal transactions
            transactions += 1
            finish(shards)

        store.finish_shards = counted  # type: ignore[method-assign]
        items = read_shards([folder], IngestOptions(), finished=store.shard_finished)
        LocalExecutor(Pipeline([stage]), batch_size=4, progress=False).run(items, store)
    assert sizes == [4, 4, 2]  # not ten batches of one
    assert transactions == 3
    assert rows(db, "SELECT count(*) FROM shards") == [(10,)]
