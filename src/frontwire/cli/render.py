"""Terminal renderings of what the store reports, for the commands over a store.

They live with the CLI, not in :mod:`frontwire.output`, because they read the store's records
and ``output`` sits below the store (the store writes article JSON through it).
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from frontwire.output.safe_json import safe_text
from frontwire.store import StoreStats


def render_store_stats(stats: StoreStats) -> RenderableType:
    """What ``frontwire stats`` prints: row counts, verdicts, top entities, rejects, runs."""
    parts: list[RenderableType] = [
        Text(safe_text(f"{stats.path} (schema version {stats.schema_version})"), style="bold")
    ]
    counts = Table("table", "rows", box=None, header_style="bold")
    for table, n in stats.counts.items():
        counts.add_row(table, str(n))
    parts.append(counts)
    if stats.verdicts:
        verdicts = ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in stats.verdicts.items())
        parts.append(Text(f"forensics verdicts: {verdicts}"))
    if stats.top_entities:
        top = Table("entity", "kind", "mentions", "articles", box=None, header_style="bold")
        for entity in stats.top_entities:
            name = Text(safe_text(entity.text))
            top.add_row(name, entity.kind, str(entity.mentions), str(entity.articles))
        parts.append(top)
    if stats.rejects_by_code:
        rejects = ", ".join(f"{n} × {code}" for code, n in stats.rejects_by_code.items())
        parts.append(Text(f"rejects: {rejects} (frontwire export --table rejects)"))
    for run in stats.last_runs[:3]:
        parts.append(
            Text(
                f"run {run.run_id[:8]} {run.started_at}: {run.articles} articles, "
                f"{run.rejected} rejected",
                style="dim",
            )
        )
    return Group(*parts)
