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

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontwire.errors import DependencyError
from frontwire.evaluation.metrics import MAX_KM, distance_scores, prf
from frontwire.util import haversine_km

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
    # Two counts of recognition: every place we output, and the names alone, without the
    # adjectival forms ("Ukrainian", "Americans"). Gold sets differ on those: LGL and TR-News
    # annotate many of them as toponyms, GeoVirus none.
    counts = {"all": [0, 0, 0], "names": [0, 0, 0]}
    e2e: list[float] = []
    literal: list[float] = []
    batch = 32
    for k in range(0, len(articles), batch):
        chunk = articles[k : k + batch]
        done = places.process_batch(nlp.process_batch([Article.new(a.text) for a in chunk]))
        for art, got in zip(chunk, done, strict=True):
            predicted = [p for p in got.places if p.feature != "COORD"]
            for kind, preds in (("all", predicted),
                                ("names", [p for p in predicted if not p.adjectival])):  # fmt: skip
                matches = _match(art.toponyms, preds)
                c = counts[kind]
                c[0] += len(matches)
                c[1] += len(preds) - len(matches)
                c[2] += len(art.toponyms) - len(matches)
                if kind != "all":
                    continue
                for g, p in matches:
                    if g.lat is None or g.lon is None:
                        continue
                    err = (
                        MAX_KM
                        if p.latitude is None or p.longitude is None
                        else haversine_km(g.lat, g.lon, p.latitude, p.longitude)
                    )
                    e2e.append(err)
                    if p.use == "literal":
                        literal.append(err)
    out["end_to_end"] = distance_scores(e2e)
    out["end_to_end_literal"] = distance_scores(literal)
    out["toponyms"] = _prf(*counts["all"])
    out["toponym_names"] = _prf(*counts["names"])
    return out


def _match(golds: Sequence[Gold], predicted: Sequence[Any]) -> list[tuple[Gold, Any]]:
    # Each gold toponym takes the first unused predicted place its span overlaps.
    used: set[int] = set()
    out = []
    for g in golds:
        match = next(
            (j for j, p in enumerate(predicted)
             if j not in used and p.span.start < g.end and g.start < p.span.end),
            None,
        )  # fmt: skip
        if match is not None:
            used.add(match)
            out.append((g, predicted[match]))
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    precision, recall, f1 = prf(tp, tp + fp, tp + fn)
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "tp": tp, "fp": fp, "fn": fn}  # fmt: skip


def geo_errors(
    path: Path, *, limit: int | None = None, end_to_end: bool = False
) -> list[dict[str, Any]]:
    """Every miss of one corpus file with its error class, for error-driven work.

    Given names (the default), a gold toponym resolved more than 161 km away is one of:
    ``unknown name`` (no candidate at all), ``region point`` (the right country or region, at
    a point more than 161 km from the gold's), ``same-name place, same country`` or ``...,
    other country`` (a candidate within 161 km existed; the context chose another) and ``no
    candidate near`` (the gazetteer lacks the place, or knows it by another name). End to end
    (``end_to_end``) adds ``false place`` (a place we found that no gold toponym overlaps,
    with its entity label or how it was found) and ``missed place`` (a gold toponym we did not
    find).
    """
    from frontwire.config import load_config
    from frontwire.pipeline.stage import Context
    from frontwire.places.stage import PlacesStage, resolve_names

    if not path.is_file():
        raise DependencyError("FW603", path=str(path))
    articles = list(read_corpus(path))[:limit]
    places = PlacesStage(Context(load_config()))
    gaz = places.gazetteer
    out: list[dict[str, Any]] = []
    for n, art in enumerate(articles):
        golds = sorted(
            (g for g in art.toponyms if g.lat is not None), key=lambda g: (g.start, g.end)
        )
        res = resolve_names(gaz, art.text, [(g.start, g.end) for g in golds], places.weights)
        for g, r in zip(golds, res, strict=True):
            assert g.lat is not None and g.lon is not None
            row: dict[str, Any] = {"article": n, "phrase": g.phrase, "gold": (g.lat, g.lon)}
            if r.best is None:
                out.append({**row, "class": "unknown name", "got": None, "km": MAX_KM})
                continue
            km = haversine_km(g.lat, g.lon, gaz.lat[r.best], gaz.lon[r.best])
            if km <= 161:
                continue
            found = gaz.lookup(g.phrase)[0]
            near = [
                i for i, _ in found if haversine_km(g.lat, g.lon, gaz.lat[i], gaz.lon[i]) <= 161
            ]
            feature = gaz.features[r.best]
            got = f"{gaz.names[r.best]}, {gaz.countries[r.best] or '-'} {feature}"
            if near:
                same = gaz.countries[near[0]] == gaz.countries[r.best]
                kind = "same-name place, " + ("same country" if same else "other country")
                got += f" (gold is {gaz.names[near[0]]}, {gaz.countries[near[0]] or '-'})"
            elif feature in ("PCLI", "ADM1", "ADM2", "CONT", "RGN") and km < 1500:
                kind = f"region point {feature}"
            else:
                kind = "no candidate near"
            out.append({**row, "class": kind, "got": got, "km": round(km)})
    if end_to_end:
        out += _recognition_errors(places, articles)
    return out


def _recognition_errors(places: Any, articles: Sequence[GoldArticle]) -> list[dict[str, Any]]:
    from frontwire.nlp import NlpStage
    from frontwire.records import Article

    nlp = NlpStage(places.ctx)
    out: list[dict[str, Any]] = []
    for k in range(0, len(articles), 32):
        chunk = articles[k : k + 32]
        done = places.process_batch(nlp.process_batch([Article.new(a.text) for a in chunk]))
        for n, (art, got) in enumerate(zip(chunk, done, strict=True), k):
            labels = {(e.span.start, e.span.end): e.label for e in got.entities}
            predicted = [p for p in got.places if p.feature != "COORD"]
            for p in predicted:
                if not any(p.span.start < g.end and g.start < p.span.end for g in art.toponyms):
                    label = labels.get((p.span.start, p.span.end), "unlabelled")
                    out.append({"article": n, "phrase": p.span.text, "class": "false place",
                                 "got": f"{label} {p.use} -> {p.name}", "km": None})  # fmt: skip
            for g in art.toponyms:
                if not any(p.span.start < g.end and g.start < p.span.end for p in predicted):
                    around = art.text[max(0, g.start - 30) : g.end + 30].replace("\n", " ")
                    out.append({"article": n, "phrase": g.phrase, "class": "missed place",
                                "got": around, "km": None})  # fmt: skip
    return out


def format_errors(errors: Sequence[dict[str, Any]], *, examples: int = 0) -> str:
    """Error classes by count, then every miss (or ``examples`` of each class when given)."""
    counts: dict[str, int] = {}
    for e in errors:
        counts[e["class"]] = counts.get(e["class"], 0) + 1
    lines = ["| error class | misses |", "|---|---:|"]
    lines += [f"| {c} | {n} |" for c, n in sorted(counts.items(), key=lambda t: -t[1])]
    shown: dict[str, int] = {}
    lines.append("")
    for e in sorted(errors, key=lambda e: (-counts[e["class"]], e["class"], e["phrase"])):
        shown[e["class"]] = shown.get(e["class"], 0) + 1
        if examples and shown[e["class"]] > examples:
            continue
        km = f" {e['km']} km" if e.get("km") is not None else ""
        lines.append(f"{e['class']}\tarticle {e['article']}\t{e['phrase']!r}\t{e['got']}{km}")
    return "\n".join(lines)


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
        "| e2e acc@161 all / literal | e2e mean / median km | e2e AUC | toponym P / R / F1 "
        "| names only P / R / F1 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        g = r["given"]
        e = r.get("end_to_end", {})
        el = r.get("end_to_end_literal", {})
        t = r.get("toponyms", {})
        tn = r.get("toponym_names", {})
        lines.append(
            f"| {r['file']} | {r['articles']} | {g['acc161']} | {g['mean_km']} / "
            f"{g['median_km']} | {g['auc']} | {e.get('acc161')} / {el.get('acc161')} | "
            f"{e.get('mean_km')} / {e.get('median_km')} | {e.get('auc')} | "
            f"{t.get('precision')} / {t.get('recall')} / {t.get('f1')} | "
            f"{tn.get('precision')} / {tn.get('recall')} / {tn.get('f1')} |"
        )
    return "\n".join(lines)
