"""Exporting tables as JSON Lines, CSV and Parquet, to files and to stdout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from frontwire.errors import StoreError
from frontwire.exports import TABLE_FORMATS as FORMATS
from frontwire.exports import ExportRequest, write_export
from frontwire.output import article_to_json
from frontwire.records import RunStats, StageStats
from frontwire.store import TABLES, Store

_READERS = {
    "jsonl": "read_json($1, format = 'newline_delimited', columns = {columns})",
    "csv": "read_csv($1, header = true, columns = {columns})",
    "parquet": "read_parquet($1)",
}


@pytest.fixture
def filled(tmp_path: Path, batch_builder) -> tuple[Path, list[Any]]:
    """A store holding two batches and one run; the batches."""
    path = tmp_path / "filled.duckdb"
    batches = batch_builder(2, 3)
    with Store(path) as store:
        store.record_run(RunStats("run-a", "2024-01-01T00:00:00+00:00", stages=[StageStats("nlp")]))
        for articles, rejects in batches:
            store.write(articles, rejects)
    return path, batches


def _columns(path: Path, table: str) -> list[tuple[str, str]]:
    with duckdb.connect(str(path), read_only=True) as con:
        described = con.execute(f"DESCRIBE {table}").fetchall()
    return [(row[0], row[1]) for row in described if not (table == "articles" and row[0] == "json")]


def _rows(
    con: duckdb.DuckDBPyConnection, source: str, columns: list[tuple[str, str]], params: list[str]
) -> list[tuple[Any, ...]]:
    """Rows of ``source`` in key order; JSON columns parsed, so formatting does not matter."""
    rows = con.execute(
        f"SELECT {', '.join(n for n, _ in columns)} FROM {source} ORDER BY 1, 2", params
    ).fetchall()
    is_json = [sql_type == "JSON" for _, sql_type in columns]
    return [
        tuple(
            json.loads(v) if j and isinstance(v, str) else v
            for v, j in zip(row, is_json, strict=True)
        )
        for row in rows
    ]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("table", TABLES)
def test_export_round_trips_every_table(
    filled: tuple[Path, list[Any]], tmp_path: Path, table: str, fmt: str
) -> None:
    path, batches = filled
    out = tmp_path / f"{table}.{fmt}"
    with Store(path, read_only=True) as store:
        written = write_export(store.connection, ExportRequest(fmt, table), out)
        expected_rows = store.counts()[table]
    assert written == expected_rows > 0
    if table == "articles" and fmt == "jsonl":
        articles = {a.id: a for batch, _ in batches for a in batch}
        lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert [doc["id"] for doc in lines] == sorted(articles)
        assert lines == [article_to_json(articles[doc["id"]]) for doc in lines]
        return
    columns = _columns(path, table)
    with duckdb.connect(str(path), read_only=True) as con:
        stored = _rows(con, table, columns, [])
        # Read the file back with the table's own column types: every value must survive.
        typed = "{" + ", ".join(f"'{n}': '{t}'" for n, t in columns) + "}"
        source = _READERS[fmt].format(columns=typed)
        assert [
            row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}", [str(out)]).fetchall()
        ] == [n for n, _ in columns]
        assert _rows(con, source, columns, [str(out)]) == stored


def test_export_is_ordered_and_repeatable(filled: tuple[Path, list[Any]], tmp_path: Path) -> None:
    path, _ = filled
    first, second = tmp_path / "1.csv", tmp_path / "2.csv"
    with Store(path, read_only=True) as store:
        write_export(store.connection, ExportRequest("csv", "entities"), first)
        write_export(store.connection, ExportRequest("csv", "entities"), second)
    assert first.read_bytes() == second.read_bytes()
    keys = [line.split(",")[:2] for line in first.read_text("utf-8").splitlines()[1:]]
    assert keys == sorted(keys, key=lambda k: (k[0], int(k[1])))


@pytest.mark.parametrize(
    ("table", "fmt"), [("articles", "jsonl"), ("rejects", "jsonl"), ("places", "csv")]
)
def test_export_to_stdout(
    filled: tuple[Path, list[Any]], capsys: pytest.CaptureFixture[str], table: str, fmt: str
) -> None:
    path, _ = filled
    with Store(path, read_only=True) as store:
        written = write_export(store.connection, ExportRequest(fmt, table), None)
        expected = store.counts()[table]
    lines = capsys.readouterr().out.splitlines()
    header = 1 if fmt == "csv" else 0
    assert written == expected == len(lines) - header
    if fmt == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in lines)
    else:
        assert lines[0].startswith("article_id,idx,name,")


def test_unknown_table_raises_fw503(filled: tuple[Path, list[Any]], tmp_path: Path) -> None:
    with Store(filled[0], read_only=True) as store, pytest.raises(StoreError) as raised:
        write_export(
            store.connection, ExportRequest("csv", "schema_migrations"), tmp_path / "x.csv"
        )
    assert raised.value.code == "FW503"
    assert "entities" in raised.value.message


def test_unknown_format_raises_fw504(filled: tuple[Path, list[Any]], tmp_path: Path) -> None:
    with Store(filled[0], read_only=True) as store, pytest.raises(StoreError) as raised:
        write_export(store.connection, ExportRequest("xlsx", "articles"), tmp_path / "x.xlsx")
    assert raised.value.code == "FW504"
    assert not (tmp_path / "x.xlsx").exists()


def test_parquet_to_stdout_raises_fw507(filled: tuple[Path, list[Any]]) -> None:
    with Store(filled[0], read_only=True) as store, pytest.raises(StoreError) as raised:
        write_export(store.connection, ExportRequest("parquet", "articles"), None)
    assert raised.value.code == "FW507"


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_into_a_missing_folder_raises_fw508(
    filled: tuple[Path, list[Any]], tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "no" / "such" / f"articles.{fmt}"
    with Store(filled[0], read_only=True) as store, pytest.raises(StoreError) as raised:
        write_export(store.connection, ExportRequest(fmt, "articles"), out)
    assert raised.value.code == "FW508"
    assert str(out) in raised.value.message


def test_export_of_an_empty_table_writes_no_rows(tmp_path: Path) -> None:
    out = tmp_path / "quotes.csv"
    with Store(tmp_path / "empty.duckdb") as store:
        assert write_export(store.connection, ExportRequest("csv", "quotes"), out) == 0
    assert out.read_text("utf-8").splitlines() == [
        "article_id,idx,direct,content,speaker,cue,text,kind,status,speaker_name,speaker_kind,"
        "speaker_cluster_id,speaker_role,speaker_affiliation"
    ]
