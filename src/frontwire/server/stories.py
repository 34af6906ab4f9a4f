"""``GET /stories`` and ``GET /stories/{id}``: stories over the store, as ``frontwire stories``
shows them (both call :mod:`frontwire.dedup.report`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from frontwire.errors import ApiError

router = APIRouter(tags=["stories"])


def _connection(request: Request) -> Any:
    # A cursor per request: DuckDB connections are not shared between threads.
    return request.app.state.frontwire.snapshots.connection().cursor()


@router.get("/stories", response_model=dict[str, Any])
def list_stories_route(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=1000, description="page size")] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
    min_articles: Annotated[int, Query(ge=1)] = 1,
) -> dict[str, Any]:
    """Stories (articles about one story across outlets and days), largest first: title,
    articles, independent sources and time span; `total` counts them all."""
    from frontwire.dedup.report import list_stories

    cursor = _connection(request)
    try:
        total, page = list_stories(cursor, limit, offset, min_articles)
    finally:
        cursor.close()
    return {"total": total, "items": [s.to_json() for s in page]}


@router.get("/stories/{story_id}", response_model=dict[str, Any])
def get_story_route(request: Request, story_id: str) -> dict[str, Any]:
    """A story (by its id or any of its articles' ids): places, articles, real-world events
    and a day-by-day timeline."""
    from frontwire.dedup.report import story_detail

    cursor = _connection(request)
    try:
        story = story_detail(cursor, story_id)
    finally:
        cursor.close()
    if story is None:
        raise ApiError("FW704", status=404, what=f"story {story_id!r}")
    return story.to_json()
