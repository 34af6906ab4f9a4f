"""``frontwire serve``: the HTTP API and dashboard over the store.

Example:
    >>> from frontwire.server.queries import Queries
    >>> import duckdb
    >>> Queries(duckdb.connect()).events().items
    []
"""

from frontwire.server.app import ServerSettings, create_app
from frontwire.server.queries import Limits, Queries

__all__ = ["Limits", "Queries", "ServerSettings", "create_app"]
