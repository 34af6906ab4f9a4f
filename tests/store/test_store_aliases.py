"""Every input's own id and path kept as an alias of the one article its text became."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import ClassVar

import duckdb
import pytest
from typer.testing import CliRunner

from frontwire.cli.app import app
from frontwire.config import load_config
from frontwire.executors import LocalExecutor
from frontwire.exports import ExportRequest, write_export
from frontwire.ingest import IngestOptions, read_inputs
from frontwire.pipeline import Context, Pipeline, Stage
from frontwire.records import Article
from frontwire.store import Store

TEXT = "Shelling hit the town overnight, officials said. Two people were wounded."


class Count(Stage):
    """A real stage that counts the articles it is given."""

    name: ClassVar[str] = "count"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"metadata"})
    seen: ClassVar[int] = 0

    def process(self, article: Article) -> Article:
        Count.seen += 1
        return article


def _ingest(paths: list[Path], db: Path, batch_size: int = 4) -> None:
    pipeline = Pipeline([Count(Context(config=load_config()))])
    with Store(db) as store:
        items = read_inputs([str(p) for p in paths], IngestOptions())
        LocalExecutor(pipeline, batch_size=batch_size, progress=False).run(items, store)


def _records(path: Path, ids: list[object], text: str = TEXT) -> Path:
    path.write_text(
        "".join(json.dumps({"id": i, "text": text}) + "\n" for i in ids), encoding="utf-8"
    )
    return path


def test_identical_records_are_one_article_with_every_id_and_path(tmp_path: Path) -> None:
    first = _records(tmp_path / "a.jsonl", ["wire-1", "wire-2", 3, "wire-4", "wire-5"])
    second = tmp_path / "b.txt"
    second.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    Count.seen = 0
    _ingest([first, second], db, batch_size=2)
    assert Count.seen == 1  # the text is processed once, however many records carry it
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 1
        (article_id,) = store.find_articles("wire-2")
        aliases, total = store.aliases(article_id)
        assert store.find_articles("3") == [article_id]
        assert store.find_articles(f"{first}:4") == [article_id]
        assert store.find_articles(str(second)) == [article_id]
        assert store.find_articles(article_id) == [article_id]
        assert store.find_articles("nope") == []
    ids = sorted(a["alias"] for a in aliases if a["kind"] == "id")
    assert ids == ["3", "wire-1", "wire-2", "wire-4", "wire-5"]
    assert total == 5 + 5 + 1  # five ids, five lines, one file


def test_aliases_are_exported_as_a_table(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _ingest([_records(tmp_path / "a.jsonl", ["x", "y"])], db)
    out = tmp_path / "aliases.csv"
    with Store(db, read_only=True) as store:
        assert write_export(store.connection, ExportRequest("csv", "article_aliases"), out) == 4
    assert "x," in out.read_text(encoding="utf-8")


def test_rerun_with_skip_existing_still_records_the_new_ids(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _ingest([_records(tmp_path / "a.jsonl", ["old"])], db)
    pipeline = Pipeline([Count(Context(config=load_config()))])
    with Store(db) as store:
        items = read_inputs([str(_records(tmp_path / "b.jsonl", ["new"]))], IngestOptions())
        executor = LocalExecutor(pipeline, progress=False, existing=store.existing_ids)
        executor.run(items, store)
        assert store.find_articles("new") == store.find_articles("old")


def test_cli_article_finds_by_any_alias(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _ingest([_records(tmp_path / "a.jsonl", ["first", "second"])], db)
    runner = CliRunner()
    result = runner.invoke(app, ["article", "second", "--db", str(db)])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    found = json.loads(line)
    assert found["text"] == TEXT
    assert {a["alias"] for a in found["aliases"] if a["kind"] == "id"} == {"first", "second"}
    assert found["aliases_total"] == 4
    missing = runner.invoke(app, ["article", "third", "--db", str(db)])
    assert missing.exit_code == 2
    assert "FW542" in missing.output


def test_migration_keeps_the_paths_and_ids_of_an_older_store(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    _ingest([_records(tmp_path / "a.jsonl", ["kept"])], db)
    with duckdb.connect(str(db)) as con:  # back to the store as version 7 wrote it
        con.execute("DROP TABLE article_aliases")
        con.execute("DELETE FROM schema_migrations WHERE version = 9")
    with Store(db) as store:
        (article_id,) = store.find_articles("kept")
        assert store.find_articles(f"{tmp_path / 'a.jsonl'}:1") == [article_id]


@pytest.mark.slow
def test_a_million_identical_records_become_one_article_in_linear_time(tmp_path: Path) -> None:
    """Alias writing is linear: 10x the records take about 10x the time, not 100x."""

    def run(count: int) -> float:
        path = _records(tmp_path / f"{count}.jsonl", list(range(count)))
        db = tmp_path / f"{count}.duckdb"
        start = time.perf_counter()
        _ingest([path], db, batch_size=1000)
        took = time.perf_counter() - start
        with Store(db, read_only=True) as store:
            assert store.counts()["articles"] == 1
            (article_id,) = store.find_articles(str(count - 1))
            assert store.aliases(article_id, 1)[1] == 2 * count
        return took

    small = run(100_000)
    large = run(1_000_000)
    assert large < 20 * small


def test_api_query_finds_an_article_by_alias(tmp_path: Path) -> None:
    from frontwire.server.queries import Queries

    db = tmp_path / "s.duckdb"
    _ingest([_records(tmp_path / "a.jsonl", ["first", "second"])], db)
    with Store(db, read_only=True) as store:
        queries = Queries(store.connection)
        by_alias = queries.article_json("second")
        assert by_alias == queries.article_json(store.find_articles("first")[0])
        assert by_alias["text"] == TEXT
