"""A readable, one-screen summary of an analysed article for the terminal."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from frontwire.records import Article

if TYPE_CHECKING:
    from frontwire.store import StoreStats

VERDICT_STYLE = {"clean": "green", "damaged": "yellow", "deliberately_obfuscated": "bold red"}
KIND_ORDER = ("person", "organisation", "group", "place", "other")
MAX_NAMES = 8


def render_summary(article: Article) -> RenderableType:
    """A Rich panel: source, tamper verdict, and the entities found, most mentioned first."""
    src = article.source
    title = src.title or src.path or src.url or article.id
    lines: list[RenderableType] = []
    meta = [f"id {article.id}"]
    meta += [v for v in (src.outlet, src.published, src.url or src.path) if v]
    lines.append(Text(" · ".join(meta), style="dim"))
    words = len(article.text.split())
    lines.append(Text(f"{words} words, {len(article.text)} characters"))
    if article.forensics is not None:
        report = article.forensics
        verdict = Text("forensics: ")
        verdict.append(
            report.verdict.replace("_", " "), style=VERDICT_STYLE.get(report.verdict, "")
        )
        if report.counts_by_kind:
            # Counted in characters: one edit may cover several touching characters.
            kinds = ", ".join(f"{n} {k}" for k, n in sorted(report.counts_by_kind.items()))
            total = sum(report.counts_by_kind.values())
            verdict.append(f" ({total} characters repaired: {kinds})")
        if report.first_paragraph is not None:
            verdict.append(
                f"; tampering in paragraphs {report.first_paragraph + 1}"
                f"–{(report.last_paragraph or report.first_paragraph) + 1}"
            )
        lines.append(verdict)
    if article.entities:
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("kind")
        table.add_column("mentions (count)")
        by_kind: dict[str, Counter[str]] = {}
        for entity in article.entities:
            by_kind.setdefault(entity.kind, Counter())[entity.span.text] += 1
        for kind in KIND_ORDER:
            if kind in by_kind:
                names = by_kind[kind].most_common(MAX_NAMES)
                more = len(by_kind[kind]) - len(names)
                cell = ", ".join(f"{name} ({n})" if n > 1 else name for name, n in names)
                table.add_row(kind, cell + (f", +{more} more" if more > 0 else ""))
        lines.append(table)
    else:
        lines.append(Text("no named entities found", style="dim"))
    for key, items in (
        ("quotes", article.quotes),
        ("places", article.places),
    ):
        if items:
            lines.append(Text(f"{len(items)} {key}"))
    if article.events:
        lines.append(_events_table(article))
    return Panel(Group(*lines), title=Text(title, style="bold"), title_align="left")


def _events_table(article: Article) -> Table:
    table = Table(
        "event", "status", "actors", "where", "when", "dead", box=None, header_style="bold"
    )
    for event in article.events:
        actors = " / ".join(a.name for a in (event.actor1, event.actor2) if a)
        where = event.location.name if event.location else "?"
        dead = str(event.fatalities.value) if event.fatalities and event.fatalities.value else ""
        table.add_row(event.sub_event_type, event.status, actors, where, event.date or "?", dead)
    return table


def render_store_stats(stats: StoreStats) -> RenderableType:
    """What ``frontwire stats`` prints: row counts, verdicts, top entities, rejects, runs."""
    parts: list[RenderableType] = [
        Text(f"{stats.path} (schema version {stats.schema_version})", style="bold")
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
            top.add_row(entity.text, entity.kind, str(entity.mentions), str(entity.articles))
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
