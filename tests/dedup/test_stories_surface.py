"""Stories as users see them: the bundled corpus ingested, ``frontwire stories`` and
``GET /stories``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from frontwire.cli.app import app
from frontwire.config import load_config
from frontwire.server.app import ServerSettings, create_app
from frontwire.store import Store

REPO = Path(__file__).resolve().parents[2]

# The bundled corpus's "one event, several outlets" groups (examples/README.md), by a part of
# each article's path or URL; every other article is a story of its own.
GROUPS = {
    "balakliia": ("balakliia-shelling.txt", "balakliia-shelling.html", "balakliia-rockets"),
    "synkivka": ("synkivka-clash.txt", "/10/synkivka"),
    "el-fasher": ("el-fasher-market",),
    "sumy": ("sumy-drone-strike.txt", "sumy-bus-depot"),
}


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("stories") / "corpus.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(REPO / "examples" / "corpus"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def two_batch_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The files first, the JSON Lines feed (second reports of three events) in a later ingest.
    db = tmp_path_factory.mktemp("stories") / "batches.duckdb"
    corpus = REPO / "examples" / "corpus"
    for part in (corpus / "txt", corpus / "html", corpus / "feed.jsonl"):
        result = CliRunner().invoke(app, ["ingest", str(part), "--db", str(db)])
        assert result.exit_code == 0, result.output
    return db


def _group_of(path: str) -> str | None:
    return next((g for g, keys in GROUPS.items() if any(k in path for k in keys)), None)


@pytest.mark.parametrize("db_fixture", ["corpus_db", "two_batch_db"])
def test_bundled_corpus_splits_into_its_intended_stories(
    db_fixture: str, request: pytest.FixtureRequest
) -> None:
    with Store(request.getfixturevalue(db_fixture), read_only=True) as store:
        rows = store.connection.execute(
            "SELECT coalesce(a.path, '') || ' ' || coalesce(a.url, ''), d.story_id "
            "FROM articles a JOIN article_dedup d ON d.article_id = a.id"
        ).fetchall()
    assert len(rows) == 17
    by_story: dict[str, set[str]] = {}
    for path, story in rows:
        by_story.setdefault(story, set()).add(_group_of(path) or path)
    groups = sorted(sorted(members) for members in by_story.values())
    expected = sorted([[g] for g in GROUPS] + [[p] for p, _ in rows if _group_of(p) is None])
    assert groups == expected


def test_stories_command_lists_and_shows_a_story_with_its_events(corpus_db: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(
        app, ["stories", "--db", str(corpus_db), "--json", "--min-articles", "2"]
    )
    assert listed.exit_code == 0, listed.output
    page = json.loads(listed.stdout)
    assert page["total"] == 4 and len(page["items"]) == 4
    top = page["items"][0]
    assert top["articles"] == 3 and top["first_published"].startswith("2024-03-14")
    shown = runner.invoke(app, ["stories", top["story_id"], "--db", str(corpus_db), "--json"])
    assert shown.exit_code == 0, shown.output
    story = json.loads(shown.stdout)
    assert story["title"] and len(story["articles"]) == 3
    assert any(p.startswith("Balakli") for p in story["places"])  # the gazetteer spelling
    assert story["events"] and "2024-03-14" in [d["date"] for d in story["timeline"]]
    text = runner.invoke(app, ["stories", top["story_id"], "--db", str(corpus_db)])
    assert text.exit_code == 0 and "independent sources" in text.stdout
    missing = runner.invoke(app, ["stories", "no-such-story", "--db", str(corpus_db)])
    assert missing.exit_code == 1


def test_stories_route_pages_and_finds_a_story_by_any_article(corpus_db: Path) -> None:
    client = TestClient(
        create_app(ServerSettings.from_config(load_config(), db=corpus_db)),
        base_url="http://127.0.0.1",
    )
    page = client.get("/stories", params={"limit": 2}).json()
    assert page["total"] == 12 and len(page["items"]) == 2
    story = client.get(f"/stories/{page['items'][0]['story_id']}").json()
    by_article = client.get(f"/stories/{story['articles'][-1]['id']}").json()
    assert by_article["story_id"] == story["story_id"]
    assert client.get("/stories/no-such-story").status_code == 404
