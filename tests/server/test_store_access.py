"""The server lets go of the store: ``frontwire ingest`` and ``frontwire events`` open it while
``frontwire serve`` runs, and new events show up without a restart."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from demo_events import insert_events

from conftest import Served
from frontwire.server import ServerSettings, create_app
from frontwire.store import Store


def test_a_writer_can_open_the_store_while_the_server_runs_and_its_events_appear(
    figures_store: Path, tmp_path: Path
) -> None:
    db = tmp_path / "live.duckdb"
    shutil.copy(figures_store, db)
    app = create_app(ServerSettings(db=str(db), snapshot_seconds=0.1))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        before = client.get("/stats").json()["events"]
        # What `frontwire ingest` does: open the store for writing. With the server holding
        # the file this raised "Could not set lock".
        with Store(db) as store:
            insert_events(
                store.connection,
                [{"event_id": "live-1", "article_id": "x", "event_date": "2024-05-01",
                  "event_type": "Battles", "status": "reported", "fatalities": 2}],
            )  # fmt: skip
        deadline = time.monotonic() + 20
        while client.get("/stats").json()["events"] == before:
            assert time.monotonic() < deadline, "the new event never showed"
            time.sleep(0.2)
        assert client.get("/events/live-1").json()["event"]["fatalities"] == 2
        assert (
            client.get("/store").json()["events"] == client.get("/stats").json()["store"]["events"]
        )


@pytest.mark.slow
def test_the_events_command_reads_the_store_a_writing_server_serves(server: Served) -> None:
    # The session server runs with an ingest token over this very file.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "frontwire.cli.app",
            "events",
            "--db",
            str(server.db),
            "--limit",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["event_id"] for line in result.stdout.splitlines()] == [
        "ev-protest",
        "ev-drone",
    ]


HOLD = """
import sys, time
sys.path.insert(0, sys.argv[3])
from frontwire.store import Store
from demo_events import insert_events
with Store(sys.argv[1]) as store:
    insert_events(store.connection, [{"event_id": "held-1", "article_id": "x",
                  "event_date": "2024-05-03", "status": "reported", "fatalities": 1}])
    store.connection.execute("CHECKPOINT")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@pytest.mark.slow
def test_reads_go_on_while_another_process_holds_the_store(
    figures_store: Path, tmp_path: Path
) -> None:
    db = tmp_path / "held.duckdb"
    shutil.copy(figures_store, db)
    app = create_app(ServerSettings(db=str(db), snapshot_seconds=0.1))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        before = client.get("/stats").json()["events"]
        # A long ingest: it holds DuckDB's lock on the store the whole time.
        writer = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(db), "3", str(Path(__file__).parents[1] / "support")],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert writer.stdout is not None and writer.stdout.readline().strip() == "holding"
            for _ in range(10):
                response = client.get("/stats")
                assert response.status_code == 200  # answered from the snapshot
                assert response.json()["events"] == before
                time.sleep(0.1)
        finally:
            writer.wait(timeout=30)
        deadline = time.monotonic() + 20
        while client.get("/stats").json()["events"] == before:
            assert time.monotonic() < deadline, "the held write never showed"
            time.sleep(0.2)
    folder = app.state.frontwire.snapshots._folder
    assert not folder.exists()  # the copies go with the server
