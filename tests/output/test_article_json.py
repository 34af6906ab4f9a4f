import json

from frontwire.output import SCHEMA_ID, TOP_LEVEL_KEYS, article_to_json, render_summary
from frontwire.records import Edit, Entity, TamperReport
from frontwire.testing import make_article

CONTRACT_KEYS = set(TOP_LEVEL_KEYS)


def test_an_article_no_stage_touched_has_every_key_empty_not_missing() -> None:
    data = article_to_json(
        make_article("Shelling hit Kupiansk.", path="a.txt", metadata={"_line": 3})
    )
    assert set(data) >= CONTRACT_KEYS
    assert data["schema"] == SCHEMA_ID == "frontwire/article@1"
    assert data["source"] == {
        "path": "a.txt",
        "url": None,
        "outlet": None,
        "title": None,
        "published": None,
    }
    assert data["forensics"] == {}
    assert data["entities"] == data["quotes"] == data["places"] == data["events"] == []
    assert "_line" not in data["metadata"]  # internal bookkeeping stays internal
    json.dumps(data)


def test_spans_carry_both_offsets_and_forensics_holds_report_and_edits() -> None:
    article = make_article("Troops reached Izium.")
    article = article.replace(
        entities=(Entity(span=article.span(15, 20), label="GPE", kind="place"),),
        forensics=TamperReport(verdict="damaged", score=0.2, counts_by_kind={"invisible": 1}),
        edits=(Edit(0, 1, "\u200b", "", "invisible"),),
    )
    data = article_to_json(article)
    assert data["entities"][0]["span"] == {
        "start": 15,
        "end": 20,
        "text": "Izium",
        "orig_start": 15,
        "orig_end": 20,
    }
    assert data["forensics"]["report"]["verdict"] == "damaged"
    assert data["forensics"]["edits"][0]["kind"] == "invisible"


def test_summary_renders_verdict_and_entities() -> None:
    from rich.console import Console

    article = make_article("Troops reached Izium.", title="Front line")
    article = article.replace(
        entities=(Entity(span=article.span(15, 20), label="GPE", kind="place"),),
        forensics=TamperReport(verdict="deliberately_obfuscated", score=0.9),
    )
    console = Console(record=True, width=100)
    console.print(render_summary(article))
    out = console.export_text()
    assert "Front line" in out and "deliberately obfuscated" in out and "Izium" in out


def test_top_level_keys_are_the_published_contract() -> None:
    # The contract; a key removed from it needs a new schema version, not an edit here.
    contract = {
        "schema",
        "id",
        "source",
        "text",
        "forensics",
        "entities",
        "quotes",
        "places",
        "events",
    }
    assert set(TOP_LEVEL_KEYS) >= contract
    assert list(article_to_json(make_article("x"))) == list(TOP_LEVEL_KEYS)
