"""Configuration: one commented default file in the package, overridden key by key.

The default (``default.toml`` beside this module) lists every key there is, with a comment on why
its value is what it is. A user file overrides only the keys it sets; an unknown section or key,
or a value of the wrong type, is a :class:`~frontwire.errors.ConfigError`. The loaded
:class:`Config` is an immutable value with one typed section per ``[section]``
(:mod:`frontwire.config.sections`), loaded once where a run starts and passed to whatever needs
it, never a global.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from frontwire.config.sections import (
    SECTIONS,
    DedupSection,
    EventsSection,
    ForensicsSection,
    IngestSection,
    NlpSection,
    PipelineSection,
    PlacesSection,
    QuotesSection,
    Section,
    ServerSection,
    StoreSection,
)
from frontwire.errors import ConfigError

DEFAULT_CONFIG_NAME = "default.toml"


def default_config_text() -> str:
    """The commented default configuration, as shipped."""
    return resources.files(__package__).joinpath(DEFAULT_CONFIG_NAME).read_text("utf-8")


class Config:
    """A validated configuration: one typed, read-only section per ``[section]`` of the file.

    Load it once with :func:`load_config` where a run starts (a CLI command, the server, a
    Python API call) and pass it down; nothing below reloads it. ``config.store.path`` reads a
    typed value; ``config["dedup"]`` is the same section as a mapping, the form each stage's
    ``Options.from_config`` reads. :meth:`with_overrides` returns a changed copy (for
    command-line options such as ``--db``).
    """

    __slots__ = ("_sections", *SECTIONS)

    _sections: Mapping[str, Mapping[str, Any]]
    pipeline: PipelineSection
    ingest: IngestSection
    nlp: NlpSection
    quotes: QuotesSection
    store: StoreSection
    forensics: ForensicsSection
    places: PlacesSection
    events: EventsSection
    dedup: DedupSection
    server: ServerSection

    def __init__(self, sections: Mapping[str, Mapping[str, Any]]) -> None:
        # A section no class types yet (one a plugin or a newer default adds) is kept as a
        # read-only mapping, so config["name"] reads it all the same.
        typed: dict[str, Mapping[str, Any]] = {
            name: SECTIONS[name].of(values)
            if name in SECTIONS
            else MappingProxyType(copy.deepcopy(dict(values)))
            for name, values in sections.items()
        }
        object.__setattr__(self, "_sections", MappingProxyType(typed))
        for name in SECTIONS:
            object.__setattr__(self, name, typed[name])

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a Config is read-only; with_overrides() returns a changed copy")

    def __getitem__(self, section: str) -> Mapping[str, Any]:
        return self._sections[section]

    def __contains__(self, section: object) -> bool:
        return section in self._sections

    def __repr__(self) -> str:
        return f"Config({self.to_dict()!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Config) and self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash(repr(self))

    def __reduce__(self) -> tuple[type[Config], tuple[dict[str, dict[str, Any]]]]:
        # Mapping proxies do not pickle; a stage shipped to another process (a Ray worker)
        # carries its config as plain sections.
        return (Config, (self.to_dict(),))

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """A plain, mutable copy of every section."""
        return {
            name: values.to_dict() if isinstance(values, Section) else copy.deepcopy(dict(values))
            for name, values in self._sections.items()
        }

    def with_overrides(
        self, overrides: Mapping[str, Mapping[str, Any]], origin: str = "overrides"
    ) -> Config:
        """A copy with ``overrides`` applied and validated like a user file.

        Args:
            overrides: ``{section: {key: value}}``.
            origin: named in error messages (e.g. "--db").

        Raises:
            ConfigError: on an unknown key or a value of the wrong type.
        """
        return Config(_merge(self.to_dict(), overrides, origin))


def load_config(path: str | Path | None = None) -> Config:
    """Load the default configuration, overridden by the file at ``path`` if given.

    Raises:
        ConfigError: if the file is missing, is not TOML, or sets an unknown key or a value of
            the wrong type.
    """
    defaults = tomllib.loads(default_config_text())
    if path is None:
        return Config(defaults)
    file = Path(path)
    if not file.is_file():
        raise ConfigError("FW101", path=str(file))
    try:
        user = tomllib.loads(file.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("FW102", path=str(file), detail=str(exc)) from exc
    return Config(_merge(defaults, user, str(file)))


def _merge(
    base: dict[str, dict[str, Any]], user: Mapping[str, Any], origin: str
) -> dict[str, dict[str, Any]]:
    merged = copy.deepcopy(base)
    for section, values in user.items():
        if section not in merged:
            raise ConfigError(
                "FW103", key=section, path=origin, section="<top level>", known=", ".join(merged)
            )
        if not isinstance(values, Mapping):
            raise ConfigError("FW104", key=section, path=origin, expected="a [section]", got=values)
        for key, value in values.items():
            if key not in merged[section]:
                raise ConfigError(
                    "FW103",
                    key=f"{section}.{key}",
                    path=origin,
                    section=section,
                    known=", ".join(merged[section]),
                )
            merged[section][key] = _checked(f"{section}.{key}", merged[section][key], value, origin)
    return merged


def _checked(key: str, default: Any, value: Any, origin: str) -> Any:
    # The default's type is the contract: bool is checked before int because bool is an int.
    if isinstance(default, bool):
        ok = isinstance(value, bool)
        expected = "true or false"
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
        expected = "a whole number"
    elif isinstance(default, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        expected = "a number"
        value = float(value) if ok else value
    elif isinstance(default, str):
        ok = isinstance(value, str)
        expected = "a string"
    elif isinstance(default, list):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        expected = "a list of strings"
    else:  # pragma: no cover - the default file holds only the types above
        ok = True
        expected = type(default).__name__
    if not ok:
        raise ConfigError("FW104", key=key, path=origin, expected=expected, got=value)
    if isinstance(value, int) and not isinstance(value, bool) and value <= 0 and default > 0:
        raise ConfigError("FW105", key=key, value=value, detail="it must be positive")
    return value


def check_choice(key: str, value: str, allowed: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``allowed``.

    Raises:
        ConfigError: FW105 naming ``key`` and the allowed values.
    """
    if value not in allowed:
        raise ConfigError("FW105", key=key, value=value, detail=f"use one of {', '.join(allowed)}")
    return value


__all__ = ["Config", "Section", "check_choice", "default_config_text", "load_config"]
