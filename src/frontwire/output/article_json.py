"""The public, versioned JSON form of an article (``frontwire/article@1``, docs/SCHEMA.md).

Other tools parse this: keys are never missing (a stage that has not run leaves its key empty),
and a change that would break a parser gets a new schema version.
"""

from __future__ import annotations

from typing import Any

from frontwire.records import Article

SCHEMA_ID = "frontwire/article@1"

#: Keys every article object has, whatever stages ran.
TOP_LEVEL_KEYS: tuple[str, ...] = (
    "schema", "id", "source", "text", "forensics", "entities", "quotes", "places", "events",
    "metadata", "duplicates",
)  # fmt: skip


def article_to_json(article: Article) -> dict[str, Any]:
    """The ``frontwire/article@1`` object for ``article``."""
    forensics: dict[str, Any] = {}
    if article.forensics is not None:
        forensics = {
            "report": article.forensics.to_json(),
            "edits": [edit.to_json() for edit in article.edits],
            "boilerplate": [span.to_json() for span in article.boilerplate],
        }
    return {
        "schema": SCHEMA_ID,
        "id": article.id,
        "source": article.source.to_json(),
        "text": article.text,
        "forensics": forensics,
        "entities": [entity.to_json() for entity in article.entities],
        "quotes": [quote.to_json() for quote in article.quotes],
        "places": [place.to_json() for place in article.places],
        "events": [event.to_json() for event in article.events],
        "metadata": {k: v for k, v in article.metadata.items() if not k.startswith("_")},
        "duplicates": article.duplicates.to_json() if article.duplicates else {},
    }
