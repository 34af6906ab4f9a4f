"""Web pages to articles: the main text and metadata, extracted with trafilatura.

Navigation, footers, comments and tables are left out; each block of the main text (heading,
paragraph, list, quote) becomes one paragraph, separated from the next by a blank line.
"""

from __future__ import annotations

import html.parser
import re
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
            return _fallback(markup, label)
        text = _paragraphs(doc)
        if not text.strip():
            return _fallback(markup, label)
        return Page(
            text=text,
            title=_clean(doc.title),
            url=_clean(doc.url),
            outlet=_clean(doc.sitename),
            published=normalise_date(doc.date) if doc.date else None,
        )


def _fallback(markup: str, label: str) -> Page:
    """The page's whole text when trafilatura finds no main text in it.

    trafilatura gives up on pages that plainly hold text when they nest deeper than libxml2
    builds trees (256 levels; 2,048 even with lxml's ``huge_tree``), or hold one paragraph over
    its size limits. The standard library's streaming HTML parser builds no tree, so no depth
    limit applies: its text outside script, style and the head is the page's text, block
    elements ending paragraphs. A page with no text even so is FW308.
    """
    collector = _TextCollector()
    try:
        collector.feed(markup)
        collector.close()
    except (AssertionError, ValueError):  # html.parser's rare refusals
        raise InputError("FW308", path=label) from None
    text = "\n\n".join(" ".join(part.split()) for part in _BLOCK_BREAKS.split(collector.text()))
    text = text.strip()
    if not text:
        raise InputError("FW308", path=label)
    return Page(text=text, title=_clean(collector.title))


# Elements that end a paragraph in the fallback text, and those whose content is not text.
_BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                     "section", "article", "blockquote", "pre", "table", "ul", "ol"})  # fmt: skip
_SKIPPED = frozenset({"script", "style", "template", "noscript", "head", "title"})
_BLOCK_BREAKS = re.compile(r"\n\s*\n\s*")


class _TextCollector(html.parser.HTMLParser):
    """Text of a page, streamed: no tree, so any depth of nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skip: str | None = None
        self._title: list[str] = []
        self._in_title = False

    @property
    def title(self) -> str:
        return "".join(self._title)

    def text(self) -> str:
        return "".join(self._parts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if self._skip is None and tag in _SKIPPED - {"head", "title"}:
            self._skip = tag
        if tag in _BLOCKS:
            self._parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == self._skip:
            self._skip = None
        if tag in _BLOCKS:
            self._parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif self._skip is None:
            self._parts.append(data)


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
