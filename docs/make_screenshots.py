"""Screenshots of the dashboard on the bundled example corpus (docs/dashboard*.png).

Ingests examples/corpus into a temporary store, then serves it and photographs the dashboard in
headless Chromium. Until the store's event coder lands, a store has no coded events: this script
then adds demonstration rows to the contract ``events`` table, one per incident the corpus
README lists, each pointing at the sentence of the article that reports it (found by a phrase
from that sentence), so the screenshots show real articles, real evidence offsets and real
forensics repairs. With the event coder merged, the rows it writes are shown instead.

Run: ``python docs/make_screenshots.py`` (needs /usr/bin/chromium and the built dashboard).
"""

# ruff: noqa: E501 - the DEMO table reads best one incident per block
from __future__ import annotations

import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "server"))

UA = {"country": "Ukraine", "country_code": "UA", "iso": 804}
SHELLING = {"event_type": "Explosions/Remote violence", "disorder_type": "Political violence"}
# One row per incident of examples/README.md: the article (path), a phrase of its evidence
# sentence, and the coded values the README gives for it.
DEMO: list[dict[str, Any]] = [
    {"path": "txt/balakliia-shelling.txt", "phrase": "killing at least 4", "cluster_id": "balakliia",
     "is_primary": True, "reports": 2, "independent_sources": 2, "event_date": "2024-03-14",
     **SHELLING, "sub_event_type": "Shelling/artillery/missile attack", **UA,
     "location": "Balakliia", "latitude": 49.4627, "longitude": 36.8582, "fatalities": 4,
     "injured": 11, "status": "reported", "source_name": "regional governor",
     "actor1": "Military Forces of Russia (2000-)", "plover_event": "ASSAULT"},
    {"path": "html/eastbridge-balakliia-shelling.html", "phrase": "Among the wounded were",
     "cluster_id": "balakliia", "is_primary": False, "reports": 2, "independent_sources": 2,
     "event_date": "2024-03-14", **SHELLING,
     "sub_event_type": "Shelling/artillery/missile attack", **UA, "location": "Balakliia", "latitude": 49.4627, "longitude": 36.8582, "fatalities": 5,
     "injured": 11, "status": "reported", "source_name": "Eastbridge Herald",
     "actor1": "Military Forces of Russia (2000-)", "plover_event": "ASSAULT"},
    {"path": "txt/sumy-drone-strike.txt", "phrase": "killing two workers", "event_date": "2024-05-22",
     **SHELLING, "sub_event_type": "Air/drone strike", **UA, "location": "Sumy",
     "latitude": 50.9077, "longitude": 34.7981, "fatalities": 2, "injured": 7,
     "status": "reported", "source_name": "regional military administration",
     "actor1": "Military Forces of Russia (2000-)", "plover_event": "ASSAULT"},
    {"path": "txt/zaporizhzhia-strike-obfuscated.txt", "phrase": "killing three",
     "event_date": "2023-10-18", **SHELLING,
     "sub_event_type": "Shelling/artillery/missile attack", **UA, "location": "Zaporizhzhia", "latitude": 47.8388, "longitude": 35.1396,
     "fatalities": 3, "injured": 14, "status": "reported",
     "source_name": "head of the regional military administration",
     "actor1": "Military Forces of Russia (2000-)", "plover_event": "ASSAULT"},
    {"path": "txt/synkivka-clash.txt", "phrase": "four Ukrainian soldiers had been killed",
     "event_date": "2024-02-10", "event_type": "Battles", "disorder_type": "Political violence",
     "sub_event_type": "Armed clash", **UA, "location": "Synkivka", "latitude": 49.78,
     "longitude": 37.63, "fatalities": 4, "injured": 15, "status": "claimed",
     "source_name": "Russian ministry of defence", "actor1": "Military Forces of Russia (2000-)",
     "actor2": "Military Forces of Ukraine (2019-)", "plover_event": "FIGHT"},
    {"path": "txt/melitopol-abduction.txt", "phrase": "was detained at about",
     "event_date": "2022-07-19", "event_type": "Violence against civilians",
     "disorder_type": "Political violence", "sub_event_type": "Abduction/forced disappearance",
     **UA, "location": "Melitopol", "latitude": 46.8489, "longitude": 35.3675, "fatalities": 0,
     "status": "reported", "source_name": "the family", "plover_event": "SEIZE",
     "actor1": "Military Forces of Russia (2000-)", "actor2": "Civilians (Ukraine)"},
    {"path": "txt/khartoum-protest.txt", "phrase": "one demonstrator was killed",
     "event_date": "2022-11-17", "event_type": "Protests", "disorder_type": "Demonstrations",
     "sub_event_type": "Protest with intervention", "country": "Sudan", "country_code": "SD",
     "iso": 729, "location": "Khartoum", "latitude": 15.5007, "longitude": 32.5599,
     "fatalities": 1, "injured": 43, "status": "reported", "source_name": "Sudan Medics Network",
     "actor1": "Protesters (Sudan)", "actor2": "Police Forces of Sudan (2019-)",
     "plover_event": "PROTEST"},
]  # fmt: skip


def to_original(position: int, edits: list[dict[str, Any]]) -> int:
    """A repaired-text offset as an original-text offset, walking the edits in order."""
    shift = 0
    for edit in sorted(edits, key=lambda e: e["orig_start"]):
        repaired_start = edit["orig_start"] + shift
        if repaired_start >= position:
            break
        shift += (edit["orig_end"] - edit["orig_start"]) - len(edit["replacement"])
    return position + shift


def demo_rows(con: Any) -> list[dict[str, Any]]:
    rows = []
    for entry in DEMO:
        entry = dict(entry)
        path, phrase = entry.pop("path"), entry.pop("phrase")
        found = con.execute(
            "SELECT id, text, edits FROM articles WHERE path LIKE $1", [f"%{path}"]
        ).fetchone()
        article_id, text, edits = found[0], found[1], json.loads(found[2] or "[]")
        if phrase not in text:
            raise SystemExit(f"{path}: phrase {phrase!r} not found")
        hit = text.index(phrase)
        start = max(text.rfind(". ", 0, hit) + 2, text.rfind("\n", 0, hit) + 1)
        end_match = re.compile(r"[.!?](\s|$)").search(text, hit)
        end = end_match.start() + 1 if end_match else len(text)
        orig_start, orig_end = to_original(start, edits), to_original(end, edits)
        span = {"start": start, "end": end, "text": text[start:end],
                "orig_start": orig_start, "orig_end": orig_end}  # fmt: skip
        event_id = f"demo-{Path(path).stem}"
        rows.append({"event_id": event_id, "article_id": article_id, "time_precision": 1,
                     "geo_precision": 1, "notes": span["text"], "evidence": [span],
                     "cluster_id": entry.pop("cluster_id", event_id), **entry})  # fmt: skip
    return rows


def main() -> None:
    from browser import chromium_page

    from conftest import start_server
    from frontwire.api import ingest
    from frontwire.server.demo import create_events_table, insert_events
    from frontwire.store import Store

    db = Path(tempfile.mkdtemp(prefix="frontwire-shots-")) / "corpus.duckdb"
    ingest([REPO / "examples" / "corpus"], db=db, progress=False)
    with Store(db) as store:
        con = store.connection
        columns = {r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'"
        ).fetchall()}  # fmt: skip
        if "cluster_id" not in columns:
            create_events_table(con)
            insert_events(con, demo_rows(con))
    served = start_server(db)
    try:
        with chromium_page(1500, 950) as page:
            page.goto(served.url + "/")
            page.wait_for_selector("body[data-ready=true]")
            time.sleep(1.0)
            page.locator("#events tbody tr", has_text="Zaporizhzhia").click()
            page.locator("#evidence mark.evidence").first.wait_for()
            page.locator("#evidence ins.repaired").first.scroll_into_view_if_needed()
            time.sleep(0.5)
            page.screenshot(path=str(REPO / "docs" / "dashboard.png"))
            page.locator("#events tbody tr", has_text="Balakliia").click()
            page.locator("#evidence [data-testid=source]").nth(1).wait_for()
            time.sleep(0.5)
            page.screenshot(path=str(REPO / "docs" / "dashboard-sources.png"))
    finally:
        served.process.terminate()


if __name__ == "__main__":
    main()
