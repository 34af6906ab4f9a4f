"""The data model: small immutable records that flow between stages.

An :class:`Article` enters the pipeline from ingest holding its original text; each stage returns
a copy with the fields it provides filled in (``dataclasses.replace``), so a stage can never
change what an earlier stage wrote behind its back. Anything that cannot be processed becomes a
:class:`Reject` that keeps its reason and as much of the input as is safe to keep.

Offsets: every :class:`Span` carries ``start``/``end`` into the repaired text (``Article.text``)
and ``orig_start``/``orig_end`` into the text the user gave us (``Article.original_text``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from frontwire.offsets import OffsetMap
from frontwire.util import article_id

EditKind = Literal["mojibake", "invisible", "compatibility", "space", "homoglyph"]
Verdict = Literal["clean", "damaged", "deliberately_obfuscated"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text, located in both the repaired and the original text."""

    start: int
    end: int
    text: str
    orig_start: int
    orig_end: int

    def to_json(self) -> dict[str, Any]:
        """The public JSON form: ``{start, end, text, orig_start, orig_end}``."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "orig_start": self.orig_start,
            "orig_end": self.orig_end,
        }


@dataclass(frozen=True, slots=True)
class Source:
    """Where an article came from. Every field is optional: scraped text often has none."""

    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 date ("2022-05-16") or date-time

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Edit:
    """One change the forensics stage made, in original-text coordinates."""

    orig_start: int
    orig_end: int
    original: str
    replacement: str
    kind: EditKind
    script: str | None = None  # script of the replaced characters, e.g. "Cyrillic"

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A word where an independent spoofing detector and our repair disagree."""

    span: Span
    detector: str
    detail: str

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {"span": self.span.to_json(), "detector": self.detector, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class TamperReport:
    """What the forensics stage found and did, and how suspicious it looks."""

    verdict: Verdict
    score: float
    counts_by_kind: Mapping[str, int] = field(default_factory=dict)
    counts_by_script: Mapping[str, int] = field(default_factory=dict)
    first_paragraph: int | None = None  # 0-based index of the first tampered paragraph
    last_paragraph: int | None = None
    first_offset: int | None = None  # original-text offset where tampering starts
    last_offset: int | None = None
    detector: str | None = None
    disagreements: tuple[Disagreement, ...] = ()
    disagreements_omitted: int = 0  # disagreements past the listed ones, only counted
    disguises: int = 0  # edits that hide text on purpose (look-alikes, hidden characters)

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {
            "verdict": self.verdict,
            "score": self.score,
            "counts_by_kind": dict(self.counts_by_kind),
            "counts_by_script": dict(self.counts_by_script),
            "first_paragraph": self.first_paragraph,
            "last_paragraph": self.last_paragraph,
            "first_offset": self.first_offset,
            "last_offset": self.last_offset,
            "detector": self.detector,
            "disagreements": [d.to_json() for d in self.disagreements],
            "disagreements_omitted": self.disagreements_omitted,
            "disguises": self.disguises,
        }


EntityKind = Literal["person", "organisation", "group", "place", "other"]


@dataclass(frozen=True, slots=True)
class Entity:
    """A named person, organisation, group or place mentioned in an article."""

    span: Span
    label: str  # the NER label, e.g. "PERSON", "ORG", "GPE", "NORP"
    kind: EntityKind
    role: str | None = None  # filled by later stages (e.g. "official", "military")

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {
            "text": self.span.text,
            "label": self.label,
            "kind": self.kind,
            "role": self.role,
            "span": self.span.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation or claim and who made it."""

    content: Span
    speaker: Span | None = None
    cue: Span | None = None
    direct: bool = True

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {
            "content": self.content.to_json(),
            "speaker": self.speaker.to_json() if self.speaker else None,
            "cue": self.cue.to_json() if self.cue else None,
            "direct": self.direct,
        }


@dataclass(frozen=True, slots=True)
class Place:
    """A place mentioned in an article, resolved against the gazetteer when possible."""

    span: Span
    name: str
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    precision: int | None = None  # ACLED geo_precision: 1 town, 2 near/part of region, 3 region

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        data = dataclasses.asdict(self)
        data["span"] = self.span.to_json()
        return data


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, where and when, and who says so."""

    id: str
    type: str  # PLOVER event type, e.g. "ASSAULT"
    evidence: Span
    actor: Span | None = None
    target: Span | None = None
    place: Place | None = None
    date: str | None = None
    killed: int | None = None
    injured: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {
            "id": self.id,
            "type": self.type,
            "evidence": self.evidence.to_json(),
            "actor": self.actor.to_json() if self.actor else None,
            "target": self.target.to_json() if self.target else None,
            "place": self.place.to_json() if self.place else None,
            "date": self.date,
            "killed": self.killed,
            "injured": self.injured,
        }


@dataclass(frozen=True, slots=True)
class Duplicates:
    """Where an article stands among the others: its copy cluster, the cluster's likely
    original, the share of the smaller text it shares with its closest copy (1.0 when it has
    none), and its story."""

    cluster_id: str
    original_id: str
    similarity: float
    story_id: str

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Article:
    """One news article on its way through the pipeline.

    ``original_text`` never changes after ingest; ``text`` is what stages read (the repaired
    text once the forensics stage has run) and ``offsets`` maps between the two.
    """

    id: str
    source: Source
    original_text: str
    text: str
    metadata: Mapping[str, Any] = field(default_factory=dict)
    edits: tuple[Edit, ...] = ()
    offsets: OffsetMap = field(default_factory=OffsetMap.identity)
    forensics: TamperReport | None = None
    boilerplate: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    duplicates: Duplicates | None = None  # filled by dedup across a collection (not a stage)
    # The spaCy Doc the ``nlp`` stage made of ``text``: the one parse every later stage reads
    # (quotes, places, events), so nothing parses twice. It is transient and process-local:
    # never compared, never in the JSON or the store, and dropped by the executor once the
    # batch has passed every stage (a Doc holds about 10x its text in memory). Executors run
    # the whole stage chain for a batch in one process, so it never crosses one.
    doc: Any = field(default=None, compare=False, repr=False)

    @classmethod
    def new(
        cls, text: str, source: Source | None = None, metadata: Mapping[str, Any] | None = None
    ) -> Article:
        """An article as it enters the pipeline: ``text`` is both original and current text,
        and the id derives from it and from where it was published (:func:`article_id`)."""
        source = source or Source()
        return cls(
            id=article_id(text, source.url, source.outlet),
            source=source,
            original_text=text,
            text=text,
            metadata=dict(metadata or {}),
        )

    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` for ``text[start:end]``, located in the original text as well."""
        return Span(
            start=start,
            end=end,
            text=self.text[start:end],
            orig_start=self.offsets.to_original(start, "start"),
            orig_end=self.offsets.to_original(end, "end"),
        )

    def replace(self, **changes: Any) -> Article:
        """A copy with ``changes`` applied: how stages hand on their results."""
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Reject:
    """Input or an article that could not be processed, kept with the reason.

    ``id`` derives from where the input came from and why it failed, so re-running the same
    bad input records it once.
    """

    id: str
    code: str  # the FWnnn error code
    reason: str
    stage: str  # "ingest" or the name of the stage that failed
    path: str | None = None
    line: int | None = None
    article_id: str | None = None
    payload: str | None = None  # the rejected input, when it is small enough to keep

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return dataclasses.asdict(self)


@dataclass(slots=True)
class StageStats:
    """Counts and time spent in one stage during one run (mutable: the executor fills it)."""

    name: str
    articles_in: int = 0
    articles_out: int = 0
    rejected: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return dataclasses.asdict(self)


@dataclass(slots=True)
class RunStats:
    """What one pipeline run did, stage by stage (mutable: the executor fills it)."""

    run_id: str
    started_at: str
    finished_at: str | None = None
    articles: int = 0
    rejected: int = 0
    stages: list[StageStats] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {
            "run_id": self.run_id,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "articles": self.articles,
            "rejected": self.rejected,
            "stages": [s.to_json() for s in self.stages],
        }
