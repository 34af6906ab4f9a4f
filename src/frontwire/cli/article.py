"""``frontwire article ID``: one stored article, found by its id or by any of its aliases."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from frontwire.cli.common import ConfigOption, DbOption, _config, _fail, app
from frontwire.errors import FrontwireError, StoreError


def find_article(store: Any, key: str, max_aliases: int | None) -> list[dict[str, Any]]:
    """The public JSON of every article ``key`` names (an article id, a record id or a path),
    each with its ``aliases`` (at most ``max_aliases`` listed) and ``aliases_total``.

    Raises:
        StoreError: FW542 when no article has that id or alias.
    """
    found = []
    for article_id in store.find_articles(key):
        article = store.article_json(article_id)
        if article is None:  # an alias whose article a stage rejected
            continue
        aliases, total = store.aliases(article_id, max_aliases)
        found.append({**article, "aliases": aliases, "aliases_total": total})
    if not found:
        raise StoreError("FW542", path=store.path, key=key)
    return found


@app.command("article")
def article(
    key: Annotated[str, typer.Argument(help="An article id, the id of your record, or a path.")],
    max_aliases: Annotated[
        int, typer.Option("--max-aliases", help="List at most this many aliases (0: all).")
    ] = 100,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Print a stored article as JSON, found by its id or by any alias: the id of a JSON Lines
    record it was read from, or a path (file, file:line, file@offset). Identical texts are one
    article, so one record id may lead to an article read under many; each match is one line."""
    from frontwire.store import Store

    try:
        cfg = _config(config)
        with Store(db or Path(cfg["store"]["path"]), read_only=True) as store:
            found = find_article(store, key, max_aliases or None)
    except FrontwireError as exc:
        raise _fail(exc) from exc
    for item in found:
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
