"""``frontwire events`` lists what GET /events lists, from the same query."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_events_command_prints_the_filtered_events_as_json_lines(store_path: Path) -> None:
    copy = store_path.with_name("copy.duckdb")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "frontwire.cli.app",
            "events",
            "--db",
            str(copy),
            "--type",
            "Explosions/Remote violence",
            "--from",
            "2024-04-01",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["event_id"] for e in events] == ["ev-drone", "ev-harbour"]


def test_events_command_refuses_a_malformed_bbox(store_path: Path) -> None:
    copy = store_path.with_name("copy.duckdb")
    result = subprocess.run(
        [sys.executable, "-m", "frontwire.cli.app", "events", "--db", str(copy), "--bbox", "1,2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and "bbox" in result.stderr
