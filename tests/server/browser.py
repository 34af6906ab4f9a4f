"""Headless Chromium (Debian's package) driven by Playwright, for the dashboard tests and the
benchmark. Skips when Chromium is absent, except in CI (CI=true), where that is a failure."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("FRONTWIRE_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> None:
    if not Path(CHROMIUM).is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Chromium is required in CI but {CHROMIUM} is missing")
        pytest.skip(f"Chromium not installed at {CHROMIUM}")


@contextmanager
def chromium_page(
    width: int = 1400, height: int = 900, timezone: str | None = None
) -> Iterator[Any]:
    """A fresh page in a fresh headless Chromium profile (in ``timezone``, when given)."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="frontwire-chromium-")
    try:
        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                profile,
                executable_path=CHROMIUM,
                headless=True,
                args=FLAGS,
                viewport={"width": width, "height": height},
                **({"timezone_id": timezone} if timezone else {}),
            )
            try:
                page = context.new_page()
                yield page
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@contextmanager
def dashboard_page(url: str, timezone: str | None = None) -> Iterator[Any]:
    """The built dashboard at ``url`` loaded in :func:`chromium_page`, with the console errors
    it logs kept on ``page.frontwire_errors``."""
    import importlib.util

    from frontwire.server.app import static_dir

    require_chromium()
    if importlib.util.find_spec("playwright") is None:
        pytest.fail("playwright is a test dependency")
    if not (static_dir() / "index.html").is_file():
        pytest.fail("the dashboard is not built: (cd web && npm ci && npm run build)")
    with chromium_page(timezone=timezone) as page:
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "/")
        page.wait_for_selector("body[data-ready=true]", timeout=15_000)
        page.frontwire_errors = errors
        yield page
