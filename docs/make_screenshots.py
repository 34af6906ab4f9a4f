"""Screenshots of the dashboard on the bundled example corpus (docs/dashboard*.png).

Ingests examples/corpus into a temporary store with the real pipeline (events coded by the
events stage, merged by corroboration), then serves it and photographs the dashboard in headless
Chromium: the first view with the evidence of the event with the most fatalities, an event
backed by more than one report with its sources, and the largest story picked in the stories
panel, the map, timeline and table showing its events only.

Run: ``python docs/make_screenshots.py`` (needs /usr/bin/chromium and the built dashboard).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "server"))


def main() -> None:
    from browser import chromium_page

    from conftest import start_server
    from frontwire.api import ingest
    from frontwire.store import Store

    db = Path(tempfile.mkdtemp(prefix="frontwire-shots-")) / "corpus.duckdb"
    ingest([REPO / "examples" / "corpus"], db=db, progress=False)
    with Store(db, read_only=True) as store:
        con = store.connection
        deadliest = con.execute(
            "SELECT location FROM events WHERE is_primary AND location IS NOT NULL "
            "ORDER BY fatalities DESC NULLS LAST LIMIT 1"
        ).fetchone()
        corroborated = con.execute(
            "SELECT coalesce(cluster_id, event_id) FROM events WHERE is_primary "
            "AND location IS NOT NULL AND reports > 1 "
            "ORDER BY reports DESC, fatalities DESC NULLS LAST LIMIT 1"
        ).fetchone()
    served = start_server(db)
    try:
        with chromium_page(1500, 950) as page:
            page.goto(served.url + "/")
            page.wait_for_selector("body[data-ready=true]")
            time.sleep(1.0)
            rows = page.locator("#events tbody tr")
            row = rows.filter(has_text=deadliest[0]).first if deadliest else rows.first
            row.click()
            page.locator("#evidence mark.evidence").first.wait_for()
            time.sleep(0.5)
            page.screenshot(path=str(REPO / "docs" / "dashboard.png"))
            if corroborated:
                page.locator(f"#events tbody tr[data-cluster='{corroborated[0]}']").click()
                page.locator("#evidence [data-testid=source]").nth(1).wait_for()
                time.sleep(0.5)
                page.screenshot(path=str(REPO / "docs" / "dashboard-sources.png"))
            else:
                print("no event is backed by more than one report; kept dashboard-sources.png")
            page.select_option("#story-sort", "largest")
            page.wait_for_function(
                "() => document.querySelector('#story-list')?.dataset.ready === 'true'"
            )
            time.sleep(0.5)
            page.locator("[data-testid=story] button").first.click()
            page.locator("#evidence [data-testid=story-events]").wait_for()
            time.sleep(1.0)
            page.screenshot(path=str(REPO / "docs" / "dashboard-stories.png"))
    finally:
        served.process.terminate()


if __name__ == "__main__":
    main()
