"""Read queries over the store: the one code path behind the HTTP API, the CLI and the Python API.

Every value from a request reaches DuckDB as a bound parameter (``$n``); only column names and
sort directions chosen from fixed tables here are ever written into SQL text.

The ``events`` table is the one of the store contract (``event_id``, ``cluster_id``,
``is_primary``, ...). A store without it (or with the older per-article ``events`` table, which
has no ``cluster_id``) has no events to show: every event query then returns nothing, not an
error. Lists show primary rows only (one per real-world event); a detail shows every report.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import duckdb

from frontwire.errors import ApiError
from frontwire.server.models import (
    EVENT_COLUMNS,
    ActorCount,
    AggregateBy,
    AggregatePeriod,
    AggregateRow,
    Aggregates,
    ArticleBrief,
    ArticleFilters,
    ArticlePage,
    ArticleSummary,
    Bucket,
    Count,
    Event,
    EventDetail,
    EventFilters,
    EventPage,
    EventSource,
    GeoJsonPage,
    Interval,
    PlaceCount,
    PrecisionCount,
    Revision,
    SortKey,
    Span,
    Stats,
    StatusFigure,
)
from frontwire.store.views import (
    REPORTED_SQL,
    event_conditions,
    event_where,
    geojson_feature,
)
from frontwire.store.views import like_pattern as _like

T = TypeVar("T")

# Sort keys: the column, its value for NULL (below every real value, so ordering by the column
# with NULLs last when descending / first when ascending is ordering by the coalesced key that
# keyset pagination compares), and the Python type the cursor carries. ORDER BY the bare column
# lets DuckDB's top-N skip most rows: 68 ms against 700 ms for ORDER BY coalesce(...) on a
# million events.
_SORTS: dict[str, tuple[str, str, str]] = {
    "date": ("event_date", "DATE '0001-01-01'", "date"),
    "fatalities": ("fatalities", "-1", "int"),
    "sources": ("independent_sources", "-1", "int"),
}
_COLUMNS_SQL = ", ".join(EVENT_COLUMNS)
_STORE_TABLES = ("articles", "entities", "quotes", "places", "rejects", "runs")


@dataclass(frozen=True, slots=True)
class Limits:
    """What one request may ask of the store."""

    default_page_size: int = 100
    max_page_size: int = 5_000
    query_timeout_seconds: float = 10.0


class Queries:
    """Read queries over one DuckDB connection (each call runs on its own cursor).

    Args:
        con: a connection to a frontwire store (read-only is enough), or a function giving
            the connection to use now (the server's newest snapshot of the store).
        limits: page sizes and the query time limit.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection | Callable[[], duckdb.DuckDBPyConnection],
        limits: Limits | None = None,
    ) -> None:
        self._source = con
        self.limits = limits or Limits()

    @property
    def _con(self) -> duckdb.DuckDBPyConnection:
        if isinstance(self._source, duckdb.DuckDBPyConnection):
            return self._source
        return self._source()

    # -- plumbing ------------------------------------------------------------------------

    def _run(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run ``work`` on a fresh cursor, interrupted after the query time limit."""
        cursor = self._con.cursor()
        timer = threading.Timer(self.limits.query_timeout_seconds, cursor.interrupt)
        timer.daemon = True
        timer.start()
        try:
            return work(cursor)
        except duckdb.InterruptException as exc:
            raise ApiError("FW707", status=503, seconds=self.limits.query_timeout_seconds) from exc
        finally:
            timer.cancel()
            cursor.close()

    def store_counts(self) -> dict[str, int]:
        """Rows per table of the store (what GET /stats gives as ``store``); cheap, so the
        dashboard polls it to see an ingest's new events."""

        def work(cur: duckdb.DuckDBPyConnection) -> dict[str, int]:
            return _store_counts(cur)

        return self._run(work)

    def has_events(self) -> bool:
        """Whether the store has the contract ``events`` table (with ``cluster_id``)."""
        return self._run(lambda c: _has_columns(c, "events", ("cluster_id", "is_primary")))

    def _has_revisions(self, cur: duckdb.DuckDBPyConnection) -> bool:
        return _has_columns(cur, "event_revisions", ("cluster_id",))

    def page_size(self, limit: int | None) -> int:
        """``limit`` checked against the cap (FW702 over it), or the default."""
        if limit is None:
            return self.limits.default_page_size
        if limit > self.limits.max_page_size:
            raise ApiError("FW702", status=400, value=limit, limit=self.limits.max_page_size)
        return limit

    # -- events --------------------------------------------------------------------------

    def events(
        self,
        filters: EventFilters | None = None,
        *,
        sort: SortKey = "-date",
        limit: int | None = None,
        cursor: str | None = None,
    ) -> EventPage:
        """One page of primary events matching ``filters``.

        Raises:
            ApiError: FW702 for a page over the cap, FW708 for a cursor not made here, FW707
                when the query runs over the time limit.
        """
        size = self.page_size(limit)
        filters = filters or EventFilters()
        descending = sort.startswith("-")
        column, null_value, key_type = _SORTS[sort.lstrip("-")]
        key_sql = f"coalesce({column}, {null_value})"
        where, params = event_where(filters)
        if cursor is not None:
            value, last_id = _decode_cursor(cursor, key_type)
            op = "<" if descending else ">"
            n = len(params)
            where.append(
                f"({key_sql} {op} ${n + 1} OR ({key_sql} = ${n + 1} AND event_id {op} ${n + 2}))"
            )
            params += [value, last_id]
        direction = "DESC NULLS LAST" if descending else "ASC NULLS FIRST"
        sql = (
            f"SELECT {_COLUMNS_SQL}, {key_sql} AS sort_key FROM events "
            f"WHERE {' AND '.join(where)} "
            f"ORDER BY {column} {direction}, event_id {direction} LIMIT {size + 1}"
        )

        def work(cur: duckdb.DuckDBPyConnection) -> EventPage:
            if not _has_columns(cur, "events", ("cluster_id", "is_primary")):
                return EventPage(items=[], limit=size)
            rows = cur.execute(sql, params).fetchall()
            more = len(rows) > size
            rows = rows[:size]
            items = [_event(row) for row in rows]
            next_cursor = _encode_cursor(rows[-1][-1], items[-1].event_id) if more else None
            return EventPage(items=items, limit=size, next_cursor=next_cursor)

        return self._run(work)

    def event(self, event_or_cluster_id: str) -> EventDetail:
        """A real-world event: its primary row, every report of it with evidence and article,
        and its revisions. ``event_or_cluster_id`` is a cluster id or any of its event ids.

        Raises:
            ApiError: FW704 when no event has that id.
        """

        def work(cur: duckdb.DuckDBPyConnection) -> EventDetail:
            if not _has_columns(cur, "events", ("cluster_id", "is_primary")):
                raise ApiError("FW704", status=404, what=f"event {event_or_cluster_id!r}")
            found = cur.execute(
                "SELECT coalesce(cluster_id, event_id) FROM events "
                "WHERE cluster_id = $1 OR event_id = $1 LIMIT 1",
                [event_or_cluster_id],
            ).fetchone()
            if found is None:
                raise ApiError("FW704", status=404, what=f"event {event_or_cluster_id!r}")
            cluster_id = str(found[0])
            rows = cur.execute(
                f"SELECT {_COLUMNS_SQL}, e.evidence, e.data, "
                "a.id, a.title, a.outlet, a.url, a.published, a.verdict, a.original_text, "
                "a.text, a.edits, a.forensics "
                "FROM events e LEFT JOIN articles a ON a.id = e.article_id "
                "WHERE coalesce(e.cluster_id, e.event_id) = $1 "
                "ORDER BY e.is_primary DESC NULLS LAST, a.published NULLS LAST, e.event_id",
                [cluster_id],
            ).fetchall()
            width = len(EVENT_COLUMNS)
            sources = []
            for row in rows:
                event = _event(row[:width])
                evidence = [Span(**span) for span in _json_list(row[width])]
                data = _json_value(row[width + 1])
                article = None
                if row[width + 2] is not None:
                    a = row[width + 2 :]
                    article = ArticleBrief(
                        id=a[0],
                        title=a[1],
                        outlet=a[2],
                        url=a[3],
                        published=a[4],
                        verdict=a[5],
                        original_text=a[6],
                        text=a[7],
                        edits=_json_list(a[8]),
                        forensics=_json_value(a[9]),
                    )
                sources.append(
                    EventSource(
                        event=event,
                        evidence=evidence,
                        data=data if isinstance(data, dict) else None,
                        article=article,
                    )
                )
            primary = next((s.event for s in sources if s.event.is_primary), sources[0].event)
            revisions: list[Revision] = []
            if self._has_revisions(cur):
                # Corroboration stores revision times as UTC without a zone; they leave here
                # with theirs, so no client reads them as its own local time.
                revisions = [
                    Revision(revised_at=_utc(r[0]), action=r[1], detail=_json_value(r[2]))
                    for r in cur.execute(
                        "SELECT revised_at, action, detail FROM event_revisions "
                        "WHERE cluster_id = $1 ORDER BY revised_at NULLS LAST",
                        [cluster_id],
                    ).fetchall()
                ]
            return EventDetail(
                cluster_id=cluster_id,
                event=primary,
                reports=primary.reports or len(sources),
                independent_sources=primary.independent_sources or 1,
                sources=sources,
                revisions=revisions,
            )

        return self._run(work)

    def geojson(self, page: EventPage) -> GeoJsonPage:
        """``page`` as a GeoJSON FeatureCollection."""
        return GeoJsonPage(
            features=[geojson_feature(event).model_dump(mode="json") for event in page.items],
            next_cursor=page.next_cursor,
        )

    def stats(self, filters: EventFilters | None = None, *, interval: Interval = "day") -> Stats:
        """Totals, a timeline and breakdowns over the primary events matching ``filters``.

        Every figure is a sum over exactly the events GET /events lists under the same
        filters (primary rows: one per real-world event). Fatalities of events whose status is
        not a reported one are summed apart, by status, and never into ``fatalities``.
        """
        filters = filters or EventFilters()
        named, params = event_conditions(filters)
        cond = " AND ".join(["is_primary", *(sql for _, sql in named)])
        bucket = "event_date" if interval == "day" else "date_trunc('week', event_date)::DATE"
        rep = REPORTED_SQL

        def work(cur: duckdb.DuckDBPyConnection) -> Stats:
            store = _store_counts(cur)
            if not _has_columns(cur, "events", ("cluster_id", "is_primary")):
                return Stats(
                    events=0,
                    fatalities=0,
                    reports=0,
                    interval=interval,
                    timeline=[],
                    by_event_type=[],
                    by_status=[],
                    by_country=[],
                    store=store,
                )
            total = cur.execute(
                f"SELECT count(*), coalesce(sum(fatalities * {rep}::INTEGER), 0), "
                "coalesce(sum(coalesce(reports, 1)), 0), min(event_date), max(event_date), "
                "count(*) FILTER (WHERE event_date IS NULL), "
                "count(*) FILTER (WHERE latitude IS NULL OR longitude IS NULL) "
                f"FROM events WHERE {cond}",
                params,
            ).fetchone()
            assert total is not None  # an aggregate always returns a row
            other = [
                StatusFigure(status=r[0], events=r[1], fatalities=r[2])
                for r in cur.execute(
                    "SELECT status, count(*), coalesce(sum(fatalities), 0) AS f FROM events "
                    f"WHERE {cond} AND NOT {rep} GROUP BY status ORDER BY f DESC, status",
                    params,
                ).fetchall()
            ]
            timeline = [
                Bucket(date=r[0], events=r[1], fatalities=r[2], other_fatalities=r[3])
                for r in cur.execute(
                    f"SELECT {bucket} AS b, count(*), "
                    f"coalesce(sum(fatalities * {rep}::INTEGER), 0), "
                    f"coalesce(sum(fatalities * (NOT {rep})::INTEGER), 0) FROM events "
                    f"WHERE {cond} AND event_date IS NOT NULL GROUP BY b ORDER BY b",
                    params,
                ).fetchall()
            ]

            def counts(column: str) -> list[Count]:
                return [
                    Count(value=r[0], events=r[1], fatalities=r[2], other_fatalities=r[3])
                    for r in cur.execute(
                        f"SELECT {column}, count(*) AS n, "
                        f"coalesce(sum(fatalities * {rep}::INTEGER), 0), "
                        f"coalesce(sum(fatalities * (NOT {rep})::INTEGER), 0) "
                        f"FROM events WHERE {cond} GROUP BY {column} "
                        f"ORDER BY n DESC, {column} NULLS LAST LIMIT 50",
                        params,
                    ).fetchall()
                ]

            precision = [
                PrecisionCount(geo_precision=r[0], events=r[1])
                for r in cur.execute(
                    "SELECT geo_precision, count(*) FROM events WHERE "
                    f"{cond} AND latitude IS NOT NULL AND longitude IS NOT NULL "
                    "GROUP BY geo_precision ORDER BY geo_precision NULLS LAST",
                    params,
                ).fetchall()
            ]
            return Stats(
                events=total[0],
                fatalities=total[1],
                other_fatalities=other,
                reports=total[2],
                undated=total[5],
                unplaced=total[6],
                left_out=self._left_out(cur, named, params),
                date_min=total[3],
                date_max=total[4],
                interval=interval,
                timeline=timeline,
                by_event_type=counts("event_type"),
                by_status=counts("status"),
                by_country=counts("country"),
                by_geo_precision=precision,
                store=store,
            )

        return self._run(work)

    @staticmethod
    def _left_out(
        cur: duckdb.DuckDBPyConnection, named: list[tuple[str, str]], params: list[Any]
    ) -> dict[str, int]:
        """Per filter: the events every other filter keeps and this one drops (an undated
        event counts as dropped by a date filter), in one scan."""
        if not named:
            return {}
        parts = []
        for i, (_, sql) in enumerate(named):
            others = " AND ".join(["true", *(o for j, (_, o) in enumerate(named) if j != i)])
            parts.append(f"count(*) FILTER (WHERE {others} AND NOT coalesce({sql}, false))")
        row = cur.execute(
            f"SELECT {', '.join(parts)} FROM events WHERE is_primary", params
        ).fetchone()
        assert row is not None
        return {name: int(n) for (name, _), n in zip(named, row, strict=True)}

    def aggregates(
        self,
        filters: EventFilters | None = None,
        *,
        by: AggregateBy = "admin1",
        period: AggregatePeriod = "month",
    ) -> Aggregates:
        """Events, reported and claimed fatalities and crowd sizes by region and period over
        the primary events matching ``filters``: every event in exactly one row (a NULL
        region: unplaced at that level; a NULL period: undated), so the rows add up to the
        totals of :meth:`stats`."""
        filters = filters or EventFilters()
        where, params = event_where(filters)
        column = {"admin1": "admin1", "admin2": "admin2", "country": "country"}[by]
        unit = {"week": "week", "month": "month"}[period]
        rep = REPORTED_SQL
        cond = " AND ".join(where)
        group = f"{column} AS region, date_trunc('{unit}', event_date)::DATE AS p"
        sql = (
            f"SELECT {group}, count(*), coalesce(sum(fatalities * {rep}::INTEGER), 0), "
            f"coalesce(sum(fatalities * (NOT {rep})::INTEGER), 0) FROM events WHERE {cond} "
            "GROUP BY ALL ORDER BY p NULLS LAST, region NULLS LAST"
        )
        # Only the coder's protests and riots carry a crowd size, inside the event's JSON: read
        # in a second, narrow query (4 ms on a million events) rather than a JSON expression
        # evaluated in the main scan (+50 ms).
        crowd_sql = (
            f"SELECT {group}, sum(c), count(c) FROM (SELECT *, TRY_CAST(json_extract_string("
            "data, '$.crowd_size.value') AS BIGINT) AS c FROM events WHERE "
            f"{cond} AND data IS NOT NULL AND event_type IN ('Protests', 'Riots')) "
            "WHERE c IS NOT NULL GROUP BY ALL"
        )

        def work(cur: duckdb.DuckDBPyConnection) -> Aggregates:
            if not _has_columns(cur, "events", ("cluster_id", "is_primary")):
                return Aggregates(by=by, period=period, rows=[])
            crowds = {(r[0], r[1]): (r[2], r[3]) for r in cur.execute(crowd_sql, params).fetchall()}
            rows = []
            for r in cur.execute(sql, params).fetchall():
                size, counted = crowds.get((r[0], r[1]), (0, 0))
                rows.append(
                    AggregateRow(
                        region=r[0],
                        period=r[1],
                        events=r[2],
                        fatalities=r[3],
                        claimed_fatalities=r[4],
                        crowd_size=size,
                        crowd_events=counted,
                    )
                )
            return Aggregates(by=by, period=period, rows=rows)

        return self._run(work)

    def actors(self, q: str | None = None, *, limit: int | None = None) -> list[ActorCount]:
        """Actors named as actor1 or actor2 of primary events, most events first."""
        size = self.page_size(limit)
        params: list[Any] = []
        cond = ""
        if q:
            cond = "WHERE actor ILIKE $1 ESCAPE '\\'"
            params.append(f"%{_like(q)}%")
        sql = (
            "SELECT actor, count(*) AS n, coalesce(sum(fatalities), 0) FROM ("
            "SELECT actor1 AS actor, fatalities FROM events WHERE is_primary "
            "UNION ALL SELECT actor2, fatalities FROM events WHERE is_primary) "
            f"WHERE actor IS NOT NULL {cond.replace('WHERE', 'AND')} "
            f"GROUP BY actor ORDER BY n DESC, actor LIMIT {size}"
        )

        def work(cur: duckdb.DuckDBPyConnection) -> list[ActorCount]:
            if not _has_columns(cur, "events", ("cluster_id", "is_primary")):
                return []
            return [
                ActorCount(actor=r[0], events=r[1], fatalities=r[2])
                for r in cur.execute(sql, params).fetchall()
            ]

        return self._run(work)

    def places(self, q: str | None = None, *, limit: int | None = None) -> list[PlaceCount]:
        """Places the articles mention (resolved or not), most mentioned first, with how many
        primary events happened there."""
        size = self.page_size(limit)
        params: list[Any] = []
        cond = ""
        if q:
            cond = "WHERE name ILIKE $1 ESCAPE '\\'"
            params.append(f"%{_like(q)}%")

        def work(cur: duckdb.DuckDBPyConnection) -> list[PlaceCount]:
            events_sql = "SELECT NULL::VARCHAR AS location, 0 AS n WHERE false"
            if _has_columns(cur, "events", ("cluster_id", "is_primary")):
                events_sql = (
                    "SELECT location, count(*) AS n FROM events WHERE is_primary GROUP BY location"
                )
            rows = cur.execute(
                "SELECT p.name, p.geonameid, p.latitude, p.longitude, p.country_code, "
                "p.mentions, p.articles, coalesce(e.n, 0) FROM ("
                "SELECT name, any_value(geonameid) AS geonameid, any_value(latitude) AS latitude, "
                "any_value(longitude) AS longitude, any_value(country_code) AS country_code, "
                "count(*) AS mentions, count(DISTINCT article_id) AS articles "
                f"FROM places {cond} GROUP BY name) p "
                f"LEFT JOIN ({events_sql}) e ON e.location = p.name "
                f"ORDER BY p.mentions DESC, p.name LIMIT {size}",
                params,
            ).fetchall()
            return [
                PlaceCount(
                    name=r[0],
                    geonameid=r[1],
                    latitude=r[2],
                    longitude=r[3],
                    country_code=r[4],
                    mentions=r[5],
                    articles=r[6],
                    events=r[7],
                )
                for r in rows
            ]

        return self._run(work)

    # -- articles ------------------------------------------------------------------------

    def articles(
        self,
        filters: ArticleFilters | None = None,
        *,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> ArticlePage:
        """One page of stored articles (ordered by id) matching ``filters``."""
        size = self.page_size(limit)
        filters = filters or ArticleFilters()
        where: list[str] = ["true"]
        params: list[Any] = []

        def add(sql: str, value: Any) -> None:
            params.append(value)
            where.append(sql.replace("?", f"${len(params)}"))

        if filters.outlet:
            add("outlet = ?", filters.outlet)
        if filters.verdict:
            add("verdict = ?", filters.verdict)
        if filters.date_from:
            add("published >= ?", filters.date_from.isoformat())
        if filters.date_to:
            # published may carry a time: everything on date_to sorts below the next day.
            add("published < ?", (filters.date_to + dt.timedelta(days=1)).isoformat())
        if cursor is not None:
            add("id > ?", _decode_cursor(cursor, "str")[1])

        def work(cur: duckdb.DuckDBPyConnection) -> ArticlePage:
            count_sql = "0"
            if _has_columns(cur, "events", ("cluster_id", "is_primary")):
                count_sql = "(SELECT count(*) FROM events e WHERE e.article_id = a.id)"
            rows = cur.execute(
                f"SELECT id, title, outlet, url, published, verdict, {count_sql} FROM articles a "
                f"WHERE {' AND '.join(where)} ORDER BY id LIMIT {size + 1}",
                params,
            ).fetchall()
            more = len(rows) > size
            items = [
                ArticleSummary(
                    id=r[0],
                    title=r[1],
                    outlet=r[2],
                    url=r[3],
                    published=r[4],
                    verdict=r[5],
                    events=r[6],
                )
                for r in rows[:size]
            ]
            next_cursor = _encode_cursor(items[-1].id, items[-1].id) if more else None
            return ArticlePage(items=items, limit=size, next_cursor=next_cursor)

        return self._run(work)

    def article_json(self, article_id: str) -> dict[str, Any]:
        """The ``frontwire/article@1`` object of a stored article, with its events (the
        ``events.data`` column) when the store has coded events.

        Raises:
            ApiError: FW704 when the store has no such article.
        """

        def work(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
            # An article id, else any alias (a record id or a path; issue 22).
            row = cur.execute(
                "SELECT json, id FROM (SELECT json, id, 0 AS rank FROM articles WHERE id = $1 "
                "UNION ALL SELECT a.json, a.id, 1 FROM article_aliases al JOIN articles a "
                "ON a.id = al.article_id WHERE al.alias = $1) ORDER BY rank, id LIMIT 1",
                [article_id],
            ).fetchone()
            if row is None:
                raise ApiError("FW704", status=404, what=f"article {article_id!r}")
            article: dict[str, Any] = json.loads(row[0])
            if _has_columns(cur, "events", ("cluster_id", "is_primary", "data")):
                data = cur.execute(
                    "SELECT data FROM events WHERE article_id = $1 AND data IS NOT NULL "
                    "ORDER BY event_id",
                    [row[1]],
                ).fetchall()
                if data:
                    article["events"] = [json.loads(d[0]) for d in data]
            return article

        return self._run(work)


def _event(row: Sequence[Any]) -> Event:
    return Event(**dict(zip(EVENT_COLUMNS, row, strict=False)))


def _has_columns(cur: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str]) -> bool:
    found = cur.execute(
        # duckdb_columns() answers in half the time of information_schema (0.7 against 1.3 ms).
        "SELECT count(*) FROM duckdb_columns() WHERE schema_name = 'main' "
        "AND table_name = $1 AND column_name IN (SELECT UNNEST($2::VARCHAR[]))",
        [table, list(columns)],
    ).fetchone()
    return found is not None and int(found[0]) == len(columns)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)


def _store_counts(cur: duckdb.DuckDBPyConnection) -> dict[str, int]:
    store = {table: _count(cur, f"SELECT count(*) FROM {table}") for table in _STORE_TABLES}
    if _has_columns(cur, "events", ("cluster_id", "is_primary")):
        store["events"] = _count(cur, "SELECT count(*) FROM events")
    return store


def _count(cur: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = cur.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _json_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def _json_list(value: Any) -> list[Any]:
    parsed = _json_value(value)
    return parsed if isinstance(parsed, list) else []


def _encode_cursor(value: Any, last_id: str) -> str:
    if isinstance(value, dt.date):
        value = value.isoformat()
    raw = json.dumps([value, last_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str, key_type: str) -> tuple[Any, str]:
    """The (sort value, last id) a cursor holds, checked against the sort's type."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, last_id = json.loads(raw)
        if not isinstance(last_id, str):
            raise ValueError(last_id)
        if key_type == "date":
            value = dt.date.fromisoformat(value)
        elif key_type == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError(value)
        elif not isinstance(value, str):
            raise ValueError(value)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise ApiError("FW708", status=400, cursor=cursor[:80]) from exc
    return value, last_id
