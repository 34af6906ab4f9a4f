"""The dashboard's figures in headless Chromium under the server's CSP: claimed figures apart,
the undated and unplaced bins, left-out counts, the precision legend, the aggregates view and
no markup from an article ever running."""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from browser import dashboard_page

from conftest import HOSTILE_PLACE, Served, start_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def figures_server(
    figures_store: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    db = tmp_path_factory.mktemp("figures-served") / "served.duckdb"
    shutil.copy(figures_store, db)
    served = start_server(db)
    yield served
    served.process.terminate()
    served.process.wait(timeout=10)


@pytest.fixture(scope="module")
def page(figures_server: Served) -> Iterator[Any]:
    # A zone far from UTC: an event date shifted by the browser would show the day before.
    with dashboard_page(figures_server.url, timezone="America/Los_Angeles") as page:
        yield page


def show_all(page: Any) -> None:
    """Clear every filter, including "only events in the map view": all six events listed."""
    page.click("button[type=reset]")
    page.uncheck("input[name=in_view]")
    page.wait_for_function("() => document.querySelectorAll('#events tbody tr').length === 6")
    page.wait_for_function("() => document.querySelector('#fig-events b').textContent === '6'")


def test_no_console_errors_under_the_content_security_policy(page: Any) -> None:
    # A CSP violation (an inline script or style, a foreign request) is a console error.
    assert page.frontwire_errors == []


def test_claimed_figures_are_shown_apart_from_reported_ones(page: Any) -> None:
    show_all(page)
    assert page.locator("#fig-fatalities b").inner_text() == "8"
    other = page.locator("#fig-other").inner_text()
    assert "+ 390 claimed" in other and "+ 40 estimated" in other
    row = page.locator("#events tbody tr", has_text="2024-03-02")
    assert "390 claimed" in row.inner_text()


def test_the_undated_bin_counts_and_lists_the_undated_event(page: Any) -> None:
    show_all(page)
    page.wait_for_function(
        "() => document.querySelector('#bin-undated').textContent.startsWith('1 ')"
    )
    page.fill("input[name=date_from]", "2024-03-01")
    page.dispatch_event("input[name=date_from]", "change")
    # The date filter drops the undated event and says so, and the bin still shows it.
    note = page.locator("small.left-out-note[data-filter=date_from]")
    note.wait_for(timeout=5_000)
    assert note.inner_text().startswith("1 left out")
    assert page.locator("#bin-undated").inner_text().startswith("1 undated")
    page.click("#bin-undated")
    page.locator("#evidence h2", has_text="without a date").wait_for(timeout=5_000)
    assert "Izium" in page.locator("#evidence .behind").inner_text()
    assert page.locator("#evidence .behind li").count() == 1


def test_the_unplaced_bin_counts_the_event_on_no_marker(page: Any) -> None:
    show_all(page)
    page.wait_for_function(
        "() => document.querySelector('#bin-unplaced').textContent.startsWith('1 ')"
    )
    page.click("#bin-unplaced")
    page.locator("#evidence h2", has_text="without a place").wait_for(timeout=5_000)
    assert "390 killed (claimed)" in page.locator("#evidence .behind").inner_text()


def test_the_legend_shows_geo_precision_with_counts(page: Any) -> None:
    legend = page.locator("#precision-legend")
    assert "the place itself: 3" in legend.inner_text()
    assert "its province or wider: 1" in legend.inner_text()
    assert page.locator("path.precision-3").count() + page.locator(".marker-cluster").count() >= 1


def test_a_place_name_that_is_markup_stays_text(page: Any) -> None:
    show_all(page)
    # Only the hostile event: one marker, never inside a cluster.
    for name in ("date_from", "date_to"):
        page.fill(f"input[name={name}]", "2024-04-10")
        page.dispatch_event(f"input[name={name}]", "change")
    page.wait_for_function("() => document.querySelectorAll('#events tbody tr').length === 1")
    page.wait_for_function("() => document.querySelectorAll('path.fw-event').length === 1")
    # Leaflet inserts a string tooltip as HTML: hover the marker to have it drawn.
    page.hover("path.fw-event")
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=5_000)
    assert HOSTILE_PLACE in tooltip.inner_text()
    page.locator("#events tbody tr").first.click()
    page.locator("#evidence h2", has_text="Kupiansk").wait_for(timeout=5_000)
    assert HOSTILE_PLACE in page.locator("#evidence h2").inner_text()
    assert page.locator("img").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert HOSTILE_PLACE in page.locator("#events tbody").inner_text()


def test_event_dates_are_shown_as_written_whatever_the_browser_zone(page: Any) -> None:
    show_all(page)
    dates = page.locator("#events tbody tr td:first-child").all_inner_texts()
    assert "2024-03-01" in dates and "2024-02-29" not in dates


def test_the_aggregates_view_agrees_with_the_api(page: Any, figures_server: Served) -> None:
    show_all(page)
    page.click("#open-aggregates")
    page.locator("#evidence table.aggregates tbody tr").first.wait_for(timeout=5_000)
    rows = page.locator("#evidence table.aggregates tbody tr").count()
    api = figures_server.get("/aggregates", params={"by": "admin1", "period": "month"}).json()
    assert rows == len(api["rows"])
    text = page.locator("#evidence table.aggregates").inner_text()
    assert "unplaced" in text and "undated" in text
    href = page.locator("[data-testid=aggregates-csv]").get_attribute("href")
    assert href.startswith("/aggregates?") and "format=csv" in href


def test_the_dashboard_shows_an_ingest_s_new_events_without_a_reload(
    page: Any, figures_store: Path, figures_server: Served, tmp_path: Path
) -> None:
    from demo_events import insert_events

    from frontwire.store import Store

    db = tmp_path / "live.duckdb"
    shutil.copy(figures_store, db)
    served = start_server(db)
    try:
        # The module's page, pointed at a server of its own for this test.
        page.goto(served.url + "/")
        page.wait_for_selector("body[data-ready=true]", timeout=15_000)
        show_all(page)
        # What `frontwire ingest` does while the dashboard is open: write the store.
        with Store(db) as store:
            insert_events(
                store.connection,
                [{"event_id": "live-1", "article_id": "x", "event_date": "2024-05-02",
                  "event_type": "Battles", "status": "reported", "fatalities": 4,
                  "latitude": 48.0, "longitude": 37.8, "geo_precision": 1}],
            )  # fmt: skip
        # The server takes a new snapshot within 10 s and the page polls every 30 s (or
        # at once when the tab comes back into view, which this stands for).
        deadline = time.monotonic() + 60
        while page.locator("#fig-events b").inner_text() != "7":
            assert time.monotonic() < deadline, "the new event never showed"
            page.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")
            time.sleep(1)
        assert page.locator("#fig-fatalities b").inner_text() == "12"
    finally:
        served.process.terminate()
        served.process.wait(timeout=10)
        page.goto(figures_server.url + "/")
        page.wait_for_selector("body[data-ready=true]", timeout=15_000)
