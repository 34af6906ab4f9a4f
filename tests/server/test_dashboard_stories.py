"""The dashboard's stories panel in a real headless Chromium against a real ``frontwire serve``
over a store whose stories the real dedup code found (tests/support/demo_stories.py)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "support"))
from browser import dashboard_page
from demo_stories import CLAIM_OUTLET, add_claimed_story_event

from conftest import Served, start_server

pytestmark = pytest.mark.slow

HARBOUR_SENTENCE = "Three civilians were killed and five were wounded when shells hit a warehouse"


@pytest.fixture(scope="module")
def served(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    db = tmp_path_factory.mktemp("stories-dashboard") / "stories.duckdb"
    shutil.copy(store_path.with_name("copy.duckdb"), db)
    add_claimed_story_event(db)
    server = start_server(db)
    yield server
    server.process.terminate()
    server.process.wait(timeout=10)


@pytest.fixture(scope="module")
def page(served: Served) -> Any:
    with dashboard_page(served.url) as page:
        yield page


def _stories(page: Any) -> Any:
    return page.locator("[data-testid=story-list] [data-testid=story]")


def _harbour(page: Any) -> Any:
    return _stories(page).filter(has_text="Ochakiv")


def _rows(page: Any) -> int:
    return int(page.locator("#events tbody tr").count())


def test_panel_lists_the_stories_most_recent_first_with_claims_apart(page: Any) -> None:
    assert page.frontwire_errors == []
    _stories(page).first.wait_for(timeout=5_000)
    assert _stories(page).count() == 3
    # Most recent first: the June protest, the May drone strike, the April harbour strike.
    places = [t.split("\n")[1] for t in _stories(page).all_inner_texts()]
    assert "Mykolayiv" in places[0] and "Nikopol" in places[1] and "Ochakiv" in places[2]
    harbour = _harbour(page).inner_text()
    assert "3 articles" in harbour and "3 independent sources" in harbour
    assert "2 events" in harbour and "events 2024-04-02" in harbour
    # The reported dead and the claimed dead, each on its own; never 23.
    assert "3 killed reported" in harbour and "20 claimed (apart)" in harbour
    assert "23" not in harbour
    page.select_option("#story-sort", "largest")
    page.wait_for_function(
        "() => document.querySelector('[data-testid=story]')?.innerText.includes('Ochakiv')"
    )


def test_clicking_a_story_filters_the_map_timeline_table_and_figures(page: Any) -> None:
    assert _rows(page) == 4
    _harbour(page).locator("button").click()
    page.wait_for_function("() => document.querySelectorAll('#events tbody tr').length === 2")
    table = page.locator("#events tbody").inner_text()
    assert table.count("Ochakiv") == 2 and "Nikopol" not in table and "Mykolaiv" not in table
    assert page.locator("#map").get_attribute("data-events-drawn") == "2"
    assert page.locator("#fig-events b").inner_text() == "2"
    assert page.locator("#fig-fatalities b").inner_text() == "3"
    assert "20 claimed" in page.locator("#fig-other").inner_text()
    # Every timeline bar with events is a day of the story.
    days = page.eval_on_selector_all(
        "#timeline rect.bar",
        "bars => bars.filter(b => +b.getAttribute('height') > 0).map(b => b.dataset.date)",
    )
    assert days == ["2024-04-02"]
    assert _harbour(page).get_attribute("class") == "story selected"
    assert page.locator("[data-testid=story-chosen]").is_visible()
    # Its articles and its events in the evidence column, the claim marked as one.
    page.locator("#evidence [data-testid=story-events] li").nth(1).wait_for(timeout=5_000)
    articles = page.locator("#evidence [data-testid=story-articles] li")
    assert articles.count() == 3 and CLAIM_OUTLET in articles.all_inner_texts()[-1]
    facts = page.locator("#evidence dl").inner_text()
    assert "Killed, reported\n3" in facts and "Killed, claimed (apart)\n20" in facts


def test_a_story_event_figure_opens_the_sentence_behind_it(page: Any) -> None:
    figure = page.locator("#evidence [data-testid=story-events] li[data-event=ev-harbour]")
    figure.locator("[data-testid=story-event-figure]").click()
    page.locator("#evidence mark.evidence").first.wait_for(timeout=5_000)
    marked = " ".join(page.locator("#evidence mark.evidence").all_inner_texts())
    assert HARBOUR_SENTENCE in marked
    page.click("#evidence [data-testid=story-back]")
    page.locator("#evidence [data-testid=story-events]").wait_for(timeout=5_000)
    claim = page.locator("#evidence [data-testid=story-events] li[data-event=ev-claim]")
    claim.locator("[data-testid=story-event-figure]").click()
    page.locator("#evidence mark.evidence").first.wait_for(timeout=5_000)
    assert "claimed" in page.locator("#evidence mark.evidence").first.inner_text()
    page.click("#evidence [data-testid=story-back]")


def test_clearing_the_story_restores_the_view(page: Any) -> None:
    page.click("[data-testid=story-clear]")
    page.wait_for_function("() => document.querySelectorAll('#events tbody tr').length === 4")
    assert page.locator("#fig-events b").inner_text() == "4"
    assert page.locator("[data-testid=story-chosen]").is_hidden()
    assert page.locator("#evidence [data-testid=story-events]").count() == 0
    assert _stories(page).filter(has=page.locator(".selected")).count() == 0
    assert page.locator(".story.selected").count() == 0


def test_the_panel_follows_the_filters_and_says_when_no_story_passes(page: Any) -> None:
    page.select_option("select[name=event_type]", "Protests")
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=story-list] [data-testid=story]')"
        ".length === 1"
    )
    assert "Mykolayiv" in _stories(page).first.inner_text()
    page.fill("input[name=q]", "no such words anywhere")
    page.locator("input[name=q]").dispatch_event("change")
    empty = page.locator("[data-testid=stories-empty]")
    empty.wait_for(timeout=5_000)
    assert "No story" in empty.inner_text() and _stories(page).count() == 0
    page.click("#filters button[type=reset]")
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=story-list] [data-testid=story]')"
        ".length === 3"
    )
    assert page.frontwire_errors == []


def test_the_panel_says_so_when_the_store_has_no_stories(page: Any, empty_store: Path) -> None:
    # Last in this module: the same browser page goes to a server over an empty store.
    server = start_server(empty_store)
    try:
        page.goto(server.url + "/")
        page.wait_for_selector("body[data-ready=true]", timeout=15_000)
        empty = page.locator("[data-testid=stories-empty]")
        empty.wait_for(timeout=5_000)
        assert "No stories yet" in empty.inner_text()
        assert _stories(page).count() == 0 and page.frontwire_errors == []
    finally:
        server.process.terminate()
        server.process.wait(timeout=10)
