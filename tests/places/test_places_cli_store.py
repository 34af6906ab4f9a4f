"""`frontwire gazetteer NAME`, places in `frontwire analyze --json` and in the store."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from frontwire.cli.app import app


def test_gazetteer_command_lists_candidates_best_first_with_reasons() -> None:
    result = CliRunner().invoke(app, ["gazetteer", "Kharkov", "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert "Kharkiv" in result.output and "prior" in result.output
    assert "best: Kharkiv" in result.output


def test_gazetteer_command_unknown_name_exits_1() -> None:
    result = CliRunner().invoke(app, ["gazetteer", "Qqqxzzv"])
    assert result.exit_code == 1
    assert "no place called" in result.output


def test_gazetteer_build_reports_the_ready_index() -> None:
    result = CliRunner().invoke(app, ["gazetteer", "--build"])
    assert result.exit_code == 0, result.output
    assert "gazetteer index ready" in result.output


def test_gazetteer_explain_in_context_shows_why_the_qualifier_wins() -> None:
    text = "Floodwater closed the schools in Paris, Texas, on Sunday."
    result = CliRunner().invoke(
        app, ["gazetteer", "Paris", "--explain", "--context", text, "--limit", "2"]
    )
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "US" in out and "qualified" in out


def test_analyze_json_and_store_carry_places(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Shelling continued in Kharkiv on Monday, officials in Kyiv said.\n")
    result = CliRunner().invoke(app, ["analyze", "--json", str(article)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout.splitlines()[0])
    kharkiv = next(p for p in data["places"] if p["span"]["text"] == "Kharkiv")
    for key in ("use", "name", "geonameid", "latitude", "longitude", "country_code", "admin1",
                "admin2", "feature", "population", "confidence", "precision"):  # fmt: skip
        assert key in kharkiv
    assert kharkiv["use"] == "literal" and kharkiv["country_code"] == "UA"
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(app, ["ingest", "--db", str(db), str(article)])
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT name, use, feature, country_code, confidence FROM places ORDER BY idx"
        ).fetchall()
    assert ("Kharkiv", "literal", "PPL", "UA") in [r[:4] for r in rows]
