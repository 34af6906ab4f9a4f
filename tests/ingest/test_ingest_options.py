"""IngestOptions built from the configuration and --published."""

from __future__ import annotations

import pytest

from frontwire.config import Config
from frontwire.errors import ConfigError, InputError
from frontwire.ingest import IngestOptions


def test_defaults_come_from_the_config(config: Config) -> None:
    options = IngestOptions.from_config(config)
    assert options.max_bytes == config["ingest"]["max_bytes"]
    assert options.keep_payload_chars == config["ingest"]["keep_payload_chars"]
    assert options.published is None
    assert options.input_format == "auto"


def test_published_argument_overrides_the_config_and_is_normalised(config: Config) -> None:
    configured = config.with_overrides({"ingest": {"published": "2021-01-01"}})
    assert IngestOptions.from_config(configured).published == "2021-01-01"
    assert IngestOptions.from_config(configured, published="May 16, 2022").published == (
        "2022-05-16"
    )


def test_malformed_published_date_is_an_error(config: Config) -> None:
    with pytest.raises(InputError) as caught:
        IngestOptions.from_config(config, published="16/17/2022")
    assert caught.value.code == "FW312"
    assert "16/17/2022" in caught.value.message


def test_unknown_input_format_is_a_config_error(config: Config) -> None:
    configured = config.with_overrides({"ingest": {"input_format": "pdf"}})
    with pytest.raises(ConfigError) as caught:
        IngestOptions.from_config(configured)
    assert caught.value.code == "FW105"
    assert "auto, txt, html, jsonl" in caught.value.message


def test_input_format_from_config(config: Config) -> None:
    configured = config.with_overrides({"ingest": {"input_format": "jsonl"}})
    assert IngestOptions.from_config(configured).input_format == "jsonl"
