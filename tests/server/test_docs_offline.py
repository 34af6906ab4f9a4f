"""/docs and /redoc work offline: every script and stylesheet comes from this server, and the
pages render the schema in headless Chromium under the server's CSP with no other host."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from browser import chromium_page, require_chromium

from conftest import Served
from frontwire.server import ServerSettings, create_app
from frontwire.server.app import static_dir


@pytest.fixture(scope="module")
def client(figures_store: Path) -> Iterator[TestClient]:
    if not (static_dir() / "docs" / "swagger.html").is_file():
        pytest.fail("the dashboard is not built: (cd web && npm ci && npm run build)")
    with TestClient(
        create_app(ServerSettings(db=str(figures_store))), base_url="http://127.0.0.1"
    ) as c:
        yield c


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_pages_load_nothing_from_another_host(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith(("/static/", "data:")) for s in sources), sources
    assert "<script>" not in page.text  # no inline script: the CSP forbids it
    for source in sources:
        if source.startswith("/static/"):
            assert client.get(source).status_code == 200, source


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "ready"), [("/docs", ".opblock"), ("/redoc", "[data-section-id]")]
)
def test_docs_render_the_schema_offline(server: Served, path: str, ready: str) -> None:
    require_chromium()
    if importlib.util.find_spec("playwright") is None:
        pytest.fail("playwright is a test dependency")
    with chromium_page() as page:
        foreign: list[str] = []
        errors: list[str] = []

        def route(r: Any) -> None:
            # Offline: a request to any other host fails, and is noted.
            if r.request.url.startswith(server.url):
                r.continue_()
            else:
                foreign.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server.url + path)
        page.wait_for_selector(ready, timeout=20_000)
        assert "/events" in page.content()
        assert foreign == [] and errors == []
