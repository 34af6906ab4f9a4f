"""Figures that add up: every total is the sum over the events listed under the same filters,
each real-world event counts once, claimed and estimated figures stay apart, and no event
vanishes without a count (undated, unplaced, left out by a filter)."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from frontwire.server import ServerSettings, create_app


@pytest.fixture(scope="module")
def client(figures_store: Path) -> Iterator[TestClient]:
    app = create_app(ServerSettings(db=str(figures_store)))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client


def listed(client: TestClient, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Every event GET /events lists under ``params``, page by page."""
    events: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = client.get(
            "/events", params={**params, "limit": 2, **({"cursor": cursor} if cursor else {})}
        ).json()
        events += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return events


FILTERS: list[dict[str, Any]] = [
    {},
    {"date_from": "2024-03-01", "date_to": "2024-03-31"},
    {"event_type": "Battles"},
    {"bbox": "36.0,49.0,38.0,50.5"},
    {"status": "claimed"},
    {"undated": "true"},
    {"reported": "true"},
    {"reported": "false", "event_type": "Battles"},
    {"unplaced": "true"},
    {"country": "UA", "q": "killed"},
]


@pytest.mark.parametrize("params", FILTERS)
def test_every_total_is_the_sum_over_the_listed_events(
    client: TestClient, params: dict[str, Any]
) -> None:
    events = listed(client, params)
    stats = client.get("/stats", params=params).json()
    reported = [e for e in events if e["status"] in (None, "reported")]
    assert stats["events"] == len(events)
    assert stats["fatalities"] == sum(e["fatalities"] or 0 for e in reported)
    other: dict[str, int] = {}
    for e in events:
        if e not in reported:
            other[e["status"]] = other.get(e["status"], 0) + (e["fatalities"] or 0)
    assert {f["status"]: f["fatalities"] for f in stats["other_fatalities"]} == other
    assert stats["undated"] == sum(e["event_date"] is None for e in events)
    assert stats["unplaced"] == sum(e["latitude"] is None for e in events)
    assert sum(c["events"] for c in stats["by_status"]) == len(events)
    assert sum(b["events"] for b in stats["timeline"]) + stats["undated"] == len(events)
    placed = sum(p["events"] for p in stats["by_geo_precision"])
    assert placed + stats["unplaced"] == len(events)
    aggregates = client.get("/aggregates", params=params).json()["rows"]
    assert sum(r["events"] for r in aggregates) == len(events)
    assert sum(r["fatalities"] for r in aggregates) == stats["fatalities"]
    assert sum(r["claimed_fatalities"] for r in aggregates) == sum(other.values())


def test_a_real_world_event_counts_once_whatever_its_reports(client: TestClient) -> None:
    ids = [e["event_id"] for e in listed(client, {})]
    assert "f-a" in ids and "f-a-copy" not in ids
    stats = client.get("/stats").json()
    assert stats["events"] == 6 and stats["reports"] == 7


def test_claimed_and_estimated_figures_are_never_summed_into_reported_ones(
    client: TestClient,
) -> None:
    stats = client.get("/stats").json()
    assert stats["fatalities"] == 8  # 5 + 2 + 1, not 438 or 478
    assert stats["other_fatalities"] == [
        {"status": "claimed", "events": 1, "fatalities": 390},
        {"status": "estimated", "events": 1, "fatalities": 40},
    ]
    battles = next(c for c in stats["by_event_type"] if c["value"] == "Battles")
    assert (battles["fatalities"], battles["other_fatalities"]) == (0, 430)


def test_each_filter_says_how_many_events_it_leaves_out(client: TestClient) -> None:
    stats = client.get(
        "/stats", params={"date_from": "2024-03-01", "event_type": "Explosions/Remote violence"}
    ).json()
    # The undated shelling matches the type but no date range: left out, and said so.
    assert stats["left_out"] == {"date_from": 1, "event_type": 3}
    in_box = client.get("/stats", params={"bbox": "20,40,40,55"}).json()
    assert in_box["left_out"] == {"bbox": 1}  # the claim has no place


def test_undated_and_unplaced_events_have_their_own_bins(client: TestClient) -> None:
    stats = client.get("/stats").json()
    assert (stats["undated"], stats["unplaced"]) == (1, 1)
    assert [e["event_id"] for e in listed(client, {"undated": "true"})] == ["f-undated"]
    assert [e["event_id"] for e in listed(client, {"unplaced": "true"})] == ["f-claim"]
    assert len(listed(client, {"undated": "false"})) == 5


def test_geo_precision_is_counted_for_the_legend(client: TestClient) -> None:
    stats = client.get("/stats").json()
    assert stats["by_geo_precision"] == [
        {"geo_precision": 1, "events": 3},
        {"geo_precision": 2, "events": 1},
        {"geo_precision": 3, "events": 1},
    ]


def test_aggregates_by_region_and_month(client: TestClient) -> None:
    body = client.get("/aggregates", params={"by": "admin1", "period": "month"}).json()
    rows = {(r["region"], r["period"]): r for r in body["rows"]}
    march = rows[("Kharkiv", "2024-03-01")]
    assert (march["events"], march["fatalities"], march["claimed_fatalities"]) == (2, 5, 40)
    assert rows[(None, "2024-03-01")]["claimed_fatalities"] == 390  # unplaced, still there
    assert rows[("Kharkiv", None)]["events"] == 1  # undated, still there
    odesa = rows[("Odesa", "2024-04-01")]
    assert (odesa["crowd_size"], odesa["crowd_events"]) == (300, 1)


@pytest.mark.parametrize("by", ["admin1", "admin2", "country"])
@pytest.mark.parametrize("period", ["week", "month"])
def test_aggregates_csv_agrees_with_the_api(client: TestClient, by: str, period: str) -> None:
    params = {"by": by, "period": period}
    rows = client.get("/aggregates", params=params).json()["rows"]
    response = client.get("/aggregates", params={**params, "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert len(table) == len(rows)
    for line, row in zip(table, rows, strict=True):
        assert line[by] == (row["region"] or "")
        assert line["period"] == (row["period"] or "")
        for name in ("events", "fatalities", "claimed_fatalities", "crowd_size", "crowd_events"):
            assert int(line[name]) == row[name]
    if period == "week":
        assert all(r["period"] is None or _weekday(r["period"]) == 0 for r in rows)


def test_aggregates_refuse_an_unknown_grouping(client: TestClient) -> None:
    for params in ({"by": "admin3"}, {"period": "day"}, {"format": "xlsx"}):
        response = client.get("/aggregates", params=params)
        assert (response.status_code, response.json()["code"]) == (422, "FW701")


def _weekday(iso: str) -> int:
    import datetime as dt

    return dt.date.fromisoformat(iso).weekday()


def test_the_reported_filter_lists_exactly_the_events_behind_the_fatality_figure(
    client: TestClient,
) -> None:
    events = listed(client, {"reported": "true"})
    assert sum(e["fatalities"] for e in events) == client.get("/stats").json()["fatalities"]
    others = {e["event_id"] for e in listed(client, {"reported": "false"})}
    assert others == {"f-claim", "f-estimate"}
