"""PolNeAR dev scores are pinned as floors, so a change that loses quotes or speakers fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from frontwire.evaluation.quotes import evaluate_quotes, score_article
from frontwire.records import Article, Quote, Speaker

# A few points under what the stage measured on all 84 dev articles (docs/EVALUATION.md).
FLOOR_F1 = 0.65
FLOOR_EXACT_F1 = 0.43
FLOOR_SPEAKER = 0.77


@pytest.mark.slow
def test_dev_scores_stay_above_their_floors(shared_dir: Path) -> None:
    scores = evaluate_quotes(shared_dir)
    assert scores["articles"] == 84
    assert scores["f1"] >= FLOOR_F1
    assert scores["exact_f1"] >= FLOOR_EXACT_F1
    assert scores["speaker_accuracy"] >= FLOOR_SPEAKER


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
