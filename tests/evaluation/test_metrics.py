"""The scoring functions shared by every ``frontwire eval`` scorer."""

from __future__ import annotations

import pytest

from frontwire.evaluation.metrics import (
    MAX_KM,
    adjusted_rand,
    bcubed,
    ceaf_e,
    conll,
    distance_scores,
    f1,
    f1_scores,
    muc,
    prf,
)


def test_prf_of_counts() -> None:
    got = prf(3, 4, 6)
    assert got.precision == 0.75
    assert got.recall == 0.5
    assert got.f1 == pytest.approx(0.6)


@pytest.mark.parametrize(("empty", "expected"), [(0.0, 0.0), (1.0, 1.0)])
def test_prf_of_nothing_predicted_follows_the_scorer(empty: float, expected: float) -> None:
    assert prf(0, 0, 0, empty=empty).precision == expected


def test_f1_of_zero_precision_and_recall_is_zero() -> None:
    assert f1(0.0, 0.0) == 0.0


def test_f1_scores_weigh_labels_by_support() -> None:
    got = f1_scores(["a", "a", "a", "b"], ["a", "a", "b", "b"])
    assert got["accuracy"] == 0.75
    assert got["macro_f1"] == pytest.approx((0.8 + 2 / 3) / 2)
    assert got["weighted_f1"] == pytest.approx((0.8 * 3 + 2 / 3) / 4)


def test_bcubed_and_ari_of_a_lumped_clustering() -> None:
    labels = {"a": "x", "b": "x", "c": "y", "d": "y"}
    lumped = dict.fromkeys(labels, "one")
    assert bcubed(labels, labels) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert bcubed(labels, lumped) == {"precision": 0.5, "recall": 1.0, "f1": 0.6667}
    assert adjusted_rand(labels, lumped) == 0.0


def test_distance_scores_count_errors_within_161_km() -> None:
    got = distance_scores([0.0, 161.0, 162.0, MAX_KM])
    assert got["acc161"] == 0.5
    assert got["auc"] == pytest.approx(0.5, abs=0.1)
    assert distance_scores([])["acc161"] is None


def test_muc_counts_links_recalled_of_a_split_chain() -> None:
    # Vilain et al.'s example: one gold chain of four split in two keeps 2 of its 3 links.
    gold = dict.fromkeys("abcd", "k")
    split = {"a": "r1", "b": "r1", "c": "r2", "d": "r2"}
    got = muc(gold, split)
    assert got.recall == pytest.approx(2 / 3)
    assert got.precision == 1.0


def test_muc_gives_nothing_for_singletons() -> None:
    alone = {"a": "1", "b": "2"}
    assert muc(alone, alone).f1 == 0.0


def test_ceaf_e_pairs_each_gold_chain_with_one_predicted_chain() -> None:
    gold = dict.fromkeys("abc", "k")
    found = {"a": "r1", "b": "r1", "c": "r2"}
    got = ceaf_e(gold, found)
    # Only {a, b} is paired with the gold chain: 2 * 2 / (3 + 2) = 0.8, over 1 gold chain
    # and 2 predicted ones.
    assert got.recall == pytest.approx(0.8)
    assert got.precision == pytest.approx(0.4)


def test_ceaf_e_solves_each_block_of_overlapping_chains_apart() -> None:
    gold = {"a": "x", "b": "x", "c": "y", "d": "z", "e": "z"}
    assert ceaf_e(gold, gold).f1 == pytest.approx(1.0)
    swapped = {"a": "1", "b": "2", "c": "2", "d": "3", "e": "3"}
    # x-{a}: 2/3, y-{b,c}: 2/3, z-{d,e}: 1, over 3 chains on both sides.
    assert ceaf_e(gold, swapped).f1 == pytest.approx((2 / 3 + 2 / 3 + 1) / 3)


def test_conll_f1_is_the_mean_of_muc_b3_and_ceaf_e() -> None:
    gold = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "z"}
    found = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "3"}
    got = conll(gold, found)
    mean = (got["muc"]["f1"] + got["b3"]["f1"] + got["ceaf_e"]["f1"]) / 3
    assert got["conll_f1"] == pytest.approx(mean, abs=1e-4)
    assert conll(gold, gold)["conll_f1"] == 1.0
