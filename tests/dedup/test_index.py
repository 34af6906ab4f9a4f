from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from frontwire.dedup.copies import copy_clusters
from frontwire.dedup.index import backfill_vectors, update_store
from frontwire.evaluation.dedup import corpus_texts
from frontwire.evaluation.spin import SpinOptions, spin
from frontwire.store import Store
from frontwire.testing import make_article

REPO = Path(__file__).resolve().parents[2]


def _texts() -> list[tuple[str, str]]:
    return corpus_texts(REPO)


def _rows(store: Store) -> dict[str, tuple[str, str, str]]:
    rows = store.connection.execute(
        "SELECT article_id, cluster_id, original_id, story_id FROM article_dedup"
    ).fetchall()
    return {a: (c, o, s) for a, c, o, s in rows}


def test_new_batches_join_the_stored_copy_clusters(store, options) -> None:
    _name, text = _texts()[0]
    first = make_article(text, path="a.txt", published="2024-03-14")
    others = [make_article(t, path=f"{n}.txt", published="2024-03-14") for n, t in _texts()[3:6]]
    store.write([first, *others], [])
    assert update_store(store, options).articles == 4
    copy = make_article(
        spin(text, 7, SpinOptions(lookalikes=0)), path="b.txt", published="2024-03-15"
    )
    half = make_article(
        spin(text, 8, SpinOptions(keep=0.5, lookalikes=0)), path="c.txt", published="2024-03-13"
    )
    store.write([copy, half], [])
    summary = update_store(store, options)
    assert summary.articles == 2  # only the new ones
    rows = _rows(store)
    assert rows[copy.id][0] == rows[half.id][0] == rows[first.id][0] == first.id
    assert rows[first.id][1] == half.id  # the earliest is the likely original
    assert len({rows[o.id][0] for o in others}) == 3
    assert update_store(store, options).articles == 0


def test_store_update_gives_the_same_clusters_as_one_pass_in_memory(store, options) -> None:
    texts = _texts()
    articles = []
    for n, (name, text) in enumerate(texts):
        articles.append(make_article(text, path=f"{name}.txt"))
        articles.append(make_article(spin(text, n, SpinOptions(lookalikes=0)), path=f"{name}-s"))
    for start in range(0, len(articles), 5):
        store.write(articles[start : start + 5], [])
        update_store(store, options)
    stored = _rows(store)
    memory = copy_clusters((a.id, a.text, None) for a in articles)

    def groups(pairs: dict[str, str]) -> set[frozenset[str]]:
        out: dict[str, set[str]] = {}
        for k, v in pairs.items():
            out.setdefault(v, set()).add(k)
        return {frozenset(g) for g in out.values()}

    assert groups({a: r[0] for a, r in stored.items()}) == groups(
        {a: c.cluster_id for a, c in memory.items()}
    )


def test_many_copies_of_one_text_add_no_buckets(store, options) -> None:
    _, text = _texts()[1]
    store.write([make_article(text, url=f"http://x/{i}") for i in range(100)], [])
    update_store(store, options)
    con = store.connection
    assert con.execute("SELECT count(DISTINCT cluster_id) FROM article_dedup").fetchone() == (1,)
    buckets = con.execute("SELECT count(*) FROM dedup_buckets WHERE band >= 0").fetchone()
    assert buckets == (options.copies.bands()[0],)
    # Story blocking keys, too, are the first copy's only (none once a term is that common).
    keys = con.execute("SELECT count(DISTINCT article_id) FROM dedup_buckets WHERE band < 0")
    assert keys.fetchone()[0] <= 1


def test_empty_and_one_word_articles_are_deduplicated_without_error(store, options) -> None:
    store.write(
        [
            make_article("Kharkiv", url="http://a"),
            make_article("Kharkiv", url="http://b"),
            make_article("Mosul", url="http://c"),
        ],
        [],
    )
    update_store(store, options)
    rows = _rows(store)
    assert len(rows) == 3 and len({r[0] for r in rows.values()}) == 2


_CHILD = """
import sys
from frontwire.config import load_config
from frontwire.dedup.index import DedupOptions, update_store
from frontwire.store import Store
sys.path.insert(0, {conftest!r})
from conftest import create_events_table
from frontwire.testing import make_article
texts = [line for line in open({corpus!r}, encoding="utf-8").read().split("\\n\\n") if line]
with Store({db!r}) as store:
    if {first}:
        create_events_table(store.connection)
        store.write([make_article(t + " " + str(i), path=str(i)) for i, t in
                     enumerate(texts * 150)], [])
    print("ready", flush=True)
    update_store(store, DedupOptions.from_config(load_config()["dedup"]))
    print("done", flush=True)
"""


def test_killed_update_leaves_nothing_half_done_and_a_rerun_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "texts.txt"
    corpus.write_text("\n\n".join(t.replace("\n\n", "\n") for _, t in _texts()), "utf-8")
    db = tmp_path / "kill.duckdb"

    def child(first: bool) -> subprocess.Popen[str]:
        code = _CHILD.format(
            conftest=str(Path(__file__).parent), corpus=str(corpus), db=str(db), first=first
        )
        return subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=os.environ.copy()
        )

    proc = child(True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    rest, _ = proc.communicate()
    assert "done" not in rest  # killed while the update was running
    with Store(db) as store:
        con = store.connection
        done = con.execute("SELECT count(*) FROM article_dedup").fetchone()
        sigs = con.execute("SELECT count(*) FROM dedup_signatures").fetchone()
        assert done == sigs  # all of the update or none of it
    proc = child(False)
    out, _ = proc.communicate(timeout=300)
    assert "done" in out
    with Store(db) as store:
        con = store.connection
        total = con.execute("SELECT count(*) FROM articles").fetchone()
        assert con.execute("SELECT count(*) FROM article_dedup").fetchone() == total
        assert con.execute("SELECT count(*) FROM dedup_signatures").fetchone() == total


def test_story_vectors_missing_from_an_older_store_are_computed_on_the_next_update(
    store, options
) -> None:
    articles = [make_article(t, path=f"{n}.txt", published="2024-03-14") for n, t in _texts()[:6]]
    store.write(articles[:5], [])
    update_store(store, options)
    con = store.connection

    def vectors() -> dict[str, list[float]]:
        rows = con.execute("SELECT article_id, vector FROM story_terms").fetchall()
        return {str(a): list(v) for a, v in rows}

    def vector_sum() -> list[float]:
        return list(con.execute("SELECT vector_sum FROM story_stats").fetchone()[0])

    before, sum_before = vectors(), vector_sum()
    # What a store deduplicated before migration 0008 holds: story terms with no vectors.
    con.execute("UPDATE story_terms SET vector = []")
    con.execute("UPDATE story_stats SET vector_sum = []")
    store.write(articles[5:], [])
    assert update_store(store, options, progress=False).articles == 1
    after = vectors()
    assert all(len(v) == 256 for v in after.values())
    for article_id, vector in before.items():
        assert after[article_id] == pytest.approx(vector, abs=1e-6)
    # The sum now holds the backfilled vectors and the new article's.
    expected = [a + b for a, b in zip(sum_before, after[articles[5].id], strict=True)]
    assert vector_sum() == pytest.approx(expected, abs=1e-4)
    assert backfill_vectors(con, options.embedder) == 0  # nothing left to do


def test_stored_candidates_are_capped_at_those_sharing_the_rarest_keys() -> None:
    from frontwire.dedup.index import _nearest

    # Key 1 is held by two articles, key 2 by ten: sharing key 1 says more.
    postings = {1: ["a", "b"], 2: [f"x{i}" for i in range(9)] + ["a"]}
    assert _nearest([1, 2], postings, 3) == ["a", "b", "x8"]
    assert sorted(_nearest([1, 2], postings, 50)) == sorted({"a", "b", *postings[2]})


def _generated_docs(n: int, seed: int) -> list[Any]:
    """Story docs of small made-up stories: shared entity terms, words from a small
    vocabulary, vectors around a story centre, a day per story."""
    import numpy as np

    from frontwire.dedup.stories import StoryDoc

    rng = np.random.default_rng(seed)
    docs: list[Any] = []
    story = 0
    while len(docs) < n:
        entities = [f"e:name{x}" for x in rng.integers(0, 60, 2)]
        centre = rng.normal(size=16)
        for _ in range(min(int(rng.integers(1, 6)), n - len(docs))):
            terms = {f"w:{w}": 1.0 for w in rng.integers(0, 80, 12)} | dict.fromkeys(entities, 1.0)
            vector = centre + rng.normal(scale=0.8, size=16)
            vector /= np.linalg.norm(vector)
            docs.append(
                StoryDoc(
                    f"g{len(docs):03d}",
                    terms,
                    f"2024-03-{1 + story % 20:02d}",
                    vector=tuple(float(x) for x in vector),
                )
            )
        story += 1
    return docs


def _story_state(con: Any) -> list[Any]:
    return [
        con.execute(q).fetchall()
        for q in (
            "SELECT article_id, story_id, topic_id FROM article_dedup ORDER BY 1",
            "SELECT term, n FROM story_df ORDER BY 1",
            "SELECT docs, vector_sum FROM story_stats",
            "SELECT bucket, article_id FROM dedup_buckets WHERE band = -1 ORDER BY 1, 2",
            "SELECT article_id, terms::VARCHAR, published, headline, vector FROM story_terms "
            "ORDER BY 1",
        )
    ]


def test_one_call_over_many_chunks_stores_what_a_call_per_chunk_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """add_stories keeps a call's earlier chunks in memory and writes at the end; the stored
    result must be the one of writing after every chunk (one call per chunk)."""
    from frontwire.config import load_config
    from frontwire.dedup import index
    from frontwire.dedup.stories import StoryOptions

    monkeypatch.setattr(index, "_STORY_CHUNK", 7)
    options = StoryOptions.from_config(load_config()["dedup"])
    first, docs = _generated_docs(30, 1), _generated_docs(60, 2)[30:]
    exact = {docs[2].article_id, docs[11].article_id}
    states = []
    for per_call in (len(docs), 7):
        with Store(tmp_path / f"s{per_call}.duckdb") as store:
            con = store.connection
            for batch in (first, docs):
                con.execute(
                    "INSERT INTO article_dedup (article_id, cluster_id, original_id, similarity, "
                    "story_id, seq, updated_at) SELECT UNNEST($1::VARCHAR[]), "
                    "UNNEST($1::VARCHAR[]), UNNEST($1::VARCHAR[]), 1.0, '', 0, now()::TIMESTAMP",
                    [[d.article_id for d in batch]],
                )
                for start in range(0, len(batch), per_call):
                    index.add_stories(con, batch[start : start + per_call], options, exact)
            states.append(_story_state(con))
    assert states[0] == states[1]
    stories = {s for _, s, _ in states[0][0]}
    assert 5 < len(stories) < 60  # some articles joined stories, not all one
