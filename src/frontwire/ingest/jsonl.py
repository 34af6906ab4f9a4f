"""JSON Lines: one article per line, read line by line so a file of any size streams.

Each line is an object with ``text`` or ``html`` (HTML goes through the same extraction as an
HTML file) and optionally ``id``, ``url``, ``title``, ``published`` and ``outlet``; every other
field is kept in the article's metadata as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO

from frontwire.errors import InputError
from frontwire.ingest.dates import normalise_date
from frontwire.ingest.html import HtmlExtractor
from frontwire.ingest.options import PENDING_HTML
from frontwire.records import Article, Source

#: Fields with a meaning of their own; every other field becomes metadata.
KNOWN_FIELDS = frozenset({"id", "text", "html", "url", "title", "published", "outlet"})
# Lines over the limit are skipped in chunks of this size, so skipping one never holds it whole.
_SKIP_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a JSON Lines input: its 1-based number and bytes, or its size if too long."""

    number: int
    data: bytes
    oversize: int | None = None  # the line's length in bytes when over the limit (data is empty)


def iter_lines(stream: BinaryIO, max_bytes: int, pending: Iterable[bytes] = ()) -> Iterator[Line]:
    """The lines of ``stream``, each read only when the previous one has been consumed.

    Args:
        stream: a binary stream positioned at the start of the lines (after ``pending``).
        max_bytes: longest line returned; a longer one is skipped and reported by its size.
        pending: complete lines already read from the stream (while sniffing its format).

    Returns:
        An iterator of :class:`Line`, numbered from 1.
    """
    number = 0
    for data in pending:
        number += 1
        yield Line(number, data)
    while True:
        data = stream.readline(max_bytes + 1)
        if not data:
            return
        number += 1
        if len(data) > max_bytes and not data.endswith(b"\n"):
            size = len(data)
            while not data.endswith(b"\n"):
                data = stream.readline(_SKIP_CHUNK)
                if not data:
                    break
                size += len(data)
            yield Line(number, b"", oversize=size - (1 if data.endswith(b"\n") else 0))
        else:
            yield Line(number, data)


def looks_like_document_start(line: str) -> bool:
    """Whether a line that is not valid JSON opens a JSON document spread over many lines."""
    stripped = line.strip()
    return stripped in ("{", "[") or stripped.startswith(("[{", "[ {"))


def parse_object(text: str, path: str, line: int) -> dict[str, Any]:
    """The JSON object on one line.

    Args:
        text: the decoded line.
        path: the input's path, for messages.
        line: the 1-based line number, for messages.

    Returns:
        The object.

    Raises:
        InputError: FW306 when the line is not JSON, FW313 when it is JSON but not an object.
    """
    try:
        # NaN and Infinity are not JSON (RFC 8259) though Python reads them: kept as the
        # strings they are, so they never reach the output as numbers no parser accepts.
        value = json.loads(text, parse_constant=str)
    except json.JSONDecodeError as exc:
        raise InputError("FW306", path=path, line=line, detail=str(exc)) from exc
    except RecursionError as exc:
        raise InputError("FW306", path=path, line=line, detail="nested too deeply") from exc
    if not isinstance(value, dict):
        raise InputError("FW313", path=path, line=line, got=_json_kind(value))
    return value


def article_from_record(
    record: Mapping[str, Any],
    *,
    path: str,
    line: int,
    html: HtmlExtractor,
    default_published: str | None,
    metadata: Mapping[str, Any] | None = None,
    defer: bool = False,
) -> Article:
    """The article one JSON Lines object describes.

    A user's ``id`` is kept as ``metadata["source_id"]``; the article id still derives from the
    text, so the same article under two ids is stored once, and the store keeps every such id
    as an alias of it (``article_aliases``). A ``published`` value that is not a
    clear date is kept as ``metadata["published_raw"]`` and the article is ingested without a
    date (or with ``default_published``). When both ``text`` and ``html`` are given, ``text``
    is used.

    Args:
        record: the parsed object.
        path: the input's path, for ``Source.path`` and messages.
        line: the 1-based line number, kept as ``metadata["_line"]``.
        html: extracts the main text when the record has ``html`` instead of ``text``.
        default_published: the date for records without one (``--published``).
        metadata: extra metadata from ingest itself (e.g. the line's encoding).
        defer: leave the extraction of an ``html`` record to the stages' process
            (``IngestOptions.defer_html``): the article's text is then still the markup.

    Returns:
        The article.

    Raises:
        InputError: FW310 for a field of the wrong type, FW307 when there is no text, FW308
            when the HTML has no main text.
    """
    text = _optional_str(record, "text", path, line)
    markup = _optional_str(record, "html", path, line)
    url = _optional_str(record, "url", path, line)
    title = _optional_str(record, "title", path, line)
    outlet = _optional_str(record, "outlet", path, line)
    published_raw = _optional_str(record, "published", path, line, expected="a date string")
    source_id = record.get("id")
    if source_id is not None and (
        isinstance(source_id, bool) or not isinstance(source_id, (str, int))
    ):
        raise InputError(
            "FW310",
            path=path,
            line=line,
            field="id",
            expected="a string or a whole number",
            got=source_id,
        )

    meta: dict[str, Any] = {key: value for key, value in record.items() if key not in KNOWN_FIELDS}
    if source_id is not None:
        meta["source_id"] = source_id
    meta.update(metadata or {})
    meta["_line"] = line

    published = None
    if published_raw is not None and published_raw.strip():
        published = normalise_date(published_raw)
        if published is None:
            meta["published_raw"] = published_raw
    if text is not None and text.strip():
        body = text
    elif markup is not None and markup.strip() and defer:
        meta[PENDING_HTML] = {"jsonl": True, "label": path, "line": line, "url": url,
                              "title": title, "outlet": outlet, "published": published,
                              "default": default_published}  # fmt: skip
        return Article.new(markup, Source(path=path), meta)
    elif markup is not None and markup.strip():
        page = html.extract(markup, f"{path}:{line}")
        body = page.text
        # What the record says wins over what the page says.
        title = title or page.title
        url = url or page.url
        outlet = outlet or page.outlet
        published = published or page.published
    else:
        raise InputError("FW307", path=path, line=line)
    source = Source(
        path=path, url=url, outlet=outlet, title=title, published=published or default_published
    )
    return Article.new(body, source, meta)


def _optional_str(
    record: Mapping[str, Any], field: str, path: str, line: int, expected: str = "a string"
) -> str | None:
    value = record.get(field)
    if value is None or isinstance(value, str):
        return value
    raise InputError("FW310", path=path, line=line, field=field, expected=expected, got=value)


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    return "null"


__all__ = [
    "KNOWN_FIELDS",
    "Line",
    "article_from_record",
    "iter_lines",
    "looks_like_document_start",
    "parse_object",
]
