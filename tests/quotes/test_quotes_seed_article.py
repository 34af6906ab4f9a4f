"""The quotes stage on the canonical hard input, through the real pipeline (sanitize, nlp,
places, quotes). Checks properties every speaker and claim must have; nothing here names the
article's people or sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from frontwire.config import Config
from frontwire.pipeline import Pipeline
from frontwire.quotes.attribution import can_speak
from frontwire.records import Article


@pytest.fixture(scope="module")
def seed(seed_article_path: Path, config: Config) -> Article:
    pipeline = Pipeline.from_config(config, ["sanitize", "nlp", "places", "quotes"])
    pipeline.setup()
    article = Article.new(seed_article_path.read_text("utf-8"))
    for stage in pipeline.stages:
        article = stage.process_batch([article])[0]
    return article


def _in_boilerplate(article: Article, offset: int) -> bool:
    return any(s.start <= offset < s.end for s in article.boilerplate)


def test_every_speaker_is_someone_who_can_speak(seed: Article) -> None:
    doc = seed.doc
    assert doc is not None
    speakers = [q.speaker for q in seed.quotes if q.speaker is not None]
    assert speakers
    for speaker in speakers:
        assert speaker.span is not None
        span = doc.char_span(speaker.span.start, speaker.span.end, alignment_mode="expand")
        assert span is not None
        if speaker.name.startswith("Government of"):
            continue  # a place speaking for its government, resolved to it
        assert can_speak(span.root), speaker
        places = [
            p
            for p in seed.places
            if p.span.start <= span.root.idx < p.span.end and p.use == "literal"
        ]
        assert not places, f"a place as speaker: {speaker}"


def test_every_quotation_has_a_speaker(seed: Article) -> None:
    direct = [q for q in seed.quotes if q.kind == "direct" and len(q.content.text.split()) >= 4]
    assert len(direct) >= 10
    assert all(q.speaker is not None for q in direct), [
        q.content.text for q in direct if q.speaker is None
    ]


def test_a_quotation_never_runs_over_another_opening_mark(seed: Article) -> None:
    for quote in seed.quotes:
        if quote.kind == "direct":
            assert "\u201c" not in quote.content.text, quote.content.text


def test_every_according_to_is_a_claim_with_its_source(seed: Article) -> None:
    offsets = [
        m.start()
        for m in re.finditer(r"\baccording to\b", seed.text)
        if not _in_boilerplate(seed, m.start())
    ]
    assert offsets
    claims = {q.cue.start: q for q in seed.quotes if q.cue is not None}
    for offset in offsets:
        claim = claims.get(offset)
        assert claim is not None and claim.kind == "indirect", offset
        assert claim.speaker is not None
        assert len(claim.content.text.split()) >= 3


def test_reports_of_actions_are_not_quotes(seed: Article) -> None:
    doc = seed.doc
    assert doc is not None
    for quote in seed.quotes:
        if quote.kind != "indirect" or quote.cue is None or quote.cue.text == "according to":
            continue
        content = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
        assert content is not None
        # What was said is a clause, or a characterisation quoted in it ("described X as
        # 'Y'"), never a plain object ("announced the victory").
        quoted = any(t.is_quote for t in content)
        assert quoted or any(t.pos_ in ("VERB", "AUX") for t in content), quote.content.text
