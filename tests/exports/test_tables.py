"""Tables as Parquet, CSV and JSON Lines, and the checks every export request passes."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import frontwire
from frontwire.cli.app import app
from frontwire.errors import StoreError
from frontwire.store.rows import EVENTS


def test_events_parquet_reads_back_with_pyarrow(hand_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert frontwire.export("parquet", table="events", db=hand_db, output=out) == 2
    table = pq.read_table(out)
    assert table.column_names == list(EVENTS.names)
    rows = table.to_pylist()
    assert [r["event_id"] for r in rows] == ["ev-harbour", "ev-drone"]
    assert rows[0]["reports"] == 2 and rows[0]["latitude"] == pytest.approx(46.6186)
    assert str(rows[0]["event_date"]) == "2024-04-02"
    assert json.loads(rows[0]["data"])["source"]["name"] == "Ilona Vasko"


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_events_table_as_csv_and_json_lines(hand_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    assert frontwire.export(fmt, table="events", db=hand_db, output=out) == 2
    frame = pd.read_csv(out) if fmt == "csv" else pd.read_json(out, lines=True)
    assert list(frame.columns) == list(EVENTS.names)
    assert list(frame["event_id"]) == ["ev-harbour", "ev-drone"]


def test_articles_json_lines_is_still_the_article_json(hand_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "articles.jsonl"
    assert frontwire.export("jsonl", db=hand_db, output=out) == 4
    docs = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert {doc["schema"] for doc in docs} == {"frontwire/article@1"}


@pytest.mark.parametrize(
    ("fmt", "table", "filters", "code"),
    [
        ("xlsx", None, {}, "FW504"),
        ("csv", "schema_migrations", {}, "FW503"),
        ("csv", "rejects", {"event_type": "Battles"}, "FW510"),
        ("jsonl", None, {"status": "planned"}, "FW510"),
        ("acled", "articles", {}, "FW511"),
        ("acled", None, {"date_from": "yesterday"}, "FW512"),
        ("geojson", None, {"colour": "red"}, "FW512"),
    ],
)
def test_requests_that_do_not_fit_are_coded_errors(
    hand_db: Path,
    tmp_path: Path,
    fmt: str,
    table: str | None,
    filters: dict[str, str],
    code: str,
) -> None:
    out = tmp_path / "out"
    with pytest.raises(StoreError) as raised:
        frontwire.export(fmt, table=table, filters=filters, db=hand_db, output=out)
    assert raised.value.code == code
    assert not out.exists()


def test_cli_filter_error_exits_2_with_the_code(hand_db: Path) -> None:
    result = CliRunner().invoke(
        app, ["export", "-f", "acled", "--db", str(hand_db), "--from", "2024-13-01"]
    )
    assert result.exit_code == 2 and "FW512" in result.stderr


def test_cli_writes_events_to_stdout(hand_db: Path) -> None:
    result = CliRunner().invoke(app, ["export", "-f", "plover", "--db", str(hand_db)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        "cl-harbour",
        "ev-drone",
    ]
