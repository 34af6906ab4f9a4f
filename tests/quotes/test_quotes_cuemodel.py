"""The learned cue detector (``data/cue_model.json``) on parsed sentences, real spaCy model."""

from __future__ import annotations

from typing import Any

from frontwire.nlp import doc_of
from frontwire.quotes.cuemodel import load_cue_model, verb_features
from frontwire.records import Article


def _verb(nlp_stage: Any, text: str, word: str) -> Any:
    article = nlp_stage.process_batch([Article.new(text)])[0]
    return next(t for t in doc_of(article, "test") if t.text == word)


def test_reporting_verb_with_a_clause_scores_above_an_action_verb(nlp_stage: Any) -> None:
    model = load_cue_model()
    said = _verb(nlp_stage, "The senator said that the bill would fail next week.", "said")
    ate = _verb(nlp_stage, "The senator ate a sandwich in the cafeteria.", "ate")
    assert model.is_cue(said)
    assert not model.is_cue(ate)
    assert model.probability(said) > model.probability(ate)


def test_features_name_the_subject_and_the_clausal_complement(nlp_stage: Any) -> None:
    said = _verb(nlp_stage, "Officials said the bridge had collapsed.", "said")
    feats = verb_features(said)
    assert "lemma=say" in feats
    assert "child=ccomp" in feats
    assert any(f.startswith("subj_tag=") for f in feats)


def test_stage_with_the_model_detector_attributes_a_learned_cue(
    config: Any, nlp_stage: Any
) -> None:
    from frontwire.pipeline import Context
    from frontwire.quotes import QuotesStage

    stage = QuotesStage(
        Context(config=config.with_overrides({"quotes": {"cue_detector": "model"}}))
    )
    text = "Senator Jane Walsh said that the new tax plan would hurt working families."
    article = stage.process(nlp_stage.process_batch([Article.new(text)])[0])
    claims = [q for q in article.quotes if q.cue is not None and q.cue.text == "said"]
    assert claims and "tax plan" in claims[0].content.text
    assert claims[0].speaker is not None and claims[0].speaker.name == "Jane Walsh"
