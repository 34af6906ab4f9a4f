"""The HTTP API and dashboard (FastAPI), served by ``frontwire serve``.

The store is opened read-only unless an ingest token is configured (POST /ingest then writes
through the same :class:`~frontwire.store.Store` that ``frontwire ingest`` uses). Every answer
that is not a success is a coded body ``{"code": "FW7xx", "message": ...}``; no stack trace
ever leaves the server (it goes to the log with a reference the body names).
"""

from __future__ import annotations

import csv
import hmac
import io
import json
import logging
import os
import tempfile
import threading
import uuid
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from frontwire.config import Config, load_config
from frontwire.errors import ApiError, FrontwireError
from frontwire.records import Article, Source
from frontwire.server.models import (
    ActorCount,
    AnalyzeRequest,
    ArticleFilters,
    ArticlePage,
    ErrorBody,
    EventDetail,
    EventFilters,
    EventPage,
    GeoJsonPage,
    IngestRejected,
    IngestRequest,
    IngestResult,
    Interval,
    PlaceCount,
    SortKey,
    Stats,
)
from frontwire.server.queries import Limits, Queries, geojson_feature
from frontwire.server.stories import router as stories_router
from frontwire.store import Store

log = logging.getLogger("frontwire.server")

GEOJSON = "application/geo+json"
TOKEN_ENV = "FRONTWIRE_INGEST_TOKEN"
ExportKind = str  # one of EXPORT_FORMATS
EXPORT_FORMATS = ("acled", "plover", "geojson", "csv", "parquet")

# ACLED's export columns, in ACLED's order, and the events column each comes from (None: the
# store has no such value; the column is kept so ACLED tools read the file unchanged).
ACLED_COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("event_id_cnty", "event_id"), ("event_date", "event_date"), ("year", None),
    ("time_precision", "time_precision"), ("disorder_type", "disorder_type"),
    ("event_type", "event_type"), ("sub_event_type", "sub_event_type"), ("actor1", "actor1"),
    ("assoc_actor_1", "assoc_actor_1"), ("inter1", "inter1"), ("actor2", "actor2"),
    ("assoc_actor_2", "assoc_actor_2"), ("inter2", "inter2"), ("interaction", "interaction"),
    ("civilian_targeting", "civilian_targeting"), ("iso", "iso"), ("region", None),
    ("country", "country"), ("admin1", "admin1"), ("admin2", "admin2"), ("admin3", None),
    ("location", "location"), ("latitude", "latitude"), ("longitude", "longitude"),
    ("geo_precision", "geo_precision"), ("source", "source_name"), ("source_scale", None),
    ("notes", "notes"), ("fatalities", "fatalities"), ("tags", None), ("timestamp", None),
)  # fmt: skip
# PLOVER's event fields (Halterman et al., PLOVER and POLECAT) and their events column.
PLOVER_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "event_id"), ("date", "event_date"), ("event_type", "plover_event"),
    ("mode", "plover_mode"), ("context", "plover_context"), ("actor", "actor1"),
    ("recipient", "actor2"), ("country", "country_code"), ("location", "location"),
    ("latitude", "latitude"), ("longitude", "longitude"), ("fatalities", "fatalities"),
    ("injured", "injured"), ("quad_class", "quad_class"), ("cameo", "cameo"),
    ("source", "source_name"), ("text", "notes"), ("story_id", "article_id"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """What ``frontwire serve`` runs with: the store, the limits and who may write."""

    db: str
    ingest_token: str = ""
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = 2_000_000
    limits: Limits = field(default_factory=Limits)
    config: Config = field(default_factory=load_config)

    @classmethod
    def from_config(cls, config: Config, db: str | Path | None = None) -> ServerSettings:
        """Settings from ``[server]`` (and ``[store] path`` unless ``db``); the environment
        variable FRONTWIRE_INGEST_TOKEN overrides ``ingest_token``."""
        server = config["server"]
        return cls(
            db=str(db or config["store"]["path"]),
            ingest_token=os.environ.get(TOKEN_ENV, server["ingest_token"]),
            cors_origins=tuple(server["cors_origins"]),
            max_body_bytes=server["max_body_bytes"],
            limits=Limits(
                default_page_size=server["default_page_size"],
                max_page_size=server["max_page_size"],
                query_timeout_seconds=server["query_timeout_seconds"],
            ),
            config=config,
        )


class _State:
    """The open store and the pipeline, loaded once per server process."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self.store = Store(settings.db, read_only=not settings.ingest_token)
        self.queries = Queries(self.store.connection, settings.limits)
        self._pipeline: Any = None
        self._pipeline_lock = threading.Lock()
        self.write_lock = threading.Lock()
        # Stages keep per-process resources (the spaCy pipeline) that are not meant to be run
        # from two threads at once: analyses take turns.
        self.run_lock = threading.Lock()

    def pipeline(self) -> Any:
        """The configured pipeline, set up on first use (spaCy loads once)."""
        with self._pipeline_lock:
            if self._pipeline is None:
                from frontwire.pipeline import Pipeline

                pipeline = Pipeline.from_config(self.settings.config)
                pipeline.setup()
                self._pipeline = pipeline
            return self._pipeline

    def close(self) -> None:
        self.store.close()


def static_dir() -> Path:
    """The built dashboard inside the package (``web/`` builds into it)."""
    return Path(str(resources.files("frontwire.server").joinpath("static")))


_ERRORS: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": ErrorBody, "description": "a coded reason (FW7xx)"},
    "5XX": {"model": ErrorBody, "description": "a coded reason (FW7xx)"},
}


def create_app(settings: ServerSettings) -> FastAPI:
    """The FastAPI application over the store in ``settings``.

    Raises:
        StoreError: when the store cannot be opened (missing file, not a store, locked).
    """
    state = _State(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> Any:
        yield
        state.close()

    app = FastAPI(
        title="frontwire",
        summary="Conflict events, and the evidence behind every figure.",
        version="1",
        lifespan=lifespan,
        responses=_ERRORS,
    )
    app.state.frontwire = state
    _install_error_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET"]
        )
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.include_router(stories_router)
    q = state.queries

    @app.get("/events", response_model=EventPage, responses={200: _geojson_response()})
    def list_events(
        filters: Annotated[EventFilters, Depends(_event_filters)],
        sort: SortKey = "-date",
        limit: Annotated[int | None, Query(ge=1, description="page size")] = None,
        cursor: Annotated[str | None, Query(max_length=400)] = None,
        format: Annotated[str | None, Query(pattern="^(json|geojson)$")] = None,
        accept: Annotated[str | None, Header(include_in_schema=False)] = None,
    ) -> Any:
        """Primary events (one per real-world event) matching the filters, newest first.

        GeoJSON with `?format=geojson` or `Accept: application/geo+json`."""
        page = q.events(filters, sort=sort, limit=limit, cursor=cursor)
        if format == "geojson" or (format is None and accept and GEOJSON in accept):
            body = q.geojson(page).model_dump(mode="json")
            return JSONResponse(body, media_type=GEOJSON)
        return page

    @app.get("/events/{event_id}", response_model=EventDetail)
    def get_event(event_id: str) -> EventDetail:
        """An event (cluster id, or any of its event ids): every source with its article and
        evidence spans, and every revision."""
        return q.event(event_id)

    @app.get("/articles", response_model=ArticlePage)
    def list_articles(
        filters: Annotated[ArticleFilters, Depends(_article_filters)],
        limit: Annotated[int | None, Query(ge=1)] = None,
        cursor: Annotated[str | None, Query(max_length=400)] = None,
    ) -> ArticlePage:
        """Stored articles, filtered by outlet, published date and forensics verdict."""
        return q.articles(filters, limit=limit, cursor=cursor)

    @app.get("/articles/{article_id}", response_model=dict[str, Any])
    def get_article(article_id: str) -> dict[str, Any]:
        """The stored article as `frontwire/article@1` JSON (docs/SCHEMA.md)."""
        return q.article_json(article_id)

    @app.get("/places", response_model=list[PlaceCount])
    def list_places(
        q_: Annotated[str | None, Query(alias="q", max_length=200)] = None,
        limit: Annotated[int | None, Query(ge=1)] = None,
    ) -> list[PlaceCount]:
        """Places the articles mention, most mentioned first."""
        return q.places(q_, limit=limit)

    @app.get("/actors", response_model=list[ActorCount])
    def list_actors(
        q_: Annotated[str | None, Query(alias="q", max_length=200)] = None,
        limit: Annotated[int | None, Query(ge=1)] = None,
    ) -> list[ActorCount]:
        """Actors of primary events, most events first."""
        return q.actors(q_, limit=limit)

    @app.get("/stats", response_model=Stats)
    def get_stats(
        filters: Annotated[EventFilters, Depends(_event_filters)], interval: Interval = "day"
    ) -> Stats:
        """Totals, a timeline by day or week, and counts by type, status and country."""
        return q.stats(filters, interval=interval)

    @app.get(
        "/export",
        response_class=StreamingResponse,
        responses={200: {"content": {"text/csv": {}, "application/octet-stream": {}}}},
    )
    def export(
        filters: Annotated[EventFilters, Depends(_event_filters)],
        format: Annotated[str, Query(pattern="^(acled|plover|geojson|csv|parquet)$")] = "csv",
    ) -> Response:
        """Every primary event matching the filters, streamed: ACLED CSV, PLOVER JSON Lines,
        GeoJSON, CSV of every column, or Parquet."""
        return _export(q, filters, format)

    @app.post("/analyze", response_model=dict[str, Any])
    def analyze(body: AnalyzeRequest) -> dict[str, Any]:
        """Analyse one text or HTML page and return its article JSON; nothing is stored."""
        from frontwire.output import article_to_json

        article = _analyse(state, [body])
        if isinstance(article[0], IngestRejected):
            rejected = article[0]
            raise ApiError("FW710", status=422, reject_code=rejected.code, reason=rejected.reason)
        return article_to_json(article[0])

    @app.post("/ingest", response_model=IngestResult)
    def ingest(
        body: IngestRequest,
        authorization: Annotated[str | None, Header()] = None,
    ) -> IngestResult:
        """Run the pipeline over the articles and store them. Needs the configured token as
        `Authorization: Bearer <token>`; refused when none is configured."""
        _check_token(settings.ingest_token, authorization)
        results = _analyse(state, body.articles)
        articles = [r for r in results if isinstance(r, Article)]
        with state.write_lock:
            state.store.write(articles, [])
        return IngestResult(
            ingested=len(articles),
            ids=[a.id for a in articles],
            rejected=[r for r in results if isinstance(r, IngestRejected)],
        )

    folder = static_dir()

    @app.get("/", include_in_schema=False)
    def dashboard() -> Response:
        index = folder / "index.html"
        if not index.is_file():
            raise ApiError("FW712", status=404)
        return FileResponse(index, media_type="text/html")

    if folder.is_dir():
        app.mount("/static", StaticFiles(directory=folder), name="static")
    return app


def _geojson_response() -> dict[str, Any]:
    # GeoJsonPage has no nested models, so its JSON schema can stand inline.
    return {"content": {GEOJSON: {"schema": GeoJsonPage.model_json_schema()}}}


def _event_filters(
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    date_from: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    event_type: Annotated[str | None, Query(max_length=200)] = None,
    sub_event_type: Annotated[str | None, Query(max_length=200)] = None,
    plover: Annotated[str | None, Query(max_length=100)] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    country: Annotated[str | None, Query(max_length=100)] = None,
    status: Annotated[str | None, Query(max_length=40)] = None,
    min_sources: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the evidence")] = None,
) -> EventFilters:
    # Parsed here rather than as a query model so a malformed value gets FW701 naming the field.
    filters: EventFilters = _model(
        EventFilters,
        bbox=bbox,
        date_from=date_from,
        date_to=date_to,
        event_type=event_type,
        sub_event_type=sub_event_type,
        plover=plover,
        actor=actor,
        country=country,
        status=status,
        min_sources=min_sources,
        q=q,
    )
    return filters


def _article_filters(
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    verdict: Annotated[str | None, Query(max_length=40)] = None,
    date_from: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
) -> ArticleFilters:
    filters: ArticleFilters = _model(
        ArticleFilters, outlet=outlet, verdict=verdict, date_from=date_from, date_to=date_to
    )
    return filters


def _model(cls: Any, **values: Any) -> Any:
    from pydantic import ValidationError

    try:
        return cls(**{k: v for k, v in values.items() if v is not None and v != ""})
    except ValidationError as exc:
        raise ApiError("FW701", status=422, detail=_validation_detail(exc.errors())) from None


def _validation_detail(errors: Any) -> str:
    parts = []
    for error in list(errors)[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "body"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


def _check_token(expected: str, authorization: str | None) -> None:
    if not expected:
        raise ApiError("FW705", status=403)
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip(), expected):
        raise ApiError("FW706", status=401)


def _analyse(state: _State, requests: list[AnalyzeRequest]) -> list[Article | IngestRejected]:
    """Run the configured pipeline over the requested texts: an article, or why not, each."""
    from frontwire.ingest.html import HtmlExtractor
    from frontwire.pipeline import CollectingSink, LocalExecutor

    results: list[Article | IngestRejected | None] = []
    incoming: list[tuple[int, Article]] = []
    extractor = HtmlExtractor()
    for index, req in enumerate(requests):
        if (req.text is None) == (req.html is None):
            raise ApiError("FW701", status=422, detail=f"articles[{index}]: give text or html")
        source = Source(url=req.url, outlet=req.outlet, title=req.title, published=req.published)
        text = req.text
        if req.html is not None:
            try:
                page = extractor.extract(req.html, f"articles[{index}]")
            except FrontwireError as exc:
                results.append(IngestRejected(index=index, code=exc.code, reason=exc.message))
                continue
            text = page.text
            source = Source(
                url=req.url or page.url,
                outlet=req.outlet or page.outlet,
                title=req.title or page.title,
                published=req.published or page.published,
            )
        assert text is not None
        if not text.strip():
            results.append(IngestRejected(index=index, code="FW309", reason="the text is empty"))
            continue
        article = Article.new(text, source)
        results.append(None)
        incoming.append((index, article))
    sink = CollectingSink()
    if incoming:
        pipeline = state.pipeline()
        with state.run_lock:
            LocalExecutor(pipeline, progress=False).run([a for _, a in incoming], sink)
    done = {a.id: a for a in sink.articles}
    why = {r.article_id: r for r in sink.rejects}
    for index, article in incoming:
        if article.id in done:
            results[index] = done[article.id]
        else:
            reject = why.get(article.id)
            results[index] = IngestRejected(
                index=index,
                code=reject.code if reject else "FW401",
                reason=reject.reason if reject else "rejected",
            )
    return [r for r in results if r is not None]


def _export(q: Queries, filters: EventFilters, fmt: ExportKind) -> Response:
    if fmt == "parquet":
        folder = tempfile.mkdtemp(prefix="frontwire-export-")
        path = os.path.join(folder, "events.parquet")
        q.export_parquet(filters, path)

        def chunks() -> Iterator[bytes]:
            try:
                with open(path, "rb") as file:
                    while data := file.read(1 << 16):
                        yield data
            finally:
                os.remove(path)
                os.rmdir(folder)

        return StreamingResponse(
            chunks(),
            media_type="application/vnd.apache.parquet",
            headers={"Content-Disposition": "attachment; filename=events.parquet"},
        )
    makers: dict[str, tuple[Callable[[], Iterator[str]], str, str]] = {
        "csv": (lambda: _csv_lines(q, filters, None), "text/csv", "events.csv"),
        "acled": (lambda: _csv_lines(q, filters, ACLED_COLUMNS), "text/csv", "events-acled.csv"),
        "plover": (lambda: _plover_lines(q, filters), "application/x-ndjson", "events.jsonl"),
        "geojson": (lambda: _geojson_chunks(q, filters), GEOJSON, "events.geojson"),
    }
    make, media, name = makers[fmt]
    return StreamingResponse(
        (chunk.encode("utf-8") for chunk in make()),
        media_type=media,
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )


def _csv_lines(
    q: Queries, filters: EventFilters, mapping: tuple[tuple[str, str | None], ...] | None
) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header_done = False
    for names, rows in q.export_rows(filters):
        if not header_done:
            writer.writerow([m[0] for m in mapping] if mapping else names)
            header_done = True
        index = {name: i for i, name in enumerate(names)}
        for row in rows:
            if mapping is None:
                writer.writerow(row)
                continue
            out = []
            for column, source in mapping:
                if column == "year":
                    date = row[index["event_date"]]
                    out.append(date.year if date else "")
                else:
                    out.append(row[index[source]] if source else "")
            writer.writerow(out)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if not header_done:
        header = [m[0] for m in mapping] if mapping else None
        if header:
            writer.writerow(header)
            yield buffer.getvalue()


def _plover_lines(q: Queries, filters: EventFilters) -> Iterator[str]:
    for names, rows in q.export_rows(filters):
        index = {name: i for i, name in enumerate(names)}
        lines = []
        for row in rows:
            record = {key: row[index[col]] for key, col in PLOVER_FIELDS}
            record["date"] = record["date"].isoformat() if record["date"] else None
            lines.append(json.dumps(record, ensure_ascii=False) + "\n")
        yield "".join(lines)


def _geojson_chunks(q: Queries, filters: EventFilters) -> Iterator[str]:
    from frontwire.server.models import EVENT_COLUMNS, Event

    yield '{"type":"FeatureCollection","features":['
    first = True
    for names, rows in q.export_rows(filters):
        parts = []
        for row in rows:
            event = Event(**{n: v for n, v in zip(names, row, strict=True) if n in EVENT_COLUMNS})
            feature = geojson_feature(event).model_dump_json()
            parts.append(feature if first else "," + feature)
            first = False
        yield "".join(parts)
    yield "]}"


# -- errors and limits ---------------------------------------------------------------------


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"code": code, "message": message}, status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message)

    @app.exception_handler(FrontwireError)
    async def frontwire_error(_: Request, exc: FrontwireError) -> JSONResponse:
        # A store or pipeline error behind a request: the server's fault, not the client's.
        ref = uuid.uuid4().hex[:12]
        log.error("request failed (reference %s): %s", ref, exc)
        return _error(503, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        err = ApiError("FW701", status=422, detail=_validation_detail(exc.errors()))
        return _error(422, err.code, err.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            err = ApiError("FW704", status=404, what=f"{request.url.path!r}")
        elif exc.status_code == 413:
            limit = request.app.state.frontwire.settings.max_body_bytes
            err = ApiError("FW703", status=413, limit=limit)
        elif exc.status_code == 405:
            err = ApiError("FW709", status=405, method=request.method)
        else:
            err = ApiError("FW700", status=exc.status_code, detail=str(exc.detail))
        return _error(err.status, err.code, err.message)

    @app.exception_handler(Exception)
    async def internal(_: Request, exc: Exception) -> JSONResponse:
        ref = uuid.uuid4().hex[:12]
        log.exception("internal error (reference %s)", ref, exc_info=exc)
        err = ApiError("FW749", status=500, ref=ref)
        return _error(500, err.code, err.message)


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class _TooLarge(StarletteHTTPException):
    """Raised while the body is read; FastAPI passes HTTP exceptions on to the handler."""

    def __init__(self) -> None:
        super().__init__(status_code=413)


class BodyLimit:
    """ASGI middleware refusing request bodies over ``limit`` bytes with FW703 (413).

    A declared Content-Length over the limit is refused before a byte is read; a body sent
    without one (chunked) is counted as it arrives and refused as soon as it passes the limit,
    so the server never buffers more than ``limit`` bytes of it.
    """

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > self.limit:
                    await self._refuse(send)
                    return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        await self.app(scope, counting_receive, send)

    async def _refuse(self, send: Send) -> None:
        err = ApiError("FW703", status=413, limit=self.limit)
        body = json.dumps({"code": err.code, "message": err.message}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
