"""Dedup of articles held in memory (``frontwire analyze`` over several inputs)."""

from __future__ import annotations

from collections.abc import Sequence

from frontwire.dedup.copies import CopyOptions, copy_clusters
from frontwire.dedup.stories import StoryOptions, story_clusters, story_docs
from frontwire.records import Article, Duplicates


def annotate(
    articles: Sequence[Article],
    copies: CopyOptions | None = None,
    stories: StoryOptions | None = None,
) -> list[Article]:
    """``articles`` with ``duplicates`` filled in across all of them, in the same order."""
    story_opts = stories or StoryOptions()
    found = copy_clusters(((a.id, a.text, a.source.published) for a in articles), copies)
    story = story_clusters(story_docs(articles, story_opts), story_opts)
    out = []
    for article in articles:
        c = found[article.id]
        dup = Duplicates(c.cluster_id, c.original_id, c.similarity, story[article.id])
        out.append(article.replace(duplicates=dup))
    return out
