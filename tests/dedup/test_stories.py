from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from frontwire.dedup.stories import (
    StoryDoc,
    StoryOptions,
    _threshold,
    _Views,
    assign,
    blocked_clusters,
    story_clusters,
    story_doc,
    terms_of,
)
from frontwire.evaluation.dedup import (
    adjusted_rand,
    bcubed,
    evaluate_ecb_stories,
    evaluate_stories,
)
from frontwire.records import Article, Source

HEADLINES = {
    "a": "Russian missiles strike Kharkiv power station, governor Syniehubov says",
    "b": "Kharkiv power station hit by Russian missile strike",
    "c": "Syniehubov: Kharkiv without power after missile strike on station",
    "d": "Sudan army and RSF clash again in El Fasher market",
    "e": "RSF shelling of El Fasher market kills traders, Sudan army says",
    "f": "Fighting in El Fasher: RSF and Sudan army trade blame over market",
}


def test_headline_terms_share_shingles_across_inflections_and_pair_nearby_words() -> None:
    opts = StoryOptions()
    one = terms_of("Ukrainian forces retake Kherson", [], opts)
    two = terms_of("Ukraine says forces retake Kherson region", [], opts)
    assert "c:kra" in one and "c:kra" in two  # Ukrainian / Ukraine share their 3-grams
    assert "p:forces|retake" in one and "p:forces|retake" in two
    assert "p:forces|kherso" in one  # one word apart: still a pair
    # The window counts content words: three between is too far.
    far = terms_of("Forces near Bakhmut regroup, retake Kherson", [], opts)
    assert "p:forces|kherso" not in far
    body = " ".join(["Ukrainian forces retake Kherson"] * 10)  # longer than a headline
    assert not any(k[:2] in {"c:", "p:"} for k in terms_of(body, [], opts))


def _parsed(nlp_stage, texts: dict[str, str]) -> dict[str, Article]:
    articles = [Article.new(t, Source(path=k)) for k, t in texts.items()]
    done = nlp_stage.process_batch(articles)
    return {a.source.path: a for a in done}


def test_headlines_alone_cluster_by_their_entities_and_words(nlp_stage) -> None:
    articles = _parsed(nlp_stage, HEADLINES)
    opts = StoryOptions()
    docs = [story_doc(articles[k], opts) for k in sorted(articles)]
    assert all(d.headline for d in docs)
    clusters = {k: story_clusters(docs, opts)[articles[k].id] for k in articles}
    assert clusters["a"] == clusters["b"] == clusters["c"]
    assert clusters["d"] == clusters["e"] == clusters["f"]
    assert clusters["a"] != clusters["d"]


def test_new_articles_join_stored_stories_without_reclustering(nlp_stage) -> None:
    articles = _parsed(nlp_stage, HEADLINES)
    opts = StoryOptions()
    stored_keys = ["a", "b", "d", "e"]
    stored_docs = [story_doc(articles[k], opts) for k in stored_keys]
    stored = story_clusters(stored_docs, opts)
    new = assign(
        [story_doc(articles["c"], opts), story_doc(articles["f"], opts)],
        [(d, stored[d.article_id]) for d in stored_docs],
        opts,
    )
    assert new[articles["c"].id] == stored[articles["a"].id]
    assert new[articles["f"].id] == stored[articles["d"].id]


def test_bcubed_and_ari_of_a_perfect_and_a_lumped_clustering() -> None:
    labels = {"1": "x", "2": "x", "3": "y", "4": "y"}
    assert bcubed(labels, labels) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert adjusted_rand(labels, labels) == 1.0
    lumped = dict.fromkeys(labels, "all")
    assert bcubed(labels, lumped)["precision"] == 0.5
    assert adjusted_rand(labels, lumped) == 0.0


@pytest.mark.slow
def test_story_scores_on_wikiref220_hold_their_floors(shared_dir: Path) -> None:
    # Floors: the figures in docs/EVALUATION.md, rounded down. wikiref220 was never tuned on:
    # the thresholds come from the ECB+ training topics.
    scores = evaluate_stories(shared_dir)
    assert scores["articles"]["f1"] >= 0.91
    assert scores["articles"]["ari"] >= 0.91
    # Headlines 0.869 / 0.863 since the shingle size is chosen on ECB+ (3-grams); the 4-grams
    # first tuned on wikiref220 itself gave 0.885 / 0.875, not a held-out figure.
    assert scores["headlines"]["f1"] >= 0.86
    assert scores["headlines"]["ari"] >= 0.86


@pytest.mark.slow
def test_story_scores_on_ecb_test_topics_hold_their_floors(shared_dir: Path) -> None:
    # Floors: docs/EVALUATION.md, rounded down; topics 36-45, never tuned on.
    scores = evaluate_ecb_stories(shared_dir, "test")
    assert scores["topic"]["f1"] >= 0.95
    assert scores["story"]["f1"] >= 0.76


def _generated_docs(n: int, seed: int) -> list[StoryDoc]:
    # Stories of 2-6 docs: shared names, some shared words, vectors around a story centre.
    rng = np.random.default_rng(seed)
    docs: list[StoryDoc] = []
    story = 0
    while len(docs) < n:
        names = [f"e:name{story}-{k}" for k in range(3)]
        centre = rng.normal(size=16)
        for _ in range(int(rng.integers(2, 7))):
            terms = {f"w:{w}": 1.0 for w in rng.integers(0, 60, 8)}
            terms |= dict.fromkeys(names[: int(rng.integers(1, 4))], 1.0)
            vector = centre + rng.normal(scale=1.2, size=16)
            docs.append(
                StoryDoc(
                    f"d{len(docs)}",
                    terms,
                    f"2024-01-{1 + story % 28:02d}",
                    vector=tuple(float(x) for x in vector / np.linalg.norm(vector)),
                )
            )
        story += 1
    return docs[:n]


@pytest.mark.parametrize("level", ["story", "topic"])
@pytest.mark.parametrize("seed", [0, 1])
def test_blocked_clustering_on_every_pair_is_the_all_pairs_linkage(level, seed) -> None:
    docs = _generated_docs(80, seed)
    opts = StoryOptions()
    upper = np.triu_indices(len(docs), k=1)
    blocked = blocked_clusters(
        docs,
        _Views.of(docs, opts),
        np.arange(len(docs)),
        np.stack(upper, axis=1),
        _threshold(docs, opts, level),
        "t-" if level == "topic" else "s-",
    )
    assert blocked == story_clusters(docs, opts, level)


def test_a_headline_set_weights_the_dense_view_by_its_own_share() -> None:
    docs = [replace(d, headline=True) for d in _generated_docs(10, 2)]
    opts = StoryOptions(dense_weight=0.5, headline_dense_weight=0.3)
    assert _Views.of(docs, opts).weight == 0.3
    assert _Views.of(_generated_docs(10, 2), opts).weight == 0.5
