"""Helpers for testing frontwire and plugins built on it: article builders and a tiny stage.

Example:
    >>> from frontwire.testing import make_article
    >>> make_article("Shelling hit Kharkiv on Monday.").text
    'Shelling hit Kharkiv on Monday.'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from frontwire.pipeline.stage import Stage
from frontwire.records import Article, Source


def make_article(
    text: str,
    *,
    path: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    published: str | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> Article:
    """An article as ingest would produce it from ``text``."""
    source = Source(path=path, url=url, outlet=outlet, title=title, published=published)
    return Article.new(text, source, metadata)


def make_articles(texts: Sequence[str]) -> list[Article]:
    """One article per text."""
    return [make_article(text, path=f"article-{i}.txt") for i, text in enumerate(texts)]


class FailOnStage(Stage):
    """A stage that fails on articles whose text contains ``marker``: for failure-isolation
    tests. Set ``marker`` on the instance."""

    name: ClassVar[str] = "fail_on"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    marker = "FAIL"

    def process(self, article: Article) -> Article:
        """Pass the article on, or raise if it carries the marker."""
        if self.marker in article.text:
            raise RuntimeError(f"marker {self.marker!r} found")
        return article
