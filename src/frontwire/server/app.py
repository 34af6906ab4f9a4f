"""The HTTP API and dashboard (FastAPI), served by ``frontwire serve``.

Reads come from a private snapshot of the store (:mod:`frontwire.server.snapshot`), so the
store itself stays free for ``frontwire ingest`` and ``frontwire events`` while the dashboard is
open. With an ingest token configured, POST /ingest opens the store for the length of its write
through the same :class:`~frontwire.store.Store` that ``frontwire ingest`` uses. Every answer
that is not a success is a coded body ``{"code": "FW7xx", "message": ...}``; no stack trace
ever leaves the server (it goes to the log with a reference the body names).
"""

from __future__ import annotations

import csv
import datetime as dt
import hmac
import io
import itertools
import logging
import os
import threading
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from frontwire.config import Config, load_config
from frontwire.errors import ApiError, FrontwireError, StoreError
from frontwire.records import Article, Source
from frontwire.server.models import (
    ActorCount,
    AggregateBy,
    AggregatePeriod,
    AggregateRow,
    Aggregates,
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
from frontwire.server.queries import Limits, Queries
from frontwire.server.security import BodyLimit, HostCheck, SecurityHeaders
from frontwire.server.snapshot import StoreSnapshots
from frontwire.server.stories import router as stories_router
from frontwire.store import Store

log = logging.getLogger("frontwire.server")

GEOJSON = "application/geo+json"
TOKEN_ENV = "FRONTWIRE_INGEST_TOKEN"


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """What ``frontwire serve`` runs with: the store, the limits and who may write."""

    db: str
    host: str = "127.0.0.1"
    ingest_token: str = ""
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = 2_000_000
    #: How often a request may look for a changed store and start a new snapshot of it.
    snapshot_seconds: float = 10.0
    limits: Limits = field(default_factory=Limits)
    config: Config = field(default_factory=load_config)

    @classmethod
    def from_config(
        cls, config: Config, db: str | Path | None = None, host: str | None = None
    ) -> ServerSettings:
        """Settings from ``[server]`` (and ``[store] path`` unless ``db``, ``host`` unless
        given); the environment variable FRONTWIRE_INGEST_TOKEN overrides ``ingest_token``."""
        server = config.server
        return cls(
            db=str(db or config.store.path),
            host=host or server["host"],
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
        # Opened once to check it (and, with a token, to create or migrate it), then let go:
        # reads go to a snapshot, writes open the store for their length only.
        Store(settings.db, read_only=not settings.ingest_token).close()
        self.snapshots = StoreSnapshots(settings.db, check_seconds=settings.snapshot_seconds)
        self.queries = Queries(self.snapshots.connection, settings.limits)
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
        self.snapshots.close()


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
        # FastAPI's own /docs and /redoc load their scripts from a CDN and stay blank
        # offline; the dashboard build bundles both from npm and they are served below.
        docs_url=None,
        redoc_url=None,
    )
    app.state.frontwire = state
    _install_error_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET"]
        )
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    # Added last, so outermost: a refused host or body still gets the security headers.
    app.add_middleware(HostCheck, host=settings.host)
    app.add_middleware(SecurityHeaders)
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

    @app.get("/store", response_model=dict[str, int])
    def get_store() -> dict[str, int]:
        """Rows per table of the store as this server sees it now; it changes when an ingest
        adds to the store (the dashboard polls it to refresh)."""
        return q.store_counts()

    @app.get("/stats", response_model=Stats)
    def get_stats(
        filters: Annotated[EventFilters, Depends(_event_filters)], interval: Interval = "day"
    ) -> Stats:
        """Totals, a timeline by day or week, and counts by type, status and country."""
        return q.stats(filters, interval=interval)

    @app.get(
        "/aggregates",
        response_model=Aggregates,
        responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
    )
    def get_aggregates(
        filters: Annotated[EventFilters, Depends(_event_filters)],
        by: AggregateBy = "admin1",
        period: AggregatePeriod = "month",
        format: Annotated[str | None, Query(pattern="^(json|csv)$")] = None,
    ) -> Any:
        """Events, reported fatalities, claimed fatalities (apart) and crowd sizes by region
        (admin1, admin2 or country) and week or month. Every matching event is in one row
        (region null: unplaced at that level; period null: undated), so the rows add up to
        the totals of GET /stats. `?format=csv` gives the same rows as CSV."""
        result = q.aggregates(filters, by=by, period=period)
        if format == "csv":
            return Response(
                aggregates_csv(result),
                media_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": f"attachment; filename=aggregates-{by}.csv"},
            )
        return result

    @app.get(
        "/export",
        response_class=StreamingResponse,
        # Every format's media type, so the schema names what each answer is.
        responses={
            200: {
                "content": {
                    "text/csv": {},
                    "application/x-ndjson": {},
                    GEOJSON: {},
                    "application/vnd.apache.parquet": {},
                    "application/octet-stream": {},
                }
            }
        },
    )
    def export(
        filters: Annotated[EventFilters, Depends(_event_filters)],
        format: Annotated[str, Query(pattern="^(acled|plover|geojson|csv|jsonl|parquet)$")] = "csv",
    ) -> Response:
        """Every event matching the filters (one per real-world event; only events that
        happened unless `status` is given), streamed: ACLED CSV, PLOVER JSON Lines, GeoJSON,
        or the events table as CSV, JSON Lines or Parquet. The same bytes as
        `frontwire export` with the same filters."""
        from frontwire.exports import Export, ExportRequest

        job = Export(state.snapshots.connection(), ExportRequest(format, "events", filters))
        chunks = job.chunks()
        try:
            # The first piece is made before the answer starts, so a failing export (a full
            # disk, a damaged store) is a coded error response, not a cut-off download.
            first = next(chunks, b"")
        except (duckdb.Error, OSError) as exc:
            raise StoreError(
                "FW508", table=job.table, path="the response", detail=str(exc)
            ) from exc
        return StreamingResponse(
            itertools.chain([first], chunks),
            media_type=job.media_type,
            headers={"Content-Disposition": f"attachment; filename={job.filename}"},
        )

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
            with state.snapshots.store_lock, Store(settings.db) as store:
                store.write(articles, [])
            state.snapshots.refresh()
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

    def docs_page(name: str) -> Response:
        page = folder / "docs" / name
        if not page.is_file():
            raise ApiError("FW712", status=404)
        return FileResponse(page, media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> Response:
        return docs_page("swagger.html")

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> Response:
        return docs_page("redoc.html")

    if folder.is_dir():
        app.mount("/static", StaticFiles(directory=folder), name="static")
    _document_page_cap(app, settings.limits.max_page_size)
    return app


def _document_page_cap(app: FastAPI, cap: int) -> None:
    """Write the configured page-size cap into the schema's ``limit`` parameters, so clients
    (and schemathesis) know it before a bigger page is refused with FW702. Done on the built
    schema because the cap comes from the config, and FastAPI reads parameter annotations
    from the module, not from create_app."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for parameter in operation.get("parameters", ()):
                    if parameter.get("name") == "limit" and parameter.get("in") == "query":
                        for option in parameter["schema"].get("anyOf", [parameter["schema"]]):
                            if option.get("type") == "integer":
                                option["maximum"] = cap
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def aggregates_csv(result: Aggregates) -> str:
    """The rows of :class:`Aggregates` as CSV, in the API's field names and order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = list(AggregateRow.model_fields)
    writer.writerow([result.by if n == "region" else n for n in names])
    for row in result.rows:
        values = row.model_dump(mode="json")
        writer.writerow(["" if values[n] is None else values[n] for n in names])
    return buffer.getvalue()


def _geojson_response() -> dict[str, Any]:
    # GeoJsonPage has no nested models, so its JSON schema can stand inline.
    return {"content": {GEOJSON: {"schema": GeoJsonPage.model_json_schema()}}}


def _event_filters(
    bbox: Annotated[
        str | None,
        Query(
            description="min_lon,min_lat,max_lon,max_lat (WGS 84 degrees, min <= max)",
            pattern=r"^ *-?[0-9]+(\.[0-9]+)? *(, *-?[0-9]+(\.[0-9]+)? *){3}$",
            max_length=200,
        ),
    ] = None,
    date_from: Annotated[dt.date | None, Query(description="YYYY-MM-DD")] = None,
    date_to: Annotated[dt.date | None, Query(description="YYYY-MM-DD")] = None,
    event_type: Annotated[str | None, Query(max_length=200)] = None,
    sub_event_type: Annotated[str | None, Query(max_length=200)] = None,
    plover: Annotated[str | None, Query(max_length=100)] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    country: Annotated[str | None, Query(max_length=100)] = None,
    status: Annotated[str | None, Query(max_length=40)] = None,
    undated: Annotated[bool | None, Query(description="only events without a date")] = None,
    unplaced: Annotated[bool | None, Query(description="only events without a place")] = None,
    reported: Annotated[
        bool | None, Query(description="only events with reported (true) or other figures")
    ] = None,
    min_sources: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the evidence")] = None,
    story: Annotated[str | None, Query(max_length=200, description="a story's events")] = None,
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
        undated=undated,
        unplaced=unplaced,
        reported=reported,
        min_sources=min_sources,
        q=q,
        story=story,
    )
    return filters


def _article_filters(
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    verdict: Annotated[str | None, Query(max_length=40)] = None,
    date_from: Annotated[dt.date | None, Query(description="YYYY-MM-DD")] = None,
    date_to: Annotated[dt.date | None, Query(description="YYYY-MM-DD")] = None,
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
    from frontwire.executors import CollectingSink, LocalExecutor
    from frontwire.ingest.html import HtmlExtractor

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
        return _error(err.status, err.code, err.message)

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
        response = _error(err.status, err.code, err.message)
        # Keep what the exception says about the answer, e.g. the Allow header of a 405.
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(Exception)
    async def internal(_: Request, exc: Exception) -> JSONResponse:
        ref = uuid.uuid4().hex[:12]
        log.exception("internal error (reference %s)", ref, exc_info=exc)
        err = ApiError("FW749", status=500, ref=ref)
        return _error(500, err.code, err.message)
