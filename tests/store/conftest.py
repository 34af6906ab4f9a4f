"""Builders for store tests: articles with every kind of child row, in numbered batches.

The crash test's child process loads this file by path to build the very same batches, so the
builders are plain functions of their arguments (no randomness, no clock).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from frontwire.records import (
    Article,
    Count,
    Edit,
    Entity,
    Event,
    Place,
    Quote,
    Reject,
    Speaker,
    TamperReport,
)
from frontwire.store import TABLES
from frontwire.testing import make_article
from frontwire.util import stable_id

TOWNS = ("Kupiansk", "Izium", "Balakliia", "Vovchansk", "Chuhuiv")


def rich_article(number: int, entities: int = 3) -> Article:
    """Article ``number`` with ``entities`` entities, one quote, place and event, and (for even
    numbers) a forensics report with one edit."""
    town = TOWNS[number % len(TOWNS)]
    text = (
        f"Report {number}. Artillery struck {town} overnight, the regional governor said. "
        f"Two people were hurt. Brigade {number} held its positions near {town}."
    )
    article = make_article(
        text, path=f"in/{number:04d}.txt", outlet="Example Wire", published="2022-05-16"
    )
    town_at = text.index(town)
    town_span = article.span(town_at, town_at + len(town))
    governor_at = text.index("the regional governor")
    found = [
        Entity(town_span, "GPE", "place"),
        Entity(article.span(governor_at + 4, governor_at + 21), "ORG", "organisation", "official"),
    ]
    brigade_at = text.index("Brigade")
    found += [
        Entity(article.span(brigade_at, brigade_at + 7 + len(str(number)) + 1), "ORG", "group")
        for _ in range(max(0, entities - 2))
    ]
    place = Place(town_span, town, 700000 + number, 49.7, 37.6, "UA", "Kharkiv", 1)
    struck_at = text.index("struck")
    said_at = text.index("said")
    changes: dict[str, object] = {
        "entities": tuple(found[:entities]),
        "quotes": (
            Quote(
                kind="indirect",
                content=article.span(0, said_at - 2),
                speaker=Speaker(
                    name=text[governor_at : governor_at + 21],
                    kind="person",
                    cluster_id="c1",
                    span=article.span(governor_at, governor_at + 21),
                ),
                cue=article.span(said_at, said_at + 4),
            ),
        ),
        "places": (place,),
        "events": (
            Event(
                id=stable_id("event", article.id, 0),
                disorder_type="Political violence",
                event_type="Explosions/Remote violence",
                sub_event_type="Shelling/artillery/missile attack",
                evidence=(article.span(struck_at, struck_at + 6),),
                location=place,
                date="2022-05-16",
                time_precision=1,
                injured=Count(2, 2, 2, "Two people were hurt"),
            ),
        ),
        "metadata": {"batch_note": f"n{number}"},
    }
    if number % 2 == 0:
        changes["forensics"] = TamperReport(
            verdict="damaged", score=0.4, counts_by_kind={"invisible": 1}
        )
        changes["edits"] = (Edit(3, 4, "\u200b", "", "invisible"),)
    return article.replace(**changes)


def reject_for(number: int) -> Reject:
    """A reject as ingest would make it for an empty input file ``number``."""
    return Reject(
        id=stable_id("reject", number),
        code="FW302",
        reason=f"in/{number:04d}.txt: the file is empty.",
        stage="ingest",
        path=f"in/{number:04d}.txt",
    )


def build_batches(batches: int, per_batch: int) -> list[tuple[list[Article], list[Reject]]]:
    """``batches`` batches of ``per_batch`` articles each, plus one reject per batch."""
    return [
        (
            [rich_article(b * per_batch + i) for i in range(per_batch)],
            [reject_for(b)],
        )
        for b in range(batches)
    ]


# Columns a write fills from the clock or the current run, not from the records.
VOLATILE = frozenset({"updated_at", "created_at", "run_id"})


def snapshot(path: Path | str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table except the clock/run columns, sorted."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with duckdb.connect(str(path), read_only=True) as con:
        for table in TABLES:
            names = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
            kept = ", ".join(n for n in names if n not in VOLATILE)
            out[table] = con.execute(f"SELECT {kept} FROM {table} ORDER BY ALL").fetchall()
    return out


@pytest.fixture
def table_snapshot() -> Callable[[Path | str], dict[str, list[tuple[Any, ...]]]]:
    """:func:`snapshot`."""
    return snapshot


@pytest.fixture
def article_builder() -> Callable[..., Article]:
    """:func:`rich_article`."""
    return rich_article


@pytest.fixture
def reject_builder() -> Callable[[int], Reject]:
    """:func:`reject_for`."""
    return reject_for


@pytest.fixture
def batch_builder() -> Callable[[int, int], list[tuple[list[Article], list[Reject]]]]:
    """:func:`build_batches`."""
    return build_batches
