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
