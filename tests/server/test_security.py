"""What a security review checks of ``frontwire serve``: headers, the Host check, readable
refusals of oversized bodies, coded 4xx for bad input, and no temp files left behind."""

from __future__ import annotations

import json
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from conftest import Served
from frontwire.server import ServerSettings, create_app
from frontwire.server.models import check_published
from frontwire.server.security import allowed_hosts, host_allowed


@pytest.fixture(scope="module")
def client(figures_store: Path) -> Iterator[TestClient]:
    app = create_app(ServerSettings(db=str(figures_store)))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        yield client


@pytest.mark.parametrize("path", ["/", "/events", "/static/app.js", "/no/such/page"])
def test_every_answer_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = {
        part.split()[0]: part.split()[1:]
        for part in headers["content-security-policy"].split(";")
        if part.strip()
    }
    assert csp["script-src"] == ["'self'"]  # no inline script, no other origin
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["default-src"] == ["'none'"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io:8000", "localhost.evil"]
)
def test_a_foreign_host_header_is_refused(client: TestClient, host: str) -> None:
    response = client.get("/events", headers={"Host": host})
    assert (response.status_code, response.json()["code"]) == (421, "FW713")
    assert "items" not in response.text


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "127.0.0.1", "[::1]:8000"])
def test_the_bound_address_and_loopback_names_are_served(client: TestClient, host: str) -> None:
    assert client.get("/events", headers={"Host": host}).status_code == 200


def test_a_wildcard_bind_accepts_addresses_but_not_foreign_names() -> None:
    names = allowed_hosts("0.0.0.0")
    assert names is not None
    assert host_allowed("192.168.1.20:8000", names, any_ip=True)
    assert host_allowed("localhost:8000", names, any_ip=True)
    assert not host_allowed("rebind.evil.example:8000", names, any_ip=True)


def test_a_lone_surrogate_in_analyze_is_a_coded_4xx(client: TestClient) -> None:
    bodies = [
        '{"text": "Shelling \\udc00 hit Kupiansk."}',
        '{"text": "Shelling hit Kupiansk.", "title": "bad \\ud800 text"}',
        '{"html": "<p>Shelling</p>", "outlet": "\\ud83d"}',
    ]
    for body in bodies:
        response = client.post(
            "/analyze", content=body.encode(), headers={"Content-Type": "application/json"}
        )
        assert (response.status_code, response.json()["code"]) == (422, "FW701"), response.text
        assert "surrogate" in response.json()["message"]


@pytest.mark.parametrize("published", ["9999-99-99", "2024-13-45", "yesterday", "2999-01-01"])
def test_impossible_or_future_publication_dates_are_refused(
    client: TestClient, published: str
) -> None:
    response = client.post("/analyze", json={"text": "Shelling.", "published": published})
    assert (response.status_code, response.json()["code"]) == (422, "FW701"), response.text


def test_a_publication_time_keeps_its_zone() -> None:
    moment = check_published("2024-04-02T23:30:00+03:00")
    assert moment.utcoffset() is not None and moment.utcoffset().total_seconds() == 3 * 3600  # type: ignore[union-attr]


@pytest.mark.parametrize("word", ["text", "start", "orig_end", '"end"'])
def test_evidence_search_matches_the_sentences_not_the_json_keys(
    client: TestClient, word: str
) -> None:
    assert client.get("/events", params={"q": word}).json()["items"] == []


def test_evidence_search_still_finds_words_of_the_sentence(client: TestClient) -> None:
    ids = [e["event_id"] for e in client.get("/events", params={"q": "people"}).json()["items"]]
    assert ids == ["f-a"]


def _leftovers(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*"))


def test_an_aborted_parquet_export_leaves_no_temp_file(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with client.stream("GET", "/export", params={"format": "parquet"}) as response:
        assert response.status_code == 200
        first = next(response.iter_bytes())
        assert first.startswith(b"PAR1")
        # The client hangs up here, mid-download.
    assert _leftovers(tmp_path) == []


def test_a_failed_parquet_export_leaves_no_temp_file(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    real_open = Path.open

    def half_written(self: Path, *args: object, **kwargs: object) -> object:
        # DuckDB has written the file; reading it back fails as a full or failing disk would.
        if self.suffix == ".parquet":
            raise OSError("disk full")
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", half_written)
    with TestClient(client.app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        response = c.get("/export", params={"format": "parquet"})
    assert response.status_code == 503 and response.json()["code"] == "FW508"
    assert _leftovers(tmp_path) == []


@pytest.mark.slow
def test_a_101_mb_body_from_urllib_gets_a_readable_413(server: Served) -> None:
    # urllib sends the whole body before it reads the answer: a server that answers and
    # closes early shows it "connection reset", not the 413.
    body = b'{"text": "' + b"a" * (101 * 1024 * 1024) + b'"}'
    request = urllib.request.Request(
        server.url + "/analyze",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=60)
    assert refused.value.code == 413
    assert json.loads(refused.value.read())["code"] == "FW703"
