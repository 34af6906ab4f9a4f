"""A store with a story that carries a claimed figure beside a reported one, for the stories
API and the dashboard's stories panel.

It starts from a store built like ``tests/server/conftest.py``'s (four articles ingested, hand
events) and ingests one more article of our own with the real pipeline, so the story it joins
is the one the real dedup code finds. The events the coder drew from it are then replaced by
one hand-made claimed event, so the figures the tests expect do not move with the coder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from demo_events import evidence_span, replace_events

# Invented: one party's claim about the harbour strike the other articles report.
CLAIM_SENTENCE = (
    "The defence ministry in Moscow claimed that its artillery had killed 20 marines in the "
    "harbour district of Ochakiv."
)
CLAIM = (
    f"{CLAIM_SENTENCE} Shells hit a warehouse near the pier on Tuesday, Ukrainian officials "
    "said, and three civilians died in the strike."
)
CLAIM_OUTLET = "River Post"
CLAIMED_DEAD = 20


def add_claimed_story_event(db: Path) -> str:
    """Ingest the claim article into ``db`` and give it one claimed event (20 killed).

    Returns:
        The claim article's id.
    """
    from frontwire.api import ingest
    from frontwire.store import Store

    with Store(db) as store:
        cursor = store.connection.execute("SELECT * FROM events")
        names = [c[0] for c in cursor.description]
        before: list[dict[str, Any]] = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    folder = db.parent / "claim-articles"
    folder.mkdir(exist_ok=True)
    line = {"id": "claim", "text": CLAIM, "outlet": CLAIM_OUTLET, "published": "2024-04-03"}
    (folder / "claim.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    ingest([folder], db=db, progress=False)
    with Store(db) as store:
        con = store.connection
        row = con.execute(
            "SELECT id, text FROM articles WHERE outlet = $1", [CLAIM_OUTLET]
        ).fetchone()
        assert row is not None
        claim_id, text = str(row[0]), str(row[1])
        claimed = {
            "event_id": "ev-claim",
            "article_id": claim_id,
            "event_date": "2024-04-02",
            "time_precision": 1,
            "disorder_type": "Political violence",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "Military Forces of Russia (2000-)",
            "country": "Ukraine",
            "country_code": "UA",
            "location": "Ochakiv",
            "latitude": 46.62,
            "longitude": 31.55,
            "geo_precision": 2,
            "fatalities": CLAIMED_DEAD,
            "status": "claimed",
            "source_name": "the defence ministry in Moscow",
            "notes": CLAIM_SENTENCE,
            "evidence": [evidence_span(text, CLAIM_SENTENCE)],
        }
        # The hand events as they were (the ingest's corroboration may have regrouped them).
        replace_events(con, [*before, claimed])
    return claim_id
