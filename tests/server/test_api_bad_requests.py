"""Bad requests get a 4xx with a coded reason, and nothing in the store changes."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from conftest import TOKEN, Served

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def before(server: Served) -> Iterator[dict[str, int]]:
    counts = server.get("/stats").json()["store"]
    yield counts
    # After every bad request of this module, the store holds exactly what it did.
    assert server.get("/stats").json()["store"] == counts


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/events?bbox=10,20,abc,40", 422, "FW701"),
        ("/events?bbox=50,0,10,10", 422, "FW701"),
        ("/events?date_from=yesterday", 422, "FW701"),
        ("/events?min_sources=-3", 422, "FW701"),
        ("/events?sort=random()", 422, "FW701"),
        ("/events?limit=10000000", 400, "FW702"),
        ("/events?cursor=not-a-cursor", 400, "FW708"),
        ("/events?format=xml", 422, "FW701"),
        ("/export?format=xlsx", 422, "FW701"),
        ("/stats?interval=hour", 422, "FW701"),
        ("/articles?date_to=2024-13-45", 422, "FW701"),
        ("/events/nope", 404, "FW704"),
        ("/no/such/page", 404, "FW704"),
    ],
)
def test_malformed_filters_get_a_coded_4xx(
    server: Served, before: dict[str, int], path: str, status: int, code: str
) -> None:
    response = server.get(path)
    assert (response.status_code, response.json()["code"]) == (status, code), response.text
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    "value",
    [
        "'; DROP TABLE articles; --",
        "x' OR '1'='1",
        'Protests"); DELETE FROM events; --',
        "%' UNION SELECT * FROM articles --",
    ],
)
def test_sql_in_a_parameter_is_only_a_value(
    server: Served, before: dict[str, int], value: str
) -> None:
    for name in ("event_type", "actor", "q", "country", "status"):
        response = server.get("/events", params={name: value})
        assert response.status_code == 200 and response.json()["items"] == []
    assert server.get(f"/articles/{value}").json()["code"] == "FW704"


def test_a_100_mb_body_is_refused_before_it_is_read(server: Served, before: dict[str, int]) -> None:
    body = b'{"text": "' + b"a" * (100 * 1024 * 1024) + b'"}'
    response = httpx.post(
        server.url + "/analyze",
        content=body,
        headers={"Content-Type": "application/json"},
        timeout=60,
    )
    assert (response.status_code, response.json()["code"]) == (413, "FW703")


def test_a_chunked_body_over_the_limit_is_refused(server: Served, before: dict[str, int]) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(40):
            yield b"a" * 100_000
        yield b'"}'

    response = httpx.post(
        server.url + "/analyze",
        content=chunks(),
        headers={"Content-Type": "application/json"},
        timeout=60,
    )
    assert (response.status_code, response.json()["code"]) == (413, "FW703")


def test_a_write_without_the_token_is_refused(server: Served, before: dict[str, int]) -> None:
    body = {"articles": [{"text": "Shelling hit a village near Kupiansk on Monday."}]}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        response = server.post_json("/ingest", body, headers=headers)
        assert (response.status_code, response.json()["code"]) == (401, "FW706")


def test_bad_bodies_get_a_coded_4xx(server: Served, before: dict[str, int]) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    cases = [
        ("/analyze", {"text": "a", "html": "<p>b</p>"}, 422, "FW701"),
        ("/analyze", {"nothing": 1}, 422, "FW701"),
        ("/analyze", {"text": "   "}, 422, "FW710"),
        ("/ingest", {"articles": "many"}, 422, "FW701"),
    ]
    for path, body, status, code in cases:
        response = server.post_json(path, body, headers=auth)
        assert (response.status_code, response.json()["code"]) == (status, code), response.text
    broken = httpx.post(
        server.url + "/analyze",
        content=b"{not json",
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert (broken.status_code, broken.json()["code"]) == (422, "FW701")
    wrong_method = httpx.delete(server.url + "/events", timeout=10)
    assert (wrong_method.status_code, wrong_method.json()["code"]) == (405, "FW709")
