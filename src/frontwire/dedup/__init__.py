"""Copies and corroboration: copy clusters, story clusters and one record per real event."""

#: The store tables the dedup step keeps (migration ``0002_dedup.sql``); not exported.
DEDUP_TABLES: tuple[str, ...] = (
    "dedup_signatures", "dedup_buckets", "article_dedup", "story_terms", "event_links",
    "event_revisions",
)  # fmt: skip
