"""Where a run's time went: per stage, and outside the stages (reading, storing, dedup).

``frontwire ingest --profile`` prints it, and ``benchmarks/bench_pipeline.py`` prints the same
breakdown beside a bare ``nlp.pipe`` over the same texts.
"""

from __future__ import annotations

from collections.abc import Mapping

from frontwire.records import RunStats

# The executor's steps outside the stages, in the order a batch meets them.
_STEPS = (
    ("read", "read, decode, extract (ingest)"),
    ("wait", "driver waiting for workers"),
    ("rows (workers)", "store rows built (in the workers)"),
    ("write", "store writes"),
    ("aliases", "aliases of copies"),
    ("shards", "shard records"),
)


def breakdown(
    stats: RunStats, total: float, extra: Mapping[str, float] | None = None
) -> list[tuple[str, float]]:
    """``(step, seconds)`` rows: each stage, each executor step, ``extra`` steps timed by the
    caller (e.g. ``"dedup"``), and ``"other"``, what is left of ``total`` (setup: loading the
    model and the gazetteer, and the run's own bookkeeping).

    With the Ray executor the stage rows add up the workers' time, which overlaps the
    driver's, so "other" can be negative there; the rows still say where the CPU went.
    """
    rows = [(f"stage {stage.name}", stage.seconds) for stage in stats.stages]
    rows += [(label, stats.timings[key]) for key, label in _STEPS if key in stats.timings]
    rows += list((extra or {}).items())
    rows.append(("other (setup: model, gazetteer)", total - sum(s for _, s in rows)))
    return rows


def render(rows: list[tuple[str, float]], total: float, baseline: float | None = None) -> str:
    """The breakdown as aligned text: seconds and share of ``total`` per row, and each row
    against ``baseline`` (e.g. the ``nlp`` stage or a bare ``nlp.pipe``) when given."""
    width = max(len(name) for name, _ in rows) if rows else 10
    head = f"{'step':<{width}}  {'seconds':>9}  {'share':>6}"
    if baseline:
        head += f"  {'vs base':>7}"
    lines = [head]
    for name, seconds in [*rows, ("total", total)]:
        line = f"{name:<{width}}  {seconds:9.2f}  {seconds / total if total else 0:6.1%}"
        if baseline:
            line += f"  {seconds / baseline:7.3f}"
        lines.append(line)
    return "\n".join(lines)


__all__ = ["breakdown", "render"]
