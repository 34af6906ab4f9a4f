"""Reading inputs: files, directories, JSON Lines and stdin, as one lazy stream of articles.

Nothing is read ahead: one file (or one JSON Lines line) is read, turned into an article or a
reject, and handed on before the next is opened, so memory stays flat however large the corpus.
Every input that cannot become an article becomes a :class:`~frontwire.records.Reject` that names
the file (and line) and says why; the stream always goes on with the next input.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path, PurePath
from typing import Any, BinaryIO, Literal

from frontwire.errors import InputError
from frontwire.ingest.dates import normalise_date
from frontwire.ingest.decode import decode_bytes
from frontwire.ingest.guards import open_regular, real_text_problem, wide_encoding
from frontwire.ingest.html import HtmlExtractor
from frontwire.ingest.jsonl import (
    article_from_record,
    iter_lines,
    looks_like_document_start,
    parse_object,
)
from frontwire.ingest.options import PENDING_HTML, IngestOptions, InputFormat
from frontwire.ingest.warc import is_warc, read_warc
from frontwire.records import Article, Reject, Source
from frontwire.util import stable_id

Kind = Literal["txt", "html", "jsonl"]

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
#: How stdin ("-") is named in sources and messages.
STDIN_LABEL = "<stdin>"

# Markup is taken for HTML only when one of these tags appears near the start: "<" alone also
# opens XML feeds and the odd "<Reuters>" byline.
_HTML_TAG = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|article|main|div|p|h[1-6]|title|meta)\b", re.I
)
_HTML_SNIFF_CHARS = 4096
_CHUNK = 1 << 20
# Wide encodings cannot be split into lines byte by byte, so JSON Lines in them is refused.
_WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "UTF-32BE"),
    (codecs.BOM_UTF16_LE, "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "UTF-16BE"),
)


def read_inputs(
    paths: Iterable[str | Path],
    options: IngestOptions,
    *,
    stdin: BinaryIO | None = None,
    skipped: Counter[str] | None = None,
) -> Iterator[Article | Reject]:
    """Stream articles (and rejects) from files, directories, JSON Lines and stdin, lazily.

    Never reads more than one file (or one JSON Lines line) ahead, so memory is flat in corpus
    size; ``paths`` may itself be a lazy iterable.

    Args:
        paths: files, directories (read recursively in sorted order, hidden entries skipped)
            and ``"-"`` for stdin.
        options: limits, the default published date and the format of stdin and of files
            with an unknown extension.
        stdin: the stream read for ``"-"``; ``sys.stdin.buffer`` when not given.
        skipped: counts input records that are not articles (WARC requests, metadata,
            non-HTML responses), by kind.

    Returns:
        An iterator of articles and, for inputs that cannot become one, rejects.

    Raises:
        InputError: FW312 at once when ``options.published`` is not a date.
    """
    return _Reader(options, stdin, skipped).read(paths)


def count_inputs(paths: Sequence[str | Path]) -> int | None:
    """Cheap estimate of how many articles :func:`read_inputs` will yield, for a progress bar.

    Args:
        paths: the same paths as given to :func:`read_inputs`.

    Returns:
        Files count 1, JSON Lines files their lines; ``None`` when stdin is among the paths.
    """
    labels = [os.fspath(path) for path in paths]
    if "-" in labels:
        return None
    total = 0
    for label in labels:
        if not os.path.isdir(label):
            total += _count_file(label)
            continue
        for item in walk_files(label):
            total += 1 if isinstance(item, InputError) else _count_file(item)
    return total


def kind_from_suffix(path: str) -> Kind | None:
    """The input format a file's extension says, or ``None`` when it says nothing."""
    suffix = PurePath(path).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "txt"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return None


def looks_like_html(text: str) -> bool:
    """Whether decoded input is HTML: it starts with ``<`` and has HTML tags near the start."""
    head = text.lstrip()[:_HTML_SNIFF_CHARS]
    return head.startswith("<") and _HTML_TAG.search(head) is not None


def walk_files(
    directory: str, seen: set[tuple[int, int]] | None = None
) -> Iterator[str | InputError]:
    """The files under ``directory``, recursively, in sorted order, hidden entries skipped.

    Args:
        directory: the directory, as the user gave it (paths yielded start with it).
        seen: directories already visited (device, inode), so symlink loops end.

    Returns:
        An iterator of file paths and, for directories that cannot be read, FW311 errors.
    """
    seen = set() if seen is None else seen
    try:
        info = os.stat(directory)
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield InputError("FW311", path=directory, detail=_reason(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(directory, entry.name)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False  # opening it will report why
        if is_dir:
            yield from walk_files(path, seen)
        else:
            yield path


class _Reader:
    """One pass over the inputs with one set of options."""

    def __init__(
        self, options: IngestOptions, stdin: BinaryIO | None, skipped: Counter[str] | None = None
    ) -> None:
        self._options = options
        self._stdin = stdin
        self._skipped = skipped
        self._published: str | None = None
        if options.published:
            self._published = normalise_date(options.published)
            if self._published is None:
                raise InputError("FW312", value=options.published)
        self._html = HtmlExtractor()

    def read(self, paths: Iterable[str | Path]) -> Iterator[Article | Reject]:
        for path in paths:
            label = os.fspath(path)
            if label == "-":
                stream = self._stdin if self._stdin is not None else sys.stdin.buffer
                yield from self._stream(STDIN_LABEL, stream, self._options.input_format, None)
            else:
                yield from self._path(label)

    def _path(self, label: str) -> Iterator[Article | Reject]:
        try:
            info = os.stat(label)
        except (FileNotFoundError, NotADirectoryError):
            yield self._reject(InputError("FW301", path=label), label)
            return
        except OSError as exc:
            yield self._reject(InputError("FW311", path=label, detail=_reason(exc)), label)
            return
        if not stat.S_ISDIR(info.st_mode):
            yield from self._file(label)
            return
        for item in walk_files(label):
            if isinstance(item, InputError):
                yield self._reject(item, str(item.fields["path"]))
            else:
                yield from self._file(item)

    def _file(self, label: str) -> Iterator[Article | Reject]:
        kind: InputFormat = kind_from_suffix(label) or self._options.input_format
        try:
            with open_regular(label) as handle:
                if is_warc(label):
                    yield from self._warc(label, handle)
                    return
                info = os.fstat(handle.fileno())
                # Pipes and devices have no size to check up front; they are read with a bound.
                size = info.st_size if stat.S_ISREG(info.st_mode) else None
                yield from self._stream(label, handle, kind, size)
        except InputError as exc:  # not a regular file
            yield self._reject(exc, label)
        except (FileNotFoundError, NotADirectoryError):
            yield self._reject(InputError("FW301", path=label), label)
        except OSError as exc:
            yield self._reject(InputError("FW311", path=label, detail=_reason(exc)), label)

    def _warc(self, label: str, handle: BinaryIO) -> Iterator[Article | Reject]:
        def reject(error: InputError, path: str, offset: int | None, payload: str | None) -> Reject:
            return self._reject(error, path, payload=payload, key=offset)

        yield from read_warc(
            label,
            handle,
            max_bytes=self._options.max_bytes,
            html=self._html,
            default_published=self._published,
            reject=reject,
            skipped=self._skipped,
            defer=self._options.defer_html,
        )

    def _stream(
        self, label: str, stream: BinaryIO, kind: InputFormat, size: int | None
    ) -> Iterator[Article | Reject]:
        pending: list[bytes] = []
        if kind == "auto":
            is_jsonl, pending = self._sniff(stream)
            kind = "jsonl" if is_jsonl else "auto"
        if kind == "jsonl":
            yield from self._jsonl(label, stream, pending)
        else:
            yield self._document(label, stream, pending, kind, size)

    def _sniff(self, stream: BinaryIO) -> tuple[bool, list[bytes]]:
        """Read up to the first non-blank line; JSON Lines if it is a JSON object.

        Returns the lines read, which belong to the input and are processed next.
        """
        limit = self._options.max_bytes
        pending: list[bytes] = []
        total = 0
        while total <= limit:
            data = stream.readline(limit + 1)
            if not data:
                break
            pending.append(data)
            total += len(data)
            content = data.removeprefix(codecs.BOM_UTF8) if len(pending) == 1 else data
            if content.strip():
                is_json = _is_json_object(content) or _wide_json_object(content)
                return len(data) <= limit and is_json, pending
        return False, pending

    def _document(
        self,
        label: str,
        stream: BinaryIO,
        pending: list[bytes],
        kind: InputFormat,
        size: int | None,
    ) -> Article | Reject:
        """One whole input (text or HTML) as one article."""
        limit = self._options.max_bytes
        if size is not None and size > limit:
            return self._reject(InputError("FW304", path=label, size=size, limit=limit), label)
        data = b"".join(pending)
        if len(data) <= limit:
            data += stream.read(limit + 1 - len(data))
        if len(data) > limit:
            if size is None:  # a stream may never end: never read on only to measure it
                return self._reject(InputError("FW321", path=label, limit=limit), label)
            total = len(data) + _drain(stream)
            return self._reject(InputError("FW304", path=label, size=total, limit=limit), label)
        if not data:
            return self._reject(InputError("FW302", path=label), label, payload="")
        try:
            decoded = decode_bytes(data, label)
        except InputError as exc:
            return self._reject(exc, label)
        text = decoded.text
        metadata: dict[str, Any] = decoded.metadata()
        if not text:  # a byte-order mark and nothing else
            return self._reject(InputError("FW302", path=label), label, payload="")
        if kind == "auto":
            kind = "html" if looks_like_html(text) else "txt"
        legacy = len(data) if decoded.detected else None
        if kind == "html" and self._options.defer_html:
            # The page as it is; its id is a placeholder until complete_html extracts it.
            waiting = {
                **metadata,
                PENDING_HTML: {"label": label, "legacy": legacy, "published": self._published},
            }
            return Article.new(text, Source(path=label), waiting)
        if kind == "html":
            return self.complete(label, text, metadata, legacy, self._published)
        if not text.strip():
            return self._reject(InputError("FW309", path=label), label, payload=text)
        article = Article.new(text, Source(path=label, published=self._published), metadata)
        return self._real_text(article, label, None, legacy)

    def complete(
        self,
        label: str,
        text: str,
        metadata: dict[str, Any],
        legacy: int | None,
        published: str | None,
    ) -> Article | Reject:
        """The article of one HTML page: its main text, title, URL, outlet and date (else
        ``published``)."""
        try:
            page = self._html.extract(text, label)
        except InputError as exc:
            return self._reject(exc, label, payload=text)
        source = Source(
            path=label,
            url=page.url,
            outlet=page.outlet,
            title=page.title,
            published=page.published or published,
        )
        return self._real_text(Article.new(page.text, source, metadata), label, None, legacy)

    def _real_text(
        self, article: Article, label: str, line: int | None, legacy: int | None
    ) -> Article | Reject:
        """The article, or a reject when it has no real text (too few letters)."""
        minimum = self._options.min_letters
        problem = real_text_problem(article.text, minimum, legacy)
        if problem is None:
            return article
        where = label if line is None else f"{label}:{line}"
        error = InputError("FW322", path=where, detail=problem)
        return self._reject(error, label, line, payload=article.text)

    def _wide_jsonl(
        self, label: str, stream: BinaryIO, first: bytes, codec: str
    ) -> Iterator[Article | Reject]:
        """JSON Lines in UTF-16/32: its lines cannot be split byte by byte, so the whole input
        (bounded by max_bytes) is decoded and read again as UTF-8."""
        limit = self._options.max_bytes
        data = first + stream.read(limit + 1 - len(first))
        if len(data) > limit:
            error = InputError("FW323", path=label, encoding=codec.upper(), limit=limit)
            yield self._reject(error, label)
            return
        for bom, _ in _WIDE_BOMS:
            if data.startswith(bom):
                data = data[len(bom) :]
                break
        text = data.decode(codec, "replace")  # a broken unit becomes U+FFFD
        yield from self._jsonl(label, io.BytesIO(text.encode("utf-8", "surrogatepass")), [])

    def _jsonl(
        self, label: str, stream: BinaryIO, pending: list[bytes]
    ) -> Iterator[Article | Reject]:
        """One article per non-blank line."""
        limit = self._options.max_bytes
        first = True
        for line in iter_lines(stream, limit, pending):
            if line.oversize is not None:
                where = f"{label}:{line.number}"
                error = InputError("FW304", path=where, size=line.oversize, limit=limit)
                yield self._reject(error, label, line.number)
                first = False
                continue
            data = line.data
            if line.number == 1:
                codec = _wide_codec(data)
                if codec is not None:
                    yield from self._wide_jsonl(label, stream, data, codec)
                    return
                data = data.removeprefix(codecs.BOM_UTF8)
            if not data.strip():
                continue
            if first:
                first = False
                nul = data.find(b"\x00")
                if nul >= 0:  # binary data: every further "line" would be rejected too
                    detail = f"a NUL byte at byte {nul} of line {line.number}"
                    yield self._reject(InputError("FW303", path=label, detail=detail), label)
                    return
                result = self._jsonl_line(label, line.number, data)
                if (
                    isinstance(result, Reject)
                    and result.code == "FW306"
                    and looks_like_document_start(data.decode("utf-8", "replace"))
                ):
                    yield self._reject(InputError("FW315", path=label), label)
                    return
                yield result
            else:
                yield self._jsonl_line(label, line.number, data)
        if first:
            yield self._reject(InputError("FW302", path=label), label, payload="")

    def _jsonl_line(self, label: str, number: int, data: bytes) -> Article | Reject:
        try:
            decoded = decode_bytes(data, f"{label}:{number}")
        except InputError as exc:
            return self._reject(exc, label, number)
        payload = decoded.text.rstrip("\r\n")
        try:
            record = parse_object(decoded.text, label, number)
            result: Article | Reject = article_from_record(
                record,
                path=label,
                line=number,
                html=self._html,
                default_published=self._published,
                metadata=decoded.metadata() or None,
                defer=self._options.defer_html,
            )
        except InputError as exc:
            return self._reject(exc, label, number, payload)
        if not isinstance(result, Article):
            return result
        legacy = len(data) if decoded.detected else None
        pending = result.metadata.get(PENDING_HTML)
        if pending is not None:
            pending["legacy"] = legacy
            return result
        return self._real_text(result, label, number, legacy)

    def _reject(
        self,
        error: InputError,
        path: str,
        line: int | None = None,
        payload: str | None = None,
        key: int | None = None,
    ) -> Reject:
        # ``key`` tells apart rejects of one file that have no line (WARC record offsets).
        if payload is not None and len(payload) > self._options.keep_payload_chars:
            payload = None
        parts: tuple[object, ...] = (path, line) if key is None else (path, line, key)
        return Reject(
            id=stable_id("reject", "ingest", *parts, error.code),
            code=error.code,
            reason=error.message,
            stage="ingest",
            path=path,
            line=line,
            payload=payload,
        )


class HtmlCompleter:
    """Extracts the HTML pages ingest read with ``defer_html``, where the stages run.

    Args:
        options: the options the pages were read with (the default published date travels
            with each page).
    """

    def __init__(self, options: IngestOptions | None = None) -> None:
        self._reader = _Reader(replace(options or IngestOptions(), defer_html=False), None)

    def complete(self, articles: Sequence[Article]) -> tuple[list[Article], list[Reject]]:
        """``articles`` with every pending page extracted, in order, and the rejects of the
        pages that have no main text (or no real text)."""
        done: list[Article] = []
        rejects: list[Reject] = []
        for article in articles:
            pending = article.metadata.get(PENDING_HTML)
            if pending is None:
                done.append(article)
                continue
            metadata = {k: v for k, v in article.metadata.items() if k != PENDING_HTML}
            if pending.get("warc") or pending.get("jsonl"):
                finish = self._warc if pending.get("warc") else self._jsonl
                result = finish(article, pending, metadata)
                (done if isinstance(result, Article) else rejects).append(result)  # type: ignore[arg-type]
                continue
            result = self._reader.complete(
                pending["label"],
                article.original_text,
                metadata,
                pending["legacy"],
                pending["published"],
            )
            (done if isinstance(result, Article) else rejects).append(result)  # type: ignore[arg-type]
        return done, rejects

    def _warc(
        self, article: Article, pending: dict[str, Any], metadata: dict[str, Any]
    ) -> Article | Reject:
        """A WARC record's page, finished as :func:`frontwire.ingest.warc.read_warc` would."""
        reader = self._reader
        try:
            page = reader._html.extract(article.original_text, pending["where"])
        except InputError as exc:
            return reader._reject(exc, pending["label"], key=pending["key"])
        source = Source(
            path=pending["label"],
            url=pending["url"] or page.url,
            outlet=page.outlet,
            title=page.title,
            published=page.published or pending["published"],
        )
        return Article.new(page.text, source, metadata)

    def _jsonl(
        self, article: Article, pending: dict[str, Any], metadata: dict[str, Any]
    ) -> Article | Reject:
        """A JSON Lines record's ``html``, finished as :func:`article_from_record` would (the
        reject of a page without main text carries no payload here)."""
        reader = self._reader
        label, line = pending["label"], pending["line"]
        try:
            page = reader._html.extract(article.original_text, f"{label}:{line}")
        except InputError as exc:
            return reader._reject(exc, label, line)
        # What the record says wins over what the page says.
        source = Source(
            path=label,
            url=pending["url"] or page.url,
            outlet=pending["outlet"] or page.outlet,
            title=pending["title"] or page.title,
            published=pending["published"] or page.published or pending["default"],
        )
        finished = Article.new(page.text, source, metadata)
        return reader._real_text(finished, label, line, pending["legacy"])


def is_pending(article: Article) -> bool:
    """Whether ``article`` is an HTML page whose main text is still to be extracted."""
    return PENDING_HTML in article.metadata


def _wide_codec(line: bytes) -> str | None:
    """The UTF-16/32 codec of a first line, by its byte-order mark or its NUL bytes."""
    for bom, encoding in _WIDE_BOMS:
        if line.startswith(bom):
            return encoding.lower()
    if b"\x00" not in line:
        return None
    return wide_encoding(line[: len(line) // 4 * 4])


def _wide_json_object(line: bytes) -> bool:
    codec = _wide_codec(line)
    if codec is None:
        return False
    for bom, _ in _WIDE_BOMS:
        line = line.removeprefix(bom)
    unit = 4 if codec.startswith("utf-32") else 2
    text = line[: len(line) // unit * unit].decode(codec, "replace").strip("\x00\r\n\ufffd")
    try:
        return isinstance(json.loads(text), dict)
    except (ValueError, RecursionError):
        return False


def _is_json_object(data: bytes) -> bool:
    try:
        return isinstance(json.loads(data.decode("utf-8")), dict)
    except (UnicodeDecodeError, ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return False


def _drain(stream: BinaryIO) -> int:
    """Read the rest of ``stream`` in chunks, returning how many bytes there were."""
    total = 0
    while chunk := stream.read(_CHUNK):
        total += len(chunk)
    return total


def _count_file(path: str) -> int:
    kind = kind_from_suffix(path)
    if not os.path.isfile(path):  # a pipe or device is one reject, never opened to count it
        return 1
    try:
        sniff = kind is None and os.path.isfile(path)  # never read a pipe only to count it
        if kind == "jsonl" or (sniff and _starts_with_json_object(path)):
            return _count_lines(path)
    except OSError:
        pass  # read_inputs reports it as one reject
    return 1


def _starts_with_json_object(path: str) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(_CHUNK)
    for line in head.removeprefix(codecs.BOM_UTF8).splitlines():
        if line.strip():
            return _is_json_object(line)
    return False


def _count_lines(path: str) -> int:
    lines = 0
    last = b"\n"
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    if last != b"\n":
        lines += 1  # a last line without a newline
    return max(lines, 1)  # an empty file is still reported, as one reject


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


__all__ = [
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "STDIN_LABEL",
    "TEXT_SUFFIXES",
    "count_inputs",
    "kind_from_suffix",
    "looks_like_html",
    "read_inputs",
    "walk_files",
]
