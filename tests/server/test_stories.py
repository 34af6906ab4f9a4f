"""``GET /stories`` and ``GET /stories/{id}`` over a store whose stories the real dedup code
found: the figures of a story's events (reported apart from claimed), the event filters, the
sort, and the ``story`` filter of ``GET /events`` and ``GET /stats``."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))
from demo_events import insert_events
from demo_stories import CLAIMED_DEAD, add_claimed_story_event

from frontwire.config import load_config
from frontwire.server.app import ServerSettings, create_app
from frontwire.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def stories_db(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("stories-api") / "stories.duckdb"
    shutil.copy(store_path.with_name("copy.duckdb"), db)
    add_claimed_story_event(db)
    with Store(db) as store:
        # Background to the drone story: a historical event, outside the story's span.
        drone = store.connection.execute(
            "SELECT article_id FROM events WHERE event_id = 'ev-drone'"
        ).fetchone()
        assert drone is not None
        insert_events(
            store.connection,
            [
                {
                    "event_id": "ev-drone-history",
                    "article_id": drone[0],
                    "event_date": "2022-03-01",
                    "event_type": "Battles",
                    "location": "Nikopol",
                    "fatalities": 7,
                    "status": "historical",
                }
            ],
        )
    return db


@pytest.fixture(scope="module")
def client(stories_db: Path) -> TestClient:
    app = create_app(ServerSettings.from_config(load_config(), db=stories_db))
    return TestClient(app, base_url="http://127.0.0.1")


def _harbour(items: list[dict[str, Any]]) -> dict[str, Any]:
    return next(s for s in items if "Ochakiv" in s["places"])


def test_stories_carry_their_events_with_reported_and_claimed_dead_apart(
    client: TestClient,
) -> None:
    page = client.get("/stories").json()
    assert page["total"] == 3
    harbour = _harbour(page["items"])
    assert harbour["articles"] == 3 and harbour["events"] == 2
    assert harbour["fatalities"] == 3  # reported only: the claim is never added in
    assert harbour["other_fatalities"] == [
        {"status": "claimed", "events": 1, "fatalities": CLAIMED_DEAD}
    ]
    assert harbour["first_event"] == harbour["last_event"] == "2024-04-02"
    assert page["items"][0] == harbour  # largest first


def test_a_story_span_leaves_out_its_historical_background(client: TestClient) -> None:
    drone = next(s for s in client.get("/stories").json()["items"] if "Nikopol" in s["places"])
    assert drone["events"] == 2 and drone["fatalities"] == 0
    assert drone["other_fatalities"] == [{"status": "historical", "events": 1, "fatalities": 7}]
    assert drone["first_event"] == drone["last_event"] == "2024-05-11"
    detail = client.get(f"/stories/{drone['story_id']}").json()
    assert detail["first_event"] == "2024-05-11" and detail["title"] == drone["title"]


def test_stories_sort_by_most_recent(client: TestClient) -> None:
    items = client.get("/stories", params={"sort": "recent"}).json()["items"]
    assert [s["places"][0] for s in items] == ["Mykolayiv", "Nikopol", "Ochakiv"]
    assert client.get("/stories", params={"sort": "newest"}).status_code == 422


def test_stories_follow_the_event_filters(client: TestClient) -> None:
    protests = client.get("/stories", params={"event_type": "Protests"}).json()
    assert protests["total"] == 1 and protests["items"][0]["places"] == ["Mykolayiv"]
    # Counted over the events that pass: the harbour story's reported event only.
    harbour = client.get("/stories", params={"reported": "true", "q": "warehouse"}).json()
    assert harbour["total"] == 1
    assert harbour["items"][0]["events"] == 1 and harbour["items"][0]["other_fatalities"] == []
    assert client.get("/stories", params={"q": "no such words"}).json() == {
        "total": 0,
        "items": [],
    }
    bad = client.get("/stories", params={"min_sources": "many"})
    assert bad.status_code == 422 and bad.json()["code"] == "FW701"
    names = {
        p["name"]
        for p in client.get("/openapi.json").json()["paths"]["/stories"]["get"]["parameters"]
    }
    assert {"event_type", "bbox", "q", "sort", "limit"} <= names


def test_a_story_lists_its_events_with_status_and_its_figures_apart(client: TestClient) -> None:
    story_id = _harbour(client.get("/stories").json()["items"])["story_id"]
    story = client.get(f"/stories/{story_id}").json()
    assert len(story["articles"]) == 3
    by_id = {e["event_id"]: e for e in story["events"]}
    assert set(by_id) == {"ev-harbour", "ev-claim"}
    assert by_id["ev-claim"]["status"] == "claimed" and by_id["ev-harbour"]["status"] == "reported"
    assert by_id["ev-harbour"]["cluster_id"] == "cl-harbour"
    assert story["fatalities"] == 3 and story["other_fatalities"][0]["fatalities"] == CLAIMED_DEAD


def test_the_story_filter_picks_its_events_for_events_and_stats(client: TestClient) -> None:
    story_id = _harbour(client.get("/stories").json()["items"])["story_id"]
    events = client.get("/events", params={"story": story_id}).json()["items"]
    assert sorted(e["event_id"] for e in events) == ["ev-claim", "ev-harbour"]
    stats = client.get("/stats", params={"story": story_id}).json()
    assert stats["events"] == 2 and stats["fatalities"] == 3
    assert [f["fatalities"] for f in stats["other_fatalities"]] == [CLAIMED_DEAD]
    assert stats["left_out"] == {"story": 3}  # the drone, its history and the protest
    assert client.get("/events", params={"story": "no-such-story"}).json()["items"] == []


def test_an_empty_store_has_no_stories(empty_store: Path) -> None:
    app = create_app(ServerSettings.from_config(load_config(), db=empty_store))
    empty = TestClient(app, base_url="http://127.0.0.1")
    assert empty.get("/stories").json() == {"total": 0, "items": []}
    assert empty.get("/stories", params={"sort": "recent", "event_type": "Battles"}).json() == {
        "total": 0,
        "items": [],
    }
    assert empty.get("/stories/anything").status_code == 404


def test_the_cli_lists_and_exports_one_story_s_events_as_the_api_does(
    client: TestClient, stories_db: Path, tmp_path: Path
) -> None:
    import json
    import subprocess

    story = _harbour(client.get("/stories").json()["items"])["story_id"]
    base = [sys.executable, "-m", "frontwire.cli.app"]
    listed = subprocess.run(
        [*base, "events", "--db", str(stories_db), "--story", story],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    every = client.get("/events", params={"story": story}).json()
    assert {json.loads(line)["event_id"] for line in listed} == {
        e["event_id"] for e in every["items"]
    }
    assert 0 < len(every["items"]) < len(client.get("/events").json()["items"])
    out = tmp_path / "story.csv"
    subprocess.run(
        [*base, "export", "--db", str(stories_db), "-f", "acled", "--story", story,
         "--status", "claimed", "-o", str(out)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    api = client.get("/export", params={"format": "acled", "story": story, "status": "claimed"})
    assert api.status_code == 200 and out.read_bytes() == api.content
    assert out.read_text(encoding="utf-8").count("\n") == 2  # the header and the one claim
