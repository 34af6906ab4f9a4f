"""The embedded DuckDB store that ``frontwire ingest`` writes and ``export``/``stats`` read.

Example:
    >>> from frontwire.store import Store
    >>> from frontwire.testing import make_article
    >>> with Store(":memory:") as store:
    ...     store.write([make_article("Shelling hit Kharkiv on Monday.")], [])
    ...     store.counts()["articles"]
    1
"""

from frontwire.store.stats import EntityCount, StoreStats
from frontwire.store.store import TABLES, Store

__all__ = [
    "TABLES",
    "EntityCount",
    "Store",
    "StoreStats",
]
