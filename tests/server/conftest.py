"""A small store built by the tests (our own articles + contract-shaped events rows) and a real
``frontwire serve`` process (uvicorn) over it on a free port of 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))
from demo_events import evidence_span, insert_events, replace_events

TOKEN = "test-token-7f3a"

# Our own invented reports (not from any corpus).
HARBOUR = (
    "Artillery fire struck the harbour district of Ochakiv on Tuesday, the regional governor "
    "said. Three civilians were killed and five were wounded when shells hit a warehouse near "
    "the pier. The governor, Ilona Vasko, said the shelling came from the opposite bank."
)
HARBOUR_COPY = (
    "Three civilians were killed and five were wounded when shells hit a warehouse near the "
    "pier in Ochakiv, a port official told reporters. Firefighters worked through the night."
)
# "Drones" spelt with a Cyrillic о (U+043E): forensics repairs it, the viewer marks it.
DRONE_ORIGINAL = (
    "Local officials said a school building in Nikopol was damaged overnight. "
    "Two dr\u043enes hit the roof of the school and one guard was injured, the mayor said."
)
DRONE_SENTENCE = "Two drones hit the roof of the school and one guard was injured, the mayor said."
PROTEST = (
    "Hundreds of people marched peacefully through the centre of Mykolaiv on Sunday to demand "
    "the release of detained fishermen, organisers said."
)


@dataclass(frozen=True)
class Served:
    url: str
    db: Path
    process: subprocess.Popen[bytes]

    def get(self, path: str, **kwargs: object) -> httpx.Response:
        return httpx.get(self.url + path, timeout=30, **kwargs)  # type: ignore[arg-type]

    def post_json(self, path: str, body: object, **kwargs: object) -> httpx.Response:
        return httpx.post(self.url + path, json=body, timeout=60, **kwargs)  # type: ignore[arg-type]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_store(path: Path) -> None:
    """Ingest the four articles with the real pipeline, then add the contract events."""
    from frontwire.api import ingest
    from frontwire.store import Store

    folder = path.parent / "articles"
    folder.mkdir(exist_ok=True)
    lines = []
    import json

    for name, text, outlet, published in (
        ("harbour", HARBOUR, "Coast Gazette", "2024-04-02"),
        ("harbour-copy", HARBOUR_COPY, "Port Wire", "2024-04-03"),
        ("drone", DRONE_ORIGINAL, "Steppe News", "2024-05-11"),
        ("protest", PROTEST, "Coast Gazette", "2024-06-09"),
    ):
        lines.append(
            json.dumps({"id": name, "text": text, "outlet": outlet, "published": published})
        )
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ingest([folder], db=path, progress=False)
    with Store(path) as store:
        con = store.connection
        ids = {
            r[0]: (r[1], r[2], r[3])
            for r in con.execute(
                "SELECT outlet || published, id, text, original_text FROM articles"
            ).fetchall()
        }
        harbour_id, harbour_text, _ = ids["Coast Gazette2024-04-02"]
        copy_id, copy_text, _ = ids["Port Wire2024-04-03"]
        drone_id, drone_text, drone_orig = ids["Steppe News2024-05-11"]
        protest_id, protest_text, _ = ids["Coast Gazette2024-06-09"]
        killed = "Three civilians were killed and five were wounded when shells hit a warehouse"
        drone_span = evidence_span(drone_text, DRONE_SENTENCE)
        orig = drone_orig.index("Two dr")
        drone_span.update(orig_start=orig, orig_end=orig + len(DRONE_SENTENCE))
        common = {
            "disorder_type": "Political violence",
            "event_type": "Explosions/Remote violence",
            "country": "Ukraine",
            "country_code": "UA",
            "iso": 804,
            "time_precision": 1,
            "geo_precision": 1,
            "actor1": "Military Forces of Russia (2000-)",
            "plover_event": "ASSAULT",
            "plover_mode": "aerial",
        }
        replace_events(
            con,
            [
                {
                    **common,
                    "event_id": "ev-harbour",
                    "cluster_id": "cl-harbour",
                    "article_id": harbour_id,
                    "event_date": "2024-04-02",
                    "sub_event_type": "Shelling/artillery/missile attack",
                    "actor2": "Civilians (Ukraine)",
                    "location": "Ochakiv",
                    "latitude": 46.6186,
                    "longitude": 31.5392,
                    "fatalities": 3,
                    "injured": 5,
                    "status": "reported",
                    "source_name": "Ilona Vasko",
                    "notes": killed,
                    "evidence": [evidence_span(harbour_text, killed)],
                    "data": {"type": "attack", "killed": 3},
                    "is_primary": True,
                    "reports": 2,
                    "independent_sources": 2,
                },
                {
                    **common,
                    "event_id": "ev-harbour-copy",
                    "cluster_id": "cl-harbour",
                    "article_id": copy_id,
                    "event_date": "2024-04-02",
                    "sub_event_type": "Shelling/artillery/missile attack",
                    "location": "Ochakiv",
                    "latitude": 46.6186,
                    "longitude": 31.5392,
                    "fatalities": 3,
                    "injured": 5,
                    "status": "reported",
                    "source_name": "a port official",
                    "notes": killed,
                    "evidence": [evidence_span(copy_text, killed)],
                    "is_primary": False,
                    "reports": 2,
                    "independent_sources": 2,
                },
                {
                    **common,
                    "event_id": "ev-drone",
                    "article_id": drone_id,
                    "event_date": "2024-05-11",
                    "sub_event_type": "Air/drone strike",
                    "location": "Nikopol",
                    "latitude": 47.5667,
                    "longitude": 34.4,
                    "fatalities": 0,
                    "injured": 1,
                    "status": "reported",
                    "source_name": "the mayor",
                    "notes": DRONE_SENTENCE,
                    "evidence": [drone_span],
                },
                {
                    "event_id": "ev-protest",
                    "article_id": protest_id,
                    "event_date": "2024-06-09",
                    "time_precision": 1,
                    "disorder_type": "Demonstrations",
                    "event_type": "Protests",
                    "sub_event_type": "Peaceful protest",
                    "actor1": "Protesters (Ukraine)",
                    "plover_event": "PROTEST",
                    "country": "Ukraine",
                    "country_code": "UA",
                    "location": "Mykolaiv",
                    "latitude": 46.975,
                    "longitude": 31.9946,
                    "fatalities": 0,
                    "status": "reported",
                    "source_name": "organisers",
                    "notes": PROTEST,
                    "evidence": [evidence_span(protest_text, PROTEST)],
                },
            ],
        )
        con.execute(
            "INSERT INTO event_revisions VALUES ('cl-harbour', TIMESTAMP '2024-04-03 10:00', "
            '\'merged\', \'{"event_ids": ["ev-harbour", "ev-harbour-copy"]}\')'
        )


def start_server(db: Path, env: dict[str, str] | None = None) -> Served:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "frontwire.cli.app", "serve", "--db", str(db), "--port", str(port)],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode() if process.stderr else "exited")
        try:
            httpx.get(url + "/openapi.json", timeout=1)
            return Served(url=url, db=db, process=process)
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("frontwire serve did not start")


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    build_store(path)
    # A copy for readers in other processes (the server holds the original open for writing).
    shutil.copy(path, path.with_name("copy.duckdb"))
    return path


@pytest.fixture(scope="session")
def server(store_path: Path) -> Iterator[Served]:
    served = start_server(store_path, {"FRONTWIRE_INGEST_TOKEN": TOKEN})
    yield served
    served.process.terminate()
    served.process.wait(timeout=10)


@pytest.fixture(scope="session")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from frontwire.store import Store

    path = tmp_path_factory.mktemp("empty") / "empty.duckdb"
    Store(path).close()
    return path


def table_counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [
            r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        ]
        return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}  # type: ignore[index]
    finally:
        con.close()


# -- a store for the figures: claimed, undated, unplaced, copies and a hostile place name ----

#: A place name that is markup: shown anywhere as HTML, it would run script.
HOSTILE_PLACE = '<img src=x onerror="window.__pwned=1">Kupiansk'


def figure_events() -> list[dict[str, object]]:
    """Events with every kind of figure the dashboard must keep apart (invented)."""
    base = {"disorder_type": "Political violence", "country": "Ukraine", "country_code": "UA"}
    shelling = {**base, "event_type": "Explosions/Remote violence"}
    battle = {**base, "event_type": "Battles", "sub_event_type": "Armed clash"}
    return [
        {**shelling, "event_id": "f-a", "cluster_id": "f-a", "article_id": "a1",
         "event_date": "2024-03-01", "admin1": "Kharkiv", "admin2": "Kharkivskyi",
         "location": "Kharkiv", "latitude": 49.99, "longitude": 36.23, "geo_precision": 1,
         "fatalities": 5, "status": "reported", "notes": "Five people were killed in Kharkiv.",
         "evidence": [{"start": 0, "end": 10, "text": "Five people were killed in Kharkiv.",
                       "orig_start": 0, "orig_end": 10}],
         "is_primary": True, "reports": 2, "independent_sources": 2},
        # The same event from a second outlet: a report, never a second event.
        {**shelling, "event_id": "f-a-copy", "cluster_id": "f-a", "article_id": "a2",
         "event_date": "2024-03-01", "admin1": "Kharkiv", "location": "Kharkiv",
         "latitude": 49.99, "longitude": 36.23, "geo_precision": 1, "fatalities": 5,
         "status": "reported", "is_primary": False, "reports": 2, "independent_sources": 2},
        # One party's claim about enemy losses: no place, apart from the reported dead.
        {**battle, "event_id": "f-claim", "article_id": "a3", "event_date": "2024-03-02",
         "fatalities": 390, "status": "claimed", "source_name": "a defence ministry",
         "notes": "The ministry said 390 soldiers were killed."},
        {**battle, "event_id": "f-estimate", "article_id": "a4", "event_date": "2024-03-15",
         "admin1": "Kharkiv", "location": "Kharkiv Oblast", "latitude": 49.5,
         "longitude": 36.5, "geo_precision": 3, "fatalities": 40, "status": "estimated"},
        # No date: it must land in the undated bin, not vanish under a date filter.
        {**shelling, "event_id": "f-undated", "article_id": "a5", "admin1": "Kharkiv",
         "admin2": "Iziumskyi", "location": "Izium", "latitude": 49.21, "longitude": 37.25,
         "geo_precision": 2, "fatalities": 2, "status": "reported"},
        {**shelling, "event_id": "f-hostile", "article_id": "a6", "event_date": "2024-04-10",
         "admin1": "Kharkiv", "location": HOSTILE_PLACE, "latitude": 49.71,
         "longitude": 37.61, "geo_precision": 1, "fatalities": 1, "status": "reported"},
        {**base, "event_id": "f-protest", "article_id": "a7", "event_date": "2024-04-12",
         "event_type": "Protests", "sub_event_type": "Peaceful protest", "admin1": "Odesa",
         "location": "Odesa", "latitude": 46.48, "longitude": 30.72, "geo_precision": 1,
         "fatalities": 0, "status": "reported", "data": {"crowd_size": {"value": 300}}},
    ]  # fmt: skip


def build_figures_store(path: Path) -> None:
    """A real store (migrations and all) holding :func:`figure_events`."""
    from frontwire.store import Store

    with Store(path) as store:
        insert_events(store.connection, figure_events())


@pytest.fixture(scope="session")
def figures_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("figures") / "figures.duckdb"
    build_figures_store(path)
    return path
