"""The command line, end to end: real files, the real spaCy model, a real DuckDB file."""

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from frontwire.cli.app import app
from frontwire.output import TOP_LEVEL_KEYS

CONTRACT_KEYS = set(TOP_LEVEL_KEYS)
REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"

ARTICLE = (
    "Kupiansk, 3 March 2023\n\n"
    "Regional governor Taras Hlynenko said artillery fire hit a school in Kupiansk on Friday, "
    "killing two civilians. The Ukrainian Red Cross sent a team to the town.\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        json.dumps({"text": ARTICLE.replace("two", "three"), "outlet": "Wire Dispatch", "x": 1})
        + "\n{not json\n"
        + json.dumps({"title": "no text here"})
        + "\n",
        encoding="utf-8",
    )
    return folder


def test_analyze_json_prints_one_object_per_article_with_every_contract_key(
    runner: CliRunner, inputs: Path
) -> None:
    result = runner.invoke(app, ["analyze", str(inputs), "--json"])
    assert result.exit_code == 0, result.output
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) == 2
    for obj in objects:
        assert set(obj) >= CONTRACT_KEYS
        assert obj["forensics"]["report"]["verdict"] == "clean"
    assert any(e["text"] == "Taras Hlynenko" for e in objects[0]["entities"])
    # Every bad input is named, with its line, on stderr.
    assert "empty.txt" in result.stderr
    assert "feed.jsonl:2" in result.stderr and "feed.jsonl:3" in result.stderr


def test_analyze_seed_article_reads_through_the_disguise(
    runner: CliRunner, seed_article_path: Path
) -> None:
    result = runner.invoke(app, ["analyze", str(seed_article_path), "--json"])
    assert result.exit_code == 0, result.output
    [obj] = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(obj) >= CONTRACT_KEYS
    assert "\u0430" not in obj["text"]
    assert obj["forensics"]["report"]["verdict"] == "deliberately_obfuscated"
    names = {e["text"] for e in obj["entities"]}
    assert "Februаry" not in names and "а mаn аt а" not in names
    original = seed_article_path.read_text(encoding="utf-8")
    for entity in obj["entities"]:
        span = entity["span"]
        assert (
            original[span["orig_start"] : span["orig_end"]].replace("\u0430", "a") == span["text"]
        )


def test_analyze_summary_shows_the_verdict(runner: CliRunner, inputs: Path) -> None:
    result = runner.invoke(app, ["analyze", str(inputs / "good.txt")])
    assert result.exit_code == 0, result.output
    assert "forensics: clean" in result.stdout
    assert "Taras Hlynenko" in result.stdout


def test_nothing_processable_exits_non_zero(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "FW301" in result.stderr and "missing.txt" in result.stderr


def test_ingest_twice_leaves_every_table_unchanged(
    runner: CliRunner, inputs: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.duckdb"
    first = runner.invoke(app, ["ingest", str(inputs), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "ingested 2 articles, rejected 3" in first.stdout

    def counts() -> dict[str, int]:
        with duckdb.connect(str(db), read_only=True) as con:
            tables = ["articles", "entities", "quotes", "events", "places", "rejects"]
            return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}  # type: ignore[index]

    before = counts()
    assert before["articles"] == 2 and before["rejects"] == 3 and before["entities"] > 0
    second = runner.invoke(app, ["ingest", str(inputs), "--db", str(db)])
    assert second.exit_code == 0, second.output
    assert counts() == before


def test_export_and_stats_read_the_store(runner: CliRunner, inputs: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    assert runner.invoke(app, ["ingest", str(inputs), "--db", str(db)]).exit_code == 0
    exported = runner.invoke(app, ["export", "--db", str(db), "--format", "jsonl"])
    assert exported.exit_code == 0, exported.output
    objects = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(objects) == 2 and all(set(o) >= CONTRACT_KEYS for o in objects)
    out = tmp_path / "rejects.parquet"
    parquet = runner.invoke(
        app, ["export", "--db", str(db), "-f", "parquet", "-t", "rejects", "-o", str(out)]
    )
    assert parquet.exit_code == 0, parquet.output
    with duckdb.connect() as con:
        codes = sorted(r[0] for r in con.execute(f"select code from '{out}'").fetchall())
    assert codes == ["FW302", "FW306", "FW307"]
    stats = runner.invoke(app, ["stats", "--db", str(db)])
    assert stats.exit_code == 0, stats.output
    assert "articles" in stats.stdout


def test_bad_config_stops_with_a_coded_message(
    runner: CliRunner, inputs: Path, tmp_path: Path
) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[nlp]\nbatchsize = 3\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(inputs), "--config", str(config)])
    assert result.exit_code == 2
    assert "FW103" in result.stderr and "batch_size" in result.stderr


def test_config_prints_the_commented_default(runner: CliRunner) -> None:
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 0
    assert "[pipeline]" in result.stdout and "# " in result.stdout


def test_sanitize_prints_repaired_text_and_report(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "disguised.txt"
    path.write_text("The convoy reached Kherson \u0430nd Mykolaiv on Sunday.\n", encoding="utf-8")
    text = runner.invoke(app, ["sanitize", str(path)])
    assert text.exit_code == 0, text.output
    assert text.stdout == "The convoy reached Kherson and Mykolaiv on Sunday.\n"
    report = runner.invoke(app, ["sanitize", str(path), "--report"])
    data = json.loads(report.stdout)
    assert data["edits"][0]["original"] == "\u0430" and data["edits"][0]["replacement"] == "a"


def test_bundled_corpus_ingests_without_rejects(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    result = runner.invoke(app, ["ingest", str(CORPUS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "rejected 0" in result.stdout


def test_published_option_fills_inputs_without_a_date(runner: CliRunner, inputs: Path) -> None:
    result = runner.invoke(
        app, ["analyze", str(inputs / "good.txt"), "--json", "--published", "2023-03-03"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["source"]["published"] == "2023-03-03"


def test_bad_published_option_is_a_coded_error(runner: CliRunner, inputs: Path) -> None:
    result = runner.invoke(app, ["analyze", str(inputs), "--published", "last Tuesday-ish"])
    assert result.exit_code == 2
    assert "FW312" in result.stderr


def test_standard_input_is_read_with_a_dash(runner: CliRunner) -> None:
    result = runner.invoke(app, ["analyze", "-", "--json"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout)
    assert obj["text"] == ARTICLE and obj["source"]["path"] == "<stdin>"


def test_python_dash_m_frontwire_runs_the_cli() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "frontwire", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "analyze" in result.stdout
