"""The CLI around the server: ``serve`` prints its URL; a busy or impossible port and a bad
``events --limit`` exit 2 with a coded line, never 3 (the code of a bug)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

# Each case starts the CLI in a fresh interpreter (a few seconds of imports): CI only.
pytestmark = pytest.mark.slow

COMMAND = [sys.executable, "-m", "frontwire.cli.app"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("limit", ["0", "-5"])
def test_events_with_a_limit_below_one_exits_2(figures_store: Path, limit: str) -> None:
    result = run("events", "--db", str(figures_store), "--limit", limit)
    assert result.returncode == 2, result.stderr
    assert "FW717" in result.stderr and "--limit" in result.stderr


def test_serve_refuses_a_port_out_of_range(figures_store: Path) -> None:
    result = run("serve", "--db", str(figures_store), "--port", "99999")
    assert result.returncode == 2, result.stderr
    assert "FW715" in result.stderr and "99999" in result.stderr


def test_serve_on_a_busy_port_exits_2_with_a_clear_message(figures_store: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = run("serve", "--db", str(figures_store), "--port", str(port))
    assert result.returncode == 2, result.stderr
    assert "FW716" in result.stderr and "in use" in result.stderr


def test_help_says_what_each_server_command_needs() -> None:
    for command in ("serve", "events"):
        result = run(command, "--help")
        assert result.returncode == 0 and "Needs no extra" in " ".join(result.stdout.split())
    ingest = run("ingest", "--help")
    assert "pip install 'frontwire[ray]'" in " ".join(ingest.stdout.replace("│", " ").split())


def test_serve_prints_the_url_it_serves(figures_store: Path, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [*COMMAND, "serve", "--db", str(figures_store), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        url = line.split()[3]
        deadline = time.monotonic() + 20
        while True:
            try:
                assert httpx.get(url + "events", timeout=2).status_code == 200
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
    finally:
        process.terminate()
        process.wait(timeout=10)
