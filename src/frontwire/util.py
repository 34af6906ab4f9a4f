"""Small helpers shared across stages."""

from __future__ import annotations

import hashlib
import math
import os
from pathlib import Path


def stable_id(*parts: object, length: int = 16) -> str:
    """A short hex id that depends only on ``parts``: the same inputs give the same id on any
    machine and in any run (so re-ingesting changes nothing)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:length]


def article_id(text: str, url: str | None = None, outlet: str | None = None) -> str:
    """The id of an article: derived from its original text and where it was published.

    The same text from the same url or outlet is the same article, however often and from
    whichever local path it is ingested; a syndicated copy of that text from another outlet is
    another article (one event, two reports), which the deduplication stage links later. The
    local path is left out on purpose: it changes when a corpus is moved.

    64 bits of SHA-256 make a collision between two different articles unlikely below a few
    billion articles (birthday bound ~4e9).
    """
    return stable_id("article", text, url or "", outlet or "")


def default_shared_dir() -> Path:
    """Where the public gold sets live: ``$FRONTWIRE_SHARED``, else ``../shared`` beside the
    working directory (the layout of a frontwire checkout next to its shared material)."""
    env = os.environ.get("FRONTWIRE_SHARED")
    return Path(env) if env else Path.cwd().parent / "shared"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
