from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwire.cli.app import app
from frontwire.evaluation.dedup import corpus_texts
from frontwire.evaluation.spin import SpinOptions, spin

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    texts = corpus_texts(REPO)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(texts[0][1], "utf-8")
    (folder / "b.txt").write_text(spin(texts[0][1], 5, SpinOptions()), "utf-8")
    (folder / "c.txt").write_text(texts[4][1], "utf-8")
    return folder


def test_analyze_over_several_inputs_fills_duplicates_across_them(inputs: Path) -> None:
    result = CliRunner().invoke(app, ["analyze", "--json", str(inputs)])
    assert result.exit_code == 0, result.output
    rows = {Path(d["source"]["path"]).name: d for d in map(json.loads, result.stdout.splitlines())}
    a, b, c = rows["a.txt"]["duplicates"], rows["b.txt"]["duplicates"], rows["c.txt"]["duplicates"]
    assert a["cluster_id"] == b["cluster_id"] != c["cluster_id"]
    assert b["original_id"] == rows["a.txt"]["id"] or b["original_id"] == rows["b.txt"]["id"]
    assert set(a) == {"cluster_id", "original_id", "similarity", "story_id"}


def test_ingest_then_dedup_and_stats_report_copy_clusters(inputs: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "s.duckdb"
    assert runner.invoke(app, ["ingest", str(inputs), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["dedup", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["articles"] == 3 and report["copy_clusters"] == 2
    assert len(report["clusters"][0]["members"]) == 2
    stats = runner.invoke(app, ["stats", "--db", str(db)])
    assert "2 copy clusters" in stats.stdout
    exported = runner.invoke(app, ["export", "--db", str(db)])
    dups = [json.loads(line)["duplicates"] for line in exported.stdout.splitlines()]
    assert all(d["cluster_id"] for d in dups)
