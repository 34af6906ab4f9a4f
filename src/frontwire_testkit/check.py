"""Run the real ``frontwire`` command line over a hostile corpus and check what must hold.

For every run: no traceback, an exit code the CLI documents (``ingest``/``analyze`` 0 or 1,
``stats``/``export`` 0; 3, an internal error, counts as a crash), the run ends within its
timeout (else a hang), every stdout line of ``analyze --json`` and ``export`` is valid UTF-8
JSON (RFC 8259: no NaN), and every input is accounted for as an article path or a reject.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from frontwire.output.safe_json import safe_text
from frontwire_testkit.hostile import Corpus

#: ``[ingest] max_bytes`` for fuzz runs: the oversize kind is over it, the heavy HTML under.
MAX_BYTES = 2_000_000
TRACEBACK = b"Traceback (most recent call last)"
EXPECTED_EXIT = {"ingest": {0, 1}, "analyze": {0, 1}, "stats": {0}, "export": {0}}


@dataclass(slots=True)
class FuzzReport:
    """The figures of one fuzz run."""

    inputs: int = 0
    hidden: int = 0
    articles: int = 0
    article_paths: int = 0
    rejects: int = 0
    runs: int = 0
    crashes: int = 0  # runs that exited with a code the CLI does not document for them
    tracebacks: int = 0
    hangs: int = 0
    lost_inputs: int = 0
    invalid_json_lines: int = 0
    hidden_miscounted: int = 0
    peak_rss_mb: float = 0.0
    seconds: float = 0.0
    rejects_by_code: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether everything held."""
        return not (
            self.crashes
            or self.tracebacks
            or self.hangs
            or self.lost_inputs
            or self.invalid_json_lines
            or self.hidden_miscounted
        )

    def to_json(self) -> dict[str, object]:
        """The figures as a JSON object."""
        out = asdict(self)
        out["problems"] = self.problems[:50]
        return out


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def strict_json(line: bytes) -> object:
    """``line`` parsed as RFC 8259 JSON in UTF-8; raises ``ValueError`` otherwise."""
    return json.loads(line.decode("utf-8"), parse_constant=_refuse_constant)


class _Runner:
    def __init__(self, report: FuzzReport, timeout: float, config: Path) -> None:
        self.report = report
        self.timeout = timeout
        self.config = config

    def __call__(self, command: str, *args: str) -> subprocess.CompletedProcess[bytes] | None:
        cmd = [sys.executable, "-m", "frontwire.cli.app", command, *args]
        if command != "export" and command != "stats":
            cmd += ["--config", str(self.config)]
        self.report.runs += 1
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=self.timeout, check=False)
        except subprocess.TimeoutExpired:
            self.report.hangs += 1
            self.report.problems.append(f"hang: {command} {' '.join(args)}")
            return None
        if TRACEBACK in done.stderr or TRACEBACK in done.stdout:
            self.report.tracebacks += 1
            tail = done.stderr.decode("utf-8", "replace")[-400:]
            self.report.problems.append(f"traceback: {command}: {tail}")
        if done.returncode not in EXPECTED_EXIT[command]:
            self.report.crashes += 1
            tail = done.stderr.decode("utf-8", "replace")[-300:]
            self.report.problems.append(f"exit {done.returncode}: {command}: {tail}")
        return done

    def json_lines(self, output: bytes, what: str) -> list[object]:
        rows: list[object] = []
        for number, line in enumerate(output.splitlines(), 1):
            try:
                rows.append(strict_json(line))
            except ValueError as exc:
                self.report.invalid_json_lines += 1
                self.report.problems.append(f"invalid JSON, {what} line {number}: {exc}")
        return rows


def run_fuzz(
    corpus: Corpus, work: Path, *, timeout: float = 600.0, analyze_parts: int = 1
) -> FuzzReport:
    """Ingest every part of ``corpus`` into one store, analyse the first parts as JSON, then
    ``stats`` and ``export`` every table, checking each run.

    Args:
        corpus: from :func:`frontwire_testkit.write_corpus`.
        work: a folder for the store and the config.
        timeout: seconds any one run may take before it counts as a hang.
        analyze_parts: how many parts ``analyze --json`` also reads.
    """
    started = time.perf_counter()
    report = FuzzReport(inputs=len(corpus.inputs), hidden=len(corpus.hidden))
    config = work / "fuzz.toml"
    config.write_text(f"[ingest]\nmax_bytes = {MAX_BYTES}\n", encoding="utf-8")
    db = work / "fuzz.duckdb"
    run = _Runner(report, timeout, config)
    parts = sorted(p for p in corpus.root.iterdir() if p.name.startswith("part-"))
    for part in parts:
        done = run("ingest", str(part), "--db", str(db))
        if done is not None:
            hidden = sum(1 for path in corpus.hidden if Path(path).parent == part)
            if hidden and f"skipped {hidden} hidden".encode() not in done.stderr:
                report.hidden_miscounted += 1
                report.problems.append(f"{part}: the {hidden} hidden files are not counted")
    for part in parts[:analyze_parts]:
        done = run("analyze", "--json", str(part))
        if done is not None:
            run.json_lines(done.stdout, f"analyze {part.name}")
    run("stats", "--db", str(db))
    seen: set[str] = set()
    for table in ("articles", "article_paths", "rejects", "entities", "runs"):
        done = run("export", "--db", str(db), "--table", table)
        if done is None:
            continue
        rows = run.json_lines(done.stdout, f"export {table}")
        if table == "articles":
            report.articles = len(rows)
        elif table == "article_paths":
            report.article_paths = len(rows)
            seen.update(str(row["path"]) for row in rows if isinstance(row, dict))
        elif table == "rejects":
            report.rejects = len(rows)
            for row in rows:
                if isinstance(row, dict):
                    seen.add(str(row["path"]))
                    code = str(row["code"])
                    report.rejects_by_code[code] = report.rejects_by_code.get(code, 0) + 1
    for path in corpus.inputs:
        if safe_text(path) not in seen:
            report.lost_inputs += 1
            report.problems.append(f"lost: {safe_text(path)}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    report.peak_rss_mb = round(usage.ru_maxrss / 1024, 1)  # kilobytes on Linux
    report.seconds = round(time.perf_counter() - started, 1)
    return report


def main_env() -> dict[str, str]:
    """The environment for the runs: this process's, so they import the same frontwire."""
    return dict(os.environ)


__all__ = ["EXPECTED_EXIT", "MAX_BYTES", "FuzzReport", "run_fuzz", "strict_json"]
