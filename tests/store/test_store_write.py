"""Writing to the store: idempotent upserts, child replacement, rejects, runs, atomic batches."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from frontwire.config import load_config
from frontwire.errors import StoreError
from frontwire.executors.local import LocalExecutor
from frontwire.exports import ExportRequest, write_export
from frontwire.pipeline.pipeline import Pipeline
from frontwire.pipeline.stage import Context
from frontwire.records import Article, Entity, Reject, RunStats, StageStats
from frontwire.store import Store
from frontwire.testing import FailOnStage, make_article


def test_writing_the_same_batch_twice_changes_nothing(
    tmp_path: Path, batch_builder, table_snapshot
) -> None:
    snapshot = table_snapshot
    path = tmp_path / "twice.duckdb"
    articles, rejects = batch_builder(1, 6)[0]
    with Store(path) as store:
        store.write(articles, rejects)
        first_counts = store.counts()
    first = snapshot(path)
    with Store(path) as store:
        store.write(articles, rejects)
        assert store.counts() == first_counts
    assert snapshot(path) == first
    assert first_counts["articles"] == 6
    assert first_counts["entities"] == 18
    assert first_counts["rejects"] == 1


def test_rewriting_an_article_with_fewer_children_leaves_no_leftovers(
    tmp_path: Path, article_builder
) -> None:
    path = tmp_path / "fewer.duckdb"
    with Store(path) as store:
        store.write([article_builder(7, entities=4), article_builder(8, entities=3)], [])
        shorter = article_builder(7, entities=1).replace(quotes=(), events=())
        store.write([shorter], [])
        counts = store.counts()
    assert counts["entities"] == 1 + 3
    assert counts["quotes"] == 1
    assert counts["events"] == 1
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute(
            "SELECT idx, label FROM entities WHERE article_id = $1 ORDER BY idx", [shorter.id]
        ).fetchall()
    assert rows == [(0, shorter.entities[0].label)]


def test_same_article_twice_in_one_batch_is_stored_once_last_wins(
    tmp_path: Path, article_builder
) -> None:
    first = article_builder(3, entities=3)
    last = article_builder(3, entities=2)
    with Store(tmp_path / "dup.duckdb") as store:
        store.write([first, last], [])
        counts = store.counts()
    assert counts["articles"] == 1
    assert counts["entities"] == 2


def test_article_row_columns_hold_the_record(tmp_path: Path, article_builder) -> None:
    article = article_builder(2)
    path = tmp_path / "row.duckdb"
    with Store(path) as store:
        store.write([article], [])
    with duckdb.connect(str(path), read_only=True) as con:
        row = con.execute(
            "SELECT path, outlet, published, original_text, text, verdict, forensics, edits, "
            "metadata FROM articles"
        ).fetchone()
        span = con.execute(
            "SELECT text, start_char, end_char, orig_start, orig_end, role FROM entities "
            "WHERE idx = 1"
        ).fetchone()
    assert row is not None and span is not None
    path_, outlet, published, original, text, verdict, forensics, edits, metadata = row
    assert (path_, outlet, published) == (
        article.source.path,
        article.source.outlet,
        article.source.published,
    )
    assert (original, text) == (article.original_text, article.text)
    assert article.forensics is not None
    assert verdict == article.forensics.verdict
    assert json.loads(forensics) == article.forensics.to_json()
    assert json.loads(edits) == [edit.to_json() for edit in article.edits]
    assert json.loads(metadata) == dict(article.metadata)
    entity = article.entities[1]
    assert span == (
        entity.span.text,
        entity.span.start,
        entity.span.end,
        entity.span.orig_start,
        entity.span.orig_end,
        entity.role,
    )


def test_reject_upsert_keeps_first_seen_time_and_updates_reason(
    tmp_path: Path, reject_builder
) -> None:
    path = tmp_path / "rejects.duckdb"
    reject = reject_builder(1)
    with Store(path) as store:
        store.write([], [reject])
    with duckdb.connect(str(path), read_only=True) as con:
        first_seen = con.execute("SELECT created_at FROM rejects").fetchone()
    with Store(path) as store:
        store.write([], [Reject(**{**reject.to_json(), "reason": "reworded"})])
        assert store.counts()["rejects"] == 1
    with duckdb.connect(str(path), read_only=True) as con:
        row = con.execute("SELECT created_at, reason FROM rejects").fetchone()
    assert first_seen is not None and row is not None
    assert row == (first_seen[0], "reworded")


def test_record_run_upserts_and_tags_rows_written_after_it(
    tmp_path: Path, article_builder, reject_builder
) -> None:
    path = tmp_path / "runs.duckdb"
    run = RunStats(run_id="r1", started_at="2024-03-01T10:00:00+00:00", stages=[StageStats("nlp")])
    with Store(path) as store:
        store.record_run(run)
        store.write([article_builder(1)], [reject_builder(1)])
        run.finished_at = "2024-03-01T10:05:00+00:00"
        run.articles, run.rejected = 1, 1
        run.stages[0].articles_in = 1
        store.record_run(run)
        assert store.counts()["runs"] == 1
    with duckdb.connect(str(path), read_only=True) as con:
        runs = con.execute("SELECT finished_at, articles, rejected, stages FROM runs").fetchall()
        tags = con.execute(
            "SELECT (SELECT run_id FROM articles), (SELECT run_id FROM rejects)"
        ).fetchone()
    assert len(runs) == 1
    finished_at, articles, rejected, stages = runs[0]
    assert (finished_at, articles, rejected) == ("2024-03-01T10:05:00+00:00", 1, 1)
    assert json.loads(stages) == [run.stages[0].to_json()]
    assert tags == ("r1", "r1")


def test_has_article_and_existing_ids_answer_per_batch(tmp_path: Path, article_builder) -> None:
    stored = [article_builder(n) for n in range(3)]
    other = article_builder(7)
    with Store(tmp_path / "ids.duckdb") as store:
        assert store.existing_ids([a.id for a in stored]) == set()
        store.write(stored, [])
        asked = [stored[0].id, other.id, stored[2].id]
        assert store.existing_ids(asked) == {stored[0].id, stored[2].id}
        assert store.existing_ids([]) == set()
        assert store.has_article(stored[0].id)
        assert not store.has_article(article_builder(99).id)


def test_empty_write_stores_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.duckdb") as store:
        store.write([], [])
        assert set(store.counts().values()) == {0}


class _FailOnEntities(Store):
    """A store whose entity insert fails, after the article rows were already upserted."""

    def _execute(self, sql: str, params: list[Any]) -> None:
        if sql.startswith("INSERT INTO entities"):
            raise duckdb.ConstraintException("simulated failure")
        super()._execute(sql, params)


def test_failed_write_leaves_the_whole_batch_absent(
    tmp_path: Path, article_builder, reject_builder, table_snapshot
) -> None:
    snapshot = table_snapshot
    path = tmp_path / "atomic.duckdb"
    kept = article_builder(1, entities=2)
    with Store(path) as store:
        store.write([kept], [])
    before = snapshot(path)
    with _FailOnEntities(path) as store:
        with pytest.raises(StoreError) as raised:
            store.write([article_builder(1, entities=1), article_builder(2)], [reject_builder(2)])
        assert raised.value.code == "FW505"
        # The connection is still usable after the rollback.
        assert store.counts()["articles"] == 1
    assert snapshot(path) == before


def test_text_with_a_lone_surrogate_is_stored_with_offsets_intact(tmp_path: Path) -> None:
    # json.loads("\"\\udc80\"") gives such a string: JSON input can carry one.
    article = make_article("Strike on Izium \udc80 reported.")
    at = article.text.index("reported")
    article = article.replace(entities=(Entity(article.span(at, at + 8), "X", "other"),))
    path = tmp_path / "surrogate.duckdb"
    with Store(path) as store:
        store.write([article], [])
    with duckdb.connect(str(path), read_only=True) as con:
        row = con.execute("SELECT a.text, e.start_char FROM articles a, entities e").fetchone()
    assert row is not None
    text, start = row
    assert text == article.text.replace("\udc80", "\ufffd")
    assert text[start : start + 8] == "reported"


def test_metadata_values_json_cannot_hold_are_kept_as_text(tmp_path: Path) -> None:
    article = make_article("Shelling reported.", metadata={"where": Path("in/a.txt"), "n": 2})
    path = tmp_path / "meta.duckdb"
    with Store(path) as store:
        store.write([article], [])
    with duckdb.connect(str(path), read_only=True) as con:
        row = con.execute("SELECT metadata FROM articles").fetchone()
    assert row is not None
    assert json.loads(row[0]) == {"where": "in/a.txt", "n": 2}


def test_custom_article_json_is_what_the_articles_jsonl_export_holds(
    tmp_path: Path, article_builder
) -> None:
    def to_json(article: Article) -> dict[str, Any]:
        return {"schema": "test@1", "id": article.id, "n_entities": len(article.entities)}

    out = tmp_path / "articles.jsonl"
    with Store(tmp_path / "custom.duckdb", to_json=to_json) as store:
        store.write([article_builder(1, entities=2)], [])
        write_export(store.connection, ExportRequest("jsonl", "articles"), out)
    [line] = out.read_text("utf-8").splitlines()
    assert json.loads(line) == {
        "schema": "test@1",
        "id": article_builder(1).id,
        "n_entities": 2,
    }


def test_memory_store_works_without_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, article_builder
) -> None:
    monkeypatch.chdir(tmp_path)
    with Store(":memory:") as store:
        store.write([article_builder(1)], [])
        assert store.counts()["articles"] == 1
    assert list(tmp_path.iterdir()) == []


def test_running_the_same_ingest_twice_leaves_data_tables_unchanged(
    tmp_path: Path, batch_builder, table_snapshot
) -> None:
    # The real executor as the ingest runs it; FailOnStage rejects one article per run.
    [(articles, rejects)] = batch_builder(1, 5)
    items = [*articles, make_article("FAIL this one"), *rejects]
    path = tmp_path / "ingest.duckdb"
    counts, snapshots = [], []
    for _ in range(2):
        stage = FailOnStage(Context(load_config()))
        executor = LocalExecutor(Pipeline([stage]), batch_size=2, progress=False)
        with Store(path) as store:
            executor.run(items, store)
            counts.append(store.counts())
        snapshots.append(table_snapshot(path))
    assert counts[0]["articles"] == 5
    assert counts[0]["rejects"] == 2
    # Each run is logged once; every other table is exactly as after the first run.
    assert counts[1] == {**counts[0], "runs": 2}
    first, second = ({t: rows for t, rows in s.items() if t != "runs"} for s in snapshots)
    assert second == first
