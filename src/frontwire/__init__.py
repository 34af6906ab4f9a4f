"""frontwire: turn war and conflict reporting into trustworthy, source-linked event data."""

from frontwire.config import Config, load_config
from frontwire.errors import FrontwireError
from frontwire.records import Article, Entity, Event, Place, Quote, Reject, Source, Span, TamperReport

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Config",
    "Entity",
    "Event",
    "FrontwireError",
    "Place",
    "Quote",
    "Reject",
    "Source",
    "Span",
    "TamperReport",
    "__version__",
    "load_config",
]
