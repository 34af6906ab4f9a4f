"""Fixtures: the real gazetteer (cached index) and a places stage over the real spaCy parse."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from frontwire.config import Config
from frontwire.pipeline import Context
from frontwire.places import Gazetteer
from frontwire.places.stage import PlacesStage
from frontwire.records import Article


@pytest.fixture(scope="session")
def places_stage(config: Config) -> PlacesStage:
    stage = PlacesStage(Context(config=config))
    stage.setup()
    return stage


@pytest.fixture(scope="session")
def gaz(places_stage: PlacesStage) -> Gazetteer:
    return places_stage.gazetteer


@pytest.fixture(scope="session")
def analyse(nlp_stage, places_stage: PlacesStage) -> Callable[[str], Article]:  # type: ignore[no-untyped-def]
    def run(text: str) -> Article:
        parsed = nlp_stage.process_batch([Article.new(text)])
        return places_stage.process_batch(parsed)[0]

    return run
