from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontwire.dedup.copies import CopyIndex, CopyOptions, copy_clusters, signature
from frontwire.evaluation.dedup import corpus_texts, evaluate_copies, wikiref_articles
from frontwire.evaluation.spin import SpinOptions, spin
from frontwire.forensics import Sanitizer

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, str]]:
    return corpus_texts(REPO)


@pytest.fixture(scope="module")
def sanitizer() -> Sanitizer:
    return Sanitizer()


def test_spun_half_and_lookalike_copies_join_their_source(corpus, sanitizer) -> None:
    _name, text = corpus[0]
    items = [("orig", text, "2024-03-14")]
    for k, opts in enumerate(
        (SpinOptions(), SpinOptions(keep=0.5), SpinOptions(replace=0, lookalikes=0.5))
    ):
        items.append((f"copy{k}", sanitizer.sanitize(spin(text, k, opts)).text, "2024-03-15"))
    found = copy_clusters(items)
    assert {a.cluster_id for a in found.values()} == {"orig"}
    assert {a.original_id for a in found.values()} == {"orig"}
    assert all(0.8 <= a.similarity <= 1.0 for a in found.values())


def test_different_articles_are_not_copies(corpus) -> None:
    found = copy_clusters((name, text, None) for name, text in corpus[:9])
    assert len({a.cluster_id for a in found.values()}) == 9


def test_original_is_the_earliest_then_the_longest(corpus) -> None:
    _, text = corpus[1]
    half = spin(text, 3, SpinOptions(replace=0, reorder=False, lookalikes=0, keep=0.5))
    found = copy_clusters([("late", text, "2024-05-02"), ("early-half", half, "2024-05-01")])
    assert found["late"].original_id == "early-half"
    found = copy_clusters([("full", text, "2024-05-01"), ("half", half, "2024-05-01")])
    assert found["half"].original_id == "full"


def test_exact_duplicates_after_repair_have_similarity_one(corpus, sanitizer) -> None:
    _, text = corpus[2]
    attacked = spin(text, 1, SpinOptions(replace=0, reorder=False, lookalikes=1.0))
    assert attacked != text
    found = copy_clusters([("a", text, None), ("b", sanitizer.sanitize(attacked).text, None)])
    assert found["b"].cluster_id == "a" and found["b"].similarity == 1.0


def test_empty_and_one_word_texts_are_only_matched_exactly() -> None:
    found = copy_clusters(
        [("e1", "", None), ("w1", "Kharkiv", None), ("w2", "Kharkiv", None), ("w3", "Odesa", None)]
    )
    assert found["w2"].cluster_id == "w1"
    assert found["w3"].cluster_id == "w3"
    assert found["e1"].cluster_id == "e1"


def test_many_copies_of_one_text_form_one_cluster_and_stay_fast(corpus) -> None:
    _, text = corpus[3]
    index = CopyIndex(CopyOptions())
    first = signature("c0", text, None, index.options)
    for i in range(3000):
        index.add(signature(f"c{i}", text, None, index.options) if i else first)
    assert len(index._buckets) == index.bands  # one representative per bucket
    assert all(len(b) == 1 for b in index._buckets.values())
    assert {a.cluster_id for a in index.assignments().values()} == {"c0"}


def test_spun_copies_of_the_bundled_corpus_reach_the_target() -> None:
    scores = evaluate_copies(corpus_texts(REPO))
    assert scores["precision"] >= 0.99
    assert scores["recall"] >= 0.95


@pytest.mark.slow
def test_spun_copies_of_other_news_reach_the_target(shared_dir: Path) -> None:
    news = [(stem, text) for stem, _, text in wikiref_articles(shared_dir)]
    scores = evaluate_copies(news)
    assert scores["precision"] >= 0.99, json.dumps(scores)
    assert scores["recall"] >= 0.95
    assert scores["recall_by_attack"]["half"] >= 0.95
