"""Web pages to articles: the main text and metadata, extracted with trafilatura.

Navigation, footers, comments and tables are left out; each block of the main text (heading,
paragraph, list, quote) becomes one paragraph, separated from the next by a blank line.
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from trafilatura.settings import use_config
from trafilatura.xml import xmltotxt

from frontwire.errors import InputError
from frontwire.ingest.dates import normalise_date


@dataclass(frozen=True, slots=True)
class Page:
    """What a web page yields: its main text and the metadata found in it."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date


class HtmlExtractor:
    """Extracts the main text, title, date, URL and site name of web pages.

    Holds its own trafilatura configuration (no process-wide state is changed).
    """

    __slots__ = ("_config",)

    def __init__(self) -> None:
        config = use_config()
        # Dates from the page's metadata only: htmldate's extensive mode guesses from any date-like
        # text (a copyright year becomes "2022-01-01"), and a wrong published date is worse than
        # none, which --published can fill.
        config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
        self._config = config

    def extract(self, markup: str, label: str) -> Page:
        """The main text and metadata of the page ``markup``.

        Args:
            markup: the decoded HTML.
            label: names the input in error messages.

        Returns:
            The page's main text (blocks separated by blank lines) and its metadata.

        Raises:
            InputError: FW308 when the page has no main text.
        """
        try:
            doc = trafilatura.bare_extraction(
                markup,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                include_images=False,
                include_links=False,
                include_formatting=False,
                deduplicate=False,
                config=self._config,
            )
        except (ValueError, TypeError) as exc:  # trafilatura catches the rest itself
            raise InputError("FW308", path=label) from exc
        if doc is None or isinstance(doc, dict):  # dict only with as_dict=True
            raise InputError("FW308", path=label)
        text = _paragraphs(doc)
        if not text.strip():
            raise InputError("FW308", path=label)
        return Page(
            text=text,
            title=_clean(doc.title),
            url=_clean(doc.url),
            outlet=_clean(doc.sitename),
            published=normalise_date(doc.date) if doc.date else None,
        )


def _paragraphs(doc: trafilatura.settings.Document) -> str:
    # trafilatura's plain text puts one newline between blocks, the same as a line break inside
    # a paragraph; rendering block by block (with its own renderer) keeps paragraphs apart.
    if doc.body is None:
        return str(doc.text or "")
    blocks = [xmltotxt(child, False).strip() for child in doc.body]
    joined = "\n\n".join(block for block in blocks if block)
    return joined or str(doc.text or "")


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


__all__ = ["HtmlExtractor", "Page"]
