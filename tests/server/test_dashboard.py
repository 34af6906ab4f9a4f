"""The dashboard in a real headless Chromium against a real ``frontwire serve``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from browser import dashboard_page

from conftest import DRONE_SENTENCE, Served

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def page(server: Served) -> Any:
    with dashboard_page(server.url) as page:
        yield page


def test_dashboard_loads_without_console_errors(page: Any) -> None:
    assert page.frontwire_errors == []
    assert page.locator("#fig-events b").inner_text() == "3"


def test_map_draws_every_located_event(page: Any) -> None:
    assert page.locator("#map").get_attribute("data-events-drawn") == "3"
    # Drawn as points or as clusters counting them: together they account for all three.
    page.wait_for_function(
        "() => document.querySelectorAll('path.fw-event').length + [...document.querySelectorAll("
        "'.marker-cluster span')].reduce((n, s) => n + Number(s.textContent), 0) === 3",
        timeout=5_000,
    )
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # the country outlines


def test_a_filter_changes_the_table(page: Any) -> None:
    assert page.locator("#events tbody tr").count() == 3
    page.select_option("select[name=event_type]", "Protests")
    page.wait_for_function("() => document.querySelectorAll('#events tbody tr').length === 1")
    assert "Mykolaiv" in page.locator("#events tbody").inner_text()
    page.select_option("select[name=event_type]", "")
    page.wait_for_function("() => document.querySelectorAll('#events tbody tr').length === 3")


def test_clicking_an_event_shows_its_evidence_sentence_and_repairs(page: Any) -> None:
    page.locator("#events tbody tr", has_text="Nikopol").click()
    mark = page.locator("#evidence mark.evidence").first
    mark.wait_for(timeout=5_000)
    # The sentence reads repaired; the repaired letter is marked inside it.
    assert "".join(page.locator("#evidence mark.evidence").all_inner_texts()) == DRONE_SENTENCE
    assert page.locator("#evidence mark.evidence ins.repaired").inner_text() == "o"
    assert "the mayor" in page.locator("#evidence .meta").inner_text()


def test_clicking_the_fatality_figure_lists_the_sentences_behind_it(page: Any) -> None:
    page.click("#fig-fatalities")
    page.locator("#evidence .behind li").first.wait_for(timeout=5_000)
    first = page.locator("#evidence .behind li").first.inner_text()
    assert "3 killed" in first and "Three civilians were killed" in first


def test_clicking_a_clustered_report_shows_every_source(page: Any) -> None:
    page.locator("#events tbody tr", has_text="Ochakiv").click()
    page.locator("#evidence [data-testid=source]").nth(1).wait_for(timeout=5_000)
    assert page.locator("#evidence [data-testid=source]").count() == 2
    assert "2 of 2 reports" in page.locator("#evidence dl").inner_text()
    # The revision time says its zone, whatever the browser's.
    assert "2024-04-03 10:00:00 UTC merged" in page.locator("#evidence ul").inner_text()
