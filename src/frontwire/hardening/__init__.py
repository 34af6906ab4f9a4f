"""Hostile input on purpose: a generator of malformed files and a checker that runs the real
command line over them (``benchmarks/fuzz_hostile.py``, ``tests/fuzz/``)."""

from frontwire.hardening.check import FuzzReport, run_fuzz
from frontwire.hardening.hostile import KINDS, Corpus, write_corpus

__all__ = ["KINDS", "Corpus", "FuzzReport", "run_fuzz", "write_corpus"]
