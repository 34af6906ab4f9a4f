"""A corpus of hostile inputs, one file per input, of every kind that has broken frontwire.

Every kind is a function of a random generator returning a file name and its bytes (or a
special file: a FIFO, a symlink to a device). :func:`write_corpus` cycles through the kinds, so
any prefix of a corpus holds every kind; the heavy kinds (100,000 nested tags, a huge
paragraph) come at most once per :data:`HEAVY_EVERY` inputs so a large run stays quick.
"""

from __future__ import annotations

import codecs
import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

_WORDS = tuple(
    [
        "army",
        "shelling",
        "city",
        "river",
        "bridge",
        "soldiers",
        "village",
        "reported",
        "killed",
        "wounded",
        "ministry",
        "spokesman",
        "said",
        "forces",
        "attack",
        "border",
        "convoy",
        "civilians",
        "hospital",
        "ceasefire",
        "talks",
        "region",
        "Über",
        "Brücke",
        "Straße",
        "café",
        "été",
        "Kyiv",
        "Kharkiv",
        "Mariupol",
    ]
)
# Invisible characters: zero-width, direction marks, the Arabic letter mark, word joiner.
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u061c\u2060\ufeff\u202a\u202c\u2066\u2069"

Made = tuple[str, bytes | None]  # file name (may hold any bytes as surrogate escapes), content
Kind = Callable[[random.Random, int], Made]


def _prose(rng: random.Random, words: int = 30) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def _jsonl(record: dict[str, object]) -> bytes:
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass")


def _plain(rng: random.Random, n: int) -> Made:
    return f"plain-{n}.txt", _prose(rng).encode()


def _lone_surrogate(rng: random.Random, n: int) -> Made:
    text = _prose(rng) + " \ud800 " + _prose(rng, 5)
    # json.dumps with ensure_ascii escapes the surrogate as \ud800, as a scraper writes it.
    return f"surrogate-{n}.jsonl", (json.dumps({"text": text}) + "\n").encode()


def _brackets(rng: random.Random, n: int) -> Made:
    return f"close [{n}/] tag [red]x.txt", _prose(rng).encode()


def _markup_name(rng: random.Random, n: int) -> Made:
    return f"[red]red {n}[/].txt", ("[nlp] max_chars [bold]" + _prose(rng)).encode()


def _fifo(rng: random.Random, n: int) -> Made:
    return f"fifo-{n}.txt", None


def _dev_zero(rng: random.Random, n: int) -> Made:
    return f"zero-{n}.txt", None


def _invisible(rng: random.Random, n: int) -> Made:
    text = "".join(rng.choice(_INVISIBLE) for _ in range(rng.randint(1, 60)))
    return f"invisible-{n}.txt", text.encode("utf-8")


def _random_bytes(rng: random.Random, n: int) -> Made:
    return f"random-{n}.txt", rng.randbytes(12)


def _nan(rng: random.Random, n: int) -> Made:
    constant = rng.choice(["NaN", "Infinity", "-Infinity", "1e999"])
    line = f'{{"text": {json.dumps(_prose(rng))}, "score": {constant}, "x": [{constant}]}}\n'
    return f"nan-{n}.jsonl", line.encode()


def _bad_name(rng: random.Random, n: int) -> Made:
    return os.fsdecode(b"bad-\xff\xfe-" + str(n).encode() + b".txt"), _prose(rng).encode()


def _cut_utf8(rng: random.Random, n: int) -> Made:
    data = (_prose(rng) + " Über die Brücke €").encode("utf-8")
    return f"cut-{n}.txt", data[: -rng.randint(1, 2)]


def _wide(codec: str, jsonl: bool) -> Kind:
    def make(rng: random.Random, n: int) -> Made:
        if jsonl:
            body = "".join(json.dumps({"text": _prose(rng)}) + "\n" for _ in range(1))
            return f"{codec}-{n}.jsonl", body.encode(codec)
        return f"{codec}-{n}.txt", _prose(rng).encode(codec)

    make.__name__ = f"_{codec}_{'jsonl' if jsonl else 'txt'}"
    return make


def _nested(depth: int) -> Kind:
    def make(rng: random.Random, n: int) -> Made:
        body = "<div>" * depth + f"<p>{_prose(rng, 200)}</p>" + "</div>" * depth
        return f"nested-{n}.html", f"<html><body>{body}</body></html>".encode()

    make.__name__ = f"_nested_{depth}"
    return make


def _huge_paragraph(rng: random.Random, n: int) -> Made:
    return f"huge-{n}.html", f"<html><body><p>{_prose(rng, 200_000)}</p></body></html>".encode()


def _hidden(rng: random.Random, n: int) -> Made:
    return f".hidden-{n}.txt", _prose(rng).encode()


def _duplicate(rng: random.Random, n: int) -> Made:
    # The same text as every other duplicate: one article, many paths.
    return f"dup-{n}.txt", b"The same report reached the desk from two feeds about Kyiv."


def _empty(rng: random.Random, n: int) -> Made:
    return f"empty-{n}.txt", rng.choice([b"", codecs.BOM_UTF8, b"   \n\t ", b"\n"])


def _binary(rng: random.Random, n: int) -> Made:
    return f"binary-{n}.txt", b"\x00\x01\x02" + rng.randbytes(rng.randint(10, 400))


def _bad_json(rng: random.Random, n: int) -> Made:
    lines = [b'{"text": "unterminated', b"[" * 50_000, b'{"text": 5}', b"[1, 2]", b'{"html": 1}']
    line = rng.choice(lines)
    return f"badjson-{n}.jsonl", line + b"\n"


def _oversize(rng: random.Random, n: int) -> Made:
    # Over the checker's max_bytes (2 MB, :data:`frontwire_testkit.check.MAX_BYTES`): the
    # prose is extended to 3 MB as a sparse file, so a large corpus costs no disk.
    return f"oversize-{n}.txt", (_prose(rng) + " ").encode()


def _mojibake(rng: random.Random, n: int) -> Made:
    return f"legacy-{n}.txt", (_prose(rng) + " Straße nach Köln").encode("cp1252", "replace")


KINDS: tuple[Kind, ...] = (
    _plain,
    _lone_surrogate,
    _brackets,
    _markup_name,
    _fifo,
    _dev_zero,
    _invisible,
    _random_bytes,
    _nan,
    _bad_name,
    _cut_utf8,
    _wide("utf-16-le", True),
    _wide("utf-16-be", True),
    _wide("utf-32-le", True),
    _wide("utf-16-le", False),
    _wide("utf-32-be", False),
    _hidden,
    _duplicate,
    _empty,
    _binary,
    _bad_json,
    _oversize,
    _mojibake,
)
OVERSIZE_BYTES = 3_000_000
HEAVY: tuple[Kind, ...] = (_nested(100_000), _huge_paragraph)
#: Heavy inputs come once per this many inputs (and once in any corpus of 50 or more).
HEAVY_EVERY = 2_000


@dataclass(slots=True)
class Corpus:
    """What :func:`write_corpus` wrote: the folder, the inputs ingest should account for (as
    an article or a reject) and the hidden files it should skip and count."""

    root: Path
    inputs: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)


def write_corpus(root: Path, count: int, seed: int = 0, *, folders: int = 1) -> Corpus:
    """Write ``count`` hostile inputs under ``root``, spread over ``folders`` sub-folders.

    Args:
        root: an empty or missing folder.
        count: how many inputs to write.
        seed: makes the corpus reproducible.
        folders: sub-folders ``part-0`` ... to spread the inputs over (one ingest run each).

    Returns:
        The corpus, with paths as ingest names them (``root/part-0/name``).
    """
    rng = random.Random(seed)
    corpus = Corpus(root)
    parts = [root / f"part-{i}" for i in range(folders)]
    for part in parts:
        part.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        if count >= 50 and n % HEAVY_EVERY == 25:
            kind = HEAVY[(n // HEAVY_EVERY) % len(HEAVY)]
        else:
            kind = KINDS[n % len(KINDS)]
        name, data = kind(rng, n)
        path = os.path.join(os.fspath(parts[n % folders]), name)
        _materialise(path, kind, data)
        label = kind.__name__.lstrip("_")
        corpus.by_kind[label] = corpus.by_kind.get(label, 0) + 1
        (corpus.hidden if name.startswith(".") else corpus.inputs).append(path)
    return corpus


def _materialise(path: str, kind: Kind, data: bytes | None) -> None:
    raw = os.fsencode(path)
    os.makedirs(os.path.dirname(raw), exist_ok=True)  # "close [1/] tag.txt" is in a folder
    if kind is _fifo:
        os.mkfifo(raw)
    elif kind is _dev_zero:
        os.symlink("/dev/zero", raw)
    else:
        with open(raw, "wb") as handle:
            handle.write(data or b"")
            if kind is _oversize:
                handle.truncate(OVERSIZE_BYTES)


__all__ = ["HEAVY", "HEAVY_EVERY", "KINDS", "Corpus", "write_corpus"]
