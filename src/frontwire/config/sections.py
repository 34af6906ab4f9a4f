"""The typed sections of a :class:`~frontwire.config.Config`, one class per ``[section]``.

The values, and why each is what it is, live in ``default.toml``; these classes only give each
key its type, so ``config.store.path`` is a ``str`` to mypy and to the reader. A section is also a
read-only mapping (``config["dedup"]["max_days"]``), which is what each stage's
``Options.from_config`` takes, so stages read their own section without knowing its class.

Adding a key: write it, with its comment, in ``default.toml`` and give it a field here;
``tests/config`` fails until both agree.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any, ClassVar


class Section(Mapping[str, Any]):
    """A section read both as typed fields and as a read-only mapping of its keys."""

    __slots__ = ()
    #: The ``[section]`` name in the TOML file.
    table: ClassVar[str]

    def __getitem__(self, key: str) -> Any:
        if key not in self._keys():
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())

    @classmethod
    def _keys(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))  # type: ignore[arg-type]

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> Section:
        """The section holding ``values`` (validated keys and types); lists become tuples."""
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})

    def to_dict(self) -> dict[str, Any]:
        """A plain, mutable copy (tuples back to lists, as in TOML)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.items()}


@dataclass(frozen=True, slots=True, eq=True)
class PipelineSection(Section):
    """``[pipeline]``: which stages run, in what batches, on which executor."""

    table: ClassVar[str] = "pipeline"
    stages: tuple[str, ...]
    batch_size: int
    executor: str
    ray_address: str
    workers: int


@dataclass(frozen=True, slots=True, eq=True)
class IngestSection(Section):
    """``[ingest]``: what is read as an article and how inputs are sharded."""

    table: ClassVar[str] = "ingest"
    max_bytes: int
    published: str
    keep_payload_chars: int
    input_format: str
    min_letters: int
    shard_lines: int


@dataclass(frozen=True, slots=True, eq=True)
class NlpSection(Section):
    """``[nlp]``: the spaCy model and its batches."""

    table: ClassVar[str] = "nlp"
    model: str
    batch_size: int
    max_chars: int


@dataclass(frozen=True, slots=True, eq=True)
class QuotesSection(Section):
    """``[quotes]``: quote grouping and the cue detector."""

    table: ClassVar[str] = "quotes"
    scare_max_words: int
    merge_share: float
    continuation_paragraphs: int
    cue_min_share: float
    cue_detector: str


@dataclass(frozen=True, slots=True, eq=True)
class StoreSection(Section):
    """``[store]``: the DuckDB file and its memory."""

    table: ClassVar[str] = "store"
    path: str
    memory_limit: str


@dataclass(frozen=True, slots=True, eq=True)
class ForensicsSection(Section):
    """``[forensics]``: which repairs the sanitizer makes."""

    table: ClassVar[str] = "forensics"
    fix_mojibake: bool
    remove_invisible: bool
    fix_compatibility: bool
    fix_homoglyphs: bool
    mark_boilerplate: bool
    detector: str
    obfuscation_threshold: int
    max_disagreements: int


@dataclass(frozen=True, slots=True, eq=True)
class PlacesSection(Section):
    """``[places]``: the gazetteer and the weights of the place resolver."""

    table: ClassVar[str] = "places"
    cache_dir: str
    min_unlabelled_population: int
    min_unlabelled_population_one_word: int
    fix_min_population: int
    focus_weight: float
    admin1_weight: float
    container_weight: float


@dataclass(frozen=True, slots=True, eq=True)
class EventsSection(Section):
    """``[events]``: the event coder's thresholds."""

    table: ClassVar[str] = "events"
    min_probability: float
    max_sentence_chars: int


@dataclass(frozen=True, slots=True, eq=True)
class DedupSection(Section):
    """``[dedup]``: copies, stories and corroborated events."""

    table: ClassVar[str] = "dedup"
    num_perm: int
    lsh_threshold: float
    min_words: int
    word_containment: float
    pair_containment: float
    anchor_containment: float
    story_threshold: float
    topic_threshold: float
    headline_threshold: float
    headline_topic_threshold: float
    dense_weight: float
    headline_dense_weight: float
    block_terms: int
    block_max_df: int
    block_candidates: int
    block_neighbours: int
    headline_words: int
    headline_shingle: int
    headline_shingle_weight: float
    headline_pair_window: int
    entity_weight: float
    stem: int
    max_days: int
    event_rule: str
    max_km: float


@dataclass(frozen=True, slots=True, eq=True)
class ServerSection(Section):
    """``[server]``: the HTTP API's address, token and limits."""

    table: ClassVar[str] = "server"
    host: str
    port: int
    ingest_token: str
    cors_origins: tuple[str, ...]
    max_body_bytes: int
    default_page_size: int
    max_page_size: int
    query_timeout_seconds: float


#: Every typed section by its ``[name]``.
SECTIONS: dict[str, type[Section]] = {
    kind.table: kind
    for kind in (
        PipelineSection,
        IngestSection,
        NlpSection,
        QuotesSection,
        StoreSection,
        ForensicsSection,
        PlacesSection,
        EventsSection,
        DedupSection,
        ServerSection,
    )
}

__all__ = [
    "SECTIONS",
    "DedupSection",
    "EventsSection",
    "ForensicsSection",
    "IngestSection",
    "NlpSection",
    "PipelineSection",
    "PlacesSection",
    "QuotesSection",
    "Section",
    "ServerSection",
    "StoreSection",
]
