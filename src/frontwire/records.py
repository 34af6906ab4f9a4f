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
    # Set when the input's bytes read almost as well in a second legacy encoding: the kept and
    # the rival codec, the margin in nats and the first word they spell differently.
    encoding_doubt: Mapping[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """The public JSON form (``encoding_doubt`` only when there is one)."""
        found = {
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
        if self.encoding_doubt is not None:
            found["encoding_doubt"] = dict(self.encoding_doubt)
        return found


PlaceUse = Literal["literal", "modifier", "metonymic", "demonym"]
EntityKind = Literal["person", "organisation", "group", "place", "other"]


@dataclass(frozen=True, slots=True)
class Entity:
    """A named person, organisation, group or place mentioned in an article."""

    span: Span
    label: str  # the NER label, e.g. "PERSON", "ORG", "GPE", "NORP"
    kind: EntityKind
    role: str | None = None  # title or role the article gives ("Governor", "Nato chief")
    # Filled by the quotes stage's entity resolution: mentions of one person, organisation or
    # group in the article share a cluster id ("e3") and its canonical (fullest) name.
    cluster_id: str | None = None
    canonical: str | None = None
    affiliation: str | None = None  # the country or organisation the article ties it to

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {
            "text": self.span.text,
            "label": self.label,
            "kind": self.kind,
            "role": self.role,
            "span": self.span.to_json(),
            "cluster_id": self.cluster_id,
            "canonical": self.canonical,
            "affiliation": self.affiliation,
        }


QuoteKind = Literal["direct", "indirect"]
QuoteStatus = Literal["asserted", "estimated", "hedged", "denied", "hypothetical"]
SpeakerKind = Literal["person", "organisation", "group"]


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote or claim is attributed to: a resolved cluster, a group or an organisation."""

    name: str  # the canonical name of the cluster, or the group's own words ("a source")
    kind: SpeakerKind
    cluster_id: str | None = None
    role: str | None = None
    affiliation: str | None = None
    span: Span | None = None  # the mention the attribution uses (maybe a pronoun)

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {
            "name": self.name,
            "kind": self.kind,
            "cluster_id": self.cluster_id,
            "role": self.role,
            "affiliation": self.affiliation,
            "span": self.span.to_json() if self.span else None,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation (direct) or reported claim (indirect), its cue and who made it."""

    kind: QuoteKind
    content: Span
    cue: Span | None = None
    speaker: Speaker | None = None
    status: QuoteStatus = "asserted"

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {
            "kind": self.kind,
            "text": self.content.text,
            "span": self.content.to_json(),
            "cue": self.cue.to_json() if self.cue else None,
            "speaker": self.speaker.to_json() if self.speaker else None,
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class PlaceAlternative:
    """Another place a name could mean, with its score and the reasons for it."""

    name: str
    geonameid: int | None
    latitude: float
    longitude: float
    country_code: str | None
    admin1: str | None
    feature: str
    score: float
    reason: str

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return dataclasses.asdict(self)


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
    # How the text uses the name: the place itself ("shelling in Kharkiv"), as a modifier
    # ("Ukrainian troops"), for its government or people ("Moscow said"), or a people's name.
    use: PlaceUse = "literal"
    admin2: str | None = None
    feature: str | None = None  # GeoNames feature code (PPL, ADM1, PCLI, ...) or COORD
    population: int | None = None
    confidence: float | None = None  # share of the best candidate's score, 0-1
    # The mention is the place's adjective or people's name ("Ukrainian", "Americans"), not
    # its name: a toponym of the modifier use (geoparsing gold sets differ on counting these).
    adjectival: bool = False
    # Why this place won ("article about US +4.5; near other places in US-LA +3.0") and the
    # runners-up, best first, each with its own reasons.
    reason: str | None = None
    alternatives: tuple[PlaceAlternative, ...] = ()
    # Set when the input was out of bounds: "name_too_long" (not looked up),
    # "coordinates_out_of_range" (written coordinates beyond ±90/±180: no point),
    # "too_many_places" (past the article's cap: found, not resolved).
    flag: str | None = None

    @property
    def literal(self) -> bool:
        """Whether the text speaks of the place itself (where something is or happened), as
        against merely mentioning it (a modifier, its government, its people)."""
        return self.use == "literal"

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        data = dataclasses.asdict(self)
        data["span"] = self.span.to_json()
        data["literal"] = self.literal
        # JSON arrays are lists: the same value whether built here or read back from JSON.
        data["alternatives"] = list(data["alternatives"])
        return data


@dataclass(frozen=True, slots=True)
class Count:
    """A reported number of people (dead, injured, arrested, in a crowd) with its bounds.

    ``value`` is ACLED's conservative figure (the low bound); all are ``None`` with
    ``implausible`` set when the text gives a number beyond any plausible count.
    """

    low: int | None
    best: int | None
    high: int | None
    text: str
    implausible: bool = False

    @property
    def value(self) -> int | None:
        """The conservative figure (the low bound)."""
        return self.low

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {
            "value": self.value,
            "low": self.low,
            "best": self.best,
            "high": self.high,
            "text": self.text,
            "implausible": self.implausible,
        }


EventStatus = Literal[
    "reported", "claimed", "estimated", "denied", "planned", "hypothetical", "historical"
]


@dataclass(frozen=True, slots=True)
class EventActor:
    """One side of an event: ACLED's name and inter code, PLOVER's country code and sector."""

    name: str  # ACLED naming style, e.g. "Military Forces of Russia (2000-)"
    inter: int  # ACLED inter code 1-8
    country_code: str | None  # ISO alpha-2
    alpha3: str | None  # PLOVER's 3-letter country code
    sector: str  # PLOVER sector: MIL, POL, REB, CVL, OPP, ...
    text: str  # what the article calls it
    cluster_id: str | None = None  # the entity cluster (quotes stage), when known

    def plover(self) -> dict[str, Any]:
        """The PLOVER entity object."""
        return {
            "code": self.alpha3,
            "sector": self.sector,
            "entity_text": self.text,
            "cluster_id": self.cluster_id,
        }

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event as coded from one article: what, who, where, when, and who says so.

    ACLED fields (``disorder_type`` ... ``civilian_targeting``) and PLOVER fields (``plover_*``,
    ``quad_class``, ``cameo``) describe the same event; ``evidence`` holds every sentence of the
    article that reports it (a restatement adds evidence, not an event).
    """

    id: str
    disorder_type: str
    event_type: str
    sub_event_type: str
    evidence: tuple[Span, ...]
    status: EventStatus = "reported"
    actor1: EventActor | None = None
    actor2: EventActor | None = None
    assoc_actor_1: tuple[EventActor, ...] = ()
    assoc_actor_2: tuple[EventActor, ...] = ()
    interaction: int | None = None
    civilian_targeting: bool = False
    plover_event: str | None = None
    plover_mode: str | None = None
    plover_context: tuple[str, ...] = ()
    quad_class: int | None = None
    cameo: str | None = None
    fatalities: Count | None = None
    injured: Count | None = None
    arrested: Count | None = None
    crowd_size: Count | None = None
    date: str | None = None  # ISO 8601 day; None when unknown
    time_precision: int | None = None  # ACLED: 1 day, 2 week, 3 month
    date_text: str | None = None  # what the date was read from
    location: Place | None = None
    source: str | None = None  # who says so: the speaker, else the outlet
    source_kind: Literal["speaker", "outlet"] | None = None
    confidence: float = 0.0  # the classifier's probability of the sub-event type
    flags: tuple[str, ...] = ()  # e.g. "fatalities_implausible", "date_before_1900"

    @property
    def acled_fatalities(self) -> int:
        """ACLED's figure: the conservative count, 0 when unknown."""
        value = self.fatalities.value if self.fatalities else None
        return value or 0

    def acled(self) -> dict[str, Any]:
        """The ACLED object of the event JSON."""
        return {
            "disorder_type": self.disorder_type,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1.name if self.actor1 else None,
            "assoc_actor_1": "; ".join(a.name for a in self.assoc_actor_1) or None,
            "inter1": self.actor1.inter if self.actor1 else None,
            "actor2": self.actor2.name if self.actor2 else None,
            "assoc_actor_2": "; ".join(a.name for a in self.assoc_actor_2) or None,
            "inter2": self.actor2.inter if self.actor2 else None,
            "interaction": self.interaction,
            "civilian_targeting": "Civilian targeting" if self.civilian_targeting else None,
            "fatalities": self.acled_fatalities,
            "geo_precision": self.location.precision if self.location else None,
        }

    def plover(self) -> dict[str, Any]:
        """The PLOVER object of the event JSON."""

        def count(c: Count | None) -> int | None:
            return c.value if c else None

        return {
            "event": self.plover_event,
            "mode": self.plover_mode,
            "context": list(self.plover_context),
            "actor": [a.plover() for a in (self.actor1, *self.assoc_actor_1) if a],
            "recipient": [a.plover() for a in (self.actor2, *self.assoc_actor_2) if a],
            "quad_code": self.quad_class,
            "cameo": self.cameo,
            "dead": count(self.fatalities),
            "injured": count(self.injured),
            "arrested": count(self.arrested),
            "size": count(self.crowd_size),
        }

    def to_json(self) -> dict[str, Any]:
        """The public JSON form (an entry of the article's ``events``)."""
        return {
            "id": self.id,
            "acled": self.acled(),
            "plover": self.plover(),
            "actor1": self.actor1.to_json() if self.actor1 else None,
            "actor2": self.actor2.to_json() if self.actor2 else None,
            "fatalities": self.fatalities.to_json() if self.fatalities else None,
            "injured": self.injured.to_json() if self.injured else None,
            "arrested": self.arrested.to_json() if self.arrested else None,
            "crowd_size": self.crowd_size.to_json() if self.crowd_size else None,
            "date": self.date,
            "time_precision": self.time_precision,
            "date_text": self.date_text,
            "location": self.location.to_json() if self.location else None,
            "status": self.status,
            "source": {"name": self.source, "kind": self.source_kind},
            "evidence": [span.to_json() for span in self.evidence],
            "confidence": round(self.confidence, 4),
            "flags": list(self.flags),
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
    # Inputs passed over on purpose, by kind: WARC records that are not articles ("request",
    # "non-html", ...), articles already stored ("existing"), finished shards ("shards").
    skipped: dict[str, int] = field(default_factory=dict)
    # Seconds the executor spent outside the stages, by step: "read" (inputs read, decoded and
    # extracted), "write" (results stored), "aliases", "shards" (completion records), "wait"
    # (the driver waiting for workers). Shown by ``frontwire ingest --profile``; not stored.
    timings: dict[str, float] = field(default_factory=dict)

    def time(self, step: str, seconds: float) -> None:
        """Add ``seconds`` to the time spent in ``step``."""
        self.timings[step] = self.timings.get(step, 0.0) + seconds

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {
            "run_id": self.run_id,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "articles": self.articles,
            "rejected": self.rejected,
            "stages": [s.to_json() for s in self.stages],
            "skipped": dict(self.skipped),
        }


@dataclass(frozen=True, slots=True)
class ShardEnd:
    """Marks, in the stream of items, that every item of ``shard`` has been read.

    Executors cut the batch there and, once everything before it has reached the sink, call
    the sink's ``finish_shard(shard)`` (when it has one), so a shard is recorded as finished
    only after all its results are stored.
    """

    shard: Any


#: What an input stream yields: an article, a reject, or the end of a shard.
Item = Article | Reject | ShardEnd
