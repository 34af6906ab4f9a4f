"""Where a run's time went: the breakdown ``frontwire ingest --profile`` prints."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from frontwire.cli.app import app
from frontwire.pipeline.profile import breakdown, render
from frontwire.records import RunStats, StageStats


def test_breakdown_lists_stages_steps_extra_and_the_rest() -> None:
    stats = RunStats(run_id="r", started_at="now", stages=[StageStats("nlp", seconds=6.0)])
    stats.time("read", 0.5)
    stats.time("write", 1.0)
    rows = breakdown(stats, 10.0, {"dedup": 2.0})
    assert dict(rows) == {
        "stage nlp": 6.0,
        "read, decode, extract (ingest)": 0.5,
        "store writes": 1.0,
        "dedup": 2.0,
        "other (setup: model, gazetteer)": 0.5,
    }
    text = render(rows, 10.0, baseline=5.0)
    assert "stage nlp" in text and "60.0%" in text and "1.200" in text


def test_ingest_profile_prints_the_breakdown(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Officials said shelling hit the bridge at dawn.\n", encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text('[pipeline]\nstages = ["sanitize"]\n', encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["ingest", str(source), "--db", str(tmp_path / "s.duckdb"), "--profile",
         "--config", str(config)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    for step in ("stage sanitize", "store writes", "shard records", "dedup", "total"):
        assert step in result.stdout
