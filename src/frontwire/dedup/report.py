"""What ``frontwire dedup`` and ``frontwire stats`` show of copies, stories and events."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from frontwire.dedup.corroborate import has_events_table


@dataclass(frozen=True, slots=True)
class CopyCluster:
    """One copy cluster with more than one member."""

    cluster_id: str
    original_id: str
    members: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {
            "cluster_id": self.cluster_id,
            "original_id": self.original_id,
            "members": list(self.members),
        }


@dataclass(frozen=True, slots=True)
class DedupReport:
    """Articles, copy clusters, stories and events of a store."""

    articles: int
    deduplicated: int
    copy_clusters: int
    stories: int
    events: int | None  # None when the store has no corroborated events table
    real_events: int | None
    independent_sources: int | None  # summed over real events
    clusters: tuple[CopyCluster, ...] = field(default_factory=tuple)
    story_sizes: tuple[tuple[str, int, str], ...] = ()  # (story_id, articles, a title)

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {
            "articles": self.articles,
            "deduplicated": self.deduplicated,
            "copy_clusters": self.copy_clusters,
            "stories": self.stories,
            "events": self.events,
            "real_events": self.real_events,
            "independent_sources": self.independent_sources,
            "clusters": [c.to_json() for c in self.clusters],
            "story_sizes": [list(s) for s in self.story_sizes],
        }


def dedup_report(con: duckdb.DuckDBPyConnection, top: int = 20) -> DedupReport:
    """The report for the store on ``con``."""

    def one(sql: str) -> int:
        row = con.execute(sql).fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    events = real = sources = None
    if has_events_table(con):
        events = one("SELECT count(*) FROM events")
        real = one("SELECT count(*) FROM events WHERE is_primary")
        sources = one("SELECT sum(independent_sources) FROM events WHERE is_primary")
    rows = con.execute(
        "SELECT cluster_id, any_value(original_id), list(article_id ORDER BY article_id) AS m "
        "FROM article_dedup GROUP BY cluster_id HAVING count(*) > 1 "
        "ORDER BY len(m) DESC, cluster_id LIMIT $1",
        [top],
    ).fetchall()
    stories = con.execute(
        "SELECT d.story_id, count(*) AS n, any_value(coalesce(a.title, "
        "split_part(a.text, chr(10), 1))) FROM article_dedup d JOIN articles a "
        "ON a.id = d.article_id GROUP BY d.story_id ORDER BY n DESC, d.story_id LIMIT $1",
        [top],
    ).fetchall()
    return DedupReport(
        articles=one("SELECT count(*) FROM articles"),
        deduplicated=one("SELECT count(*) FROM article_dedup"),
        copy_clusters=one("SELECT count(DISTINCT cluster_id) FROM article_dedup"),
        stories=one("SELECT count(DISTINCT story_id) FROM article_dedup"),
        events=events,
        real_events=real,
        independent_sources=sources,
        clusters=tuple(CopyCluster(str(c), str(o), tuple(m)) for c, o, m in rows),
        story_sizes=tuple((str(s), int(n), str(t)[:80]) for s, n, t in stories),
    )


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One story in a list: its title, size and time span."""

    story_id: str
    title: str
    articles: int
    independent_sources: int  # copy clusters: copies of one report count once
    first_published: str | None
    last_published: str | None

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {
            "story_id": self.story_id,
            "title": self.title,
            "articles": self.articles,
            "independent_sources": self.independent_sources,
            "first_published": self.first_published,
            "last_published": self.last_published,
        }


@dataclass(frozen=True, slots=True)
class Story:
    """A story with its places, articles, real-world events and a day-by-day timeline."""

    summary: StorySummary
    places: tuple[str, ...]
    articles: tuple[dict[str, Any], ...]
    events: tuple[dict[str, Any], ...]
    timeline: tuple[dict[str, Any], ...]

    def to_json(self) -> dict[str, Any]:
        """The public JSON form: the summary's fields and the lists."""
        return self.summary.to_json() | {
            "places": list(self.places),
            "articles": list(self.articles),
            "events": list(self.events),
            "timeline": list(self.timeline),
        }


def list_stories(
    con: duckdb.DuckDBPyConnection, limit: int = 20, offset: int = 0, min_articles: int = 1
) -> tuple[int, list[StorySummary]]:
    """(how many stories in all, one page of them, largest first)."""
    from frontwire.store import dedup as sql

    rows = sql.story_rows(con, limit, offset, min_articles)
    page = [
        StorySummary(s, title, n, sources, first, last)
        for s, n, sources, title, first, last in rows
    ]
    return sql.story_count(con, min_articles), page


def story_detail(con: duckdb.DuckDBPyConnection, key: str) -> Story | None:
    """The story ``key`` names (a story id or one of its articles' ids); None if none."""
    from frontwire.store import dedup as sql

    story_id = sql.story_of(con, key)
    if story_id is None:
        return None
    articles: list[dict[str, Any]] = [
        {
            "id": i,
            "title": t[:300],
            "outlet": o,
            "published": p,
            "url": u,
            "copy_cluster": c,
        }
        for i, t, o, p, u, c in sql.story_articles(con, story_id)
    ]
    events: list[dict[str, Any]] = [
        {
            "event_id": e[0],
            "event_date": e[1],
            "event_type": e[2],
            "sub_event_type": e[3],
            "location": e[4],
            "fatalities": e[5],
            "reports": e[6],
            "independent_sources": e[7],
        }
        for e in sql.story_events(con, story_id)
    ]
    days: dict[str, dict[str, Any]] = {}
    for article in articles:
        day = (article["published"] or "")[:10] or "undated"
        days.setdefault(day, {"date": day, "articles": 0, "events": []})["articles"] += 1
    for event in events:
        day = event["event_date"] or "undated"
        days.setdefault(day, {"date": day, "articles": 0, "events": []})["events"].append(
            event["event_id"]
        )
    published = [a["published"] for a in articles if a["published"]]
    summary = StorySummary(
        story_id=story_id,
        title=str(articles[0]["title"]) if articles else "",
        articles=len(articles),
        independent_sources=len({a["copy_cluster"] for a in articles}),
        first_published=min(published) if published else None,
        last_published=max(published) if published else None,
    )
    return Story(
        summary=summary,
        places=tuple(sql.story_places(con, story_id)),
        articles=tuple(articles),
        events=tuple(events),
        timeline=tuple(days[d] for d in sorted(days, key=lambda d: (d == "undated", d))),
    )
