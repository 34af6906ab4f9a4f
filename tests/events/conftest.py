"""The events stage, built once per test session (it loads its models in setup)."""

from __future__ import annotations

import pytest

from frontwire.config import Config
from frontwire.events.stage import EventsStage
from frontwire.nlp import NlpStage
from frontwire.pipeline import Context
from frontwire.records import Article
from frontwire.testing import make_article


@pytest.fixture(scope="session")
def events_stage(config: Config) -> EventsStage:
    stage = EventsStage(Context(config=config))
    stage.setup()
    return stage


@pytest.fixture(scope="session")
def code(nlp_stage: NlpStage, events_stage: EventsStage):  # type: ignore[no-untyped-def]
    """Parse and code one text: ``code(text, published=..., outlet=...) -> Article``."""

    def run(
        text: str, published: str | None = "2023-03-06", outlet: str | None = "Wire"
    ) -> Article:
        [article] = nlp_stage.process_batch(
            [make_article(text, published=published, outlet=outlet)]
        )
        return events_stage.process(article)

    return run


@pytest.fixture(scope="session")
def code_placed(config: Config, nlp_stage: NlpStage, events_stage: EventsStage):  # type: ignore[no-untyped-def]
    """Like ``code``, with the places stage between the parse and the events."""
    from frontwire.places.stage import PlacesStage

    places = PlacesStage(Context(config=config))
    places.setup()

    def run(text: str, published: str | None = "2023-03-06") -> Article:
        parsed = nlp_stage.process_batch([make_article(text, published=published)])
        return events_stage.process(places.process_batch(parsed)[0])

    return run
