"""The HTTP API through real HTTP to a real ``frontwire serve`` (uvicorn) on 127.0.0.1."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import httpx
import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from conftest import TOKEN, Served

pytestmark = pytest.mark.slow


def test_events_lists_one_row_per_real_world_event_newest_first(server: Served) -> None:
    body = server.get("/events").json()
    assert [e["event_id"] for e in body["items"]] == ["ev-protest", "ev-drone", "ev-harbour"]
    assert body["next_cursor"] is None


def test_events_filters_by_bbox_dates_type_actor_sources_and_text(server: Served) -> None:
    def ids(**params: object) -> list[str]:
        return [e["event_id"] for e in server.get("/events", params=params).json()["items"]]

    assert ids(bbox="31.0,46.0,32.5,47.5") == ["ev-protest", "ev-harbour"]
    assert ids(date_from="2024-05-01", date_to="2024-05-31") == ["ev-drone"]
    assert ids(event_type="Protests") == ["ev-protest"]
    assert ids(sub_event_type="Air/drone strike") == ["ev-drone"]
    assert ids(plover="assault") == ["ev-drone", "ev-harbour"]
    assert ids(actor="protesters") == ["ev-protest"]
    assert ids(country="UA", status="reported", min_sources=2) == ["ev-harbour"]
    assert ids(q="warehouse") == ["ev-harbour"]
    assert ids(q="100%") == []  # wildcards match literally


def test_events_pages_with_a_cursor_through_every_event_once(server: Served) -> None:
    seen, cursor = [], None
    while True:
        params = {"limit": 1, "sort": "-fatalities", **({"cursor": cursor} if cursor else {})}
        body = server.get("/events", params=params).json()
        seen += [e["event_id"] for e in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen[0] == "ev-harbour" and sorted(seen) == ["ev-drone", "ev-harbour", "ev-protest"]


def test_events_as_geojson_by_accept_header_or_format(server: Served) -> None:
    by_accept = server.get("/events", headers={"Accept": "application/geo+json"})
    assert by_accept.headers["content-type"].startswith("application/geo+json")
    by_format = server.get("/events", params={"format": "geojson"}).json()
    assert by_accept.json() == by_format
    point = by_format["features"][0]
    assert point["geometry"] == {"type": "Point", "coordinates": [31.9946, 46.975]}


def test_event_detail_shows_every_source_evidence_and_revision(server: Served) -> None:
    body = server.get("/events/cl-harbour").json()
    assert body["reports"] == 2 and body["independent_sources"] == 2
    assert [s["event"]["source_name"] for s in body["sources"]] == [
        "Ilona Vasko",
        "a port official",
    ]
    for source in body["sources"]:
        span = source["evidence"][0]
        assert source["article"]["text"][span["start"] : span["end"]] == span["text"]
    assert body["revisions"][0]["action"] == "merged"
    # Any event id of the cluster leads to the same event.
    assert server.get("/events/ev-harbour-copy").json()["cluster_id"] == "cl-harbour"


def test_evidence_offsets_hold_in_the_original_text_of_a_repaired_article(server: Served) -> None:
    source = server.get("/events/ev-drone").json()["sources"][0]
    article, span = source["article"], source["evidence"][0]
    assert article["verdict"] != "clean" and article["edits"]
    assert article["text"][span["start"] : span["end"]] == span["text"]
    assert "\u043e" in article["original_text"][span["orig_start"] : span["orig_end"]]


def test_article_json_is_the_stored_article_with_its_events(server: Served) -> None:
    summary = server.get("/articles", params={"outlet": "Steppe News"}).json()["items"]
    assert len(summary) == 1 and summary[0]["events"] == 1
    article = server.get(f"/articles/{summary[0]['id']}").json()
    assert article["schema"] == "frontwire/article@1"
    assert article["forensics"]["edits"]
    assert server.get("/articles", params={"verdict": "clean"}).json()["items"]


def test_stats_actors_and_places_sum_up_the_events(server: Served) -> None:
    stats = server.get("/stats", params={"interval": "week"}).json()
    assert (stats["events"], stats["fatalities"], stats["reports"]) == (3, 3, 4)
    assert sum(b["events"] for b in stats["timeline"]) == 3
    assert stats["store"]["articles"] == 4
    actors = server.get("/actors").json()
    assert actors[0] == {"actor": "Military Forces of Russia (2000-)", "events": 2, "fatalities": 3}
    assert server.get("/places").status_code == 200


@pytest.mark.parametrize("fmt", ["acled", "plover", "geojson", "csv", "jsonl", "parquet"])
def test_export_streams_every_primary_event(server: Served, fmt: str) -> None:
    response = server.get("/export", params={"format": fmt})
    assert response.status_code == 200
    if fmt == "parquet":
        table = pq.read_table(io.BytesIO(response.content))
        assert table.num_rows == 3
    elif fmt in ("plover", "jsonl"):
        lines = [json.loads(line) for line in response.text.splitlines()]
        key = "event" if fmt == "plover" else "plover_event"
        assert {line[key] for line in lines} == {"ASSAULT", "PROTEST"}
    elif fmt == "geojson":
        assert len(response.json()["features"]) == 3
    else:
        rows = response.text.splitlines()
        assert len(rows) == 4
        assert rows[0].startswith("event_id_cnty,event_date,year" if fmt == "acled" else "event_id")


def test_analyze_returns_article_json_and_stores_nothing(server: Served) -> None:
    before = server.get("/stats").json()["store"]
    body = server.post_json(
        "/analyze", {"text": "Shelling hit the village of Bilozerka on Monday."}
    )
    assert body.status_code == 200
    assert body.json()["schema"] == "frontwire/article@1"
    html = server.post_json(
        "/analyze",
        {
            "html": "<html><body><article><p>Two shells hit a "
            "depot in Kherson, officials said on Friday.</p>"
            "</article></body></html>"
        },
    )
    assert html.status_code == 200 and "Kherson" in html.json()["text"]
    assert server.get("/stats").json()["store"] == before


def test_ingest_with_the_token_stores_the_article(server: Served) -> None:
    text = "A convoy of aid trucks reached Izium on Thursday, volunteers said."
    response = server.post_json(
        "/ingest", {"articles": [{"text": text}]}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 200, response.text
    stored = response.json()["ids"][0]
    assert server.get(f"/articles/{stored}").json()["text"] == text


def test_openapi_schema_lists_every_endpoint(server: Served) -> None:
    paths = server.get("/openapi.json").json()["paths"]
    for path in (
        "/events",
        "/events/{event_id}",
        "/articles",
        "/articles/{article_id}",
        "/places",
        "/actors",
        "/stats",
        "/export",
        "/analyze",
        "/ingest",
    ):
        assert path in paths


def test_a_store_without_events_answers_empty_not_an_error(empty_store: Path) -> None:
    from conftest import start_server

    served = start_server(empty_store)
    try:
        assert served.get("/events").json()["items"] == []
        assert served.get("/stats").json()["events"] == 0
        assert served.get("/actors").json() == []
        assert served.get("/events/anything").json()["code"] == "FW704"
        assert served.get("/export", params={"format": "csv"}).status_code == 200
        write = httpx.post(served.url + "/ingest", json={"articles": []}, timeout=10)
        assert (write.status_code, write.json()["code"]) == (403, "FW705")
    finally:
        served.process.terminate()
        served.process.wait(timeout=10)


def test_revision_times_carry_their_zone(server: Served) -> None:
    revisions = server.get("/events/cl-harbour").json()["revisions"]
    assert [r["revised_at"] for r in revisions] == ["2024-04-03T10:00:00Z"]
