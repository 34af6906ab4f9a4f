"""Test-only material, kept together outside the run-time package ``frontwire``.

Hostile input on purpose: a generator of malformed files (:mod:`.hostile`) and a checker that
runs the real command line over them (:mod:`.check`), used by ``tests/fuzz/`` and
``benchmarks/fuzz_hostile.py``. Nothing in ``frontwire`` imports this package (a layering
contract in ``pyproject.toml`` checks it) and the wheel does not ship it.
"""

from frontwire_testkit.check import FuzzReport, run_fuzz
from frontwire_testkit.hostile import KINDS, Corpus, write_corpus

__all__ = ["KINDS", "Corpus", "FuzzReport", "run_fuzz", "write_corpus"]
