"""WARC input (``.warc``, ``.warc.gz``): one article per HTML response record, streamed.

Read with warcio (the Webrecorder library behind pywb), record by record, so a Common Crawl
News file of any size needs the memory of one record. Every HTTP response with an HTML body
and a 2xx status becomes an article whose source is the record's target URL and date (the
page's own published date wins when it states one; the crawl date is kept as
``metadata["warc_date"]``). Requests, metadata, warcinfo, revisits and non-HTML or non-2xx
responses are skipped and counted by kind.

A truncated or corrupt record becomes a reject naming the file and the record's byte offset
(in the compressed file for ``.warc.gz``); reading resumes at the next record boundary found
after it (the next gzip member, or the next ``WARC/1.`` header line), so one bad record never
loses the rest of the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from frontwire.errors import InputError
from frontwire.ingest.dates import normalise_date
from frontwire.ingest.decode import decode_bytes
from frontwire.ingest.html import HtmlExtractor
from frontwire.ingest.options import PENDING_HTML
from frontwire.records import Article, Reject, Source

WARC_SUFFIXES = (".warc", ".warc.gz")
#: Key of ``metadata`` holding a WARC record's byte offset in its file.
OFFSET_KEY = "_offset"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_RECORD_TYPES = frozenset(
    {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion",
     "continuation"}
)  # fmt: skip
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_SCAN_CHUNK = 1 << 20
# After the last record, this many bytes are looked at: anything but whitespace there is a
# record warcio could not even start to read (a header cut short).
_TAIL_PEEK = 64

#: Builds a reject from an error, the file, the record offset and the payload to keep.
RejectFn = Callable[[InputError, str, int | None, str | None], Reject]


def is_warc(path: str) -> bool:
    """Whether ``path`` names a WARC file by its extension."""
    return path.lower().endswith(WARC_SUFFIXES)


def read_warc(
    label: str,
    stream: BinaryIO,
    *,
    max_bytes: int,
    html: HtmlExtractor,
    default_published: str | None,
    reject: RejectFn,
    skipped: Counter[str] | None = None,
    defer: bool = False,
) -> Iterator[Article | Reject]:
    """The articles (and rejects) of one WARC file.

    Args:
        label: the file's path, for sources and messages.
        stream: the file, opened in binary mode and seekable.
        max_bytes: largest HTML body taken as one article.
        html: the extractor for the page's main text.
        default_published: the date for pages whose record carries none (``--published``).
        reject: makes a reject from an error, the path, the record offset and a payload.
        skipped: counts records that are not articles, by kind (``"request"``,
            ``"non-html"``, ``"http-status"``, ...).
        defer: leave the main-text extraction to the stages' process (``defer_html``).

    Returns:
        An iterator of articles and rejects, in file order.
    """
    counts: Counter[str] = skipped if skipped is not None else Counter()
    base = 0
    while True:
        stream.seek(base)
        expected = base  # where the next record starts, as far as we know
        iterator = ArchiveIterator(stream, check_digests=False)
        try:
            for record in iterator:
                item = _record(label, record, expected, max_bytes, html, default_published,
                               reject, counts, defer)  # fmt: skip
                truncated = _truncated(record)
                start = base + iterator.get_record_offset()
                end = start + iterator.get_record_length()
                if record.rec_type not in _RECORD_TYPES:
                    detail = f"no known WARC-Type ({record.rec_type!r})"
                    yield reject(_broken(label, start, detail), label, start, None)
                elif truncated:
                    detail = "the record ends before its Content-Length"
                    yield reject(_broken(label, start, detail), label, start, None)
                elif item is not None:
                    yield item
                expected = end
        except Exception as exc:  # noqa: BLE001 - any parse failure is one bad record
            detail = f"{type(exc).__name__}: {_printable(str(exc))}"
            yield reject(_broken(label, expected, detail), label, expected, None)
            resume = _next_boundary(stream, expected + 1, label)
            if resume is None:
                return
            base = resume
            continue
        tail_at = _tail(stream, expected)
        if tail_at is not None:
            detail = "a record header is cut short"
            yield reject(_broken(label, tail_at, detail), label, tail_at, None)
        return


def _record(
    label: str,
    record: ArcWarcRecord,
    offset: int,
    max_bytes: int,
    html: HtmlExtractor,
    default_published: str | None,
    reject: RejectFn,
    counts: Counter[str],
    defer: bool = False,
) -> Article | Reject | None:
    if record.rec_type not in _RECORD_TYPES:
        return None  # the caller reports it
    if record.rec_type != "response":
        counts[str(record.rec_type)] += 1
        return None
    headers = record.http_headers
    if headers is None:  # a response that is not HTTP (e.g. dns:)
        counts["non-http"] += 1
        return None
    content_type = (headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(_HTML_TYPES):
        counts["non-html"] += 1
        return None
    status = headers.get_statuscode() or ""
    if not status.startswith("2"):
        counts["http-status"] += 1
        return None
    where = f"{label}@{offset}"
    data = record.content_stream().read(max_bytes + 1)
    if _truncated(record):
        return None  # the caller reports it
    if len(data) > max_bytes:
        size = len(data) + _drain(record)
        return reject(InputError("FW304", path=where, size=size, limit=max_bytes), label,
                      offset, None)  # fmt: skip
    try:
        decoded = decode_bytes(data, where, _declared(headers.get_header("Content-Type")))
        page = None if defer else html.extract(decoded.text, where)
    except InputError as exc:
        return reject(exc, label, offset, None)
    warc_date = record.rec_headers.get_header("WARC-Date")
    metadata: dict[str, Any] = {OFFSET_KEY: offset, **decoded.metadata()}
    if warc_date:
        metadata["warc_date"] = warc_date
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    if record_id:
        metadata["warc_record_id"] = record_id
    fallback = (normalise_date(warc_date) if warc_date else None) or default_published
    target = record.rec_headers.get_header("WARC-Target-URI")
    if page is None:  # the page as it is, extracted where the stages run
        metadata[PENDING_HTML] = {"warc": True, "label": label, "where": where, "key": offset,
                                  "url": target, "published": fallback}  # fmt: skip
        return Article.new(decoded.text, Source(path=label), metadata)
    published = page.published or (normalise_date(warc_date) if warc_date else None)
    source = Source(
        path=label,
        url=record.rec_headers.get_header("WARC-Target-URI") or page.url,
        outlet=page.outlet,
        title=page.title,
        published=published or default_published,
    )
    return Article.new(page.text, source, metadata)


def _declared(content_type: str | None) -> str | None:
    """The charset of an HTTP ``Content-Type`` header, e.g. ``text/html; charset=ISO-8859-1``."""
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _printable(message: str) -> str:
    # warcio quotes the bad first line, which may be compressed bytes: keep the readable start.
    head = message.split(",", 1)[0]
    return "".join(ch for ch in head if ch.isprintable())[:120]


def _truncated(record: ArcWarcRecord) -> bool:
    """Read what is left of the record's block; whether it ended before its Content-Length."""
    raw = record.raw_stream
    while raw.read(_SCAN_CHUNK):
        pass
    return bool(getattr(raw, "limit", 0) > 0)


def _broken(label: str, offset: int, detail: str) -> InputError:
    return InputError("FW316", path=label, offset=offset, detail=detail)


def _drain(record: ArcWarcRecord) -> int:
    total = 0
    stream = record.content_stream()
    while chunk := stream.read(_SCAN_CHUNK):
        total += len(chunk)
    return total


def _next_boundary(stream: BinaryIO, start: int, label: str) -> int | None:
    """The offset of the next record start at or after ``start``, or ``None`` at the end."""
    magic = _GZIP_MAGIC if label.lower().endswith(".gz") else _WARC_MAGIC
    stream.seek(start)
    position = start
    carry = b""
    while chunk := stream.read(_SCAN_CHUNK):
        window = carry + chunk
        found = window.find(magic)
        if found >= 0:
            return position - len(carry) + found
        carry = window[-(len(magic) - 1) :]
        position += len(chunk)
    return None


def _tail(stream: BinaryIO, end: int) -> int | None:
    """Where unread bytes that are not whitespace start after the last record, if anywhere."""
    stream.seek(end)
    rest = stream.read(_TAIL_PEEK)
    stripped = rest.lstrip()
    return None if not stripped else end + len(rest) - len(stripped)


__all__ = ["OFFSET_KEY", "WARC_SUFFIXES", "is_warc", "read_warc"]
