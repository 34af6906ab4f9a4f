"""Copies and corroboration: copy clusters, story clusters and one record per real event."""

#: The store tables the dedup step keeps (migrations ``0007_dedup.sql`` and
#: ``0008_story_vectors.sql``); not exported.
DEDUP_TABLES: tuple[str, ...] = (
    "dedup_signatures", "dedup_buckets", "article_dedup", "story_terms", "event_links",
    "event_revisions", "story_df", "story_stats",
)  # fmt: skip
