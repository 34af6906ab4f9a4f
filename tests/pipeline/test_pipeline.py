from typing import ClassVar

import pytest

from frontwire.config import load_config
from frontwire.errors import PipelineError
from frontwire.pipeline import Context, Pipeline, Stage
from frontwire.records import Article


class Rewriter(Stage):
    name: ClassVar[str] = "rewriter"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"text", "forensics"})
    rewrites: ClassVar[frozenset[str]] = frozenset({"text"})

    def process(self, article: Article) -> Article:
        return article


class Reader(Stage):
    name: ClassVar[str] = "reader"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"entities"})

    def process(self, article: Article) -> Article:
        return article


class NeedsEntities(Stage):
    name: ClassVar[str] = "needs_entities"
    requires: ClassVar[frozenset[str]] = frozenset({"entities"})
    provides: ClassVar[frozenset[str]] = frozenset({"events"})

    def process(self, article: Article) -> Article:
        return article


@pytest.fixture
def ctx() -> Context:
    return Context(config=load_config())


def test_stages_in_dependency_order_build(ctx: Context) -> None:
    pipeline = Pipeline([Rewriter(ctx), Reader(ctx), NeedsEntities(ctx)])
    assert pipeline.names == ["rewriter", "reader", "needs_entities"]


def test_stage_before_its_provider_fails_when_built(ctx: Context) -> None:
    with pytest.raises(PipelineError) as info:
        Pipeline([NeedsEntities(ctx), Reader(ctx)])
    assert info.value.code == "FW202"
    assert "entities" in str(info.value)


def test_rewriting_text_after_it_was_read_fails_when_built(ctx: Context) -> None:
    with pytest.raises(PipelineError) as info:
        Pipeline([Reader(ctx), Rewriter(ctx)])
    assert info.value.code == "FW203"
    assert "Put 'rewriter' before 'reader'" in str(info.value)


def test_a_stage_listed_twice_is_refused(ctx: Context) -> None:
    with pytest.raises(PipelineError, match="FW204"):
        Pipeline([Reader(ctx), Reader(ctx)])


def test_unknown_stage_name_lists_the_known_ones() -> None:
    with pytest.raises(PipelineError) as info:
        Pipeline.from_config(load_config(), ["sanitize", "geocoder"])
    assert info.value.code == "FW201"
    assert "nlp" in str(info.value)


def test_default_config_pipeline_puts_nlp_after_sanitize() -> None:
    pipeline = Pipeline.from_config(load_config())
    assert pipeline.names == ["sanitize", "nlp", "places"]
    with pytest.raises(PipelineError, match="FW203"):
        Pipeline.from_config(load_config(), ["nlp", "sanitize"])


class Extender(Stage):
    name: ClassVar[str] = "extender"
    extends: ClassVar[frozenset[str]] = frozenset({"entities"})

    def process(self, article: Article) -> Article:
        return article


def test_an_extension_may_follow_a_reader_of_the_field(ctx: Context) -> None:
    Pipeline([Reader(ctx), NeedsEntities(ctx), Extender(ctx)])


def test_an_extension_still_needs_a_provider_first(ctx: Context) -> None:
    with pytest.raises(PipelineError) as info:
        Pipeline([Extender(ctx), Reader(ctx)])
    assert info.value.code == "FW202"
