"""The scoring functions shared by every ``frontwire eval`` scorer."""

from __future__ import annotations

import pytest

from frontwire.evaluation.metrics import (
    MAX_KM,
    adjusted_rand,
    bcubed,
    distance_scores,
    f1,
    f1_scores,
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
