"""Fixtures for the forensics tests: one set of Unicode tables for the whole session."""

from __future__ import annotations

import pytest

from frontwire.forensics import ForensicsOptions, Sanitizer, Tables


@pytest.fixture(scope="session")
def tables() -> Tables:
    return Tables()


@pytest.fixture(scope="session")
def sanitizer(tables: Tables) -> Sanitizer:
    """A sanitizer with the default options and no second-opinion detector (faster)."""
    return Sanitizer(ForensicsOptions(detector="none"), tables=tables)


@pytest.fixture(scope="session")
def checked_sanitizer(tables: Tables) -> Sanitizer:
    """A sanitizer that asks confusable_homoglyphs for a second opinion (always installed)."""
    return Sanitizer(ForensicsOptions(detector="confusable_homoglyphs"), tables=tables)
