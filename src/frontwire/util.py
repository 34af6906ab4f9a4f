"""Small helpers shared across stages."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def stable_id(*parts: object, length: int = 16) -> str:
    """A short hex id that depends only on ``parts``: the same inputs give the same id on any
    machine and in any run (so re-ingesting changes nothing)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:length]


def article_id(text: str) -> str:
    """The id of an article: derived from its original text alone.

    64 bits of SHA-256 make a collision between two different articles unlikely below a few
    billion articles (birthday bound ~4e9).
    """
    return stable_id("article", text)


def default_shared_dir() -> Path:
    """Where the public gold sets live: ``$FRONTWIRE_SHARED``, else ``../shared`` beside the
    working directory (the layout of a frontwire checkout next to its shared material)."""
    env = os.environ.get("FRONTWIRE_SHARED")
    return Path(env) if env else Path.cwd().parent / "shared"
