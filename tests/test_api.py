"""The Python API: docs/PYTHON_API.md's example runs, and the CLI is a thin layer over it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from frontwire import api

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "docs" / "PYTHON_API.md"


def test_the_public_names_are_the_api_functions_not_subpackages() -> None:
    # frontwire.ingest is also a subpackage: the function must win however imports happened.
    import frontwire.ingest.shards

    for name in ("analyze", "analyze_text", "ingest", "run", "sanitize", "deduplicate", "stats"):
        assert getattr(frontwire, name) is getattr(api, name)


def test_the_guide_lists_every_public_function() -> None:
    text = GUIDE.read_text("utf-8")
    for name in ("analyze", "analyze_text", "ingest", "sanitize", "deduplicate", "stats", "run"):
        assert f"`{name}(" in text


def test_the_guides_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = re.findall(r"```python\n(.*?)```", GUIDE.read_text("utf-8"), re.S)
    assert len(blocks) == 1
    monkeypatch.chdir(REPO)
    exec(compile(blocks[0], str(GUIDE), "exec"), {"__name__": "guide"})
    out = capsys.readouterr().out
    assert re.search(r"^9 articles, 0 rejects$", out, re.M), out
    assert "stored 9 articles" in out
