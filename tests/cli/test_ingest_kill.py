"""An ingest killed midway and run again loses nothing and duplicates nothing."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

TABLES = ["articles", "entities", "quotes", "events", "places", "rejects"]
N = 1500  # articles: enough work after start-up for a kill to land midway
TOWNS = ["Kupiansk", "Izium", "Balakliia", "Lyman", "Sumy", "Kherson", "Nikopol", "Pokrovsk"]


def write_corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        text = (
            f"Report {i} from {town}.\n\n"
            f"Officials in {town} said {i % 7 + 1} people were injured when shells struck a "
            f"market on day {i}. Governor Mykola Danylenko urged residents to stay in shelters.\n"
        )
        (folder / f"report-{i:04d}.txt").write_text(text, encoding="utf-8")
    (folder / "broken.jsonl").write_text("{oops\n", encoding="utf-8")


def ingest_command(corpus: Path, db: Path, config: Path) -> list[str]:
    return [sys.executable, "-m", "frontwire.cli.app", "ingest", str(corpus), "--db", str(db),
            "--config", str(config)]  # fmt: skip


def snapshot(db: Path) -> dict[str, object]:
    with duckdb.connect(str(db), read_only=True) as con:
        counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]
        ids = sorted(r[0] for r in con.execute("select id from articles").fetchall())
        ents = con.execute(
            "select article_id, idx, text, orig_start, orig_end from entities order by all"
        ).fetchall()
        deduplicated = con.execute("select count(*) from article_dedup").fetchone()[0]  # type: ignore[index]
    return {"counts": counts, "ids": ids, "entities": ents, "deduplicated": deduplicated}


@pytest.mark.slow
def test_killed_ingest_rerun_equals_a_clean_ingest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, N)
    config = tmp_path / "small-batches.toml"
    # Small batches: many commits, so the kill lands between and inside them.
    config.write_text("[pipeline]\nbatch_size = 4\n[nlp]\nbatch_size = 4\n", encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    # The clean run also measures when the store appears and when the run ends, so the kill
    # below lands in the middle of the work on any machine.
    clean_db = tmp_path / "clean.duckdb"
    appeared, finished = timed_run(ingest_command(corpus, clean_db, config), clean_db, env)
    clean = snapshot(clean_db)
    assert clean["counts"]["articles"] == N  # type: ignore[index]

    killed_db = tmp_path / "killed.duckdb"
    proc = subprocess.Popen(ingest_command(corpus, killed_db, config), env=env, **QUIET)
    wait_for(killed_db)
    time.sleep((finished - appeared) * 0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = snapshot(killed_db)  # the store opens cleanly after the kill
    # Killed midway: in the stages (fewer articles) or in the dedup step after them, which
    # takes a share of the run and commits all at once (no article deduplicated yet).
    assert partial["counts"]["articles"] < N or partial["deduplicated"] < N  # type: ignore[index,operator]

    subprocess.run(ingest_command(corpus, killed_db, config), check=True, env=env, **QUIET)
    assert snapshot(killed_db) == clean


QUIET: dict[str, int] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}


def wait_for(path: Path) -> float:
    start = time.monotonic()
    while not path.exists():
        if time.monotonic() - start > 120:
            raise TimeoutError(f"{path} never appeared")
        time.sleep(0.02)
    return time.monotonic()


def timed_run(command: list[str], db: Path, env: dict[str, str]) -> tuple[float, float]:
    proc = subprocess.Popen(command, env=env, **QUIET)
    appeared = wait_for(db)
    assert proc.wait() == 0
    return appeared, time.monotonic()
