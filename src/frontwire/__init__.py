"""frontwire: turn war and conflict reporting into trustworthy, source-linked event data.

The public surface: the records, the config loader, the error base class, and the Python API
behind the CLI (:mod:`frontwire.api`: :func:`analyze`, :func:`analyze_text`, :func:`ingest`,
:func:`run`, :func:`sanitize`, :func:`deduplicate`, :func:`stats`, :func:`export`, with
:class:`EventFilters` to pick the events it writes). docs/PYTHON_API.md shows them at work.

The API is imported here, not on first use: ``frontwire.ingest`` names both a subpackage and a
function, and a lazy lookup would find the subpackage once anything had imported it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from frontwire.api import (
    Analysis,
    Sanitization,
    analyze,
    analyze_text,
    deduplicate,
    export,
    ingest,
    run,
    sanitize,
    stats,
)
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
    from frontwire.store.views import EventFilters

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # EventFilters lives with the HTTP API's models, which load FastAPI: only on first use, so
    # `import frontwire` stays cheap for the CLI's analyze.
    if name == "EventFilters":
        from frontwire.store.views import EventFilters

        return EventFilters
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
    "Sanitization",
    "Source",
    "Span",
    "TamperReport",
    "__version__",
    "analyze",
    "analyze_text",
    "deduplicate",
    "export",
    "ingest",
    "load_config",
    "run",
    "sanitize",
    "stats",
]
