import pickle
import tomllib
from dataclasses import FrozenInstanceError, fields
from pathlib import Path

import pytest

from frontwire.config import Config, default_config_text, load_config
from frontwire.config.sections import SECTIONS
from frontwire.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "frontwire.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_default_config_is_commented_and_loads() -> None:
    text = default_config_text()
    assert text.count("#") > 20
    config = load_config()
    assert config["pipeline"]["stages"][0] == "sanitize"


def test_user_file_overrides_only_the_keys_it_sets(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "[nlp]\nbatch_size = 8\n"))
    assert config["nlp"]["batch_size"] == 8
    assert config["nlp"]["model"] == load_config()["nlp"]["model"]
    assert config["store"] == load_config()["store"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("[nlp]\nbatchsize = 8\n", "FW103"),
        ("[nonsense]\nx = 1\n", "FW103"),
        ("[nlp]\nbatch_size = 'eight'\n", "FW104"),
        ("[forensics]\nfix_homoglyphs = 1\n", "FW104"),
        ("[pipeline]\nstages = 'nlp'\n", "FW104"),
        ("[nlp]\nbatch_size = 0\n", "FW105"),
        ("[nlp\n", "FW102"),
    ],
)
def test_bad_user_config_is_a_coded_error(tmp_path: Path, text: str, code: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text))
    assert info.value.code == code
    assert str(tmp_path) in str(info.value) or code == "FW105"


def test_missing_config_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="FW101"):
        load_config(tmp_path / "nope.toml")


def test_overrides_are_validated_like_a_file() -> None:
    config = load_config().with_overrides({"store": {"path": "x.duckdb"}}, origin="--db")
    assert config["store"]["path"] == "x.duckdb"
    with pytest.raises(ConfigError, match="--db"):
        load_config().with_overrides({"store": {"paht": "x"}}, origin="--db")


def test_sections_are_typed_and_the_same_as_their_mapping() -> None:
    config = load_config()
    assert config.store.path == config["store"]["path"]
    assert config.dedup is config["dedup"]
    assert config.pipeline.stages == tuple(config.to_dict()["pipeline"]["stages"])


def test_every_default_key_has_a_typed_field() -> None:
    """A key added to default.toml needs a field in config/sections.py, and the reverse."""
    defaults = tomllib.loads(default_config_text())
    assert set(defaults) == set(SECTIONS)
    for name, values in defaults.items():
        assert set(values) == {f.name for f in fields(SECTIONS[name])}, name


def test_config_is_read_only_and_survives_pickling() -> None:
    config = load_config()
    with pytest.raises(AttributeError):
        config.store = config.store  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        config.store.path = "x"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(config)) == config


def test_a_section_no_class_types_is_still_read_as_a_mapping() -> None:
    sections = load_config().to_dict()
    sections["extra"] = {"key": 1}
    assert Config(sections)["extra"]["key"] == 1
