"""Score geoparsing on the public gold corpora (LGL, TR-News, GeoVirus).

Two settings: end-to-end (our own recognition: the ``nlp`` and ``places`` stages over the raw
text) and given names (the gold spans handed to the resolver). Scores, as in Gritta et al.
(2018): accuracy@161 km (share of gold toponyms resolved within 161 km), mean and median error
in km, and AUC, the mean of ln(1 + error) / ln(20039) (0 is perfect; an unresolved name counts
as the largest error on Earth). End-to-end distances are over the gold toponyms we recognised
(span overlap); recognition is scored by toponym precision, recall and F1. "literal" restricts
to the gold toponyms our stage classified as literal uses.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontwire.errors import DependencyError
from frontwire.evaluation.metrics import MAX_KM, distance_scores, prf

GEO_DIR = Path("eval") / "geo"
CORPORA = ("lgl", "tr-news", "geovirus")


@dataclass(frozen=True, slots=True)
class Gold:
    """One gold toponym."""

    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One gold article."""

    text: str
    toponyms: tuple[Gold, ...]


def read_corpus(path: Path) -> Iterator[GoldArticle]:
    """The articles of an LGL/TR-News (``toponyms``) or GeoVirus (``locations``) file."""
    root = ET.parse(path).getroot()
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        golds = []
        for top in art.iter("toponym"):
            tag = top.find("gaztag")
            lat = tag.findtext("lat") if tag is not None else None
            lon = tag.findtext("lon") if tag is not None else None
            golds.append(_gold(top.findtext("start"), top.findtext("end"),
                               top.findtext("phrase"), lat, lon))  # fmt: skip
        for loc in art.iter("location"):
            golds.append(_gold(loc.findtext("start"), loc.findtext("end"), loc.findtext("name"),
                               loc.findtext("lat"), loc.findtext("lon")))  # fmt: skip
        yield GoldArticle(text, tuple(_aligned(text, g) for g in golds if g is not None))


def _aligned(text: str, gold: Gold) -> Gold:
    # Some corpora's offsets are off by a few characters (GeoVirus counts from 1, part of
    # TR-News drifts): the phrase found nearest the given start is taken instead.
    if text[gold.start : gold.end] == gold.phrase or not gold.phrase:
        return gold
    for delta in sorted(range(-40, 41), key=abs):
        s = gold.start + delta
        if s >= 0 and text[s : s + len(gold.phrase)] == gold.phrase:
            return Gold(s, s + len(gold.phrase), gold.phrase, gold.lat, gold.lon)
    return gold


def _gold(
    start: str | None, end: str | None, phrase: str | None, lat: str | None, lon: str | None
) -> Gold | None:
    try:
        s, e = int(start or ""), int(end or "")
    except ValueError:
        return None
    try:
        la, lo = float(lat or ""), float(lon or "")
    except ValueError:
        la = lo = None  # type: ignore[assignment]
    return Gold(s, e, phrase or "", la, lo)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def evaluate_geo(
    path: Path, *, limit: int | None = None, end_to_end: bool = True
) -> dict[str, Any]:
    """Score one corpus file (the first ``limit`` articles when given)."""
    from frontwire.config import load_config
    from frontwire.nlp import NlpStage
    from frontwire.pipeline.stage import Context
    from frontwire.places.stage import PlacesStage, resolve_names
    from frontwire.records import Article

    if not path.is_file():
        raise DependencyError("FW603", path=str(path))
    articles = list(read_corpus(path))[:limit]
    ctx = Context(load_config())
    places = PlacesStage(ctx)
    gaz = places.gazetteer
    given: list[float] = []
    for art in articles:
        golds = [g for g in art.toponyms if g.lat is not None]
        res = resolve_names(gaz, art.text, [(g.start, g.end) for g in golds], places.weights)
        for g, r in zip(sorted(golds, key=lambda g: (g.start, g.end)), res, strict=True):
            if r.best is None:
                given.append(MAX_KM)
            else:
                assert g.lat is not None and g.lon is not None
                given.append(haversine_km(g.lat, g.lon, gaz.lat[r.best], gaz.lon[r.best]))
    out: dict[str, Any] = {"file": path.name, "articles": len(articles), "given": {}}
    out["given"] = distance_scores(given)
    if not end_to_end:
        return out
    nlp = NlpStage(ctx)
    tp = fp = fn = 0
    e2e: list[float] = []
    literal: list[float] = []
    batch = 32
    for k in range(0, len(articles), batch):
        chunk = articles[k : k + batch]
        done = places.process_batch(nlp.process_batch([Article.new(a.text) for a in chunk]))
        for art, got in zip(chunk, done, strict=True):
            predicted = [p for p in got.places if p.feature != "COORD"]
            used: set[int] = set()
            for g in art.toponyms:
                match = next(
                    (j for j, p in enumerate(predicted)
                     if j not in used and p.span.start < g.end and g.start < p.span.end),
                    None,
                )  # fmt: skip
                if match is None:
                    fn += 1
                    continue
                used.add(match)
                tp += 1
                if g.lat is None or g.lon is None:
                    continue
                p = predicted[match]
                err = (
                    MAX_KM
                    if p.latitude is None or p.longitude is None
                    else haversine_km(g.lat, g.lon, p.latitude, p.longitude)
                )
                e2e.append(err)
                if p.use == "literal":
                    literal.append(err)
            fp += len(predicted) - len(used)
    precision, recall, f1 = prf(tp, tp + fp, tp + fn)
    out["end_to_end"] = distance_scores(e2e)
    out["end_to_end_literal"] = distance_scores(literal)
    out["toponyms"] = {
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        "tp": tp, "fp": fp, "fn": fn,
    }  # fmt: skip
    return out


def evaluate_all(shared_dir: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Score every corpus in ``shared_dir/eval/geo``."""
    folder = Path(shared_dir) / GEO_DIR
    files = [folder / f"{name}.xml" for name in CORPORA if (folder / f"{name}.xml").is_file()]
    if not files:
        raise DependencyError("FW603", path=str(folder))
    return [evaluate_geo(f, limit=limit) for f in files]


def format_table(results: Sequence[dict[str, Any]]) -> str:
    """A Markdown table of :func:`evaluate_geo` results."""
    lines = [
        "| corpus | articles | given acc@161 | given mean / median km | given AUC "
        "| e2e acc@161 all / literal | e2e mean / median km | e2e AUC | toponym P / R / F1 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        g = r["given"]
        e = r.get("end_to_end", {})
        el = r.get("end_to_end_literal", {})
        t = r.get("toponyms", {})
        lines.append(
            f"| {r['file']} | {r['articles']} | {g['acc161']} | {g['mean_km']} / "
            f"{g['median_km']} | {g['auc']} | {e.get('acc161')} / {el.get('acc161')} | "
            f"{e.get('mean_km')} / {e.get('median_km')} | {e.get('auc')} | "
            f"{t.get('precision')} / {t.get('recall')} | {t.get('f1')} |"
        )
    return "\n".join(lines)
