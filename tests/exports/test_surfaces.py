"""The CLI, the HTTP API and the Python API write byte-identical files for the same filters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import frontwire
from frontwire.cli.app import app
from frontwire.exports import FORMATS, TABLE_FORMATS
from frontwire.server import ServerSettings, create_app

# Each filter as GET /export takes it, and the same filter as `frontwire export` takes it.
FILTERS: dict[str, tuple[dict[str, str], list[str]]] = {
    "none": ({}, []),
    "ukraine-explosions-2024": (
        {"date_from": "2024-01-01", "event_type": "Explosions/Remote violence", "country": "UA"},
        ["--from", "2024-01-01", "--type", "Explosions/Remote violence", "--country", "UA"],
    ),
    "claimed-in-a-box": (
        {"status": "claimed", "bbox": "20,40,45,55", "min_sources": "1"},
        ["--status", "claimed", "--bbox", "20,40,45,55", "--min-sources", "1"],
    ),
}


@pytest.fixture(scope="module")
def http(corpus_db: Path) -> Iterator[TestClient]:
    with TestClient(
        create_app(ServerSettings(db=str(corpus_db))), base_url="http://127.0.0.1"
    ) as client:
        yield client


@pytest.mark.parametrize("name", FILTERS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_http_and_python_export_the_same_bytes(
    corpus_db: Path, http: TestClient, tmp_path: Path, fmt: str, name: str
) -> None:
    query, options = FILTERS[name]
    table = ["--table", "events"] if fmt in TABLE_FORMATS else []
    cli_file = tmp_path / f"cli.{fmt}"
    result = CliRunner().invoke(
        app,
        ["export", "--format", fmt, *table, "--db", str(corpus_db), "-o", str(cli_file), *options],
    )
    assert result.exit_code == 0, result.output
    response = http.get("/export", params={"format": fmt, **query})
    assert response.status_code == 200, response.text
    py_file = tmp_path / f"python.{fmt}"
    written = frontwire.export(fmt, table="events", filters=query, output=py_file, db=corpus_db)
    assert response.content == cli_file.read_bytes() == py_file.read_bytes()
    assert f"wrote {written} rows of events" in result.stderr
    if name == "none":
        assert written > 0


def test_every_event_format_lists_the_same_events(corpus_db: Path, tmp_path: Path) -> None:
    counts = {
        fmt: frontwire.export(fmt, table="events", output=tmp_path / fmt, db=corpus_db)
        for fmt in FORMATS
    }
    assert len(set(counts.values())) == 1, counts
