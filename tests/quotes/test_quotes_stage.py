"""The quotes stage on hand-written news text, with the real spaCy model."""

from __future__ import annotations

from typing import Any

import pytest

from frontwire.config import Config
from frontwire.pipeline import Context
from frontwire.quotes import QuotesStage
from frontwire.records import Article


@pytest.fixture(scope="module")
def run(config: Config, nlp_stage: Any) -> Any:
    stage = QuotesStage(Context(config=config))

    def go(text: str) -> Article:
        return stage.process(nlp_stage.process_batch([Article.new(text)])[0])

    return go


def test_split_quote_shares_one_cue_and_the_named_speaker(run: Any) -> None:
    article = run(
        "Regional Governor Oleh Sinegubov visited the front on Monday. "
        "“We will not give up,” he said, “whatever it costs.”"
    )
    direct = [q for q in article.quotes if q.kind == "direct"]
    assert [q.content.text for q in direct] == ["We will not give up,", "whatever it costs."]
    assert {q.cue.text for q in direct if q.cue} == {"said"}
    for quote in direct:
        assert quote.speaker is not None
        assert quote.speaker.name == "Oleh Sinegubov"  # the name, never the bare pronoun
        assert quote.speaker.span is not None and quote.speaker.span.text == "he"


def test_surname_and_honorific_mentions_join_the_full_name(run: Any) -> None:
    article = run(
        "President Volodymyr Zelensky spoke in Kyiv. Mr Zelensky said the army was advancing. "
        "Zelensky later left."
    )
    ids = {e.cluster_id for e in article.entities if "Zelensky" in e.span.text}
    assert len(ids) == 1 and None not in ids
    canon = {e.canonical for e in article.entities if "Zelensky" in e.span.text}
    assert canon == {"Volodymyr Zelensky"}


def test_apposition_gives_role_and_affiliation(run: Any) -> None:
    article = run("Jens Stoltenberg, Nato's secretary general, warned that Russia may attack.")
    person = next(e for e in article.entities if e.span.text == "Jens Stoltenberg")
    assert person.role is not None and "secretary general" in person.role
    assert person.affiliation == "Nato"
    claim = next(q for q in article.quotes if q.cue and q.cue.text == "warned")
    assert claim.kind == "indirect"
    assert claim.status == "hedged"  # "may"
    assert claim.speaker is not None and claim.speaker.cluster_id == person.cluster_id


def test_according_to_after_the_claim_keeps_its_cue_and_organisation(run: Any) -> None:
    article = run(
        "Russia has lost a third of its ground forces, according to the Ministry of Defence."
    )
    claim = next(q for q in article.quotes if q.cue and q.cue.text.startswith("according"))
    assert claim.content.text.startswith("Russia has lost")
    assert claim.speaker is not None and "Ministry of Defence" in claim.speaker.name


def test_denied_and_estimated_claims_get_their_status(run: Any) -> None:
    article = run(
        "The spokesman denied that troops had left the city. "
        "Officials estimated that 3,000 people were held in the camp."
    )
    status = {q.cue.text: q.status for q in article.quotes if q.cue}
    assert status["denied"] == "denied"
    assert status["estimated"] == "estimated"


def test_scare_quotes_are_terms_not_quotes(run: Any) -> None:
    article = run("Residents were taken to a “filtration camp” outside the town last week.")
    assert not [q for q in article.quotes if q.kind == "direct"]


def test_group_speaker_keeps_its_own_words(run: Any) -> None:
    article = run("“We have arrived,” one of the soldiers said as the convoy entered the village.")
    quote = next(q for q in article.quotes if q.kind == "direct")
    assert quote.speaker is not None
    assert quote.speaker.name == "one of the soldiers"
    assert quote.speaker.kind == "group"


def test_pronoun_prefers_the_subject_of_the_previous_sentence(run: Any) -> None:
    article = run(
        "Sir Richard Barrons met Mr John Smith in London. He said the war would last for years."
    )
    claim = next(q for q in article.quotes if q.cue and q.cue.text == "said")
    assert claim.speaker is not None and claim.speaker.name == "Richard Barrons"


def test_a_name_used_with_an_honorific_is_a_person(run: Any) -> None:
    # spaCy's small model tags unfamiliar names freely; "Mr" settles it for every mention.
    article = run("Mr Kharkiv arrived late. Kharkiv said nothing else.")
    labels = {e.label for e in article.entities if e.span.text == "Kharkiv"}
    assert labels == {"PERSON"}


def test_a_name_after_in_is_a_place(run: Any) -> None:
    from frontwire.quotes.resolve import _corrected_label

    article = run("Heavy shelling was reported in Izium on Monday.")
    doc = article.doc
    span = doc.char_span(article.text.index("Izium"), article.text.index("Izium") + 5)
    assert _corrected_label(doc, span) == "GPE"


def test_unbalanced_marks_and_no_sentences_never_crash(run: Any) -> None:
    text = ("“ he said " * 200) + "x" * 5000
    article = run(text)
    assert all(q.content.end - q.content.start <= len(text) for q in article.quotes)


def test_stage_declares_its_place_in_the_pipeline() -> None:
    assert QuotesStage.requires == {"doc", "entities"}
    assert QuotesStage.provides == {"quotes"}
    assert QuotesStage.extends == {"entities"}


def test_learned_cue_table_ships_and_knows_the_commonest_cue() -> None:
    from frontwire.quotes.stage import learned_cues

    cues = learned_cues(0.3)
    assert "say" in cues
    assert learned_cues(1.01) == frozenset()


def test_claims_in_boilerplate_are_skipped(run: Any, nlp_stage: Any) -> None:
    text = "Officials said the bridge was destroyed. (Image: Reuters said the photo was real.)"
    article = Article.new(text)
    start = text.index("(Image")
    article = article.replace(boilerplate=(article.span(start, len(text)),))
    stage = QuotesStage(Context(config=nlp_stage.ctx.config))
    out = stage.process(nlp_stage.process_batch([article])[0])
    assert [q.content.text for q in out.quotes] == ["the bridge was destroyed"]


def test_he_said_continues_the_person_already_quoted_over_a_later_subject(run: Any) -> None:
    article = run(
        "Senator John Smith said the plan would fail. His aide Bob Jones met reporters. "
        "He said the vote was over."
    )
    last = [q for q in article.quotes if "vote was over" in q.content.text]
    assert last and last[0].speaker is not None
    assert last[0].speaker.name == "John Smith"
