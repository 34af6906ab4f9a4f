"""Stores to export from: the bundled example corpus through the real pipeline, and a small
store of hand-made events whose every exported value the tests know."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from frontwire.store import Store
from frontwire.testing import make_article

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))
from demo_events import evidence_span, replace_events

REPO = Path(__file__).resolve().parents[2]

# Our own invented reports (not from any corpus).
HARBOUR = "Artillery fire struck the harbour of Ochakiv on Tuesday, killing three civilians."
HARBOUR_COPY = "Three civilians were killed when artillery fire struck the harbour of Ochakiv."
DRONE = "Two drones hit the roof of a school in Nikopol overnight, a local channel reported."
PLANNED = "Organisers said they would march through Mykolaiv on Sunday."


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example corpus, ingested by the real pipeline (with dedup)."""
    from frontwire.api import ingest

    path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    ingest([REPO / "examples" / "corpus"], db=path, progress=False)
    return path


@pytest.fixture(scope="session")
def hand_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four articles and the events corroboration would leave for them: the harbour attack
    reported by two outlets (one cluster), a drone strike reported only on Telegram, and a
    planned march (an event that has not happened)."""
    path = tmp_path_factory.mktemp("hand") / "hand.duckdb"
    articles = {
        "harbour": make_article(
            HARBOUR, outlet="Coast Gazette", published="2024-04-02",
            url="https://coast-gazette.example/ochakiv", title="Harbour shelled",
        ),
        "copy": make_article(HARBOUR_COPY, outlet="Port Wire", published="2024-04-03"),
        "drone": make_article(DRONE, url="https://t.me/nikopol_news/1234", published="2024-05-11"),
        "planned": make_article(PLANNED, outlet="Coast Gazette", published="2024-06-07"),
    }  # fmt: skip
    ukraine = {"country": "Ukraine", "country_code": "UA", "iso": 804, "time_precision": 1}
    harbour = {
        **ukraine,
        "cluster_id": "cl-harbour",
        "event_date": "2024-04-02",
        "disorder_type": "Political violence",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": "Military Forces of Russia (2000-)",
        "actor2": "Civilians (Ukraine)",
        "inter1": 8,
        "inter2": 7,
        "interaction": 78,
        "civilian_targeting": "Civilian targeting",
        "plover_event": "ASSAULT",
        "plover_mode": "heavy-weapons",
        "plover_context": "military",
        "quad_class": 4,
        "location": "Ochakiv",
        "latitude": 46.6186,
        "longitude": 31.5392,
        "geo_precision": 1,
        "fatalities": 3,
        "status": "reported",
        "reports": 2,
        "independent_sources": 2,
    }
    plover = {
        "event": "ASSAULT", "mode": "heavy-weapons", "context": ["military"],
        "actor": [{"code": "RUS", "sector": "MIL", "entity_text": "Artillery", "cluster_id": None}],
        "recipient": [{"code": "UKR", "sector": "CVL", "entity_text": "civilians",
                       "cluster_id": None}],
        "quad_code": 4, "cameo": "195", "dead": 3, "injured": None, "arrested": None, "size": None,
    }  # fmt: skip
    with Store(path) as store:
        store.write(list(articles.values()), [])
        span = evidence_span(HARBOUR, HARBOUR)
        replace_events(
            store.connection,
            [
                {
                    **harbour,
                    "event_id": "ev-harbour",
                    "article_id": articles["harbour"].id,
                    "source_name": "Ilona Vasko",
                    "notes": HARBOUR,
                    "evidence": [span],
                    "data": {
                        "plover": plover,
                        "evidence": [span],
                        "status": "reported",
                        "source": {"name": "Ilona Vasko", "kind": "speaker"},
                        "location": {
                            "name": "Ochakiv",
                            "geonameid": 698131,
                            "latitude": 46.6186,
                            "longitude": 31.5392,
                            "country_code": "UA",
                            "precision": 1,
                        },
                    },
                    "is_primary": True,
                },
                {
                    **harbour,
                    "event_id": "ev-harbour-copy",
                    "article_id": articles["copy"].id,
                    "event_date": "2024-04-02",
                    "notes": HARBOUR_COPY,
                    "evidence": [evidence_span(HARBOUR_COPY, HARBOUR_COPY)],
                    "is_primary": False,
                },
                {
                    **ukraine,
                    "event_id": "ev-drone",
                    "article_id": articles["drone"].id,
                    "event_date": "2024-05-11",
                    "disorder_type": "Political violence",
                    "event_type": "Explosions/Remote violence",
                    "sub_event_type": "Air/drone strike",
                    "actor1": "Military Forces of Russia (2000-)",
                    "plover_event": "ASSAULT",
                    "plover_mode": "drone",
                    "location": "Nikopol",
                    "latitude": 47.5667,
                    "longitude": 34.4,
                    "geo_precision": 1,
                    "status": "reported",
                    "notes": DRONE,
                    "evidence": [evidence_span(DRONE, DRONE)],
                },
                {
                    **ukraine,
                    "event_id": "ev-planned",
                    "article_id": articles["planned"].id,
                    "event_date": "2024-06-09",
                    "disorder_type": "Demonstrations",
                    "event_type": "Protests",
                    "sub_event_type": "Peaceful protest",
                    "actor1": "Protesters (Ukraine)",
                    "plover_event": "PROTEST",
                    "location": "Mykolaiv",
                    "status": "planned",
                    "notes": PLANNED,
                    "evidence": [evidence_span(PLANNED, PLANNED)],
                },
            ],
        )
    return path
