"""A readable, one-screen summary of an analysed article for the terminal."""

from __future__ import annotations

from collections import Counter

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from frontwire.output.safe_json import safe_text
from frontwire.records import Article

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
    lines.append(Text(safe_text(" · ".join(meta)), style="dim"))
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
                # Text, not str: a cell string would be read as markup ("[red]" vanishes).
                table.add_row(kind, Text(safe_text(cell + (f", +{more} more" if more > 0 else ""))))
        lines.append(table)
    else:
        lines.append(Text("no named entities found", style="dim"))
    if article.places:
        lines.append(_places_table(article))
    if article.quotes:
        lines.append(render_who_said_what(article))
    if article.events:
        lines.append(_events_table(article))
    return Panel(Group(*lines), title=Text(safe_text(title), style="bold"), title_align="left")


def _places_table(article: Article) -> RenderableType:
    # One row per distinct place and use, most mentioned first.
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for col in ("place", "use", "where", "lat, lon", "precision", "mentions"):
        table.add_column(col)
    counts: Counter[tuple[str, str, str, str, str]] = Counter()
    for p in article.places:
        where = ", ".join(x for x in (p.feature, p.admin1, p.country_code) if x)
        point = f"{p.latitude:.3f}, {p.longitude:.3f}" if p.latitude is not None else "?"
        precision = str(p.precision) if p.precision else ""
        counts[(p.name, p.use, where, point, precision)] += 1
    rows = counts.most_common(MAX_NAMES * 2)
    for (name, use, where, point, precision), n in rows:
        table.add_row(Text(safe_text(name)), use, Text(safe_text(where)), point, precision, str(n))
    if len(counts) > len(rows):
        table.add_row(f"+{len(counts) - len(rows)} more", "", "", "", "", "")
    return table


MAX_QUOTES_PER_SPEAKER = 3
QUOTE_CHARS = 110


def render_who_said_what(article: Article) -> RenderableType:
    """ "Who said what": the article's quotes and claims grouped by speaker, most quoted first."""
    table = Table(
        title="who said what", title_justify="left", show_header=True, header_style="bold",
        box=None, pad_edge=False,
    )  # fmt: skip
    table.add_column("speaker")
    table.add_column("said")
    groups: dict[str, list[str]] = {}
    for quote in article.quotes:
        sp = quote.speaker
        who = "(unattributed)"
        if sp is not None:
            who = sp.name + (f" ({sp.role})" if sp.role else "")
        text = " ".join(quote.content.text.split())
        if len(text) > QUOTE_CHARS:
            text = text[: QUOTE_CHARS - 1] + "…"
        mark = f"“{text}”" if quote.kind == "direct" else text
        if quote.status != "asserted":
            mark += f" [{quote.status}]"
        groups.setdefault(who, []).append(mark)
    for who, said in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        shown = said[:MAX_QUOTES_PER_SPEAKER]
        more = len(said) - len(shown)
        said_text = "\n".join(shown) + (f"\n+{more} more" if more > 0 else "")
        # Text, not str: quoted words and "[hedged]" must not be read as markup.
        table.add_row(Text(safe_text(who)), Text(safe_text(said_text)))
    return table


def _events_table(article: Article) -> Table:
    table = Table(
        "event", "status", "actors", "where", "when", "dead", box=None, header_style="bold"
    )
    for event in article.events:
        actors = " / ".join(a.name for a in (event.actor1, event.actor2) if a)
        where = event.location.name if event.location else "?"
        dead = str(event.fatalities.value) if event.fatalities and event.fatalities.value else ""
        table.add_row(
            event.sub_event_type,
            event.status,
            Text(safe_text(actors)),
            Text(safe_text(where)),
            event.date or "?",
            dead,
        )
    return table
