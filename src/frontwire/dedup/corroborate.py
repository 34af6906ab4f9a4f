"""Event level: events coded from different articles that are one real-world event, merged.

Works on the store's ``events`` table (one row per event per article, written by the events
stage) and keeps its corroboration columns: ``cluster_id`` (the merged event's stable id: the
id of its first report), ``is_primary`` (one row per cluster carries the merged, revised
values), ``reports`` and ``independent_sources`` (articles in one copy cluster count once).

Two rules (``[dedup] event_rule``):

- ``compatible`` (default): the same sub-event type; actors that do not contradict (a missing
  or unidentified side is fine, and "Military Forces of Sudan" is "Military Forces of Sudan
  (2019-)": the same sector of the same country); compatible places (the same name, or within
  a distance set by each report's geo precision: ``max_km`` for an exact place, twice that
  for "near" a place, and anywhere in the same admin area for a report that only knows the
  region); dates within their precision (ACLED time precision 1 day, 2 week, 3 month; a
  day's slack for "yesterday" in next-day reports).
- ``acled``, ACLED's strict one: same event type, same actors, same day, same location.

A later report of a merged event that gives other fatalities or a more precise place revises
the primary row instead of adding an event; when a more precise place leaves an earlier
report of the cluster no longer compatible, that report is split off into its own event with a
``split`` revision. Every creation, merge, split and revision is a row in ``event_revisions``
with its time and the evidence behind it, like ACLED's living dataset. Independent sources
count once per outlet family (outlet name, else web host), and copies of one article once.
Already corroborated events are listed in ``event_links``, so each update handles only new
events.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal
from urllib.parse import urlsplit

import duckdb

from frontwire.errors import ConfigError
from frontwire.util import haversine_km

Rule = Literal["acled", "compatible"]
RULES: tuple[str, ...] = ("acled", "compatible")
_FIELDS = (
    "event_id", "article_id", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "location", "latitude", "longitude", "geo_precision", "fatalities",
    "admin1",
)  # fmt: skip
_DAYS = {1: 1, 2: 7, 3: 31}
# How far apart two reports' places may be, in multiples of max_km, by the coarser report's
# ACLED geo precision (1 the place itself, 2 near it or part of a region); precision 3 (only
# the region is known) matches by admin area, or within 6x when the admin area is unknown.
_KM_FACTOR = {1: 1.0, 2: 2.0, 3: 6.0}
_UNIDENTIFIED = ("unidentified", "unknown")


@dataclass(frozen=True, slots=True)
class EventOptions:
    """The merge rule and the distance within which two places are one."""

    event_rule: Rule = "compatible"
    max_km: float = 25.0

    @classmethod
    def from_config(cls, section: Mapping[str, Any]) -> EventOptions:
        """Options from ``[dedup]``; FW105 for an unknown rule."""
        rule = section.get("event_rule", "compatible")
        if rule not in RULES:
            raise ConfigError(
                "FW105", key="dedup.event_rule", value=rule, detail=f"use one of {RULES}"
            )
        return cls(event_rule=rule, max_km=float(section.get("max_km", 25.0)))


@dataclass(frozen=True, slots=True)
class EventRow:
    """The columns of an ``events`` row the merge rule reads."""

    event_id: str
    article_id: str
    event_date: date | None
    time_precision: int | None
    event_type: str | None
    sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    admin1: str | None = None


def same_event(a: EventRow, b: EventRow, options: EventOptions) -> bool:
    """Whether two reported events are one real-world event under the configured rule."""
    if _norm(a.event_type) != _norm(b.event_type) or a.event_type is None:
        return False
    if options.event_rule == "acled":
        return (
            a.event_date is not None
            and a.event_date == b.event_date
            and {_norm(a.actor1), _norm(a.actor2)} == {_norm(b.actor1), _norm(b.actor2)}
            and _same_place(a, b, 0.5)
        )
    if a.sub_event_type and b.sub_event_type and _norm(a.sub_event_type) != _norm(b.sub_event_type):
        return False
    if not _actors_compatible(a, b):
        return False
    if a.event_date is None or b.event_date is None:
        return False
    slack = max(_DAYS.get(a.time_precision or 1, 1), _DAYS.get(b.time_precision or 1, 1))
    if abs((a.event_date - b.event_date).days) > slack:
        return False
    return _place_compatible(a, b, options.max_km)


def has_events_table(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store's ``events`` table has the corroboration columns."""
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'"
    ).fetchall()
    return {"cluster_id", "is_primary", "independent_sources"} <= {str(r[0]) for r in rows}


def corroborate(
    con: duckdb.DuckDBPyConnection, options: EventOptions, now: datetime | None = None
) -> dict[str, int]:
    """Merge the events not yet corroborated into real-world events; inside the caller's
    transaction. Returns counts of events created, merged and revised."""
    now = now or datetime.now(UTC).replace(tzinfo=None)
    counts = {"created": 0, "merged": 0, "revised": 0, "split": 0}
    if not has_events_table(con):
        return counts
    cols = ", ".join(f"e.{c}" for c in _FIELDS)
    pending = [
        EventRow(*row)
        for row in con.execute(
            f"SELECT {cols} FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE e.event_id NOT IN (SELECT event_id FROM event_links) "
            "ORDER BY a.published NULLS LAST, e.event_id"  # undated reports join dated ones
        ).fetchall()
    ]
    # Bulk where nothing in this update reads it back: links, "created" rows and their
    # revisions are written once at the end (one statement each, not one per event). Events of
    # this update count as corroborated once handled (``state.done``).
    state = _State(
        pending={e.event_id for e in pending},
        copied=_articles_with_copies(con, [e.article_id for e in pending]),
    )
    created: list[str] = []
    for event in pending:
        primary, basis = _find_primary(con, event, options, state)
        state.done.add(event.event_id)
        if primary is None:
            created.append(event.event_id)
            state.links.append((event.event_id, event.event_id))
            counts["created"] += 1
            continue
        cluster = primary.event_id
        con.execute(
            "UPDATE events SET cluster_id = $1, is_primary = FALSE WHERE event_id = $2",
            [cluster, event.event_id],
        )
        state.links.append((event.event_id, cluster))
        # The merge keeps what it rests on: the rule that matched and the report's evidence.
        detail = {"event_ids": [event.event_id], "basis": basis, "evidence": _evidence(con, event)}
        _revision(con, cluster, now, "merged", detail)
        counts["merged"] += 1
        revised = _revise(con, primary, event, now)
        counts["revised"] += revised
        if revised:
            counts["split"] += _split(con, cluster, options, now)
        _recount(con, cluster)
    if created:
        con.execute(
            "UPDATE events SET cluster_id = event_id, is_primary = TRUE "
            "WHERE event_id IN (SELECT UNNEST($1::VARCHAR[]))",
            [created],
        )
        con.execute(
            "INSERT INTO event_revisions SELECT UNNEST($1::VARCHAR[]), $2, 'created', "
            "UNNEST($3::JSON[])",
            [created, now, [json.dumps({"event_ids": [e]}) for e in created]],
        )
    if state.links:
        # The cluster as it stands now: a split later in the pass may have moved an event.
        con.execute(
            "INSERT OR REPLACE INTO event_links SELECT event_id, cluster_id, $2 FROM events "
            "WHERE event_id IN (SELECT UNNEST($1::VARCHAR[]))",
            [[e for e, _ in state.links], now],
        )
    return counts


@dataclass(slots=True)
class _State:
    """One corroboration pass: the events it handles, those handled so far, the links to
    write, and the articles that have a copy (only their events can join a copy's)."""

    pending: set[str]
    copied: set[str]
    done: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)

    def corroborated(self, event_id: str) -> bool:
        """Whether ``event_id`` was corroborated before this pass or earlier in it."""
        return event_id not in self.pending or event_id in self.done


def _articles_with_copies(con: duckdb.DuckDBPyConnection, articles: list[str]) -> set[str]:
    rows = con.execute(
        "SELECT d.article_id FROM article_dedup d WHERE d.article_id IN "
        "(SELECT UNNEST($1::VARCHAR[])) AND d.cluster_id IN (SELECT cluster_id FROM "
        "article_dedup GROUP BY cluster_id HAVING count(*) > 1)",
        [sorted(set(articles))],
    ).fetchall()
    return {str(r[0]) for r in rows}


def _evidence(con: duckdb.DuckDBPyConnection, event: EventRow) -> Any:
    row = con.execute(
        "SELECT evidence FROM events WHERE event_id = $1", [event.event_id]
    ).fetchone()
    return json.loads(row[0]) if row and row[0] else []


def _split(
    con: duckdb.DuckDBPyConnection, cluster: str, options: EventOptions, now: datetime
) -> int:
    """Split off the reports of ``cluster`` that its revised values no longer fit (a finer
    place 80 km from where an earlier report put it); each becomes its own event again.
    Copies of the primary's article stay: they are the same report."""
    cols = ", ".join(_FIELDS)
    rows = [
        EventRow(*r)
        for r in con.execute(
            f"SELECT {cols} FROM events WHERE cluster_id = $1 ORDER BY is_primary DESC, event_id",
            [cluster],
        ).fetchall()
    ]
    if not rows or rows[0].event_id != cluster:
        return 0
    primary, members = rows[0], rows[1:]
    copies = {
        str(r[0])
        for r in con.execute(
            "SELECT article_id FROM article_dedup WHERE cluster_id = (SELECT cluster_id FROM "
            "article_dedup WHERE article_id = $1)",
            [primary.article_id],
        ).fetchall()
    }
    split = 0
    for member in members:
        if member.article_id in copies or same_event(primary, member, options):
            continue
        con.execute(
            "UPDATE events SET cluster_id = event_id, is_primary = TRUE WHERE event_id = $1",
            [member.event_id],
        )
        _link(con, member.event_id, member.event_id, now)
        why = {"event_id": member.event_id, "from": cluster, "evidence": _evidence(con, member)}
        _revision(con, cluster, now, "split", why)
        _revision(con, member.event_id, now, "split", why)
        _recount(con, member.event_id)
        split += 1
    return split


def _find_primary(
    con: duckdb.DuckDBPyConnection, event: EventRow, options: EventOptions, state: _State
) -> tuple[EventRow | None, str]:
    """The primary event ``event`` joins and why ("copy" or the rule's name), or None."""
    if event.event_type is None:
        return None, ""
    copied = _copy_primary(con, event, state) if event.article_id in state.copied else None
    if copied is not None:
        return copied, "copy"
    cols = ", ".join(_FIELDS)
    # Candidates: primaries of the same type within a month; the rule decides the rest.
    rows = con.execute(
        f"SELECT {cols} FROM events WHERE is_primary AND event_type = $1 AND article_id <> $2 "
        "AND ($3::DATE IS NULL OR event_date IS NULL "
        "OR abs(date_diff('day', event_date, $3::DATE)) <= 31) ORDER BY event_id",
        [event.event_type, event.article_id, event.event_date],
    ).fetchall()
    for row in rows:
        other = EventRow(*row)
        if state.corroborated(other.event_id) and same_event(other, event, options):
            return other, options.event_rule
    return None, ""


def _copy_primary(
    con: duckdb.DuckDBPyConnection, event: EventRow, state: _State
) -> EventRow | None:
    """The primary event of a copy of this event's article that reports the same thing.

    A copy (exact, syndicated or spun) of an article is the same report, so its event of the
    same sub-type at the same place is the same event even where the rule cannot tell: a copy
    without a publication date leaves the date unknown, and ACLED's rule never matches an
    unknown date. Dates that contradict each other still keep the events apart.
    """
    cols = ", ".join(f"e.{c}" for c in _FIELDS)
    row = con.execute(
        f"SELECT {cols} FROM events e JOIN article_dedup d ON d.article_id = e.article_id "
        "WHERE e.is_primary "
        "AND e.article_id <> $1 AND e.sub_event_type IS NOT DISTINCT FROM $2 "
        "AND (e.location IS NULL OR $3::VARCHAR IS NULL OR e.location = $3::VARCHAR) "
        "AND (e.event_date IS NULL OR $4::DATE IS NULL OR e.event_date = $4::DATE) "
        "AND d.cluster_id = (SELECT cluster_id FROM article_dedup WHERE article_id = $1) "
        "ORDER BY e.event_id",
        [event.article_id, event.sub_event_type, event.location, event.event_date],
    ).fetchall()
    found = [EventRow(*r) for r in row if state.corroborated(str(r[0]))]
    return found[0] if found else None


def _revise(
    con: duckdb.DuckDBPyConnection, primary: EventRow, event: EventRow, now: datetime
) -> int:
    changes: list[dict[str, Any]] = []
    if event.fatalities is not None and event.fatalities != primary.fatalities:
        changes.append(
            {
                "field": "fatalities",
                "old": primary.fatalities,
                "new": event.fatalities,
                "event_id": event.event_id,
            }
        )
        con.execute(
            "UPDATE events SET fatalities = $1 WHERE event_id = $2",
            [event.fatalities, primary.event_id],
        )
    finer = event.geo_precision is not None and (
        primary.geo_precision is None or event.geo_precision < primary.geo_precision
    )
    if event.location and finer and _norm(event.location) != _norm(primary.location):
        changes.append(
            {
                "field": "location",
                "old": primary.location,
                "new": event.location,
                "event_id": event.event_id,
            }
        )
        con.execute(
            "UPDATE events SET location = $1, latitude = $2, longitude = $3, "
            "geo_precision = $4, admin1 = coalesce($6, admin1) WHERE event_id = $5",
            [
                event.location,
                event.latitude,
                event.longitude,
                event.geo_precision,
                primary.event_id,
                event.admin1,
            ],
        )
    for change in changes:
        _revision(con, primary.event_id, now, "revised", change)
    return len(changes)


def _recount(con: duckdb.DuckDBPyConnection, cluster: str) -> None:
    """Reports and independent sources of one real-world event: reports that share a copy
    cluster (``article_dedup``) or an outlet family (:func:`outlet_family`) are one source."""
    rows = con.execute(
        "SELECT e.article_id, coalesce(d.cluster_id, e.article_id), a.outlet, a.url "
        "FROM events e LEFT JOIN article_dedup d ON d.article_id = e.article_id "
        "LEFT JOIN articles a ON a.id = e.article_id WHERE e.cluster_id = $1",
        [cluster],
    ).fetchall()
    reports = len({str(r[0]) for r in rows})
    sources = independent_sources(
        [(str(copy), outlet_family(outlet, url)) for _, copy, outlet, url in rows]
    )
    con.execute(
        "UPDATE events SET reports = $2, independent_sources = $3 WHERE cluster_id = $1",
        [cluster, reports, sources],
    )


def outlet_family(outlet: str | None, url: str | None) -> str:
    """The family of an outlet, to count its reports once: its name without case, spaces,
    punctuation or a leading "the", else its web host without "www." ("" if neither)."""
    name = re.sub(r"[^\w]+", "", re.sub(r"^the\s+", "", (outlet or "").casefold().strip()))
    if name:
        return "o:" + name
    host = urlsplit(url or "").hostname or ""
    return "h:" + host.removeprefix("www.") if host else ""


def independent_sources(reports: Sequence[tuple[str, str]]) -> int:
    """How many independent sources ``(copy cluster, outlet family)`` reports make: two
    reports are one source when they share a copy cluster or a known outlet family."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for copy, family in reports:
        root = find("c:" + copy)
        if family:
            parent[find(family)] = root
    return len({find("c:" + copy) for copy, _ in reports})


def recount_all(con: duckdb.DuckDBPyConnection, clusters: Sequence[str]) -> None:
    """Recount reports and independent sources of ``clusters`` (after copy clusters moved);
    a cluster of one report keeps its one source and needs no statement."""
    several = con.execute(
        "SELECT cluster_id FROM events WHERE cluster_id IN (SELECT UNNEST($1::VARCHAR[])) "
        "GROUP BY cluster_id HAVING count(*) > 1",
        [list(clusters)],
    ).fetchall()
    for (cluster,) in several:
        _recount(con, str(cluster))


def _link(con: duckdb.DuckDBPyConnection, event_id: str, cluster: str, now: datetime) -> None:
    con.execute("INSERT OR REPLACE INTO event_links VALUES ($1, $2, $3)", [event_id, cluster, now])


def _revision(
    con: duckdb.DuckDBPyConnection, cluster: str, now: datetime, action: str, detail: Any
) -> None:
    con.execute(
        "INSERT INTO event_revisions VALUES ($1, $2, $3, $4)",
        [cluster, now, action, json.dumps(detail)],
    )


def _norm(value: str | None) -> str:
    return " ".join((value or "").casefold().split())


def _compatible(a: str | None, b: str | None) -> bool:
    """Whether two actor names can be one actor: either missing or unidentified, the same
    name, or the same sector of the same country (ACLED names carry both: "Military Forces of
    Ukraine (2019-)", "Civilians (Ukraine)", "Police Forces of Sudan")."""
    x, y = _norm(a), _norm(b)
    if not x or not y or x == y or x in y or y in x:
        return True
    if any(w in x for w in _UNIDENTIFIED) or any(w in y for w in _UNIDENTIFIED):
        return True
    return _actor_key(x) == _actor_key(y) and _actor_key(x)[1] != ""


def _actor_key(name: str) -> tuple[str, str]:
    """(sector, country) of a normalised ACLED-style actor name; country "" when none."""
    base = re.sub(r"\(\d{4}-\d{0,4}\)", "", name).strip()
    country = ""
    inside = re.search(r"\(([^)]*)\)", base)
    if inside:
        country = inside.group(1).strip()
        base = base[: inside.start()].strip()
    if " of " in base:
        base, country = (part.strip() for part in base.split(" of ", 1))
    return base, country


def _actors_compatible(a: EventRow, b: EventRow) -> bool:
    """The two sides compatible in the same order or swapped (reports differ on who is
    named first when both sides fire)."""
    same = _compatible(a.actor1, b.actor1) and _compatible(a.actor2, b.actor2)
    return same or (_compatible(a.actor1, b.actor2) and _compatible(a.actor2, b.actor1))


def _place_compatible(a: EventRow, b: EventRow, max_km: float) -> bool:
    if a.location and b.location and _norm(a.location) == _norm(b.location):
        return True
    coarse = max(a.geo_precision or 1, b.geo_precision or 1)
    if coarse >= 3 and a.admin1 and b.admin1:
        return _norm(a.admin1) == _norm(b.admin1)
    return _same_place(a, b, max_km * _KM_FACTOR.get(coarse, 1.0))


def _same_place(a: EventRow, b: EventRow, max_km: float) -> bool:
    if a.location and b.location and _norm(a.location) == _norm(b.location):
        return True
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    return _km(a, b) <= max_km


def _km(a: EventRow, b: EventRow) -> float:
    return haversine_km(
        a.latitude or 0.0, a.longitude or 0.0, b.latitude or 0.0, b.longitude or 0.0
    )
