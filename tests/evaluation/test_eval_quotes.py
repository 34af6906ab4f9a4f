"""PolNeAR dev scores are pinned as floors, so a change that loses quotes or speakers fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from frontwire.evaluation.quotes import cue_class, evaluate_quotes, score_article
from frontwire.records import Article, Quote, Speaker

# Floors a little under what the stage measured on all 84 dev articles (docs/EVALUATION.md):
# all attributions P 0.865 R 0.490 F1 0.625, exact F1 0.446, speakers 83.1%; speech and claims
# P 0.853 R 0.791 F1 0.821, speakers 85.0%, pronoun speakers 69.0%. Lowering one is an
# explicit change here and in the docs.
FLOOR_F1 = 0.60
FLOOR_EXACT_F1 = 0.42
FLOOR_SPEAKER = 0.81
FLOOR_SPEECH_PRECISION = 0.84
FLOOR_SPEECH_RECALL = 0.77
FLOOR_SPEECH_F1 = 0.80
FLOOR_SPEECH_SPEAKER = 0.83
FLOOR_SPEECH_PRONOUN = 0.66
# The speed bound: the quotes stage takes at most this share of the nlp stage's time
# (measured 3-7% on 2 shared cores).
MAX_SHARE_OF_NLP = 0.15


@pytest.mark.slow
def test_dev_scores_stay_above_their_floors(shared_dir: Path) -> None:
    scores = evaluate_quotes(shared_dir)
    assert scores["articles"] == 84
    assert scores["f1"] >= FLOOR_F1
    assert scores["exact_f1"] >= FLOOR_EXACT_F1
    assert scores["speaker_accuracy"] >= FLOOR_SPEAKER
    speech = scores["speech"]
    assert speech["precision"] >= FLOOR_SPEECH_PRECISION
    assert speech["recall"] >= FLOOR_SPEECH_RECALL
    assert speech["f1"] >= FLOOR_SPEECH_F1
    assert speech["speaker_accuracy"] >= FLOOR_SPEECH_SPEAKER
    assert speech["pronoun_speaker_accuracy"] >= FLOOR_SPEECH_PRONOUN
    assert scores["quotes_seconds"] <= MAX_SHARE_OF_NLP * scores["nlp_seconds"]


def test_scoring_matches_at_overlap_and_exact_and_checks_the_speaker() -> None:
    text = "The army advanced, the governor said. Nothing else happened here today at all."
    gold = {
        "text": text,
        "attributions": [
            {
                "source": [{"start": 19, "end": 31, "text": "the governor"}],
                "cue": [{"start": 32, "end": 36, "text": "said"}],
                "content": [{"start": 0, "end": 17, "text": "The army advanced"}],
            }
        ],
    }
    article = Article.new(text)
    exact = Quote(
        kind="indirect",
        content=article.span(0, 17),
        cue=article.span(32, 36),
        speaker=Speaker(name="the governor", kind="person", span=article.span(19, 31)),
    )
    counts = score_article(gold, article.replace(quotes=(exact,)))
    assert counts == {
        "gold": 1, "predicted": 1, "matched": 1, "exact": 1, "with_source": 1,
        "speaker_right": 1, "pronoun_source": 0, "pronoun_right": 0,
    }  # fmt: skip
    partial = Quote(kind="indirect", content=article.span(4, 17), cue=article.span(32, 36))
    counts = score_article(gold, article.replace(quotes=(partial,)))
    assert (counts["matched"], counts["exact"], counts["speaker_right"]) == (1, 0, 0)
    wrong = Quote(kind="indirect", content=article.span(38, 60))
    assert score_article(gold, article.replace(quotes=(wrong,)))["matched"] == 0


@pytest.mark.slow
def test_eval_quotes_command_prints_the_table(shared_dir: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "frontwire.cli.app", "eval", "quotes", "--limit", "5",
         "--shared", str(shared_dir)],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    assert "F1@0.3" in out.stdout and "Gender Gap Tracker" in out.stdout


@pytest.mark.slow
def test_eval_quotes_errors_lists_every_miss_with_its_class(shared_dir: Path) -> None:
    scores = evaluate_quotes(shared_dir, limit=3, errors=True)
    assert sum(scores["error_classes"].values()) == len(scores["errors"])
    kinds = {line.split("\t")[0] for line in scores["errors"]}
    assert kinds <= {"false", "missed", "boundary", "speaker"}
    missed = sum(
        v for k, v in scores["error_classes"].items() if k.startswith(("missed", "boundary"))
    )
    assert missed >= scores["gold"] - scores["matched"]


@pytest.mark.parametrize(
    ("cue", "cls"),
    [
        ("said", "speech"),
        ("has said", "speech"),
        ("believes", "belief"),
        ("wants", "wish"),
        ("voted for", "voting"),
        ("according to", "according"),
        ("said in a statement", "source-noun"),
        (":", "mark"),
        ("reserved his passion for", "other"),
    ],
)
def test_cue_classes_follow_the_speech_lexicon(cue: str, cls: str) -> None:
    assert cue_class(cue) == cls


def test_speech_scope_leaves_stance_attributions_out() -> None:
    text = "Kell said the bridge fell. Kell supports the plan to rebuild it soon."
    gold = {
        "text": text,
        "attributions": [
            {"source": [{"start": 0, "end": 4, "text": "Kell"}],
             "cue": [{"start": 5, "end": 9, "text": "said"}],
             "content": [{"start": 10, "end": 25, "text": "the bridge fell"}]},
            {"source": [{"start": 27, "end": 31, "text": "Kell"}],
             "cue": [{"start": 32, "end": 40, "text": "supports"}],
             "content": [{"start": 41, "end": 69, "text": "the plan to rebuild it soon"}]},
        ],
    }  # fmt: skip
    article = Article.new(text)
    said = Quote(kind="indirect", content=article.span(10, 25), cue=article.span(5, 9))
    stance = Quote(kind="indirect", content=article.span(41, 69), cue=article.span(32, 40))
    both = article.replace(quotes=(said, stance))
    assert score_article(gold, both)["gold"] == 2
    speech = score_article(gold, both, scope="speech")
    assert (speech["gold"], speech["predicted"], speech["matched"]) == (1, 1, 1)


def test_a_gold_he_refers_to_the_last_source_with_a_name_not_a_description() -> None:
    from frontwire.evaluation.quotes import _referents

    golds = [
        {"source": [{"start": 0, "end": 9, "text": "Ivo Marek"}], "content": [1], "cue": []},
        {"source": [{"start": 20, "end": 37, "text": "his upbeat speech"}], "content": [1],
         "cue": []},
        {"source": [{"start": 50, "end": 52, "text": "He"}], "content": [1], "cue": []},
    ]  # fmt: skip
    assert _referents(golds, " " * 60)[2] == (0, 9, "Ivo Marek")
