"""Event coding scores on the public gold sets, pinned as floors (docs/EVALUATION.md)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from frontwire.evaluation.events import (
    case_rows,
    evaluate_events,
    f1_scores,
    format_events_table,
    plv_rows,
    split_of,
)
from frontwire.events.classifier import LinearModel, terms
from frontwire.training.events import (
    ACLED_FIT,
    ACLED_MODEL,
    INCIDENT_MODEL,
    PLOVER_MODEL,
    wiki_rows,
)


@pytest.fixture(scope="module")
def scores(shared_dir: Path):  # type: ignore[no-untyped-def]
    return evaluate_events(shared_dir, incidents=False)


def test_case2021_heldout_scores_stay_above_their_floors(scores) -> None:  # type: ignore[no-untyped-def]
    case = scores["case2021_heldout"]
    assert case["n"] == 279
    # Lowered on purpose (from 0.76 / 0.75 / 0.73) when the coder began to average the CASE
    # model with one trained on incident reports too: CASE's snippets lose 0.02, reports and
    # news never seen gain far more (docs/EVALUATION.md, "Designs tried").
    assert case["accuracy"] >= 0.74
    assert case["weighted_f1"] >= 0.73
    assert case["macro_f1"] >= 0.71
    assert case["event_type_accuracy"] >= 0.83


def test_plover_scores_stay_above_their_floors(scores) -> None:  # type: ignore[no-untyped-def]
    assert scores["plv_heldout"]["accuracy"] >= 0.69
    assert scores["plv_heldout"]["macro_f1"] >= 0.68
    assert scores["plover_gsr"]["accuracy"] >= 0.48


def test_seed_article_events_are_listed(scores) -> None:  # type: ignore[no-untyped-def]
    events = scores["seed_article"]
    assert events
    assert all(e["date"] is None for e in events)  # the file carries no publication date
    assert "Seed article events:" in format_events_table(scores)


def _incident_rows(shared: Path) -> list[tuple[str, str, str]]:
    return case_rows(shared) + [("", text, label) for _, text, label in wiki_rows(shared)]


def _train_split(key: str) -> str:
    return "train" if not key else split_of(key)


@pytest.mark.parametrize(
    ("model_path", "rows"),
    [(ACLED_MODEL, case_rows), (INCIDENT_MODEL, _incident_rows), (PLOVER_MODEL, plv_rows)],
)
def test_shipped_models_saw_only_the_training_part(shared_dir: Path, model_path, rows) -> None:  # type: ignore[no-untyped-def]
    # Every feature of the model occurs in at least two training texts (min_df=2), so a term
    # found only in held-out texts can never be in its vocabulary. wiki_rows reads only the
    # incident list's train part (its rows carry no CASE id here).
    df: Counter[str] = Counter()
    for key, text, _ in rows(shared_dir):
        if _train_split(key) == "train":
            df.update(terms(text).keys())
    model = LinearModel.load(model_path)
    assert all(df[term] >= 2 for term in model.vocab)


def test_f1_scores_weigh_labels_by_support() -> None:
    got = f1_scores(["a", "a", "a", "b"], ["a", "a", "b", "b"])
    assert got["accuracy"] == 0.75
    assert got["macro_f1"] == pytest.approx((0.8 + 2 / 3) / 2)
    assert got["weighted_f1"] == pytest.approx(0.8 * 0.75 + (2 / 3) * 0.25)


@pytest.mark.slow
def test_training_is_deterministic_and_reproduces_the_shipped_model(
    shared_dir: Path, tmp_path: Path
) -> None:
    from frontwire.events.classifier import fit

    part = [(t, label) for key, t, label in case_rows(shared_dir) if split_of(key) == "train"]
    model = fit([t for t, _ in part], [label for _, label in part], **ACLED_FIT)
    model.save(tmp_path / "m.npz")
    again, shipped = LinearModel.load(tmp_path / "m.npz"), LinearModel.load(ACLED_MODEL)
    assert again.vocab == shipped.vocab and again.labels == shipped.labels
    assert np.allclose(again.weights, shipped.weights, atol=1e-4)


def test_seed_article_gives_its_six_events_and_no_estimate(scores) -> None:  # type: ignore[no-untyped-def]
    happened = [
        e
        for e in scores["seed_article"]
        if e["status"] not in ("planned", "hypothetical", "denied")
    ]
    assert len(happened) == 6
    assert not any("Ministry of Defence" in " ".join(e["evidence"]) for e in scores["seed_article"])
    subs = sorted(e["sub_event_type"] for e in happened)
    assert subs.count("Government regains territory") == 2
    assert "Shelling/artillery/missile attack" in subs and "Armed clash" in subs


@pytest.mark.slow
def test_gvdb_test_part_scores_stay_above_their_floors(shared_dir: Path) -> None:
    from frontwire.evaluation.incidents import evaluate_gvdb

    scores, misses = evaluate_gvdb(shared_dir, "test")
    assert scores["n"] == 70
    # Measured on the test part (never tuned on): docs/EVALUATION.md, "Events end to end".
    assert scores["violent_found"] >= 0.97
    # Killed lowered from 0.82: 0.829 -> 0.814 (one article of 70, one with no one killed) with
    # the count rules of issue 17's second round, which gained killed on the train part (0.802
    # -> 0.823), held it on tune, and lifted injured everywhere (test 0.686 -> 0.700).
    assert scores["killed"] >= 0.80
    assert scores["killed_when_dead"] >= 0.76
    assert scores["injured"] >= 0.69
    assert scores["place_40km"] >= 0.73  # 0.746: one article of slack (59 scored)
    assert scores["date_dated"] >= 0.51
    assert all(m.error for m in misses)


@pytest.mark.slow
def test_wiki_incident_test_part_scores_stay_above_their_floors(shared_dir: Path) -> None:
    from frontwire.evaluation.incidents import evaluate_wiki

    scores, _ = evaluate_wiki(shared_dir, "test")
    assert scores["n"] == 1870
    assert scores["event_found"] >= 0.98
    assert scores["type"] >= 0.93
    assert scores["sub_type_weighted_f1"] >= 0.85
    # Dead match the table's figure with or without the attackers it counts apart; rows whose
    # injured column counts the kidnapped are not scored for injured (incidents._gold_counts).
    assert scores["dead"] >= 0.76
    assert scores["dead_when_dead"] >= 0.71
    assert scores["injured"] >= 0.71
    assert scores["place_25km"] >= 0.59  # 0.597
    # Over the few reports whose text states a date (42 now, 39 when this floor was 0.85): the
    # type work found events in three more reports whose date disagrees (on the tune part such
    # misses are dates of a later follow-up: "in March 2019" of a sentencing); the 34 right
    # before are still right. Tune part: 0.889 of 36.
    assert scores["date_agrees"] >= 0.78


def test_parts_are_fixed_by_id_hash() -> None:
    from frontwire.evaluation.incidents import part_of

    parts = Counter(part_of(f"row-{i}") for i in range(2000))
    assert part_of("gvdb-71") == part_of("gvdb-71")
    assert 0.55 < parts["train"] / 2000 < 0.65 and 0.15 < parts["test"] / 2000 < 0.25


def test_errors_list_every_miss_with_its_class() -> None:
    from frontwire.evaluation.incidents import Miss, error_summary, format_misses

    misses = [
        Miss("gvdb", "a", "killed", "count_missing", "1", "0", "A man was shot."),
        Miss("gvdb", "b", "killed", "count_missing", "2", "0", ""),
        Miss("wiki", "c", "place", "place_far", "Tarvel", "Orin (precision 1, 300 km)", ""),
    ]
    assert error_summary(misses) == {"gvdb/killed/count_missing": 2, "wiki/place/place_far": 1}
    text = format_misses(misses)
    assert "gvdb/killed/count_missing: 2" in text and text.count("\n") >= 5


def test_wiki_dead_match_with_or_without_the_attackers_counted_apart() -> None:
    from frontwire.evaluation.incidents import _gold_counts

    row = {"dead": {"value": 12, "perpetrators": 3}, "injured": {"value": 40, "perpetrators": None}}
    assert _gold_counts(row, "dead") == {12, 15}
    assert _gold_counts(row, "injured") == {40}
    assert _gold_counts({"dead": {"value": 2}}, "dead") == {2}


def test_wiki_rows_whose_injured_column_counts_the_kidnapped_are_not_scored_for_injured() -> None:
    from frontwire.evaluation.incidents import _NOT_INJURED

    assert _NOT_INJURED.search("15 (kidnapped)") and _NOT_INJURED.search("7 Kidnapped")
    assert not _NOT_INJURED.search("40+") and not _NOT_INJURED.search("12 (several)")


def test_a_gold_place_s_kind_word_picks_the_region_or_the_town() -> None:
    from frontwire.evaluation.incidents import _GoldPlaces
    from frontwire.util import haversine_km

    places = _GoldPlaces()
    state, city = places.locate("Kaduna State", "Nigeria"), places.locate("Kaduna", "Nigeria")
    nyc = places.locate("New York City", "United States")
    assert state and city and nyc and haversine_km(*state, *city) > 20
    assert haversine_km(*nyc, 40.71, -74.01) < 5  # the city, not New York State's centre
