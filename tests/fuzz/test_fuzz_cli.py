"""The real command line over a generated corpus of hostile files, as subprocesses.

One corpus holds every kind that has broken frontwire (lone surrogates, brackets in names, a
FIFO, a symlink to /dev/zero, invisible-only text, random bytes, NaN metadata, names that are
not UTF-8, UTF-8 cut short, UTF-16/32 without a byte-order mark, 100,000 nested tags, a huge
paragraph, hidden files, duplicates ...). ``ingest``, ``analyze --json``, ``stats`` and
``export`` run over it: no traceback, documented exit codes, every input an article or a
reject, every output line RFC 8259 JSON in UTF-8, every run within its timeout.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontwire.config import load_config
from frontwire.ingest import IngestOptions, read_inputs
from frontwire.output import article_to_json
from frontwire.output.safe_json import dumps_line
from frontwire.records import Article, Reject
from frontwire_testkit import KINDS, run_fuzz, write_corpus
from frontwire_testkit.check import strict_json

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero")


def test_every_hostile_kind_runs_through_the_cli_without_traceback_hang_or_lost_input(
    tmp_path: Path,
) -> None:
    # Two of every kind, the heavy HTML once, over two folders (two ingest runs, one store).
    corpus = write_corpus(tmp_path / "corpus", 2 * len(KINDS) + 4, seed=12, folders=2)
    assert "nested_100000" in corpus.by_kind and "fifo" in corpus.by_kind
    report = run_fuzz(corpus, tmp_path, timeout=180)
    assert report.problems == []
    assert report.ok
    assert report.article_paths + report.rejects == report.inputs
    # The kinds that must be rejects are: pipes and devices, and text with no letters.
    assert report.rejects_by_code.get("FW320", 0) >= 4
    assert report.rejects_by_code.get("FW322", 0) >= 2


@pytest.mark.slow
def test_a_thousand_hostile_inputs_hold_every_invariant(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 1000, seed=7, folders=2)
    report = run_fuzz(corpus, tmp_path, timeout=600)
    assert report.problems == [] and report.ok


_OPTIONS = IngestOptions(max_bytes=4096, keep_payload_chars=100)
_CONFIG = load_config()

# Bytes that mimic hostile inputs: raw bytes, text with surrogates encoded loosely, wide
# encodings, JSON Lines records carrying NaN or odd values.
_json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
_contents = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(st.text(max_size=100), st.sampled_from(["utf-16-le", "utf-16-be", "utf-32-le"])).map(
        lambda pair: pair[0].encode(pair[1], "surrogatepass")
    ),
    st.tuples(st.text(max_size=80), _json_values).map(lambda pair: _record(*pair)),
)


def _record(text: str, meta: object) -> bytes:
    """A JSON Lines record whose metadata may be NaN or Infinity, as Python's json writes."""
    raw = json.dumps({"text": text, "meta": meta}, allow_nan=True)
    return (raw + "\n").encode("utf-8", "surrogatepass")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=_contents, suffix=st.sampled_from([".txt", ".jsonl", ".html", ""]))
def test_any_bytes_become_articles_or_rejects_and_valid_json(
    tmp_path: Path, content: bytes, suffix: str
) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(content)
    items = list(read_inputs([str(path)], _OPTIONS))
    assert items, "every input is accounted for"
    for item in items:
        assert isinstance(item, (Article, Reject))
        if isinstance(item, Article):
            line = dumps_line(article_to_json(item)).encode("utf-8")
            strict_json(line)  # RFC 8259 in UTF-8: no NaN, no lone surrogate
        else:
            assert item.code.startswith("FW3") and item.reason


def test_fuzz_checker_catches_a_traceback_and_a_lost_input(tmp_path: Path) -> None:
    # The checker itself must be able to fail: a corpus naming an input that does not exist
    # is a lost input, and a crashing run (a store path that is a folder for export) is seen.
    corpus = write_corpus(tmp_path / "corpus", 3, seed=1)
    corpus.inputs.append(os.path.join(str(corpus.root), "part-0", "never-written.txt"))
    report = run_fuzz(corpus, tmp_path, timeout=120, analyze_parts=0)
    assert report.lost_inputs == 1 and not report.ok
