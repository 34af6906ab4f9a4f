"""Fuzz run: a corpus of hostile inputs through the real command line, with its figures.

    python benchmarks/fuzz_hostile.py --inputs 10000 --folders 5 --json fuzz.json

Writes the corpus (every kind of :mod:`frontwire_testkit.hostile`, cycled) into a temporary
folder, ingests each sub-folder into one store, runs ``analyze --json`` over the first,
``stats`` and ``export`` of every table, and prints: inputs, crashes, tracebacks, hangs, lost
inputs, invalid JSON lines, peak RSS of any run and the rejects by code. Exits 1 unless there
were no crashes, tracebacks, hangs or lost inputs. Results go to docs/RELIABILITY.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from frontwire_testkit import run_fuzz, write_corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="hostile inputs to write")
    parser.add_argument("--folders", type=int, default=5, help="one ingest run per folder")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per run")
    parser.add_argument("--analyze-folders", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="frontwire-fuzz-") as folder:
        work = Path(folder)
        corpus = write_corpus(work / "corpus", args.inputs, args.seed, folders=args.folders)
        report = run_fuzz(corpus, work, timeout=args.timeout, analyze_parts=args.analyze_folders)
    figures = report.to_json()
    figures["by_kind"] = corpus.by_kind
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    sys.stdout.write(text + "\n")
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
