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
