"""Turn records into table rows, column by column, ready for one bulk insert per table.

Rows are gathered per column (``{"id": [...], "text": [...]}``) and handed to DuckDB as one
Arrow table per table and batch (:meth:`Columns.arrow`), which DuckDB scans in C: row by row
(``executemany``) measured ~1,000x slower (27 s against 0.06 s for 20,000 rows, DuckDB 2.0.1),
and one list parameter per column (``INSERT ... SELECT UNNEST($1::T[]) ...``, the earlier path)
spent 2.3x the time of Arrow in its statements on news articles with their entities, quotes,
places and events (docs/BENCHMARKS.md, "Store writes").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from frontwire.output.article_json import article_to_json
from frontwire.output.safe_json import json_safe, safe_text
from frontwire.records import Article, Event, Reject, RunStats, Span

ArticleJson = Callable[[Article], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A table's columns, in order, with the DuckDB type each bulk parameter is cast to.

    The types repeat the migration SQL so the store can cast whole columns; a test checks that
    they agree with the tables a fresh store actually has.
    """

    name: str
    columns: tuple[tuple[str, str], ...]
    key: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(name for name, _ in self.columns)


ARTICLES = TableSpec(
    "articles",
    (
        ("id", "VARCHAR"),
        ("path", "VARCHAR"),
        ("url", "VARCHAR"),
        ("outlet", "VARCHAR"),
        ("title", "VARCHAR"),
        ("published", "VARCHAR"),
        ("original_text", "VARCHAR"),
        ("text", "VARCHAR"),
        ("verdict", "VARCHAR"),
        ("forensics", "JSON"),
        ("edits", "JSON"),
        ("boilerplate", "JSON"),
        ("metadata", "JSON"),
        ("json", "JSON"),
        ("run_id", "VARCHAR"),
        ("updated_at", "TIMESTAMP"),
    ),
    ("id",),
)
_SPAN_COLUMNS = (
    ("text", "VARCHAR"),
    ("start_char", "INTEGER"),
    ("end_char", "INTEGER"),
    ("orig_start", "INTEGER"),
    ("orig_end", "INTEGER"),
)
ENTITIES = TableSpec(
    "entities",
    (
        ("article_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("label", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("role", "VARCHAR"),
        *_SPAN_COLUMNS,
        ("cluster_id", "VARCHAR"),  # 0005_quotes
        ("canonical", "VARCHAR"),
        ("affiliation", "VARCHAR"),
    ),
    ("article_id", "idx"),
)
QUOTES = TableSpec(
    "quotes",
    (
        ("article_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("direct", "BOOLEAN"),
        ("content", "JSON"),
        ("speaker", "JSON"),
        ("cue", "JSON"),
        ("text", "VARCHAR"),
        ("kind", "VARCHAR"),  # 0005_quotes
        ("status", "VARCHAR"),
        ("speaker_name", "VARCHAR"),
        ("speaker_kind", "VARCHAR"),
        ("speaker_cluster_id", "VARCHAR"),
        ("speaker_role", "VARCHAR"),
        ("speaker_affiliation", "VARCHAR"),
    ),
    ("article_id", "idx"),
)
PLACES = TableSpec(
    "places",
    (
        ("article_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("name", "VARCHAR"),
        ("geonameid", "BIGINT"),
        ("latitude", "DOUBLE"),
        ("longitude", "DOUBLE"),
        ("country_code", "VARCHAR"),
        ("admin1", "VARCHAR"),
        ("precision", "INTEGER"),
        *_SPAN_COLUMNS,
        ("use", "VARCHAR"),
        ("admin2", "VARCHAR"),
        ("feature", "VARCHAR"),
        ("population", "BIGINT"),
        ("confidence", "DOUBLE"),
    ),
    ("article_id", "idx"),
)
EVENTS = TableSpec(
    "events",
    (
        ("event_id", "VARCHAR"),
        ("article_id", "VARCHAR"),
        ("event_date", "DATE"),
        ("time_precision", "INTEGER"),
        ("disorder_type", "VARCHAR"),
        ("event_type", "VARCHAR"),
        ("sub_event_type", "VARCHAR"),
        ("actor1", "VARCHAR"),
        ("assoc_actor_1", "VARCHAR"),
        ("inter1", "INTEGER"),
        ("actor2", "VARCHAR"),
        ("assoc_actor_2", "VARCHAR"),
        ("inter2", "INTEGER"),
        ("interaction", "INTEGER"),
        ("civilian_targeting", "VARCHAR"),
        ("plover_event", "VARCHAR"),
        ("plover_mode", "VARCHAR"),
        ("plover_context", "VARCHAR"),
        ("quad_class", "INTEGER"),
        ("cameo", "VARCHAR"),
        ("country", "VARCHAR"),
        ("iso", "INTEGER"),
        ("country_code", "VARCHAR"),
        ("admin1", "VARCHAR"),
        ("admin2", "VARCHAR"),
        ("location", "VARCHAR"),
        ("latitude", "DOUBLE"),
        ("longitude", "DOUBLE"),
        ("geo_precision", "INTEGER"),
        ("fatalities", "INTEGER"),
        ("fatalities_low", "INTEGER"),
        ("fatalities_best", "INTEGER"),
        ("fatalities_high", "INTEGER"),
        ("injured", "INTEGER"),
        ("status", "VARCHAR"),
        ("source_name", "VARCHAR"),
        ("notes", "VARCHAR"),
        ("evidence", "JSON"),
        ("data", "JSON"),
        ("cluster_id", "VARCHAR"),
        ("is_primary", "BOOLEAN"),
        ("reports", "INTEGER"),
        ("independent_sources", "INTEGER"),
    ),
    ("event_id",),
)
REJECTS = TableSpec(
    "rejects",
    (
        ("id", "VARCHAR"),
        ("code", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("stage", "VARCHAR"),
        ("path", "VARCHAR"),
        ("line", "INTEGER"),
        ("article_id", "VARCHAR"),
        ("payload", "VARCHAR"),
        ("run_id", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
    ),
    ("id",),
)
RUNS = TableSpec(
    "runs",
    (
        ("run_id", "VARCHAR"),
        ("started_at", "VARCHAR"),
        ("finished_at", "VARCHAR"),
        ("articles", "BIGINT"),
        ("rejected", "BIGINT"),
        ("stages", "JSON"),
    ),
    ("run_id",),
)
ARTICLE_PATHS = TableSpec(
    "article_paths",
    (
        ("article_id", "VARCHAR"),
        ("path", "VARCHAR"),
        ("line", "INTEGER"),
        ("run_id", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
    ),
    ("article_id", "path", "line"),
)
ARTICLE_ALIASES = TableSpec(
    "article_aliases",
    (
        ("alias", "VARCHAR"),
        ("article_id", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("run_id", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
    ),
    ("alias", "article_id"),
)
CHILD_TABLES: tuple[TableSpec, ...] = (ENTITIES, QUOTES, PLACES, EVENTS)
ALL_TABLES: tuple[TableSpec, ...] = (
    ARTICLES,
    *CHILD_TABLES,
    REJECTS,
    RUNS,
    ARTICLE_PATHS,
    ARTICLE_ALIASES,
)


# Arrow types the columns travel in; DATE and JSON go as text and are cast by DuckDB on insert.
_ARROW_TYPES: dict[str, Callable[[Any], Any]] = {
    "VARCHAR": lambda pa: pa.string(),
    "JSON": lambda pa: pa.string(),
    "DATE": lambda pa: pa.string(),
    "INTEGER": lambda pa: pa.int64(),
    "BIGINT": lambda pa: pa.int64(),
    "DOUBLE": lambda pa: pa.float64(),
    "BOOLEAN": lambda pa: pa.bool_(),
    "TIMESTAMP": lambda pa: pa.timestamp("us"),
}


@dataclass(slots=True)
class Columns:
    """Rows of one table gathered column by column."""

    spec: TableSpec
    data: dict[str, list[Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.data = {name: [] for name in self.spec.names}

    def __len__(self) -> int:
        return len(next(iter(self.data.values())))

    def add(self, **row: Any) -> None:
        """Append one row; every column must be given (a missing one is a programming error)."""
        for name, values in self.data.items():
            values.append(row[name])

    def arrow(self) -> Any:
        """The rows as one Arrow table, strings made storable as UTF-8, each column typed so
        DuckDB reads it without looking at Python objects (``pyarrow.Table``)."""
        import pyarrow as pa

        arrays = []
        for (_, sql_type), values in zip(self.spec.columns, self.params(), strict=True):
            arrays.append(pa.array(values, type=_ARROW_TYPES[sql_type](pa)))
        return pa.Table.from_arrays(arrays, names=list(self.spec.names))

    def params(self) -> list[list[Any]]:
        """One list per column, in column order, strings made storable as UTF-8."""
        out: list[list[Any]] = []
        for name, sql_type in self.spec.columns:
            values = self.data[name]
            if sql_type in ("VARCHAR", "JSON"):
                values = [storable(v) if isinstance(v, str) else v for v in values]
            out.append(values)
        return out


# Any surrogate code point left in a Python str is a lone one (pairs are already combined), and
# UTF-8 cannot hold it; JSON input may carry one ("\udc80"). It becomes U+FFFD, one code point
# for one, so every character offset stays valid.
def storable(text: str) -> str:
    """``text`` with any lone surrogate replaced by U+FFFD (same length, so offsets hold)."""
    return safe_text(text)


def dumps(value: Any) -> str:
    """Compact JSON text for a JSON column; values JSON cannot hold become their ``str``,
    NaN and infinities ``null`` (RFC 8259 has neither), lone surrogates U+FFFD.

    The value is written as it is first and mended only when that fails (NaN) or the text
    cannot be UTF-8 (a lone surrogate): walking every value first to mend it
    (:func:`~frontwire.output.safe_json.json_safe`) took half the time of building a batch's
    rows, for values that almost never need it.
    """
    try:
        text = json.dumps(
            value, ensure_ascii=False, separators=(",", ":"), default=str, allow_nan=False
        )
    except ValueError:  # NaN or an infinity somewhere
        text = json.dumps(
            json_safe(value),
            ensure_ascii=False,
            separators=(",", ":"),
            default=str,
            allow_nan=False,
        )
    # A lone surrogate is written as it is with ensure_ascii=False: the same replacement as
    # json_safe makes, applied to the text.
    return safe_text(text)


def _span_row(span: Span) -> dict[str, Any]:
    return {
        "text": span.text,
        "start_char": span.start,
        "end_char": span.end,
        "orig_start": span.orig_start,
        "orig_end": span.orig_end,
    }


def _span_json(span: Span | None) -> str | None:
    return dumps(span.to_json()) if span is not None else None


@dataclass(slots=True)
class Batch:
    """The rows one ``Store.write`` call inserts, one :class:`Columns` per table."""

    articles: Columns = field(default_factory=lambda: Columns(ARTICLES))
    entities: Columns = field(default_factory=lambda: Columns(ENTITIES))
    quotes: Columns = field(default_factory=lambda: Columns(QUOTES))
    places: Columns = field(default_factory=lambda: Columns(PLACES))
    events: Columns = field(default_factory=lambda: Columns(EVENTS))
    rejects: Columns = field(default_factory=lambda: Columns(REJECTS))
    paths: Columns = field(default_factory=lambda: Columns(ARTICLE_PATHS))
    aliases: Columns = field(default_factory=lambda: Columns(ARTICLE_ALIASES))

    def children(self) -> tuple[Columns, ...]:
        """The child tables' rows, in :data:`CHILD_TABLES` order."""
        return (self.entities, self.quotes, self.places, self.events)


@dataclass(frozen=True, slots=True)
class Prepared:
    """One batch's rows as Arrow tables, ready to insert.

    Built where the articles are (in a Ray worker, :func:`prepare`), so the process writing
    the store receives compact columns instead of every article's records, and only inserts
    them: building rows costs more than inserting them.

    Attributes:
        tables: table name -> ``pyarrow.Table``, for the tables that have rows.
        article_ids: the ids of the batch's articles (their child rows are replaced).
    """

    tables: dict[str, Any]
    article_ids: list[str]


def prepare(batch: Batch) -> Prepared:
    """The Arrow form of ``batch`` (see :class:`Prepared`)."""
    tables = {
        columns.spec.name: columns.arrow()
        for columns in (
            batch.articles,
            *batch.children(),
            batch.rejects,
            batch.paths,
            batch.aliases,
        )
        if len(columns)
    }
    return Prepared(tables, list(batch.articles.data["id"]))


def build_batch(
    articles: Sequence[Article],
    rejects: Sequence[Reject],
    *,
    to_json: ArticleJson,
    run_id: str | None,
    now: Any,
) -> Batch:
    """Rows for every table from one batch of results.

    An article or reject that appears more than once in the batch (the same text given twice)
    is kept once, its last occurrence winning, as a rerun would leave it.

    Args:
        articles: finished articles.
        rejects: rejected inputs and articles.
        to_json: builds the public article JSON stored in ``articles.json``.
        run_id: the run writing the batch, if known.
        now: the ``updated_at`` / ``created_at`` timestamp for the batch.

    Returns:
        The batch's rows.
    """
    batch = Batch()
    for article in {a.id: a for a in articles}.values():
        _add_article(batch, article, to_json, run_id, now)
    add_paths(batch.paths, articles, run_id, now)
    add_aliases(batch.aliases, articles, run_id, now)
    for reject in {r.id: r for r in rejects}.values():
        batch.rejects.add(
            id=reject.id,
            code=reject.code,
            reason=reject.reason,
            stage=reject.stage,
            path=reject.path,
            line=reject.line,
            article_id=reject.article_id,
            payload=reject.payload,
            run_id=run_id,
            created_at=now,
        )
    return batch


def _add_article(
    batch: Batch, article: Article, to_json: ArticleJson, run_id: str | None, now: Any
) -> None:
    source = article.source
    report = article.forensics
    public = to_json(article)
    # The public JSON already holds the report, edits, spans and events as JSON values: the
    # columns reuse them rather than converting every record a second time (default builder
    # only; a custom one may shape them differently).
    shared = public if to_json is article_to_json else None
    forensics = shared["forensics"] if shared is not None and report is not None else None
    batch.articles.add(
        id=article.id,
        path=source.path,
        url=source.url,
        outlet=source.outlet,
        title=source.title,
        published=source.published,
        original_text=article.original_text,
        text=article.text,
        verdict=report.verdict if report else None,
        forensics=dumps(forensics["report"] if forensics else report.to_json()) if report else None,
        edits=dumps(
            forensics["edits"] if forensics else [edit.to_json() for edit in article.edits]
        ),
        boilerplate=dumps(
            forensics["boilerplate"]
            if forensics
            else [span.to_json() for span in article.boilerplate]
        ),
        metadata=dumps(dict(article.metadata)),
        json=dumps(public),
        run_id=run_id,
        updated_at=now,
    )
    for idx, entity in enumerate(article.entities):
        batch.entities.add(
            article_id=article.id,
            idx=idx,
            label=entity.label,
            kind=entity.kind,
            role=entity.role,
            **_span_row(entity.span),
            cluster_id=entity.cluster_id,
            canonical=entity.canonical,
            affiliation=entity.affiliation,
        )
    for idx, quote in enumerate(article.quotes):
        speaker = quote.speaker
        batch.quotes.add(
            article_id=article.id,
            idx=idx,
            direct=quote.kind == "direct",
            content=dumps(quote.content.to_json()),
            speaker=dumps(speaker.to_json()) if speaker else None,
            cue=_span_json(quote.cue),
            text=quote.content.text,
            kind=quote.kind,
            status=quote.status,
            speaker_name=speaker.name if speaker else None,
            speaker_kind=speaker.kind if speaker else None,
            speaker_cluster_id=speaker.cluster_id if speaker else None,
            speaker_role=speaker.role if speaker else None,
            speaker_affiliation=speaker.affiliation if speaker else None,
        )
    for idx, place in enumerate(article.places):
        batch.places.add(
            article_id=article.id,
            idx=idx,
            name=place.name,
            geonameid=place.geonameid,
            latitude=place.latitude,
            longitude=place.longitude,
            country_code=place.country_code,
            admin1=place.admin1,
            precision=place.precision,
            **_span_row(place.span),
            use=place.use,
            admin2=place.admin2,
            feature=place.feature,
            population=place.population,
            confidence=place.confidence,
        )
    events_json = shared["events"] if shared is not None else None
    for idx, event in enumerate(article.events):
        data = events_json[idx] if events_json is not None else None
        batch.events.add(**event_row(article, event, data))


def event_row(article: Article, event: Event, data: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``events`` row of one event (layout shared with corroboration and the API);
    ``data`` is ``event.to_json()`` when the caller already has it."""
    from frontwire.places.countries import country_of

    place = event.location
    country = country_of(place.country_code if place else None)
    acled = event.acled()
    count = event.fatalities
    return {
        "event_id": event.id,
        "article_id": article.id,
        "event_date": event.date,
        "time_precision": event.time_precision,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": acled["actor1"],
        "assoc_actor_1": acled["assoc_actor_1"],
        "inter1": acled["inter1"],
        "actor2": acled["actor2"],
        "assoc_actor_2": acled["assoc_actor_2"],
        "inter2": acled["inter2"],
        "interaction": event.interaction,
        "civilian_targeting": acled["civilian_targeting"],
        "plover_event": event.plover_event,
        "plover_mode": event.plover_mode,
        "plover_context": ";".join(event.plover_context) or None,
        "quad_class": event.quad_class,
        "cameo": event.cameo,
        "country": country[0] if country else None,
        "iso": country[1] if country else None,
        "country_code": place.country_code if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": getattr(place, "admin2", None) if place else None,
        "location": place.name if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": place.precision if place else None,
        "fatalities": event.acled_fatalities,
        "fatalities_low": count.low if count else None,
        "fatalities_best": count.best if count else None,
        "fatalities_high": count.high if count else None,
        "injured": event.injured.value if event.injured else None,
        "status": event.status,
        "source_name": event.source,
        "notes": " ".join(span.text for span in event.evidence),
        "evidence": dumps([span.to_json() for span in event.evidence]),
        "data": dumps(data if data is not None else event.to_json()),
        "cluster_id": event.id,
        "is_primary": True,
        "reports": 1,
        "independent_sources": 1,
    }


def add_paths(columns: Columns, articles: Sequence[Article], run_id: str | None, now: Any) -> None:
    """One ``article_paths`` row per (article, path, line), duplicates in the batch included:
    the same text read from two files is stored once but both paths are kept."""
    seen: set[tuple[str, str, int]] = set()
    for article in articles:
        path = article.source.path
        if path is None:
            continue
        line = article.metadata.get("_line")
        key = (article.id, path, line if isinstance(line, int) else 0)
        if key in seen:
            continue
        seen.add(key)
        columns.add(article_id=key[0], path=key[1], line=key[2], run_id=run_id, created_at=now)


def aliases_of(article: Article) -> list[tuple[str, str]]:
    """The ``(kind, alias)`` pairs an article read from one input is known by: the id of the
    user's record (kind ``"id"``) and where it was read (kind ``"path"``: the file, with
    ``:line`` for a JSON Lines line or ``@offset`` for a WARC record)."""
    found: list[tuple[str, str]] = []
    meta = article.metadata
    source_id = meta.get("source_id")
    if source_id is not None:
        found.append(("id", str(source_id)))
    path = article.source.path
    if path is not None:
        line = meta.get("_line")
        offset = meta.get("_offset")
        if isinstance(line, int) and line > 0:
            path = f"{path}:{line}"
        elif isinstance(offset, int):
            path = f"{path}@{offset}"
        found.append(("path", path))
    return found


def add_aliases(
    columns: Columns, articles: Sequence[Article], run_id: str | None, now: Any
) -> None:
    """One ``article_aliases`` row per distinct (alias, article) among ``articles``."""
    seen: set[tuple[str, str]] = set()
    for article in articles:
        for kind, alias in aliases_of(article):
            key = (alias, article.id)
            if key in seen:
                continue
            seen.add(key)
            columns.add(
                alias=alias, article_id=article.id, kind=kind, run_id=run_id, created_at=now
            )


def run_row(stats: RunStats) -> Columns:
    """The ``runs`` row for one run."""
    columns = Columns(RUNS)
    columns.add(
        run_id=stats.run_id,
        started_at=stats.started_at,
        finished_at=stats.finished_at,
        articles=stats.articles,
        rejected=stats.rejected,
        stages=dumps([stage.to_json() for stage in stats.stages]),
    )
    return columns
