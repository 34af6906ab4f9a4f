"""The sanitize stage in a pipeline: repaired text, offsets, report, boilerplate spans."""

from __future__ import annotations

import pytest

from frontwire.config import Config, load_config
from frontwire.errors import ConfigError, StageError
from frontwire.forensics import ForensicsOptions, SanitizeStage
from frontwire.pipeline import Context
from frontwire.pipeline.registry import stage_class
from frontwire.testing import make_article


@pytest.fixture(scope="module")
def stage(config: Config) -> SanitizeStage:
    built = SanitizeStage(Context(config=config))
    built.setup()
    return built


def test_registry_finds_the_stage() -> None:
    assert stage_class("sanitize") is SanitizeStage


def test_stage_writes_repaired_text_and_keeps_the_original(stage: SanitizeStage) -> None:
    text = "Pu\u200btin’s troops retreаted from Khаrkiv.\n\nSoldiers at a bridge (Imаge: Getty)"
    article = stage.process(make_article(text))
    assert article.original_text == text
    assert article.text == (
        "Putin’s troops retreated from Kharkiv.\n\nSoldiers at a bridge (Image: Getty)"
    )
    assert article.forensics is not None
    assert article.forensics.verdict == "deliberately_obfuscated"
    assert [e.kind for e in article.edits] == ["invisible", *["homoglyph"] * 3]
    (credit,) = article.boilerplate
    assert credit.text == "Soldiers at a bridge (Image: Getty)"
    assert text[credit.orig_start : credit.orig_end] == "Soldiers at a bridge (Imаge: Getty)"


def test_spans_made_after_the_stage_point_into_the_original(stage: SanitizeStage) -> None:
    text = "\ufeffThe gоvernor of Kharkiv spoke."
    article = stage.process(make_article(text))
    start = article.text.index("Kharkiv")
    span = article.span(start, start + len("Kharkiv"))
    assert text[span.orig_start : span.orig_end] == "Kharkiv"
    word = article.span(4, 12)
    assert text[word.orig_start : word.orig_end] == "gоvernor"


def test_text_of_only_invisible_characters_is_rejected(stage: SanitizeStage) -> None:
    with pytest.raises(StageError) as caught:
        stage.process(make_article("\u200b\u200d\u2060" * 10))
    assert caught.value.code == "FW403"


def test_options_come_from_the_config_section() -> None:
    config = load_config().with_overrides({"forensics": {"fix_homoglyphs": False}})
    options = ForensicsOptions.from_config(config)
    assert options.fix_homoglyphs is False
    assert options.remove_invisible is True


def test_unknown_detector_is_a_config_error() -> None:
    config = load_config().with_overrides({"forensics": {"detector": "magic"}})
    with pytest.raises(ConfigError) as caught:
        ForensicsOptions.from_config(config)
    assert caught.value.code == "FW105"


def test_switched_off_repairs_do_not_run(config: Config) -> None:
    off = config.with_overrides({"forensics": {"fix_homoglyphs": False, "remove_invisible": False}})
    stage = SanitizeStage(Context(config=off))
    stage.setup()
    text = "Khаrkiv\u200b"
    assert stage.process(make_article(text)).text == text
