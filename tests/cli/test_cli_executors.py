"""`frontwire ingest` with --executor ray, WARC input, reruns, --redo and --skip-existing."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from frontwire.cli.app import app
from frontwire.config import load_config
from frontwire.errors import DependencyError

REPORT = (
    "Officials in Kharkiv said artillery fire hit a school on Friday, killing two civilians. "
    "Governor Oleh Syniehubov urged residents to stay in shelters."
)


def inputs(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b.txt").write_text(REPORT.replace("two", "three"), encoding="utf-8")
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    html = f"<html><body><article><p>{REPORT.replace('two', 'four')}</p></article></body></html>"
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://news.example.org/a", "response", payload=io.BytesIO(html.encode()),
            http_headers=headers,
        )
    )  # fmt: skip
    writer.write_record(
        writer.create_warc_record(
            "https://news.example.org/a", "request", payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")
        )
    )
    (folder / "crawl.warc.gz").write_bytes(buf.getvalue())
    return folder


def stored(db: Path) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select id, url, text from articles order by id").fetchall()


def test_ingest_on_ray_stores_what_the_local_executor_stores(
    ray_instance: Any, tmp_path: Path
) -> None:
    folder = inputs(tmp_path / "in")
    runner = CliRunner()
    local_db, ray_db = tmp_path / "local.duckdb", tmp_path / "ray.duckdb"
    local = runner.invoke(app, ["ingest", str(folder), "--db", str(local_db)])
    assert local.exit_code == 0, local.output
    remote = runner.invoke(
        app, ["ingest", str(folder), "--db", str(ray_db), "--executor", "ray", "--workers", "2"]
    )
    assert remote.exit_code == 0, remote.output
    assert "ingested 3 articles" in remote.output and "skipped 1 request" in remote.output
    assert stored(ray_db) == stored(local_db)
    assert any(url == "https://news.example.org/a" for _, url, _ in stored(ray_db))


def test_a_rerun_skips_finished_inputs_and_redo_with_skip_existing_skips_articles(
    tmp_path: Path,
) -> None:
    folder = inputs(tmp_path / "in")
    db = tmp_path / "s.duckdb"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(folder), "--db", str(db)]).exit_code == 0
    again = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert again.exit_code == 0 and "skipped 3 shards" in again.output
    redo = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--redo", "--skip-existing"])
    assert redo.exit_code == 0 and "3 existing" in redo.output


def test_an_unknown_executor_is_a_config_error(tmp_path: Path) -> None:
    folder = inputs(tmp_path / "in")
    result = CliRunner().invoke(
        app, ["ingest", str(folder), "--db", str(tmp_path / "x.duckdb"), "--executor", "spark"]
    )
    assert result.exit_code == 2 and "FW105" in result.output


def test_ray_missing_is_a_coded_error_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from frontwire.executors.ray import RayExecutor
    from frontwire.pipeline import Pipeline

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    with pytest.raises(DependencyError) as caught:
        RayExecutor(Pipeline([]))
    assert caught.value.code == "FW605"
    assert "pip install 'frontwire[ray]'" in caught.value.message
    assert load_config()["pipeline"]["executor"] == "local"
