"""frontwire: turn war and conflict reporting into trustworthy, source-linked event data.

The public surface: the records, the config loader, the error base class, and the functions
behind the CLI (:func:`analyze`, :func:`analyze_text`, :func:`ingest`, :func:`run`,
:func:`export`, with :class:`EventFilters` to pick the events it writes). The
functions load lazily so ``import frontwire`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from frontwire.config import Config, load_config
from frontwire.errors import FrontwireError
from frontwire.records import (
    Article,
    Edit,
    Entity,
    Event,
    Place,
    Quote,
    Reject,
    Source,
    Span,
    TamperReport,
)

if TYPE_CHECKING:
    from frontwire.api import Analysis, analyze, analyze_text, export, ingest, run
    from frontwire.server.models import EventFilters

__version__ = "0.1.0"

_API = {"Analysis", "analyze", "analyze_text", "export", "ingest", "run"}


def __getattr__(name: str) -> Any:
    if name == "EventFilters":
        from frontwire.server.models import EventFilters

        return EventFilters
    if name in _API:
        from frontwire import api

        # Loading the API imports the subpackage frontwire.ingest, which Python binds as this
        # package's attribute `ingest`, hiding the function from every later lookup; bind the
        # functions themselves instead.
        globals().update({n: getattr(api, n) for n in _API})
        return getattr(api, name)
    raise AttributeError(f"module 'frontwire' has no attribute {name!r}")


__all__ = [
    "Analysis",
    "Article",
    "Config",
    "Edit",
    "Entity",
    "Event",
    "EventFilters",
    "FrontwireError",
    "Place",
    "Quote",
    "Reject",
    "Source",
    "Span",
    "TamperReport",
    "__version__",
    "analyze",
    "analyze_text",
    "export",
    "ingest",
    "load_config",
    "run",
]
