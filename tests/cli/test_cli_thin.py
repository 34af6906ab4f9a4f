"""Each command parses its arguments, calls one Python API function and renders its result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from frontwire import api
from frontwire.cli.app import app
from frontwire.config import Config
from frontwire.records import Article, RunStats


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """Replace the API functions the article commands call by recorders."""
    seen: list[tuple[str, dict[str, Any]]] = []

    def ingest(paths: list[str], **kwargs: Any) -> RunStats:
        seen.append(("ingest", {"paths": paths, **kwargs}))
        return RunStats(run_id="0123456789", started_at="now", articles=2)

    def analyze(paths: list[str], **kwargs: Any) -> api.Analysis:
        seen.append(("analyze", {"paths": paths, **kwargs}))
        return api.Analysis(articles=[Article.new("Shelling hit the town.")])

    monkeypatch.setattr(api, "ingest", ingest)
    monkeypatch.setattr(api, "analyze", analyze)
    return seen


def test_ingest_passes_its_options_to_the_api(
    calls: list[tuple[str, dict[str, Any]]], tmp_path: Path
) -> None:
    db = tmp_path / "x.duckdb"
    args = ["ingest", "in/", "--db", str(db), "--published", "2024-01-02", "--workers", "3"]
    result = CliRunner().invoke(app, [*args, "--redo", "--skip-existing"])
    assert result.exit_code == 0, result.output
    ((name, kwargs),) = calls
    assert name == "ingest"
    assert kwargs["paths"] == ["in/"]
    assert kwargs["db"] == db
    assert kwargs["published"] == "2024-01-02"
    assert kwargs["redo"] and kwargs["skip_existing"]
    assert isinstance(kwargs["config"], Config)
    assert kwargs["config"].pipeline.workers == 3
    assert "ingested 2 articles" in result.output


def test_analyze_prints_what_the_api_returns(calls: list[tuple[str, dict[str, Any]]]) -> None:
    result = CliRunner().invoke(app, ["analyze", "a.txt", "--json"])
    assert result.exit_code == 0, result.output
    assert calls[0][0] == "analyze"
    assert '"text": "Shelling hit the town."' in result.output
