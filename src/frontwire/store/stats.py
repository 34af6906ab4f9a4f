"""What a store holds, summed up for ``frontwire stats``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import duckdb

from frontwire.records import RunStats, StageStats

UNCHECKED = "unchecked"  # the verdict key for articles the forensics stage did not see


@dataclass(frozen=True, slots=True)
class EntityCount:
    """How often one entity (same text and kind) occurs in the store."""

    text: str
    kind: str
    mentions: int
    articles: int

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {
            "text": self.text,
            "kind": self.kind,
            "mentions": self.mentions,
            "articles": self.articles,
        }


@dataclass(frozen=True, slots=True)
class StoreStats:
    """A summary of a store's contents.

    Attributes:
        path: the store file.
        schema_version: its schema version.
        counts: rows per table.
        verdicts: articles per forensics verdict; ``"unchecked"`` counts articles without one.
        top_entities: the most mentioned entities, most first.
        rejects_by_code: rejects per error code.
        last_runs: the latest runs, newest first.
    """

    path: str
    schema_version: int
    counts: Mapping[str, int]
    verdicts: Mapping[str, int] = field(default_factory=dict)
    top_entities: tuple[EntityCount, ...] = ()
    rejects_by_code: Mapping[str, int] = field(default_factory=dict)
    last_runs: tuple[RunStats, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The public JSON form."""
        return {
            "path": self.path,
            "schema_version": self.schema_version,
            "counts": dict(self.counts),
            "verdicts": dict(self.verdicts),
            "top_entities": [e.to_json() for e in self.top_entities],
            "rejects_by_code": dict(self.rejects_by_code),
            "last_runs": [r.to_json() for r in self.last_runs],
        }


def verdicts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Articles per verdict, most frequent first."""
    rows = con.execute(
        "SELECT coalesce(verdict, $1) AS v, count(*) AS n FROM articles "
        "GROUP BY v ORDER BY n DESC, v",
        [UNCHECKED],
    ).fetchall()
    return {str(v): int(n) for v, n in rows}


def top_entities(con: duckdb.DuckDBPyConnection, limit: int) -> tuple[EntityCount, ...]:
    """The ``limit`` entities with the most mentions (ties broken by articles, then text)."""
    rows = con.execute(
        "SELECT text, kind, count(*) AS mentions, count(DISTINCT article_id) AS articles "
        "FROM entities GROUP BY text, kind "
        "ORDER BY mentions DESC, articles DESC, text, kind LIMIT $1",
        [limit],
    ).fetchall()
    return tuple(EntityCount(str(t), str(k), int(m), int(a)) for t, k, m, a in rows)


def rejects_by_code(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rejects per error code, most frequent first."""
    rows = con.execute(
        "SELECT code, count(*) AS n FROM rejects GROUP BY code ORDER BY n DESC, code"
    ).fetchall()
    return {str(code): int(n) for code, n in rows}


def last_runs(con: duckdb.DuckDBPyConnection, limit: int) -> tuple[RunStats, ...]:
    """The ``limit`` latest runs by start time, newest first."""
    rows = con.execute(
        "SELECT run_id, started_at, finished_at, articles, rejected, stages FROM runs "
        "ORDER BY started_at DESC, run_id LIMIT $1",
        [limit],
    ).fetchall()
    return tuple(
        RunStats(
            run_id=str(run_id),
            started_at=str(started_at),
            finished_at=None if finished_at is None else str(finished_at),
            articles=int(articles),
            rejected=int(rejected),
            stages=[StageStats(**stage) for stage in json.loads(stages)],
        )
        for run_id, started_at, finished_at, articles, rejected, stages in rows
    )
