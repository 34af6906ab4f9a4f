"""Score events end to end on incident gold sets: full news articles and short incident reports.

- ``gvdb-dev.jsonl`` (Gun Violence Database): US local-news articles about shootings. Per
  article: a violent event found; killed and injured exact; the place within 40 km of the gold
  city; the date exact (over articles that carry a publication date, and over all).
- ``wiki-terror-incidents.jsonl``: short incident descriptions. Per report: some event found;
  ACLED event type and sub-event type against the editors' type (mapped by
  :data:`WIKI_TYPES`); dead and injured exact (rows with a gold figure; the dead match the
  table's figure with or without the attackers it counts apart, :func:`_gold_counts`; rows
  whose injured column counts the kidnapped, arrested or missing are not scored for injured);
  the place within 25 km of the gold place; the date (exact over the rows dated to the day,
  and agreeing over the rows whose incident got one: the reports carry no publication date).

Each set is split by SHA-1 of the row id (:func:`part_of`) into *train* (60%), *tune* (20%) and
*test* (20%). Rules and thresholds are tuned on *tune*; figures are reported on *test*, which
no rule was fitted to; *train* may train models.

Every score counts an article's *incident*: the first event in text order that is a violent
event (for GVDB) or any event (for the short reports) and that did happen (not denied, planned
or hypothetical). Each miss is listed with its error class (:class:`Miss`), so
``frontwire eval events --errors`` shows where the losses are.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from frontwire.errors import DependencyError
from frontwire.records import Article, Event, Source

GVDB_FILE = Path("eval") / "events" / "gvdb-dev.jsonl"
WIKI_FILE = Path("eval") / "events" / "wiki-terror-incidents.jsonl"
PARTS = ("train", "tune", "test")
# Statuses of events that did not happen: never the incident.
_UNREAL = frozenset({"denied", "planned", "hypothetical"})
_VIOLENT = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)
_B, _E, _V = "Battles", "Explosions/Remote violence", "Violence against civilians"
_R, _S = "Riots", "Strategic developments"
#: The Wikipedia editors' incident types in ACLED terms: ``(accepted event types, sub-event
#: type or None)``. A sub-event type is given only where the editors' word fixes it; a
#: "shooting" or "ambush" is an attack on civilians or a battle depending on who was hit, which
#: the type column does not say, so both event types are accepted.
WIKI_TYPES: dict[str, tuple[frozenset[str], str | None]] = {
    **dict.fromkeys(
        ("shooting", "shootings", "mass shooting", "assassination", "attack", "massacre",
         "raid", "gunfire", "assault", "armed attack", "spree shooting"),
        (frozenset({_V, _B}), None),
    ),
    **dict.fromkeys(
        ("execution", "executions", "stabbing", "stabbings", "melee attack", "beheading",
         "vehicular attack", "vehicle-ramming attack", "vehicle ramming", "lynching",
         "knife attack"),
        (frozenset({_V}), "Attack"),
    ),
    **dict.fromkeys(
        ("bombing", "bombings", "car bombing", "car bombings", "car bomb", "roadside bombing",
         "bomb", "land mine", "landmine", "ied", "ied attack", "truck bombing", "bicycle bomb",
         "motorcycle bombing", "parcel bomb", "letter bomb", "explosion", "pipe bomb"),
        (frozenset({_E}), "Remote explosive/landmine/IED"),
    ),
    **dict.fromkeys(
        ("suicide bombing", "suicide bombings", "suicide car bombing", "suicide car bombings",
         "suicide attack", "suicide truck bombing", "suicide bomber", "suicide bomb"),
        (frozenset({_E}), "Suicide bomb"),
    ),
    **dict.fromkeys(
        ("grenade attack", "grenade", "grenade attacks"), (frozenset({_E}), "Grenade")
    ),
    **dict.fromkeys(
        ("rocket attack", "rocket attacks", "mortar attack", "mortar attacks", "shelling",
         "missile attack", "rocket"),
        (frozenset({_E}), "Shelling/artillery/missile attack"),
    ),
    **dict.fromkeys(
        ("airstrike", "air strike", "drone strike"), (frozenset({_E}), "Air/drone strike")
    ),
    **dict.fromkeys(
        ("kidnapping", "kidnappings", "hostage taking", "hostage-taking", "hijacking",
         "abduction", "hostage crisis", "siege"),
        (frozenset({_V}), "Abduction/forced disappearance"),
    ),
    **dict.fromkeys(
        ("ambush", "clash", "clashes", "firefight", "battle", "armed clash"),
        (frozenset({_B, _V}), None),
    ),
    **dict.fromkeys(
        ("arson", "looting", "sabotage", "vandalism", "arson attack"),
        (frozenset({_S, _R, _V}), None),
    ),
    "riot": (frozenset({_R}), None),
    "chemical attack": (frozenset({_E}), "Chemical weapon"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Miss:
    """One scored field of one gold row that the coder got wrong, and why."""

    gold_set: str
    row_id: str
    field: str  # killed, injured, place, date, type, sub_type, event
    error: str  # the error class, e.g. "no_event", "count_missing", "place_far"
    gold: str
    got: str
    evidence: str  # the incident's first evidence sentence, cut short


def part_of(key: str) -> str:
    """``train`` (60%), ``tune`` (20%) or ``test`` (20%) of a row id, by SHA-1 of the id."""
    bucket = int(hashlib.sha1(f"part:{key}".encode()).hexdigest(), 16) % 100
    return "train" if bucket < 60 else "tune" if bucket < 80 else "test"


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSON Lines file."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _rows(path: Path, part: str | None, limit: int | None) -> list[dict[str, Any]]:
    if not path.is_file():
        raise DependencyError("FW603", path=str(path))
    rows = [r for r in read_jsonl(path) if part in (None, "all") or part_of(r["id"]) == part]
    return rows[:limit] if limit else rows


def run_pipeline(articles: Sequence[Article]) -> list[Article]:
    """Run the configured pipeline over in-memory articles, in input order."""
    from frontwire.config import load_config
    from frontwire.executors import CollectingSink, LocalExecutor
    from frontwire.pipeline import Pipeline

    sink = CollectingSink()
    LocalExecutor(Pipeline.from_config(load_config()), progress=False).run(articles, sink)
    by_id = {a.id: a for a in sink.articles}
    return [by_id.get(a.id, a) for a in articles]


def incident(article: Article, violent_only: bool) -> Event | None:
    """The article's incident: its first event that happened (and is violent, if asked)."""
    for event in sorted(article.events, key=lambda e: e.evidence[0].start):
        if event.status in _UNREAL:
            continue
        if violent_only and event.event_type not in _VIOLENT:
            continue
        return event
    return None


def _count(event: Event | None, name: str) -> int:
    count = getattr(event, name) if event is not None else None
    return int(count.value) if count is not None and count.value is not None else 0


def _count_error(gold: int, got: int, event: Event | None) -> str:
    if event is None:
        return "no_event"
    if got == 0:
        return "count_missing"
    if gold == 0:
        return "count_spurious"
    return "count_too_high" if got > gold else "count_too_low"


def _evidence(event: Event | None) -> str:
    return event.evidence[0].text[:160] if event is not None else ""


class _GoldPlaces:
    """Coordinates of gold place names, from the places gazetteer (exact names only)."""

    def __init__(self) -> None:
        from frontwire.places import load_gazetteer
        from frontwire.places.countries import CountryTable

        self.gaz = load_gazetteer(quiet=True)
        self.countries = CountryTable()

    def locate(
        self, name: str, country: str | None = None, admin1: str | None = None
    ) -> tuple[float, float] | None:
        if not name:
            return None
        found, _ = self.gaz.lookup(name, variants=False)
        entries = [self.gaz.entry(i) for i, _ in found]
        code = country if country and len(country) == 2 else None
        if country and code is None:
            code = self.countries.country_code(country)
        for keep in (
            lambda e: e.country_code == code and admin1 and e.admin1_code == admin1,
            lambda e: e.country_code == code,
            lambda e: code is None,
        ):
            chosen = [e for e in entries if keep(e)]
            if chosen:
                best = max(chosen, key=lambda e: (_kind_agrees(name, e), e.prior))
                return best.latitude, best.longitude
        return None


# The kind word a gold place name carries ("Kaduna State", "New York City") says which of the
# same-name places it is: the lookup matches the bare name, which fits the province and its
# capital alike, and the larger prior would pick the state for "New York City". The words are
# the ones the place-name keys drop (places.names).
def _kind_agrees(name: str, entry: Any) -> bool:
    """Whether ``entry`` is the kind of place ``name``'s last word says (a region for "X
    Province", a town for "X City"); a name without a kind word agrees with every entry."""
    from frontwire.places.gazetteer import REGION_FEATURES
    from frontwire.places.names import CITY_WORDS, DISTRICT_WORDS, REGION_WORDS

    words = name.split()
    last = words[-1].casefold() if len(words) > 1 else ""
    # The gold also writes Colombia's and Peru's departments; the place-name keys leave
    # "department" alone, since "Police Department" is no region.
    if last in REGION_WORDS or last in DISTRICT_WORDS or last in ("department", "division"):
        return entry.feature in REGION_FEATURES
    if last in CITY_WORDS:
        return entry.feature not in REGION_FEATURES
    return True


def _distance(event: Event | None, gold: tuple[float, float]) -> float | None:
    from frontwire.util import haversine_km

    place = event.location if event is not None else None
    if place is None or place.latitude is None or place.longitude is None:
        return None
    return haversine_km(gold[0], gold[1], place.latitude, place.longitude)


def _place_miss(
    set_name: str, key: str, event: Event | None, gold_name: str, km: float | None, limit: float
) -> Miss | None:
    if km is not None and km <= limit:
        return None
    place = event.location if event is not None else None
    error = "no_event" if event is None else "no_place" if place is None else "place_far"
    if place is not None and km is None:
        error = "place_without_coordinates"
    got = f"{place.name} (precision {place.precision}, {km:.0f} km)" if place and km else ""
    return Miss(set_name, key, "place", error, gold_name, got or (place.name if place else ""),
                _evidence(event))  # fmt: skip


def _gold_date(text: str | None) -> date | None:
    match = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _share(hits: Iterable[bool]) -> float | None:
    values = list(hits)
    return round(sum(values) / len(values), 3) if values else None


# --- GVDB ---------------------------------------------------------------------------------

_REGEX_KILLED = re.compile(
    r"\b(\d+|one|two|three|four|five)\s+(?:people\s+|persons\s+|men\s+)?"
    r"(?:were\s+|was\s+|are\s+)?(?:killed|dead|shot\s+dead|died)\b",
    re.IGNORECASE,
)
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def regex_killed(text: str) -> int:
    """The anchor: the first "N (people) (were) killed/dead" in the text, else 0."""
    match = _REGEX_KILLED.search(text)
    if match is None:
        return 0
    word = match.group(1).lower()
    return _SMALL.get(word) or int(word)


def gvdb_article(row: dict[str, Any]) -> Article:
    """An article from a GVDB row: its text (HTML entities decoded) and publication date."""
    text = html.unescape(row["text"])
    source = Source(url=row.get("url"), title=row.get("title"), published=row.get("published"))
    return Article.new(text, source)


def evaluate_gvdb(
    shared: Path, part: str | None = "test", limit: int | None = None
) -> tuple[dict[str, Any], list[Miss]]:
    """Scores and misses on the GVDB articles of ``part`` (``None`` or ``"all"``: every one)."""
    rows = _rows(shared / GVDB_FILE, part, limit)
    articles = run_pipeline([gvdb_article(r) for r in rows])
    places = _GoldPlaces()
    misses: list[Miss] = []
    hits: dict[str, list[bool]] = {k: [] for k in (
        "violent_found", "killed", "killed_when_dead", "injured", "place_40km", "date_dated",
        "date_all", "base_zero_killed", "base_regex_killed", "base_published_date",
    )}  # fmt: skip
    for row, article in zip(rows, articles, strict=True):
        gold = row["gold"]
        key = row["id"]
        event = incident(article, violent_only=True)
        hits["violent_found"].append(event is not None)
        if event is None:
            misses.append(Miss("gvdb", key, "event", "no_violent_event", "shooting",
                               ",".join(e.sub_event_type for e in article.events), ""))  # fmt: skip
        for name, slot in (("killed", "fatalities"), ("injured", "injured")):
            want, got = int(gold[name] or 0), _count(event, slot)
            hits[name].append(want == got)
            if name == "killed" and want > 0:
                hits["killed_when_dead"].append(want == got)
            if want != got:
                misses.append(Miss("gvdb", key, name, _count_error(want, got, event), str(want),
                                   str(got), _evidence(event)))  # fmt: skip
        killed_gold = int(gold["killed"] or 0)
        hits["base_zero_killed"].append(killed_gold == 0)
        hits["base_regex_killed"].append(killed_gold == regex_killed(article.text))
        where = places.locate(gold.get("city") or "", "US", f"US-{gold.get('state')}")
        if where is not None:
            km = _distance(event, where)
            hits["place_40km"].append(km is not None and km <= 40)
            miss = _place_miss("gvdb", key, event, str(gold.get("city")), km, 40)
            if miss is not None:
                misses.append(miss)
        want_date = _gold_date(gold.get("date"))
        if want_date is not None:
            got_date = _gold_date(event.date) if event is not None else None
            right = got_date == want_date
            hits["date_all"].append(right)
            if row.get("published"):
                hits["date_dated"].append(right)
                hits["base_published_date"].append(_gold_date(row["published"]) == want_date)
            if not right:
                error = (
                    "no_event"
                    if event is None
                    else "no_date"
                    if got_date is None
                    else ("date_after_gold" if got_date > want_date else "date_before_gold")
                )
                if not row.get("published") and event is not None and got_date is None:
                    error = "no_date_no_publication"
                misses.append(Miss("gvdb", key, "date", error, str(want_date), str(got_date or ""),
                                   (event.date_text or "") if event else ""))  # fmt: skip
    scores = {"n": len(rows), "part": part or "all"}
    scores.update({k: _share(v) for k, v in hits.items()})
    scores["n_place"] = len(hits["place_40km"])
    scores["n_dated"] = len(hits["date_dated"])
    return scores, misses


# --- Wikipedia incident reports -----------------------------------------------------------


def wiki_types(row: dict[str, Any]) -> tuple[frozenset[str], str | None]:
    """The ACLED event types a row's editors' types accept, and its sub-event type if fixed."""
    accepted: set[str] = set()
    subs: set[str] = set()
    for name in row.get("event_types") or ():
        mapped = WIKI_TYPES.get(str(name).lower().strip())
        if mapped is None:
            continue
        accepted |= mapped[0]
        if mapped[1]:
            subs.add(mapped[1])
    return frozenset(accepted), (subs.pop() if len(subs) == 1 else None)


# Some rows put the people kidnapped, arrested or missing in the injured column ("15
# (kidnapped)", "7 Kidnapped"): that figure is no count of injured, so the row is not scored
# for injured.
_NOT_INJURED = re.compile(r"kidnap|abduct|arrest|captur|missing|disappear|hostage", re.I)


def _raw(row: dict[str, Any], name: str) -> str:
    return str((row.get(name) or {}).get("raw") or "")


def _gold_counts(row: dict[str, Any], name: str) -> frozenset[int]:
    """The counts that match a row's ``dead`` or ``injured``: the table's figure, and for the
    dead also that figure plus the attackers killed. The table counts the attackers apart
    ("12 (+3)"), while an event's fatalities are ACLED's, every death in the event, attackers
    included; a report that says "15 were killed, including the three gunmen" is right either
    way."""
    gold = row.get(name) or {}
    value = int(gold["value"])
    extra = gold.get("perpetrators") if name == "dead" else None
    return frozenset({value, value + int(extra)} if extra else {value})


def evaluate_wiki(
    shared: Path, part: str | None = "test", limit: int | None = None
) -> tuple[dict[str, Any], list[Miss]]:
    """Scores and misses on the Wikipedia incident reports of ``part``."""
    from frontwire.evaluation.metrics import f1_scores

    rows = _rows(shared / WIKI_FILE, part, limit)
    articles = run_pipeline([Article.new(r["text"], Source()) for r in rows])
    places = _GoldPlaces()
    misses: list[Miss] = []
    hits: dict[str, list[bool]] = {k: [] for k in (
        "event_found", "type", "dead", "dead_when_dead", "injured", "place_25km",
        "base_zero_dead", "base_regex_dead", "date_exact", "date_agrees",
    )}  # fmt: skip
    sub_gold: list[str] = []
    sub_got: list[str] = []
    for row, article in zip(rows, articles, strict=True):
        key = row["id"]
        event = incident(article, violent_only=False)
        hits["event_found"].append(event is not None)
        accepted, sub = wiki_types(row)
        if accepted:
            right = event is not None and event.event_type in accepted
            hits["type"].append(right)
            if not right:
                error = "no_event" if event is None else "wrong_type"
                got_type = event.event_type if event else ""
                misses.append(
                    Miss("wiki", key, "type", error, "/".join(sorted(accepted)), got_type,
                         _evidence(event))
                )  # fmt: skip
        if sub is not None:
            sub_gold.append(sub)
            sub_got.append(event.sub_event_type if event is not None else "NONE")
        for name, slot, hit in (("dead", "fatalities", "dead"), ("injured", "injured", "injured")):
            want = (row.get(name) or {}).get("value")
            if want is None or (name == "injured" and _NOT_INJURED.search(_raw(row, name))):
                continue
            got = _count(event, slot)
            accepted_counts = _gold_counts(row, name)
            hits[hit].append(got in accepted_counts)
            if name == "dead":
                hits["base_zero_dead"].append(0 in accepted_counts)
                hits["base_regex_dead"].append(regex_killed(row["text"]) in accepted_counts)
                if want > 0:
                    hits["dead_when_dead"].append(got in accepted_counts)
            if got not in accepted_counts:
                misses.append(Miss("wiki", key, name, _count_error(int(want), got, event),
                                   str(want), str(got), _evidence(event)))  # fmt: skip
        # The reports carry no publication date, so only a date the text states with its year
        # can be found: "date_exact" is over every row the editors dated to the day,
        # "date_agrees" over the rows whose incident got a date (same day, or same month when
        # the text names only the month).
        want_date = _gold_date(row.get("date")) if row.get("date_precision") == "day" else None
        if want_date is not None:
            got_date = _gold_date(event.date) if event is not None else None
            hits["date_exact"].append(got_date == want_date)
            if event is not None and got_date is not None:
                agrees = got_date == want_date or (
                    (event.time_precision or 1) >= 3
                    and (got_date.year, got_date.month) == (want_date.year, want_date.month)
                )
                hits["date_agrees"].append(agrees)
                if not agrees:
                    misses.append(Miss("wiki", key, "date", "date_wrong", str(want_date),
                                       str(got_date), event.date_text or ""))  # fmt: skip
        where = places.locate(str(row.get("place") or ""), row.get("country"))
        if where is not None:
            km = _distance(event, where)
            hits["place_25km"].append(km is not None and km <= 25)
            miss = _place_miss("wiki", key, event, str(row.get("place")), km, 25)
            if miss is not None:
                misses.append(miss)
    scores: dict[str, Any] = {"n": len(rows), "part": part or "all"}
    scores.update({k: _share(v) for k, v in hits.items()})
    scores["n_place"] = len(hits["place_25km"])
    scores["n_day_dated"] = len(hits["date_exact"])
    scores["n_date_found"] = len(hits["date_agrees"])
    if sub_gold:
        sub_scores = f1_scores(sub_gold, sub_got)
        scores["sub_type_n"] = sub_scores["n"]
        scores["sub_type_weighted_f1"] = round(float(sub_scores["weighted_f1"]), 3)
    return scores, misses


def error_summary(misses: Sequence[Miss]) -> dict[str, int]:
    """How many misses of each ``set/field/error`` class, largest first."""
    counts = Counter(f"{m.gold_set}/{m.field}/{m.error}" for m in misses)
    return dict(counts.most_common())


def format_misses(misses: Sequence[Miss]) -> str:
    """Every miss on one line (tab-separated), after a count per error class."""
    lines = ["error classes (set/field/error: misses):"]
    lines += [f"  {name}: {n}" for name, n in error_summary(misses).items()]
    lines.append("")
    lines.append("set\tid\tfield\terror\tgold\tgot\tevidence")
    for m in sorted(misses, key=lambda m: (m.gold_set, m.field, m.error, m.row_id)):
        cells = [m.gold_set, m.row_id, m.field, m.error, m.gold, m.got, m.evidence]
        lines.append("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells))
    return "\n".join(lines)


def misses_json(misses: Sequence[Miss]) -> list[dict[str, str]]:
    """The misses as JSON-ready dicts."""
    return [asdict(m) for m in misses]


__all__ = [
    "WIKI_TYPES",
    "Miss",
    "error_summary",
    "evaluate_gvdb",
    "evaluate_wiki",
    "format_misses",
    "incident",
    "part_of",
    "regex_killed",
    "run_pipeline",
]
