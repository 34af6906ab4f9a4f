"""Events the events stage codes, in the store and in the ACLED / PLOVER exports, read back with
pandas. (Every export format is tested in tests/exports/.)"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
from typer.testing import CliRunner

import frontwire
from frontwire.cli.app import app
from frontwire.exports import ACLED_COLUMNS, ACLED_DTYPES
from frontwire.records import Article
from frontwire.store import Store

Code = Callable[..., Article]

REPORTS = (
    "Russian forces shelled Kupiansk on Sunday, killing five civilians.",
    "Police arrested 25 protesters in Lagos on Saturday. "
    "Rebels are preparing to attack the airport next week.",
)


def _store(tmp_path: Path, code: Code) -> Path:
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        store.write([code(text) for text in REPORTS], [])
    return path


def test_events_rows_follow_the_shared_layout(tmp_path: Path, code: Code) -> None:
    path = _store(tmp_path, code)
    con = duckdb.connect(str(path), read_only=True)
    rows = con.execute(
        "SELECT event_id, cluster_id, is_primary, reports, independent_sources, fatalities, "
        "event_date, time_precision, json_array_length(evidence), data->>'$.status' "
        "FROM events ORDER BY event_date"
    ).fetchall()
    con.close()
    assert rows, "no events stored"
    for event_id, cluster, primary, reports, sources, *_ in rows:
        assert cluster == event_id and primary and reports == 1 and sources == 1
    shelling = next(r for r in rows if r[5] == 5)
    assert str(shelling[6]) == "2023-03-05" and shelling[7] == 1 and shelling[8] == 1


def test_acled_export_has_acleds_31_columns_and_reads_back_with_its_dtypes(
    tmp_path: Path, code: Code
) -> None:
    path = _store(tmp_path, code)
    out = tmp_path / "acled.csv"
    written = frontwire.export("acled", output=out, db=path)
    frame = pd.read_csv(out, dtype=ACLED_DTYPES, keep_default_na=False, na_values=[""])
    assert tuple(frame.columns) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    assert len(frame) == written
    # The planned attack is in the store but not in the export of events that happened.
    assert "Rebels are preparing" not in " ".join(frame["notes"].dropna())
    shelling = frame[frame["sub_event_type"] == "Shelling/artillery/missile attack"].iloc[0]
    assert shelling["fatalities"] == 5 and shelling["iso"] == 804
    assert shelling["actor1"] == "Military Forces of Russia (2000-)"
    assert shelling["notes"].startswith("Russian forces shelled Kupiansk")
    # The publication that reported it, not a speaker.
    assert set(frame["source"]) == {"Wire"}
    assert pd.to_datetime(frame["event_date"]).notna().all()


def test_plover_export_is_json_lines_with_actor_and_recipient_lists(
    tmp_path: Path, code: Code
) -> None:
    path = _store(tmp_path, code)
    out = tmp_path / "plover.jsonl"
    result = CliRunner().invoke(
        app, ["export", "--format", "plover", "--db", str(path), "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    frame = pd.read_json(out, lines=True)
    assert {"id", "date", "actor", "recipient", "event", "mode", "context", "quad_code",
            "dead", "text_info", "cite_info"} <= set(frame.columns)  # fmt: skip
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assault = next(r for r in records if r["event"] == "ASSAULT")
    assert assault["actor"][0]["code"] == "RUS" and assault["recipient"][0]["sector"] == "CVL"
    assert assault["dead"] == 5 and assault["event_loc"]["precision"] == 1
