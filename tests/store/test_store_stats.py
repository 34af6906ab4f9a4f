"""``Store.stats``: the numbers ``frontwire stats`` shows, on a small store built by hand."""

from __future__ import annotations

from pathlib import Path

from frontwire.records import Entity, Reject, RunStats, StageStats, TamperReport
from frontwire.store import Store
from frontwire.store.stats import EntityCount
from frontwire.testing import make_article


def _entities(text: str, *names: str, kind: str = "place") -> tuple[Entity, ...]:
    """One entity per occurrence of each name."""
    article = make_article(text)
    found = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            found.append(Entity(article.span(at, at + len(name)), "GPE", kind))  # type: ignore[arg-type]
            at = text.find(name, at + 1)
    return tuple(found)


def test_stats_of_a_small_store(tmp_path: Path) -> None:
    one = "Izium and Kharkiv were shelled; Izium again at night."
    two = "Kharkiv reported a strike. Izium was quiet."
    three = "The ministry said nothing."
    articles = [
        make_article(one).replace(
            entities=_entities(one, "Izium", "Kharkiv"),
            forensics=TamperReport("damaged", 0.5),
        ),
        make_article(two).replace(
            entities=_entities(two, "Kharkiv", "Izium"), forensics=TamperReport("clean", 0.0)
        ),
        make_article(three).replace(entities=_entities(three, "ministry", kind="organisation")),
    ]
    rejects = [
        Reject("r1", "FW302", "empty", "ingest", path="a.txt"),
        Reject("r2", "FW302", "empty", "ingest", path="b.txt"),
        Reject("r3", "FW401", "failed", "nlp", article_id="x"),
    ]
    early = RunStats("early", "2024-01-01T00:00:00+00:00", "2024-01-01T00:01:00+00:00", 2, 1)
    late = RunStats(
        "late", "2024-02-01T00:00:00+00:00", None, 1, 2, [StageStats("nlp", 1, 1, 0, 0.25)]
    )
    with Store(tmp_path / "stats.duckdb") as store:
        store.record_run(early)
        store.write(articles[:2], rejects[:1])
        store.record_run(late)
        store.write(articles[2:], rejects[1:])
        stats = store.stats(top=2, runs=5)

    assert stats.schema_version == store.schema_version
    assert stats.counts["articles"] == 3
    assert stats.counts["entities"] == 6
    assert stats.counts["rejects"] == 3
    assert stats.counts["runs"] == 2
    assert dict(stats.verdicts) == {"clean": 1, "damaged": 1, "unchecked": 1}
    # Izium: 3 mentions in 2 articles; Kharkiv: 2 in 2; "ministry" falls outside the top 2.
    assert stats.top_entities == (
        EntityCount("Izium", "place", 3, 2),
        EntityCount("Kharkiv", "place", 2, 2),
    )
    assert dict(stats.rejects_by_code) == {"FW302": 2, "FW401": 1}
    assert [run.run_id for run in stats.last_runs] == ["late", "early"]
    assert stats.last_runs[0].stages == late.stages
    assert stats.last_runs[1].finished_at == early.finished_at
    assert stats.to_json()["top_entities"][0] == {
        "text": "Izium",
        "kind": "place",
        "mentions": 3,
        "articles": 2,
    }


def test_stats_of_an_empty_store(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.duckdb") as store:
        stats = store.stats()
    assert set(stats.counts.values()) == {0}
    assert stats.verdicts == {}
    assert stats.top_entities == ()
    assert stats.rejects_by_code == {}
    assert stats.last_runs == ()
