"""The canonical hard input: the seed article, read in place from the shared folder."""

from __future__ import annotations

import re
from pathlib import Path

from frontwire.forensics import Sanitizer


def test_seed_article_is_repaired_exactly(seed_article_path: Path, sanitizer: Sanitizer) -> None:
    original = seed_article_path.read_text("utf-8")
    assert "\u0430" in original
    result = sanitizer.sanitize(original)
    assert result.text == original.replace("\u0430", "a")
    assert all(e.original == "\u0430" and e.replacement == "a" for e in result.edits)
    assert len(result.edits) == original.count("\u0430")


def test_seed_article_is_reported_as_deliberately_obfuscated_from_we_have_arrived(
    seed_article_path: Path, sanitizer: Sanitizer
) -> None:
    original = seed_article_path.read_text("utf-8")
    report = sanitizer.sanitize(original).report
    assert report.verdict == "deliberately_obfuscated"
    assert report.counts_by_kind == {"homoglyph": original.count("\u0430")}
    assert report.counts_by_script == {"Cyrillic": original.count("\u0430")}
    paragraphs = re.split(r"\n(?:[ \t]*\n)+", original)
    assert report.first_paragraph is not None and report.last_paragraph is not None
    first = paragraphs[report.first_paragraph].strip()
    # The paragraph opens with a curly quote and a disguised "а".
    assert first.lstrip('“"').replace("\u0430", "a").startswith("We’ve arrived")
    assert all("\u0430" not in p for p in paragraphs[: report.first_paragraph])
    assert all("\u0430" not in p for p in paragraphs[report.last_paragraph + 1 :])
    assert report.first_offset == original.index("\u0430")


def test_seed_article_captions_are_boilerplate(
    seed_article_path: Path, sanitizer: Sanitizer
) -> None:
    result = sanitizer.sanitize(seed_article_path.read_text("utf-8"))
    lines = [result.text[s:e] for s, e in result.boilerplate]
    assert lines  # the article has image credits
    assert all("(Image:" in line for line in lines)
    assert any(line.startswith("Soldiers talk to a man") for line in lines)
    # Credits stay in the text; only the spans mark them.
    assert all(line in result.text for line in lines)
